// Rules about the document's sections: presence, order, content, and how their titles are written.
import { range, type Range, type TextEdit } from '../../finding';
import type { SourceText } from '../../sourceText';
import type { CodeFence, PostmortemModel, Section } from '../model';
import type { Profile, SectionSpec } from '../profile';
import { renderSectionSkeleton } from '../profiles';
import type { Rule } from './rule';
import { insertAt, insertBlockAt, lineBreak, lineOutsideHtml } from './edits';
import { contains, sectionSpan } from './scope';

/**
 * The profile sections of each postmortem, outermost only (a 'Root Cause:' label inside the summary is not a
 * section of its own). A document can hold several postmortems (the seed holds a plain and a fun version):
 * the next one starts at the next opening section, the earliest in profile order that the document has (the
 * summary, usually). Sections before the first opening one belong to the first postmortem. So inserting a
 * missing section never moves a boundary: it lands inside its postmortem, or opens it where it starts.
 */
function postmortems(model: PostmortemModel, profile: Profile): Section[][] {
  const keyed = model.sections.filter((s) => s.key !== undefined && specIndex(profile, s.key) >= 0);
  const outermost = keyed.filter((s) => !keyed.some((o) => o !== s && o.level < s.level && contains(sectionSpan(o), s.range)));
  const opening = Math.min(...outermost.map((s) => specIndex(profile, s.key)));
  const opens = (section: Section) => specIndex(profile, section.key) === opening;
  const groups: Section[][] = [[]];
  for (const section of outermost) {
    const group = groups[groups.length - 1];
    if (opens(section) && group.some(opens)) groups.push([section]);
    else group.push(section);
  }
  // An opening section alone opens no postmortem. Before another (a title written twice) it belongs to that
  // one; after the last (a closing "Summary") it is a remark of its own.
  for (let i = groups.length - 2; i >= 0; i--) if (groups[i].length === 1) groups.splice(i, 2, [...groups[i], ...groups[i + 1]]);
  if (groups.length > 1 && groups[groups.length - 1].length === 1) groups.pop();
  return groups;
}

function specIndex(profile: Profile, key: string | undefined): number {
  return profile.sections.findIndex((spec) => spec.key === key);
}

function quoteTitles(specs: readonly SectionSpec[]): string {
  return specs.map((spec) => `"${spec.title}"`).join(', ');
}

/** Line after the section's last body line: where the next section begins. */
function lineAfter(section: Section): number {
  const { start, end } = section.bodyRange;
  // An empty body is an empty range where the body would start, which is already the next section's line.
  const emptyBody = start.line === end.line && start.character === end.character;
  return emptyBody ? section.range.end.line + 1 : Math.max(section.range.end.line, end.line) + 1;
}

const missingSection: Rule = {
  meta: {
    id: 'PM001',
    name: 'missing-section',
    description: 'A section the profile requires is missing.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, source, profile, report }) {
    postmortems(model, profile).forEach((group, groupIndex) => {
      profile.sections.forEach((spec, index) => {
        if (!spec.required || group.some((s) => s.key === spec.key)) return;
        // The neighbours in profile order: the latest section before this one, the earliest after it.
        const ranked = group.map((section) => ({ section, rank: specIndex(profile, section.key) }));
        type Ranked = (typeof ranked)[number];
        const previous = ranked.filter((r) => r.rank < index).reduce<Ranked | undefined>((best, r) => (!best || r.rank >= best.rank ? r : best), undefined)?.section;
        const next = ranked.filter((r) => r.rank > index).reduce<Ranked | undefined>((best, r) => (!best || r.rank < best.rank ? r : best), undefined)?.section;
        // Always a real heading, at the neighbours' level: a bold or plain title would only draw pseudo-heading's fix.
        const skeleton = renderSectionSkeleton(spec, { style: 'heading', level: (previous ?? next)?.level ?? 2, eol: lineBreak(source) });
        // The profile's first section goes right under the document title, where its content usually already sits.
        const title =
          index === 0 && groupIndex === 0 && model.title && (!next || model.title.range.end.line < next.range.start.line) ? model.title : undefined;
        // Never inside an HTML block: after it when the section follows its neighbour, else before it.
        const after = previous !== undefined || title !== undefined;
        const line = lineOutsideHtml(model, previous ? lineAfter(previous) : title ? title.range.end.line + 1 : next ? next.range.start.line : source.lineCount, after);
        const place = previous ? `after "${previous.title}"` : next ? `before "${next.title}"` : 'in this document';
        const aliases = spec.aliases.length > 0 ? ` (also recognised: ${spec.aliases.slice(0, 3).map((a) => `"${a}"`).join(', ')})` : '';
        const fence = openFenceAt(model, source, line);
        report({
          range: (next ?? previous)?.range ?? model.title?.range ?? source.lineRange(0),
          message:
            `Missing required section "${spec.title}"${aliases}: the ${profile.name} profile expects it ${place}.` +
            (fence ? ` Close the code fence on line ${fence.range.start.line + 1} to insert it.` : ''),
          fixes: fence ? [] : [{ title: `Insert a "${spec.title}" section`, edits: [insertBlockAt(source, line, skeleton)], preferred: true }],
        });
      });
    });
  },
};

/** An unclosed fence that runs over `line` (an open fence reaches past the blank lines after its code). */
function openFenceAt(model: PostmortemModel, source: SourceText, line: number): CodeFence | undefined {
  const blankUntil = (from: number) => {
    for (let l = from; l < Math.min(line, source.lineCount); l++) if (source.line(l).trim() !== '') return false;
    return true;
  };
  return model.fences.find((f) => f.unterminated && f.range.start.line < line && blankUntil(f.range.end.line + 1));
}

const sectionOrder: Rule = {
  meta: {
    id: 'PM002',
    name: 'section-order',
    description: "A section comes after one that the profile puts later.",
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, source, profile, report }) {
    for (const group of postmortems(model, profile)) {
      group.forEach((section, position) => {
        const index = specIndex(profile, section.key);
        const later = group.slice(0, position).find((s) => specIndex(profile, s.key) > index);
        if (!later) return;
        const order = quoteTitles(profile.sections.filter((spec) => group.some((s) => s.key === spec.key)));
        report({
          range: section.range,
          message: `Section "${section.title}" should come before "${later.title}" (line ${later.range.start.line + 1}); the ${profile.name} profile order is ${order}.`,
          related: [{ range: later.range, message: `"${later.title}" should follow "${section.title}"` }],
          fixes: [{ title: `Move "${section.title}" before "${later.title}"`, edits: moveSection(source, section, later.range.start.line) }],
        });
      });
    }
  },
};

/** Moves the section's whole block (title and body) to just before line `to`: text moves, none is lost. */
function moveSection(source: SourceText, section: Section, to: number): TextEdit[] {
  const from = section.range.start.line;
  const end = lineAfter(section);
  const startOffset = source.lineStarts[from];
  const endOffset = end < source.lineCount ? source.lineStarts[end] : source.text.length;
  const nl = lineBreak(source);
  let block = source.text.slice(startOffset, endOffset);
  if (!block.endsWith('\n')) block += nl;
  if (source.line(end - 1).trim() !== '') block += nl;
  return [
    insertAt({ line: to, character: 0 }, block),
    { range: { start: source.positionAt(startOffset), end: source.positionAt(endOffset) }, newText: '' },
  ];
}

const emptySection: Rule = {
  meta: {
    id: 'PM003',
    name: 'empty-section',
    description: 'A profile section has a title but nothing in it.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ model, profile, report }) {
    for (const section of model.sections) {
      const spec = profile.sections.find((s) => s.key === section.key);
      if (!spec || !section.empty) continue;
      report({ range: section.range, message: `Section "${section.title}" is empty; expected: ${spec.prompt}` });
    }
  },
};

/** The span of a pseudo-heading's title text on its line, without indentation. */
function titleSpan(source: SourceText, section: Section): Range {
  const line = section.range.start.line;
  const text = source.line(line);
  const start = text.length - text.trimStart().length;
  return range(line, start, line, text.trimEnd().length);
}

/** '**Timeline:**' → 'Timeline': strips the emphasis around a title and the label punctuation after it, keeps every word. */
function headingText(title: string): string {
  return title.replace(/^[\s*_]+/, '').replace(/[\s*_:;.,\-–—]+$/, '');
}

const pseudoHeading: Rule = {
  meta: {
    id: 'PM004',
    name: 'pseudo-heading',
    description: 'A bold or plain line is used as a section title instead of a Markdown heading.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, source, report }) {
    for (const section of model.sections) {
      // An HTML title is a heading already, and its line is the HTML block's to keep.
      if (section.style === 'heading' || section.style === 'html' || section.key === undefined) continue;
      const span = titleSpan(source, section);
      const written = source.slice(span);
      const words = headingText(written);
      const heading = `${'#'.repeat(section.level)} ${words}`;
      const style = section.style === 'bold' ? 'bold text' : 'a plain line';
      // Inside a list item or a blockquote, a heading would drop the marker and leave the container.
      const nested = /^([-*+]\s|\d+[.)]\s|>)/.test(written);
      // The heading replaces the indentation too: indented four spaces, it would stay paragraph text or become code.
      const line = { start: { line: span.start.line, character: 0 }, end: span.end };
      report({
        range: span,
        message: `"${written}" is ${style}, not a heading: outlines, links and folding will not see it. Write it as "${heading}".`,
        fixes: nested ? [] : [{ title: `Make "${words}" a level ${section.level} heading`, edits: [{ range: line, newText: heading }], preferred: true }],
      });
    }
  },
};

const headingHashSpace: Rule = {
  meta: {
    id: 'PM005',
    name: 'heading-hash-space',
    description: "A heading is written '#Title', without the space that makes it a heading.",
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, source, report }) {
    for (const section of model.sections) {
      if (!section.missingHashSpace) continue;
      const line = section.range.start.line;
      const hashes = /^(\s*)(#+)/.exec(source.line(line));
      if (!hashes) continue;
      const start = hashes[1].length;
      const end = start + hashes[2].length;
      report({
        range: range(line, start, line, end),
        message: `"${hashes[2]}${section.title}" is not a heading: Markdown needs a space after "${hashes[2]}".`,
        fixes: [{ title: `Insert a space after "${hashes[2]}"`, edits: [insertAt({ line, character: end }, ' ')], preferred: true }],
      });
    }
  },
};

export const sectionRules: Rule[] = [missingSection, sectionOrder, emptySection, pseudoHeading, headingHashSpace];
