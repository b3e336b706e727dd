// `pmkit lint --fix`: applies every preferred fix that does not collide with another, re-lints, and repeats,
// because one fix can unblock or reveal the next (a sorted timeline, then its missing zones).
import type { Finding } from '../finding';
import { preferredEdits } from '../service/fixAll';
import { applyEdits } from '../textEdits';

/** Enough for fixes that enable other fixes; a pair of rules undoing each other stops here, not forever. */
const maxPasses = 10;

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
