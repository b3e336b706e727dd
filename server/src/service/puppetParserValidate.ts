// The opt-in reference validator: Puppet's own `puppet parser validate` on a saved manifest, as a second
// opinion next to our parser. It starts Ruby (about half a second), so it never runs on the keystroke
// path, and only when the user names the executable. Its JSON report holds the first error only:
//   {"<file>": {"issue_code": "SYNTAX_ERROR", "message": "Syntax error at '='", "line": 2, "pos": 10, ...}}
// (line and pos are 1-based, pos counts characters; both are null for "end of input").
import { execFile } from 'node:child_process';
import type { Finding, Position } from '../finding';
import type { SourceText } from '../sourceText';

export const referenceValidatorRule = 'puppet-parser-validate';

/** Puppet's start-up alone takes half a second; a run this long is stuck. */
export const referenceValidatorTimeoutMs = 10_000;

export type ValidateOutcome =
  /** Puppet ran: its error, if any, as a finding. */
  | { kind: 'validated'; findings: Finding[] }
  /** The executable is not there or cannot be run. */
  | { kind: 'missing'; reason: string }
  /** It ran but gave no report we can read, or took too long. */
  | { kind: 'failed'; reason: string };

/** Runs `<executable> parser validate` on `file` (no shell); `source` is the text that was saved there. */
export function validateWithPuppet(executable: string, file: string, source: SourceText, timeoutMs = referenceValidatorTimeoutMs): Promise<ValidateOutcome> {
  return new Promise((resolve) => {
    execFile(
      executable,
      ['parser', 'validate', '--render-as', 'json', '--color=false', file],
      { timeout: timeoutMs, windowsHide: true, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') {
          resolve({ kind: 'missing', reason: code === 'ENOENT' ? 'no such file' : 'not executable' });
          return;
        }
        if (error?.killed) {
          resolve({ kind: 'failed', reason: `no answer within ${timeoutMs / 1000} s` });
          return;
        }
        const findings = readValidateReport(stdout, source);
        // A failing exit with a report is Puppet finding an error; without one, something else went wrong.
        if (!findings || (error && findings.length === 0)) resolve({ kind: 'failed', reason: firstLine(stderr) || firstLine(stdout) || (error?.message ?? 'no report') });
        else resolve({ kind: 'validated', findings });
      },
    );
  });
}

interface Report {
  issue_code?: unknown;
  message?: unknown;
  line?: unknown;
  pos?: unknown;
}

/** The findings of a JSON report (none for empty output: the file is valid), or undefined when it cannot be read. */
export function readValidateReport(stdout: string, source: SourceText): Finding[] | undefined {
  if (stdout.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  return Object.values(parsed as Record<string, Report>).flatMap((report) => {
    if (typeof report?.message !== 'string') return [];
    const at = positionOf(source, report.line, report.pos);
    const code = typeof report.issue_code === 'string' ? ` (${report.issue_code})` : '';
    return [
      {
        range: { start: at, end: at },
        severity: 'error' as const,
        source: 'puppet' as const,
        rule: referenceValidatorRule,
        message: `puppet parser validate: ${report.message}${code}`,
        fixes: [],
      },
    ];
  });
}

/** Puppet's 1-based line and character column as a position; without a line, the end of the text. */
function positionOf(source: SourceText, line: unknown, column: unknown): Position {
  if (typeof line !== 'number' || line < 1) return source.positionAt(source.text.length);
  const text = source.line(line - 1);
  // Puppet counts characters; positions count UTF-16 units.
  const character = typeof column === 'number' && column > 1 ? [...text].slice(0, column - 1).join('').length : 0;
  return { line: line - 1, character };
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/)[0] ?? '';
}
