// The document outline: sections nested by level, timeline entries (and the Puppet code of fences) under
// the section that holds them.
import { comparePositions, type Range } from '../finding';
import type { PostmortemModel, Section, TimelineEntry } from '../postmortem/model';
import type { PuppetSymbolKind } from '../puppet/features/symbols';
import { hasBody } from './folding';
import { contains } from '../postmortem/rules/scope';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'section' | 'timelineEntry' | PuppetSymbolKind;
  /** Everything the symbol covers. */
  range: Range;
  /** What the editor selects when the symbol is picked: the title, or the entry's time. */
  selectionRange: Range;
  children: OutlineSymbol[];
}

const detailLength = 60;

/** `fenced`: symbols of the document's code fences, in its positions; each goes under the section that holds it. */
export function outline(model: PostmortemModel, fenced: readonly OutlineSymbol[] = []): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  // Sections arrive in document order; the stack holds the open ancestors of the next one. Nesting follows
  // the model's section spans rather than heading levels alone: the model ends a summary where a profile
  // section starts, even one written a level deeper.
  const open: OutlineSymbol[] = [];
  for (const section of model.sections) {
    const symbol = sectionSymbol(section);
    while (open.length > 0 && !contains(open[open.length - 1].range, symbol.range)) open.pop();
    (open.length > 0 ? open[open.length - 1].children : roots).push(symbol);
    open.push(symbol);
  }
  for (const symbol of [...model.timeline.map(entrySymbol), ...fenced]) {
    const parent = innermost(roots, symbol.range);
    (parent ? parent.children : roots).push(symbol);
  }
  sortByPosition(roots);
  return roots;
}

function sectionSymbol(section: Section): OutlineSymbol {
  const end = hasBody(section) ? section.bodyRange.end : section.range.end;
  return {
    name: section.title || '(untitled)',
    kind: 'section',
    range: { start: section.range.start, end },
    selectionRange: section.range,
    children: [],
  };
}

function entrySymbol(entry: TimelineEntry): OutlineSymbol {
  const text = entry.text.length > detailLength ? `${entry.text.slice(0, detailLength).trimEnd()}…` : entry.text;
  const stamp = entry.timestamp;
  return {
    name: stamp ? stamp.raw : text || '(no time)',
    ...(stamp && text ? { detail: text } : {}),
    kind: 'timelineEntry',
    range: entry.range,
    selectionRange: stamp && contains(entry.range, stamp.range) ? stamp.range : entry.range,
    children: [],
  };
}

function innermost(symbols: OutlineSymbol[], target: Range): OutlineSymbol | undefined {
  const holder = symbols.find((s) => s.kind === 'section' && contains(s.range, target));
  return holder ? (innermost(holder.children, target) ?? holder) : undefined;
}

function sortByPosition(symbols: OutlineSymbol[]): void {
  symbols.sort((a, b) => comparePositions(a.range.start, b.range.start));
  for (const symbol of symbols) sortByPosition(symbol.children);
}
