// `--format junit`: JUnit XML, which every CI server can display. One testsuite per file, one failing
// testcase per finding, and one passing testcase for a clean file so it shows as checked.
import { outputSeverity, ruleLabel, type LintReport } from '../report';

/** Escapes text for XML attributes and content, dropping the control characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export function formatJunit(report: LintReport): string {
  const suites = report.files.map(({ file, findings }) => {
    const name = escapeXml(file);
    const cases =
      findings.length === 0
        ? [`    <testcase classname="${name}" name="${name}"/>`]
        : findings.map((f) => {
            const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
            const label = ruleLabel(f);
            const severity = outputSeverity(f.severity);
            return [
              `    <testcase classname="${name}" name="${escapeXml(`${where} ${label}`)}">`,
              `      <failure type="${severity}" message="${escapeXml(f.message)}">${escapeXml(`${file}:${where} ${severity} ${f.message} (${label})`)}</failure>`,
              '    </testcase>',
            ].join('\n');
          });
    return [
      `  <testsuite name="${name}" tests="${Math.max(findings.length, 1)}" failures="${findings.length}" errors="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const tests = report.files.reduce((n, f) => n + Math.max(f.findings.length, 1), 0);
  const failures = report.files.reduce((n, f) => n + f.findings.length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pmkit" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
