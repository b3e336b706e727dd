// Keeps slow findings (markdownlint) in place while the user types, until a fresh run replaces them:
// findings on untouched lines move with the text, findings on edited lines are dropped.
import type { Finding, Range } from '../finding';

/** One incremental edit as the client sent it: a range of the previous text and what replaced it. */
export interface ContentChange {
  range: Range;
  text: string;
}

export function carryFindings(findings: readonly Finding[], changes: readonly ContentChange[]): Finding[] {
  let carried = findings as Finding[];
  // Each change is expressed against the text left by the changes before it, so apply them in turn.
  for (const change of changes) {
    const first = change.range.start.line;
    const last = change.range.end.line;
    const delta = lineBreaks(change.text) - (last - first);
    carried = carried.flatMap((finding) => {
      if (finding.range.end.line < first) return [stale(finding)];
      if (finding.range.start.line > last) return [stale(finding, delta)];
      return [];
    });
  }
  return carried;
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** A carried finding keeps its message but not its fixes or related spans: those may point into edited text. */
function stale(finding: Finding, delta = 0): Finding {
  const { start, end } = finding.range;
  return {
    range: { start: { line: start.line + delta, character: start.character }, end: { line: end.line + delta, character: end.character } },
    severity: finding.severity,
    source: finding.source,
    rule: finding.rule,
    message: finding.message,
    fixes: [],
  };
}
