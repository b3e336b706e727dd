// Where things sit in a postmortem: which section holds a span, which timeline an entry belongs to.
import { comparePositions, type Range } from '../../finding';
import type { PostmortemModel, Section, TimelineEntry } from '../model';

export function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** The section's title and body together. */
export function sectionSpan(section: Section): Range {
  return { start: section.range.start, end: section.bodyRange.end };
}

export function sectionsWithKey(model: PostmortemModel, key: string): Section[] {
  return model.sections.filter((s) => s.key === key);
}

/** The entries of one timeline section (a document may hold two postmortems, so two timelines). */
export interface Timeline {
  section?: Section;
  entries: TimelineEntry[];
}

export function timelines(model: PostmortemModel): Timeline[] {
  const groups: Timeline[] = sectionsWithKey(model, 'timeline').map((section) => ({ section, entries: [] }));
  const loose: TimelineEntry[] = [];
  for (const entry of model.timeline) {
    const group = groups.find((g) => g.section && contains(sectionSpan(g.section), entry.range));
    if (group) group.entries.push(entry);
    else loose.push(entry);
  }
  if (loose.length > 0) groups.push({ entries: loose });
  return groups.filter((g) => g.entries.length > 0);
}

/**
 * A section with the sections the profile does not know that follow it, up to the next profile section:
 * 'Impact:' or 'Root Cause:' labels written as titles of their own still belong to the summary above them.
 */
export function sectionArea(model: PostmortemModel, section: Section): Range {
  const after = model.sections.slice(model.sections.indexOf(section) + 1);
  const next = after.findIndex((s) => s.key !== undefined && s.level <= section.level);
  const last = next < 0 ? after[after.length - 1] : after[next - 1];
  const end = last && comparePositions(last.bodyRange.end, section.bodyRange.end) > 0 ? last.bodyRange.end : section.bodyRange.end;
  return { start: section.range.start, end };
}
