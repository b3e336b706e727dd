// `--format json`: the public, stable interface for scripts (documented in docs/cli.md).
import { fixable, outputSeverity, ruleLabel, type LintReport, type OutputSeverity } from '../report';
import type { FindingSource } from '../../finding';

/** One finding. Fields are only ever added, never renamed or removed, within a major version. */
export interface JsonFinding {
  file: string;
  /** 1-based; columns count UTF-16 code units, as editors do. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: OutputSeverity;
  source: FindingSource;
  rule: string;
  message: string;
  fixable: boolean;
}

export function formatJson(report: LintReport): string {
  const findings: JsonFinding[] = report.files.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: outputSeverity(f.severity),
      source: f.source,
      rule: ruleLabel(f),
      message: f.message,
      fixable: fixable(f),
    })),
  );
  return JSON.stringify(findings, null, 2) + '\n';
}
