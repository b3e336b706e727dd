// `--format stylish` (the default): eslint-like, for people at a terminal.
import { outputSeverity, ruleLabel, totals, type LintReport, type OutputSeverity } from '../report';

export interface StylishOptions {
  color: boolean;
}

const sgr = { reset: 0, bold: 1, dim: 2, underline: 4, red: 31, yellow: 33, cyan: 36 } as const;

function paint(on: boolean, text: string, ...codes: Array<keyof typeof sgr>): string {
  return on && codes.length > 0 ? `\x1b[${codes.map((c) => sgr[c]).join(';')}m${text}\x1b[0m` : text;
}

const severityColor: Record<OutputSeverity, keyof typeof sgr> = { error: 'red', warning: 'yellow', info: 'cyan' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

export function formatStylish(report: LintReport, { color }: StylishOptions): string {
  const out: string[] = [];
  for (const { file, findings } of report.files) {
    if (findings.length === 0) continue;
    const rows = findings.map((f) => ({
      where: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
      severity: outputSeverity(f.severity),
      message: f.message.replace(/\s*\n\s*/g, ' '),
      rule: ruleLabel(f),
    }));
    const whereWidth = Math.max(...rows.map((r) => r.where.length));
    out.push(paint(color, file, 'underline'));
    for (const row of rows) {
      const severity = paint(color, row.severity.padEnd(7), severityColor[row.severity]);
      out.push(`  ${paint(color, row.where.padEnd(whereWidth), 'dim')}  ${severity}  ${row.message}  ${paint(color, row.rule, 'dim')}`);
    }
    out.push('');
  }
  const count = totals(report.files);
  const problems = count.error + count.warning + count.info;
  if (problems === 0) return '';
  const summary = `${plural(problems, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${plural(count.info, 'info')})`;
  out.push(paint(color, `✖ ${summary}`, 'bold', count.error > 0 ? 'red' : 'yellow'));
  if (count.fixable > 0) out.push(paint(color, `  ${count.fixable} fixable with --fix`, 'dim'));
  return out.join('\n') + '\n';
}
