// `pmkit lint --fix`: applies every preferred fix that does not collide with another, re-lints, and repeats,
// because one fix can unblock or reveal the next (a sorted timeline, then its missing zones).
import { comparePositions, type Finding, type Fix, type TextEdit } from '../finding';
import { applyEdits, editsOverlap } from '../textEdits';

/** Enough for fixes that enable other fixes; a pair of rules undoing each other stops here, not forever. */
const maxPasses = 10;

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
  fixes.sort((a, b) => comparePositions(first(a).range.start, first(b).range.start));
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    const fresh = fix.edits.filter((edit) => !taken.some((t) => sameEdit(t, edit)));
    if (fresh.some((edit) => taken.some((t) => editsOverlap(t, edit)))) continue;
    taken.push(...fresh);
  }
  return taken;
}

export interface FixOutcome {
  text: string;
  /** Findings of the final text: what --fix could not fix. */
  findings: Finding[];
  /** Fix edits applied over all passes. */
  applied: number;
}

/** Fixes `text` as far as preferred fixes go; `lint` must be the same analysis the report uses. */
export function fixAll(text: string, lint: (text: string) => Finding[]): FixOutcome {
  let current = text;
  let findings = lint(current);
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = preferredEdits(findings);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    applied += edits.length;
    current = next;
    findings = lint(current);
  }
  return { text: current, findings, applied };
}
