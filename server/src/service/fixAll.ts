// The fix-all policy, one for the editor's "Fix all" and `pmkit lint --fix`: which preferred fixes can be
// applied together in one pass.
import { comparePositions, type Finding, type Fix, type TextEdit } from '../finding';
import { editsOverlap } from '../textEdits';

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0 && a.newText === b.newText;
}

/**
 * The edits of the findings' preferred fixes, taken in document order; a fix is taken whole or not at all,
 * and one that overlaps a taken fix waits for the next pass. An edit identical to a taken one is a duplicate
 * (two rules asking for the same blank line), not a conflict.
 */
export function preferredEdits(findings: readonly Finding[]): TextEdit[] {
  const fixes: Fix[] = findings.flatMap((f) => f.fixes.filter((fix) => fix.preferred && fix.edits.length > 0));
  const first = (fix: Fix) => fix.edits.reduce((min, e) => (comparePositions(e.range.start, min.range.start) < 0 ? e : min));
  // At one position, text that continues the line there goes before new lines: a zone appended to the last
  // time of a document that ends without a line break, then the section inserted after it.
  const startsLine = (fix: Fix) => /^[\r\n]/.test(first(fix).newText);
  fixes.sort((a, b) => comparePositions(first(a).range.start, first(b).range.start) || Number(startsLine(a)) - Number(startsLine(b)));
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    const fresh = fix.edits.filter((edit) => !taken.some((t) => sameEdit(t, edit)));
    if (fresh.some((edit) => taken.some((t) => editsOverlap(t, edit)))) continue;
    taken.push(...fresh);
  }
  return taken;
}
