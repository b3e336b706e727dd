// Sections: real headings, plus the bold or plain lines that a third of real postmortems use as titles
// ('**Timeline:**', 'Root Cause and Resolution', '#Timeline' without its space). A bold or plain line
// is only a section when it names one of the profile's sections at least as well as anything else in
// the document does, so the '**Root Cause**:' label inside an issue summary does not compete with the
// '## Root Cause and Resolution' heading further down.
import type { Range } from '../finding';
import type { SourceText } from '../sourceText';
import type { Block } from './blocks';
import { inlineLines, rawInlineLine, stripMarkup, type InlineLine } from './markup';
import type { Section, SectionStyle } from './model';
import type { Profile } from './profile';
import { matchSection, type SectionMatch } from './sectionNames';

export interface Outline {
  sections: Section[];
  title?: { text: string; range: Range };
  /** Lines holding a section title (pseudo-headings sit inside paragraphs). */
  titleLines: Set<number>;
}

interface Candidate {
  line: number;
  endLine: number;
  title: string;
  style: SectionStyle;
  /** Heading level of a real heading or of '#Title'; undefined for bold and plain lines. */
  level?: number;
  /** Real headings (Markdown, HTML, or '#Title') are sections whatever their title. */
  real: boolean;
  match?: SectionMatch;
  missingHashSpace?: boolean;
}

const HTML_HEADING = /^\s*<h([1-6])\b[^>]*>(.*?)<\/h\1\s*>/i;
/** An ATX heading swallowed by a preceding HTML block ('<img ...>' then '## Issue Summary' with no blank line). */
const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const MISSING_HASH_SPACE = /^ {0,3}(#{1,6})(?=[^\s#\d])/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Longest line still read as a title; anything longer is prose. */
const MAX_TITLE_LENGTH = 80;

export function readOutline(blocks: readonly Block[], source: SourceText, profile: Profile): Outline {
  const candidates = collectCandidates(blocks, source, profile);
  const sections = chooseSections(candidates, source);
  const titleLines = new Set<number>();
  for (const s of sections) for (let n = s.range.start.line; n <= s.range.end.line; n++) titleLines.add(n);
  setBodies(sections, blocks, source, titleLines);
  return { sections, titleLines, title: findTitle(sections, blocks, source, titleLines) };
}

function collectCandidates(blocks: readonly Block[], source: SourceText, profile: Profile): Candidate[] {
  const candidates: Candidate[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const title = (inlineLines(block.inline!, 1)?.[0].text ?? stripMarkup(block.inline!.content)).trim();
      candidates.push({ line: block.line, endLine: block.endLine, title, style: 'heading', level: block.level, real: true, match: matchSection(profile, title) });
    } else if (block.kind === 'html') {
      for (let n = block.line; n <= block.endLine; n++) {
        const raw = source.line(n);
        const m = HTML_HEADING.exec(raw) ?? ATX_HEADING.exec(raw);
        if (!m) continue;
        const title = stripMarkup(m[2]);
        const level = /^\d$/.test(m[1]) ? Number(m[1]) : m[1].length;
        if (title) candidates.push({ line: n, endLine: n, title, style: 'heading', level, real: true, match: matchSection(profile, title) });
      }
    } else if (block.kind === 'paragraph' && !block.quoted) {
      let lines: InlineLine[] | undefined;
      for (let line = block.line; line <= block.endLine; line++) {
        const raw = source.line(line);
        // In a list item, only a line back at the margin (a lazy continuation) reads as a title.
        if (block.item && (line === block.item.line || /^\s/.test(raw))) continue;
        if (!mayBeTitle(raw)) continue;
        lines ??= paragraphLines(block, source);
        const { text, bold } = lines[line - block.line];
        if (!text || text.length > MAX_TITLE_LENGTH || !titleLike(text)) continue;
        const hashes = MISSING_HASH_SPACE.exec(raw);
        if (hashes) {
          const title = text.replace(/^#+/, '').trim();
          candidates.push({ line, endLine: line, title, style: 'heading', level: hashes[1].length, real: true, match: matchSection(profile, title), missingHashSpace: true });
          continue;
        }
        const match = matchSection(profile, text);
        if (match) candidates.push({ line, endLine: line, title: text, style: bold ? 'bold' : 'plain', real: false, match });
      }
    }
  }
  return candidates;
}

/** A cheap look at the raw line first: a 'Label: content' line (any timeline line) is never a title. */
function mayBeTitle(raw: string): boolean {
  const colon = raw.indexOf(':');
  return raw.length < 240 && (colon < 0 || !LETTER_OR_DIGIT.test(raw.slice(colon + 1)) || raw.includes('<'));
}

/** Short, and not a sentence: few words, no full stop at the end, no 'Label: content'. */
function titleLike(text: string): boolean {
  let words = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32 && ++words > 10) return false;
  const colon = text.indexOf(':');
  return (colon < 0 || !LETTER_OR_DIGIT.test(text.slice(colon + 1))) && (words <= 3 || !text.endsWith('.'));
}

/** The text of each line of a paragraph, from its inline tokens when they line up with the source. */
export function paragraphLines(block: Block, source: SourceText): InlineLine[] {
  const count = block.endLine - block.line + 1;
  const lines = block.inline && inlineLines(block.inline, count);
  if (lines) return lines;
  const raw: InlineLine[] = [];
  for (let n = block.line; n <= block.endLine; n++) raw.push(rawInlineLine(source.line(n)));
  return raw;
}

function chooseSections(candidates: Candidate[], source: SourceText): Section[] {
  const bestTier = new Map<string, number>();
  const headingLevels = new Map<number, number>();
  for (const c of candidates) {
    if (!c.match) continue;
    bestTier.set(c.match.spec.key, Math.max(bestTier.get(c.match.spec.key) ?? 0, c.match.tier));
    if (c.level !== undefined) headingLevels.set(c.level, (headingLevels.get(c.level) ?? 0) + 1);
  }
  // Bold and plain titles take the level the document gives its named sections most often.
  let pseudoLevel = 2;
  let most = 0;
  for (const [level, count] of [...headingLevels].sort((a, b) => a[0] - b[0])) {
    if (count > most) [pseudoLevel, most] = [level, count];
  }

  const sections: Section[] = [];
  const open: Array<{ level: number; key?: string; style: SectionStyle }> = [];
  for (const c of candidates) {
    const level = c.level ?? pseudoLevel;
    let enclosing: (typeof open)[number] | undefined;
    let current: (typeof open)[number] | undefined;
    for (let i = open.length - 1; i >= 0; i--) {
      if (!open[i].key) continue;
      current ??= open[i];
      if (open[i].level < level) {
        enclosing = open[i];
        break;
      }
    }
    const match = c.match;
    // A weaker name than the document's best for that section, or a sub-heading repeating its parent's
    // section ('### Action Items' under '## Corrective Measures'), names no section of its own.
    const named = match && match.tier === bestTier.get(match.spec.key) && enclosing?.key !== match.spec.key ? match.spec.key : undefined;
    // Such a bold or plain line is still a title when it looks like the titles of the document's
    // sections ('**Resolution:**' after '**Timeline:**'), and a label inside one otherwise.
    const title = c.real || named || (current && current.key !== match?.spec.key && current.style === c.style);
    if (!title) continue;
    while (open.length && open[open.length - 1].level >= level) open.pop();
    if (named) for (let i = open.length - 1; i >= 0; i--) if (open[i].key) open.splice(i, 1);
    open.push({ level, key: named, style: c.style });

    const first = source.line(c.line);
    const section: Section = {
      key: named,
      title: c.title,
      style: c.style,
      level,
      range: { start: { line: c.line, character: first.length - first.trimStart().length }, end: { line: c.endLine, character: source.line(c.endLine).length } },
      bodyRange: { start: { line: c.endLine + 1, character: 0 }, end: { line: c.endLine + 1, character: 0 } },
      empty: true,
    };
    if (c.missingHashSpace) section.missingHashSpace = true;
    sections.push(section);
  }
  return sections;
}

/**
 * A section's body runs to the next section of the same or a higher level. A named section also ends
 * where the next named section starts, whatever its level: documents often nest their sections
 * inconsistently ('## Issue Summary' followed by '### Root Cause and Resolution').
 */
function setBodies(sections: Section[], blocks: readonly Block[], source: SourceText, titleLines: Set<number>): void {
  const lastLine = source.lineCount - 1;
  const content = contentLineCounts(blocks, source, titleLines);
  const ends = sections.map(() => lastLine);
  // The level at which a section closes; lowered when it adopts sub-sections written at its own level.
  const closesAt = sections.map((s) => s.level);
  const stack: number[] = [];
  for (let j = 0; j < sections.length; j++) {
    const next = sections[j];
    const at = next.range.start.line;
    for (let k = stack.length - 1; k >= 0; k--) {
      const i = stack[k];
      const open = sections[i];
      if (next.key ? !open.key && closesAt[i] < next.level : closesAt[i] < next.level) continue;
      // '**Corrective and Preventative Measures:**' straight followed by '# Improvements:': the
      // unnamed heading right under a named title, with nothing between, belongs to it.
      if (!next.key && open.key && content[at] === content[open.range.end.line + 1]) {
        closesAt[i] = Math.min(closesAt[i], next.level - 1);
        continue;
      }
      ends[i] = at - 1;
      stack.splice(k, 1);
    }
    stack.push(j);
  }

  sections.forEach((section, i) => {
    const start = section.range.end.line + 1;
    const end = ends[i];
    if (end >= start) {
      section.bodyRange = { start: { line: start, character: 0 }, end: { line: end, character: source.line(end).length } };
      section.empty = content[end + 1] - content[start] === 0;
    } else {
      // No body lines: an empty range where the body would start.
      const at = start <= lastLine ? { line: start, character: 0 } : { line: lastLine, character: source.line(lastLine).length };
      section.bodyRange = { start: at, end: { ...at } };
    }
  });
}

/** Prefix sums of lines with content: anything but blank lines, titles, thematic breaks and HTML comments. */
function contentLineCounts(blocks: readonly Block[], source: SourceText, titleLines: Set<number>): Uint32Array {
  const isContent = new Uint8Array(source.lineCount);
  for (const block of blocks) {
    if (block.kind === 'heading' || block.kind === 'rule') continue;
    if (block.kind === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(block.token.content)) continue;
    const markup = block.kind === 'html' || block.kind === 'paragraph';
    for (let n = block.line; n <= block.endLine; n++) {
      if (titleLines.has(n)) continue;
      const raw = source.line(n);
      // Tags and comments alone ('</ul>', '<!-- prompt -->') are not content; an image is.
      if (markup && raw.includes('<') ? !raw.replace(/<!--.*?-->|<(?!img\b)[^>]*>/gi, '').trim() : !raw.trim()) continue;
      isContent[n] = 1;
    }
  }
  const counts = new Uint32Array(source.lineCount + 1);
  for (let n = 0; n < source.lineCount; n++) counts[n + 1] = counts[n] + isContent[n];
  return counts;
}

/** The first level-1 heading before the first named section, else the first heading, else the first line of text. */
function findTitle(sections: Section[], blocks: readonly Block[], source: SourceText, titleLines: Set<number>): Outline['title'] {
  const firstNamed = sections.find((s) => s.key)?.range.start.line ?? source.lineCount;
  const headings = sections.filter((s) => s.style === 'heading' && !s.key && s.range.start.line < firstNamed);
  const heading = headings.find((s) => s.level === 1) ?? headings[0];
  if (heading) return { text: heading.title, range: heading.range };
  for (const block of blocks) {
    if (block.line >= firstNamed) break;
    if (block.kind !== 'paragraph' || block.item || block.quoted) continue;
    const [first] = paragraphLines(block, source);
    if (!first?.text || titleLines.has(block.line) || first.text.length > 120) continue;
    const raw = source.line(block.line);
    const start = raw.length - raw.trimStart().length;
    return { text: first.text, range: { start: { line: block.line, character: start }, end: { line: block.line, character: raw.trimEnd().length } } };
  }
  return undefined;
}
