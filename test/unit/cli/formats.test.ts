import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { range, type Finding } from '../../../server/src/finding';
import { formatJson } from '../../../server/src/cli/formats/json';
import { escapeXml, formatJunit } from '../../../server/src/cli/formats/junit';
import { formatSarif } from '../../../server/src/cli/formats/sarif';
import { formatStylish } from '../../../server/src/cli/formats/stylish';
import type { LintReport } from '../../../server/src/cli/report';
import { runMarkdownlint } from '../../../server/src/markdown/markdownlint';
import { sarifProblems } from './sarifShape';
import { xmlProblems } from './xmlShape';

const missingTimeline: Finding = {
  range: range(18, 0, 18, 28),
  severity: 'warning',
  source: 'postmortem',
  rule: 'PM001',
  message: 'Missing required section "Timeline": the classic profile expects it after "Issue Summary".',
  fixes: [{ title: 'Insert', edits: [{ range: range(18, 0, 18, 0), newText: '## Timeline\n\n' }], preferred: true }],
};

const unclosedFence: Finding = {
  range: range(55, 3, 55, 12),
  severity: 'error',
  source: 'postmortem',
  rule: 'PM018',
  message: 'Code fence "```puppet" is never closed; <expected> a closing "```" & more.',
  fixes: [],
};

const headingLevel: Finding = runMarkdownlint('# T\n\n### Skipped\n', undefined)[0];

const report: LintReport = {
  version: '1.2.3',
  files: [
    { file: 'docs/incident one.md', findings: [missingTimeline, unclosedFence] },
    { file: 'docs/clean.md', findings: [] },
    { file: 'notes/x.md', findings: [headingLevel, { ...missingTimeline, severity: 'hint', range: range(2, 0, 2, 4) }] },
  ],
};

describe('json format', () => {
  it('prints one array with one object per finding, 1-based and labelled', () => {
    const out = JSON.parse(formatJson(report));
    assert.equal(out.length, 4);
    assert.deepEqual(out[0], {
      file: 'docs/incident one.md',
      line: 19,
      column: 1,
      endLine: 19,
      endColumn: 29,
      severity: 'warning',
      source: 'postmortem',
      rule: 'PM001/missing-section',
      message: missingTimeline.message,
      fixable: true,
    });
    assert.equal(out[1].fixable, false);
    assert.equal(out[2].rule, 'MD001/heading-increment');
    assert.equal(out[2].source, 'markdownlint');
    assert.equal(out[3].severity, 'info', 'a hint is printed as info');
  });

  it('prints [] for no findings', () => {
    assert.deepEqual(JSON.parse(formatJson({ version: '1', files: [{ file: 'a.md', findings: [] }] })), []);
  });
});

describe('sarif format', () => {
  const log = JSON.parse(formatSarif(report, '/work/repo'));

  it('has the shape SARIF 2.1.0 requires', () => {
    assert.deepEqual(sarifProblems(log), []);
  });

  it('the shape check catches what it should', () => {
    const broken = structuredClone(log);
    broken.version = '2.0';
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[1].ruleIndex = 0;
    delete broken.runs[0].results[2].message;
    broken.runs[0].results[3].locations[0].physicalLocation.region.startLine = 0;
    delete broken.runs[0].tool.driver.name;
    assert.equal(sarifProblems(broken).length, 6, sarifProblems(broken).join('\n'));
  });

  it('lists each rule once, with documentation, and points results at it', () => {
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'pmkit');
    assert.equal(run.tool.driver.version, '1.2.3');
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ['PM001', 'PM018', 'MD001']);
    const [pm001, pm018, md001] = run.tool.driver.rules;
    assert.equal(pm001.name, 'missing-section');
    assert.match(pm001.helpUri, /docs\/rules\.md#pm001-missing-section$/);
    assert.equal(pm018.defaultConfiguration.level, 'error');
    assert.match(md001.helpUri, /markdownlint.*md001/);
    assert.equal(md001.shortDescription.text, 'Heading levels should only increment by one level at a time');
    assert.deepEqual(run.results.map((r: { ruleIndex: number; level: string }) => [r.ruleIndex, r.level]), [[0, 'warning'], [1, 'error'], [2, 'warning'], [0, 'note']]);
  });

  it('gives locations relative to %SRCROOT%, URI-encoded', () => {
    const run = log.runs[0];
    const location = run.results[0].locations[0].physicalLocation;
    assert.deepEqual(location.artifactLocation, { uri: 'docs/incident%20one.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location.region, { startLine: 19, startColumn: 1, endLine: 19, endColumn: 29 });
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///work/repo/');
  });
});

describe('junit format', () => {
  const xml = formatJunit(report);

  it('is well-formed XML with a suite per file and a case per finding', () => {
    assert.deepEqual(xmlProblems(xml), []);
    assert.equal(xml.match(/<testsuite /g)?.length, 3);
    assert.equal(xml.match(/<failure /g)?.length, 4);
    assert.match(xml, /<testsuite name="docs\/clean.md" tests="1" failures="0" errors="0">\n {4}<testcase classname="docs\/clean.md" name="docs\/clean.md"\/>/);
  });

  it('escapes markup in messages', () => {
    assert.match(xml, /never closed; &lt;expected&gt; a closing &quot;```&quot; &amp; more\./);
    assert.equal(escapeXml('a\u0001b\u0007 <c>'), 'ab &lt;c&gt;');
  });

  it('the XML check catches unbalanced tags', () => {
    assert.notDeepEqual(xmlProblems('<a><b></a></b>'), []);
    assert.notDeepEqual(xmlProblems('<a>'), []);
    assert.notDeepEqual(xmlProblems('<a x="1 < 2"/>'), []);
  });
});

describe('stylish format', () => {
  it('groups findings by file with a summary, without colour when asked', () => {
    const out = formatStylish(report, { color: false });
    assert.doesNotMatch(out, /\x1b\[/);
    assert.match(out, /^docs\/incident one\.md\n {2}19:1 {2}warning {2}Missing required section "Timeline".* {2}PM001\/missing-section$/m);
    assert.match(out, /^ {2}56:4 {2}error {4}/m);
    assert.doesNotMatch(out, /clean\.md/);
    assert.match(out, /✖ 4 problems \(1 error, 2 warnings, 1 info\)\n {2}2 fixable with --fix\n$/);
  });

  it('colours severities for a terminal', () => {
    const out = formatStylish(report, { color: true });
    assert.match(out, /\x1b\[31merror/);
    assert.match(out, /\x1b\[33mwarning/);
  });

  it('prints nothing when there is nothing to report', () => {
    assert.equal(formatStylish({ version: '1', files: [{ file: 'a.md', findings: [] }] }, { color: false }), '');
  });
});
