// Sections: real headings, plus the bold or plain lines that a third of real postmortems use as titles
// ('**Timeline:**', 'Root Cause and Resolution', '#Timeline' without its space). A bold or plain line
// is a section when it names a profile section at least as well as anything else in the document, or
// when it is written like the document's other titles; so the '**Root Cause**:' label inside an
// '## Issue Summary' stays a label, while '**Root Cause:**' between '**Issue Summary:**' and
// '**Timeline:**' is a section of its own. Titles inside HTML blocks ('<h3>Timeline</h3>') are sections
// of style 'html': read, never rewritten, as markdown-it reads their lines as HTML.
import type { Range } from '../finding';
import type { SourceText } from '../sourceText';
import { inlineChildren, type Block } from './blocks';
import { inlineLines, rawInlineLine, simpleInlineLine, stripMarkup, type InlineLine } from './markup';
import type { Section, SectionStyle } from './model';
import type { Profile } from './profile';
import { matchKeywords, matchSection, type SectionMatch } from './sectionNames';

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
/** An ATX heading line that an HTML block swallowed ('<img ...>' then '## Issue Summary' with no blank line). */
const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const MISSING_HASH_SPACE = /^ {0,3}(#{1,6})(?=[^\s#\d])/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Longest line still read as a title; anything longer is prose. */
const MAX_TITLE_LENGTH = 80;

export function readOutline(blocks: readonly Block[], source: SourceText, profile: Profile): Outline {
  const candidates = collectCandidates(blocks, source, profile);
  const candidateLines = new Set<number>();
  for (const c of candidates) for (let n = c.line; n <= c.endLine; n++) candidateLines.add(n);
  const content = contentLineCounts(blocks, source, candidateLines);
  const sections = chooseSections(candidates, source, content);
  const titleLines = new Set<number>();
  for (const s of sections) for (let n = s.range.start.line; n <= s.range.end.line; n++) titleLines.add(n);
  return { sections, titleLines, title: findTitle(sections, blocks, source, titleLines) };
}

function collectCandidates(blocks: readonly Block[], source: SourceText, profile: Profile): Candidate[] {
  const candidates: Candidate[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const content = block.inline!.content;
      const title = (simpleInlineLine(content, true) ?? inlineLines(inlineChildren(block), 1)?.[0])?.text.trim() ?? stripMarkup(content);
      candidates.push({ line: block.line, endLine: block.endLine, title, style: 'heading', level: block.level, real: true, match: headingMatch(profile, title) });
    } else if (block.kind === 'html') {
      // A reader sees the titles of a document written in HTML, and a '## Timeline' that an '<img>' line
      // above swallowed into its block. Style 'html': no fix rewrites them or writes inside their block.
      // A swallowed '#' line counts only when it names a section: otherwise it is any text of the block.
      for (let n = block.line; n <= block.endLine; n++) {
        const raw = source.line(n);
        const tag = HTML_HEADING.exec(raw);
        const atx = tag ? undefined : ATX_HEADING.exec(raw);
        const title = stripMarkup((tag ?? atx)?.[2] ?? '').trim();
        if (!title) continue;
        const match = headingMatch(profile, title);
        if (tag || match) candidates.push({ line: n, endLine: n, title, style: 'html', level: tag ? Number(tag[1]) : atx![1].length, real: true, match });
      }
    } else if (block.kind === 'paragraph' && !block.quoted) {
      for (let line = block.line; line <= block.endLine; line++) {
        const raw = source.line(line);
        // In a list item, only a line back at the margin (a lazy continuation) reads as a title.
        if (block.item && (line === block.item.line || /^\s/.test(raw))) continue;
        if (!mayBeTitle(raw)) continue;
        const { text, bold } = paragraphLine(block, source, line);
        if (!text || text.length > MAX_TITLE_LENGTH || !titleLike(text)) continue;
        const hashes = MISSING_HASH_SPACE.exec(raw);
        if (hashes) {
          const title = text.replace(/^#+/, '').trim();
          candidates.push({ line, endLine: line, title, style: 'heading', level: hashes[1].length, real: true, match: headingMatch(profile, title), missingHashSpace: true });
          continue;
        }
        const match = matchSection(profile, text);
        if (match) candidates.push({ line, endLine: line, title: text, style: bold ? 'bold' : 'plain', real: false, match });
      }
    }
  }
  return candidates;
}

/** A heading is a section whatever its title, so its words alone may say which one it is. */
function headingMatch(profile: Profile, title: string): SectionMatch | undefined {
  return matchSection(profile, title) ?? matchKeywords(profile, title);
}

/** A cheap look at the raw line first: a 'Label: content' line (any timeline line) is never a title. */
function mayBeTitle(raw: string): boolean {
  const colon = raw.indexOf(':');
  return raw.length < 240 && (colon < 0 || !LETTER_OR_DIGIT.test(raw.slice(colon + 1)) || raw.includes('<'));
}

/** Short, and not a sentence: few words, no full stop or question mark at the end, no 'Label: content'. */
function titleLike(text: string): boolean {
  let words = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32 && ++words > 10) return false;
  const colon = text.indexOf(':');
  return (colon < 0 || !LETTER_OR_DIGIT.test(text.slice(colon + 1))) && !text.endsWith('?') && (words <= 3 || !text.endsWith('.'));
}

/** Lines of the paragraphs whose inline tokens were needed, read once per paragraph. */
const parsedLines = new WeakMap<Block, InlineLine[]>();

/** One line of a paragraph as a reader sees it. */
function paragraphLine(block: Block, source: SourceText, line: number): InlineLine {
  const simple = simpleInlineLine(source.line(line), block.line === block.endLine);
  if (simple) return simple;
  let lines = parsedLines.get(block);
  if (!lines) parsedLines.set(block, (lines = paragraphLines(block, source)));
  return lines[line - block.line];
}

/** The text of each line of a paragraph, from its inline tokens when they line up with the source. */
function paragraphLines(block: Block, source: SourceText): InlineLine[] {
  const count = block.endLine - block.line + 1;
  const lines = block.inline && inlineLines(inlineChildren(block), count);
  if (lines) return lines;
  const raw: InlineLine[] = [];
  for (let n = block.line; n <= block.endLine; n++) raw.push(rawInlineLine(source.line(n)));
  return raw;
}

interface OpenSection {
  index: number;
  /** Closed by the next title at this level or above; lowered when it adopts sub-sections written at its own level. */
  closesAt: number;
}

/** The level at which an open section closes, once `adopter` has adopted a heading at `level`. */
function closingLevel(open: OpenSection, adopter: OpenSection | undefined, level: number): number {
  return open === adopter ? Math.min(open.closesAt, level - 1) : open.closesAt;
}

/** A bold or plain title's look: its style, and whether it ends with ':' like 'Issue Summary:'. */
const format = (c: Candidate) => `${c.style}${/[:;]\s*$/.test(c.title) ? ':' : ''}`;

/**
 * Chooses the candidates that are sections, names them, and ends their bodies. Two passes: the first
 * learns how the document writes the titles it names surely; the second also names the lines written
 * the same way ('**Resolution:**' next to '**Timeline:**').
 */
function chooseSections(candidates: Candidate[], source: SourceText, content: Uint32Array): Section[] {
  const bestTier = new Map<string, number>();
  const headingLevels = new Map<number, number>();
  for (const c of candidates) {
    if (!c.match) continue;
    bestTier.set(c.match.spec.key, Math.max(bestTier.get(c.match.spec.key) ?? 0, c.match.tier));
    if (c.level !== undefined) headingLevels.set(c.level, (headingLevels.get(c.level) ?? 0) + 1);
  }
  // Bold and plain titles take the level the document gives its named headings most often.
  let pseudoLevel = 2;
  let most = 0;
  for (const [level, count] of [...headingLevels].sort((a, b) => a[0] - b[0])) {
    if (count > most) [pseudoLevel, most] = [level, count];
  }
  const detached = detachedFields(candidates, bestTier);
  const sure = selectSections(candidates, source, content, { bestTier, pseudoLevel, detached });
  const formats = new Set(sure.filter((c) => c.named && !c.candidate.real).map((c) => format(c.candidate)));
  const chosen = formats.size ? selectSections(candidates, source, content, { bestTier, pseudoLevel, detached, formats }) : sure;
  return chosen.map((c) => c.section);
}

/**
 * Headings that name a section more weakly than the document's best name for it, with another section
 * between them: '### Root Cause:' among the summary's fields, long before 'Root Cause and Resolution:'.
 * A weaker name right next to the best one is the same section written twice ('## Overview' then
 * '## Issue Summary') and keeps its name.
 */
function detachedFields(candidates: Candidate[], bestTier: Map<string, number>): Set<Candidate> {
  const sure = (c: Candidate) => !!c.match && c.match.tier === bestTier.get(c.match.spec.key);
  const weak = (c: Candidate) => c.real && !!c.match && !sure(c);
  /** For each candidate, whether the nearest sure title of its key on that side lies beyond another section. */
  const separatedFrom = (order: Candidate[]) => {
    const separated = new Map<Candidate, boolean>();
    const lastSure = new Map<string, number>();
    // The two latest titles that can separate, of different keys: one of them differs from any key.
    let latest: { at: number; key: string } | undefined;
    let other: { at: number; key: string } | undefined;
    order.forEach((c, at) => {
      const key = c.match?.spec.key;
      if (!key) return;
      if (weak(c)) {
        const separator = latest?.key !== key ? latest : other;
        separated.set(c, !lastSure.has(key) || (separator !== undefined && separator.at > lastSure.get(key)!));
      }
      if (sure(c)) lastSure.set(key, at);
      if (c.real || sure(c)) {
        if (latest && latest.key !== key) other = latest;
        latest = { at, key };
      }
    });
    return separated;
  };
  const before = separatedFrom(candidates);
  const after = separatedFrom([...candidates].reverse());
  return new Set(candidates.filter((c) => before.get(c) && after.get(c)));
}

interface Chosen {
  candidate: Candidate;
  section: Section;
  named: boolean;
}

interface Selection {
  bestTier: Map<string, number>;
  pseudoLevel: number;
  detached: Set<Candidate>;
  /** How the surely named bold and plain titles are written; lines written the same way are titles too. */
  formats?: Set<string>;
}

function selectSections(candidates: Candidate[], source: SourceText, content: Uint32Array, { bestTier, pseudoLevel, detached, formats }: Selection): Chosen[] {
  const lastLine = source.lineCount - 1;
  const chosen: Chosen[] = [];
  const ends: number[] = [];
  const open: OpenSection[] = [];
  const tierOf = (i: number) => chosen[i].candidate.match?.tier ?? 0;
  // Nothing but titles between a section's title and this line.
  const untouched = (i: number, line: number) => content[line] === content[chosen[i].section.range.end.line + 1];
  /** Whether the latest title at the titles' level (`pseudoLevel`) names a section. */
  let afterNamedTitle = false;

  for (const [i, c] of candidates.entries()) {
    const level = c.level ?? pseudoLevel;
    const key = c.match?.spec.key;
    const tier = c.match?.tier ?? 0;
    // '**Corrective and Preventative Measures:**' straight followed by '# Improvements:': the heading
    // right under a named title, with nothing between, is its sub-section even at the same level. Not a
    // heading that names another section, or this one better: '## Timeline' then '## Resolution' are two
    // sections, as they are when written as plain lines.
    const adopter = c.real
      ? open.find((o) => {
          const owner = chosen[o.index].section.key;
          const names = key !== undefined && (key !== owner || tier >= tierOf(o.index));
          return owner && !names && o.closesAt >= level && untouched(o.index, c.line);
        })
      : undefined;

    let current: Section | undefined;
    let currentTier = 0;
    let enclosing: Section | undefined;
    for (let k = open.length - 1; k >= 0; k--) {
      const section = chosen[open[k].index].section;
      if (!section.key) continue;
      if (!current) [current, currentTier] = [section, tierOf(open[k].index)];
      if (closingLevel(open[k], adopter, level) < level) {
        enclosing = section;
        break;
      }
    }
    let named: string | undefined;
    if (key) {
      // A part of the section it sits in ('### Action Items' under '## Corrective Measures', 'Root Cause:'
      // under 'Root Cause and Resolution:'), or a weaker name nested in another section ('### Root Cause:'
      // under '## Issue Summary') names no section of its own. A real heading sits in a section only below
      // its level: at the same level or above it closes it ('## ROOT CAUSES' then '## MEASURES TAKEN TO
      // ARREST THE ISSUE' are two sections). A weaker name with text of its own, right after a named title
      // at the titles' level, is a title too ('## Issue Summary', '## Root Cause', '## Timeline', as the
      // pseudo-heading fix writes '**Root Cause:**' between '**Issue Summary:**' and '**Timeline:**');
      // after an unnamed one, it is one of a run of fields ('### Impact:', '### Root Cause:'), and straight
      // above named titles it only holds them ('## Root Cause and Resolution' over '**Root Cause**:').
      const part = current?.key === key && (level > current.level || (!c.real && tier < currentTier));
      const strongest = tier === bestTier.get(key);
      const ownText = content[candidates[i + 1]?.line ?? lastLine + 1] > content[c.endLine + 1];
      const amongTitles: boolean = level === pseudoLevel && afterNamedTitle && ownText;
      if (c.real) named = part || enclosing?.key === key || (!amongTitles && ((enclosing && !strongest) || detached.has(c))) ? undefined : key;
      else named = !part && enclosing?.key !== key && (strongest || formats?.has(format(c))) ? key : undefined;
    }
    if (!c.real && !named) continue;
    if (level === pseudoLevel) afterNamedTitle = named !== undefined;

    for (let k = open.length - 1; k >= 0; k--) {
      const o = open[k];
      if (o === adopter && !named) {
        o.closesAt = closingLevel(o, adopter, level);
        continue;
      }
      if (o.closesAt >= level || (named && chosen[o.index].section.key)) {
        ends[o.index] = c.line - 1;
        open.splice(k, 1);
      }
    }
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
    open.push({ index: chosen.length, closesAt: level });
    ends.push(lastLine);
    chosen.push({ candidate: c, section, named: !!named });
  }

  chosen.forEach(({ section }, i) => {
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
  return chosen;
}

/** Prefix sums of lines with content: anything but blank lines, title lines, thematic breaks and HTML comments. */
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
      if (markup && raw.includes('<') ? !raw.replace(/<(?!img\b)[^<>]*>/gi, '').trim() : !raw.trim()) continue;
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
  const headings = sections.filter((s) => (s.style === 'heading' || s.style === 'html') && !s.key && s.range.start.line < firstNamed);
  const heading = headings.find((s) => s.level === 1) ?? headings[0];
  if (heading) return { text: heading.title, range: heading.range };
  for (const block of blocks) {
    if (block.line >= firstNamed) break;
    if (block.kind !== 'paragraph' || block.item || block.quoted) continue;
    const first = paragraphLine(block, source, block.line);
    if (!first?.text || titleLines.has(block.line) || first.text.length > 120) continue;
    const raw = source.line(block.line);
    const start = raw.length - raw.trimStart().length;
    return { text: first.text, range: { start: { line: block.line, character: start }, end: { line: block.line, character: raw.trimEnd().length } } };
  }
  return undefined;
}
