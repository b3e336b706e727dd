// Completion: section headings of the profile at the start of a line (missing ones first), and a
// timestamped entry inside a Timeline section, written the way the entries above it are.
import type { Position, Range } from '../finding';
import type { PostmortemModel, Section, TimelineEntry } from '../postmortem/model';
import type { Profile } from '../postmortem/profile';
import { contains, sectionSpan } from '../postmortem/rules/scope';
import type { SourceText } from '../sourceText';
import { clock } from './hover';

export interface CompletionSuggestion {
  label: string;
  kind: 'section' | 'timelineEntry';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Snippet syntax: `${1:placeholder}`, `$0`. */
  snippet: string;
  /** The text the snippet replaces: from the start of the line to the cursor. */
  range: Range;
  filterText: string;
  sortText: string;
}

export function complete(model: PostmortemModel, source: SourceText, profile: Profile, position: Position): CompletionSuggestion[] {
  const typed = source.line(position.line).slice(0, position.character);
  const replace: Range = { start: { line: position.line, character: 0 }, end: position };
  const at = { start: position, end: position };
  if (model.fences.some((fence) => contains(fence.range, at))) return [];
  const timeline = model.sections.find((s) => s.key === 'timeline' && position.line > s.range.end.line && contains(sectionSpan(s), at));
  const suggestions: CompletionSuggestion[] = [];
  if (timeline && /^\s*(?:[-*+]|\d+[.)])?\s*$/.test(typed)) {
    suggestions.push(timelineEntrySuggestion(model, source, timeline, position, replace));
  }
  // An empty line, a heading being typed, or the first word of a line: a section may start here.
  if (/^ {0,3}(?:#{1,6}[ \t]*)?(?:[\p{L}\p{N}][\p{L}\p{N} &/'-]*)?$/u.test(typed)) {
    suggestions.push(...sectionSuggestions(model, profile, replace));
  }
  return suggestions;
}

function sectionSuggestions(model: PostmortemModel, profile: Profile, replace: Range): CompletionSuggestion[] {
  const present = new Set(model.sections.map((s) => s.key));
  const hashes = '#'.repeat(sectionLevel(model, profile));
  return profile.sections.map((spec, index) => {
    const missing = !present.has(spec.key);
    const heading = `${hashes} ${spec.title}`;
    return {
      label: heading,
      kind: 'section',
      detail: missing ? (spec.required ? 'Missing required section' : 'Missing optional section') : 'Already in this postmortem',
      documentation: spec.prompt,
      snippet: `${escapeSnippet(heading)}\n\n\${1:${escapeSnippet(spec.prompt)}}`,
      range: replace,
      filterText: heading,
      // Missing required sections first, then missing optional ones, each in the profile's order.
      sortText: `${missing ? (spec.required ? 1 : 2) : 3}${String(index).padStart(3, '0')}`,
    };
  });
}

/** The level the document gives its profile sections (the most common one), or 2. */
function sectionLevel(model: PostmortemModel, profile: Profile): number {
  const counts = new Map<number, number>();
  for (const section of model.sections) {
    if (section.key && profile.sections.some((spec) => spec.key === section.key)) counts.set(section.level, (counts.get(section.level) ?? 0) + 1);
  }
  let best = 2;
  let bestCount = 0;
  for (const [level, count] of counts) {
    if (count > bestCount || (count === bestCount && level < best)) [best, bestCount] = [level, count];
  }
  return best;
}

function timelineEntrySuggestion(
  model: PostmortemModel,
  source: SourceText,
  timeline: Section,
  position: Position,
  replace: Range,
): CompletionSuggestion {
  const previous = model.timeline
    .filter((e) => e.range.start.line < position.line && contains(sectionSpan(timeline), e.range))
    .at(-1);
  const minutes = previous?.minutes ?? model.window?.startMinutes;
  const time = minutes === undefined ? 'HH:MM' : clock(minutes);
  const zone = model.documentZone?.name ?? previous?.timestamp?.zone?.name;
  const stamp = zone ? ` ${zone}` : '';
  const { prefix, separator } = entryLayout(source, previous);
  return {
    label: `${prefix}${time}${stamp}${separator}`,
    kind: 'timelineEntry',
    detail: 'Timeline entry',
    documentation: zone ? `A timestamped event in the document's time zone, ${zone}.` : 'A timestamped event.',
    snippet: `${escapeSnippet(prefix)}\${1:${time}}${escapeSnippet(stamp + separator)}$0`,
    range: replace,
    filterText: `${prefix}${time}`,
    // Inside a timeline the next event is the likely intent, before any section heading.
    sortText: '0',
  };
}

/**
 * What goes before and after the time in the entry above ('- **' and '**: ' for '- **14:05 WAT**: ...'),
 * so the new entry looks like its neighbours. Numbered lists continue their numbering.
 */
function entryLayout(source: SourceText, previous: TimelineEntry | undefined): { prefix: string; separator: string } {
  const fallback = { prefix: '- ', separator: ': ' };
  const stamp = previous?.timestamp;
  if (!previous || !stamp || previous.layout === 'table' || previous.layout === 'heading') return fallback;
  if (stamp.range.start.line !== stamp.range.end.line) return fallback;
  const line = source.line(stamp.range.start.line);
  const prefix = line
    .slice(0, stamp.range.start.character)
    .replace(/^(\s*)(\d+)([.)])/, (_, indent: string, n: string, mark: string) => `${indent}${Number(n) + 1}${mark}`);
  const separator = /^[*_`\])]*\s*(?:[:|–—-]\s*)?/.exec(line.slice(stamp.range.end.character))?.[0] ?? '';
  return { prefix, separator: separator.trim() === '' ? ': ' : separator.endsWith(' ') ? separator : `${separator} ` };
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}
