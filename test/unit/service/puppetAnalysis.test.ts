// Puppet diagnostics through the analysis service: .pp files, and the ```puppet fences of postmortems at
// their exact Markdown positions, with the user's settings and the workspace around the document.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Range } from '../../../server/src/finding';
import { puppetCheckCatalog } from '../../../server/src/puppet/checker';
import { styleCheckCatalog } from '../../../server/src/puppet/style';
import { analyzePostmortem, analyzePuppetFile } from '../../../server/src/service/analyze';
import { PuppetWorkspace } from '../../../server/src/service/puppetWorkspace';
import { defaultSettings, type AnalysisSettings } from '../../../server/src/settings';
import { applyEdits } from '../../../server/src/textEdits';
import { sharedAvailable, sharedRoot, sharedSkipMessage } from '../../corpusPaths';

function settings(change: (s: AnalysisSettings) => void = () => {}): AnalysisSettings {
  const s = structuredClone(defaultSettings);
  change(s);
  return s;
}

function puppetFindings(markdown: string, s = settings()): Finding[] {
  return analyzePostmortem(markdown, s).findings.filter((f) => f.source === 'puppet');
}

/** The range of `token` on the first line that holds `line`: where a finding about it must be. */
function rangeOf(text: string, line: string, token = line): Range {
  const lines = text.split(/\r?\n/);
  const n = lines.findIndex((l) => l.includes(line));
  assert.ok(n >= 0, `"${line}" is in the text`);
  const character = lines[n].indexOf(token, lines[n].indexOf(line));
  assert.ok(character >= 0, `"${token}" is on the line`);
  return { start: { line: n, character }, end: { line: n, character: character + token.length } };
}

function replaceFirst(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `${from} is in the text`);
  return text.replace(from, to);
}

/** Applies the preferred fixes of the findings once. */
function fixed(text: string, findings: readonly Finding[]): string {
  return applyEdits(text, findings.flatMap((f) => f.fixes.filter((x) => x.preferred).flatMap((x) => x.edits)));
}

describe('puppet in the seed postmortem', { skip: !sharedAvailable && sharedSkipMessage }, () => {
  const seed = sharedAvailable ? readFileSync(path.join(sharedRoot, 'corpus', 'postmortems', 'seed-example.md'), 'utf8') : '';

  it('checks both of its (unterminated) puppet fences and finds nothing', () => {
    const analysis = analyzePostmortem(seed, defaultSettings);
    assert.equal(analysis.puppet.length, 2);
    assert.ok(analysis.puppet.every((block) => block.embedded.fence.unterminated && block.parsed.ast.body.length === 2));
    assert.deepEqual(puppetFindings(seed), []);
  });

  it("reports '=' for '=>' as a syntax error on that line, and nothing else about that fence", () => {
    const broken = replaceFirst(seed, 'ensure => installed,', 'ensure = installed,');
    const findings = puppetFindings(broken);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.range]),
      [['SYNTAX_ERROR', 'error', rangeOf(broken, 'ensure = installed', '=')]],
    );
    assert.match(findings[0].message, /=>/);
  });

  it('warns about a misspelled reference on the reference, suggesting the declared title', () => {
    const misspelled = replaceFirst(seed, "Package['php-missing-module']", "Package['php-mising-module']");
    const findings = puppetFindings(misspelled);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.range]),
      [['UNRESOLVED_REFERENCE', 'warning', rangeOf(misspelled, "Package['php-mising-module']", "'php-mising-module'")]],
    );
    assert.match(findings[0].message, /Did you mean 'php-missing-module'/);
  });

  it("reports ensure => runing as an invalid value, with a quick fix (not applied by fix-all) that writes 'running' in place", () => {
    const typo = replaceFirst(seed, 'ensure    => running,', 'ensure    => runing,');
    const findings = puppetFindings(typo);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.range]),
      [['INVALID_ATTRIBUTE_VALUE', 'error', rangeOf(typo, 'ensure    => runing', 'runing')]],
    );
    assert.match(findings[0].message, /Did you mean 'running'/);
    assert.equal(fixed(typo, findings), typo, 'a guess is never applied by fix-all');
    assert.equal(applyEdits(typo, findings[0].fixes[0].edits), seed);
  });
});

describe('puppet fences in a postmortem', () => {
  // One fence at the top level, one in a list item (indented by three), closed properly.
  const twoFences = [
    '# Postmortem',
    '',
    '## Root Cause and Resolution',
    '',
    '```puppet',
    "package { 'nginx': ensure => installed }",
    '```',
    '',
    '1. Then restart it:',
    '   ```puppet',
    "   service { 'nginx':",
    '     ensure  => runing,',
    "     require => Package['nginx'],",
    '   }',
    '   ```',
    '',
  ].join('\n');

  it('reports at the Markdown line and column in each fence, and resolves references across fences', () => {
    const findings = puppetFindings(twoFences);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range]),
      [['INVALID_ATTRIBUTE_VALUE', rangeOf(twoFences, 'ensure  => runing', 'runing')]],
      "Package['nginx'] in the second fence is declared in the first",
    );
    const unknown = replaceFirst(twoFences, "package { 'nginx'", "pakage { 'nginx'");
    assert.deepEqual(
      puppetFindings(unknown).map((f) => [f.rule, f.range]),
      [
        ['UNKNOWN_RESOURCE_TYPE', rangeOf(unknown, "pakage { 'nginx'", 'pakage')],
        ['INVALID_ATTRIBUTE_VALUE', rangeOf(unknown, 'ensure  => runing', 'runing')],
        ['UNRESOLVED_REFERENCE', rangeOf(unknown, "Package['nginx']", "'nginx'")],
      ],
      'a pakage is no package: the reference no longer resolves',
    );
  });

  it('shows only the syntax errors of a broken fence, and still checks the others', () => {
    const broken = replaceFirst(twoFences, "package { 'nginx': ensure => installed }", "package { 'nginx' ensure => installed }");
    const findings = puppetFindings(broken);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [
        ['SYNTAX_ERROR', 'error'],
        ['INVALID_ATTRIBUTE_VALUE', 'error'],
      ],
    );
    assert.equal(findings[0].range.start.line, rangeOf(broken, "package { 'nginx' ensure").start.line);
    assert.ok(!findings.some((f) => f.rule === 'UNRESOLVED_REFERENCE'), "the broken fence's declarations still count");
  });

  it('maps related locations, and reports duplicates within a fence but not the same resource shown in two', () => {
    const duplicate = [
      '```puppet',
      "file { '/etc/app.conf': ensure => file }",
      "file { '/etc/app.conf': ensure => absent }",
      '```',
      '',
      '- Fixed version:',
      '  ```puppet',
      "  file { '/etc/app.conf': ensure => file }",
      '  ```',
      '',
    ].join('\n');
    const findings = puppetFindings(duplicate);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range]),
      [['DUPLICATE_RESOURCE', rangeOf(duplicate, "file { '/etc/app.conf': ensure => absent", "'/etc/app.conf'")]],
    );
    assert.deepEqual(findings[0].related?.map((r) => r.range), [rangeOf(duplicate, "file { '/etc/app.conf': ensure => file", "'/etc/app.conf'")]);
  });

  it('runs the style checks only when puppet.style.enable, and maps their fixes into the indented fence', () => {
    const misaligned = replaceFirst(twoFences, "     require => Package['nginx'],", "     require  => Package['nginx'],");
    const styled = puppetFindings(misaligned).filter((f) => f.rule === 'arrow_alignment');
    assert.deepEqual(
      styled.map((f) => f.range.start),
      [rangeOf(misaligned, 'require  =>', '=>').start],
    );
    assert.deepEqual(puppetFindings(misaligned, settings((s) => (s.puppet.style.enable = false))).map((f) => f.rule), ['INVALID_ATTRIBUTE_VALUE']);
    assert.equal(fixed(misaligned, styled), twoFences);
  });

  it('applies rule severities to puppet codes and style check names, in any case', () => {
    const misaligned = replaceFirst(twoFences, "     require => Package['nginx'],", "     require  => Package['nginx'],");
    const configured = settings((s) => (s.rules = { invalid_attribute_value: 'info', ARROW_ALIGNMENT: 'off' }));
    assert.deepEqual(
      puppetFindings(misaligned, configured).map((f) => [f.rule, f.severity]),
      [['INVALID_ATTRIBUTE_VALUE', 'info']],
    );
  });

  it('checks an unterminated fence up to where markdown-it ends it', () => {
    const open = "# Postmortem\n\n- Fix:\n  ```puppet\n  service { 'x': ensure => runing }\n\nAfter the list.\n";
    const findings = puppetFindings(open);
    assert.deepEqual(findings.map((f) => [f.rule, f.range]), [['INVALID_ATTRIBUTE_VALUE', rangeOf(open, 'ensure => runing', 'runing')]]);
  });

  it('maps the related locations of a syntax error into an indented fence', () => {
    const markdown = "- Fix:\n  ```puppet\n  class web {\n    file { '/a':\n      ensure => file,\n\n  }\n  ```\n";
    const [finding] = puppetFindings(markdown);
    assert.equal(finding.rule, 'SYNTAX_ERROR');
    assert.deepEqual(finding.related?.map((r) => r.range.start), [rangeOf(markdown, "file { '/a'", '{').start, rangeOf(markdown, 'class web {', '{').start]);
  });

  it('keeps postmortem and puppet findings in document order', () => {
    const findings = analyzePostmortem(twoFences, defaultSettings).findings;
    const starts = findings.map((f) => f.range.start.line * 1000 + f.range.start.character);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    assert.ok(findings.some((f) => f.source === 'postmortem') && findings.some((f) => f.source === 'puppet'));
  });
});

/** Files by absolute path on this OS, as the workspace resolves them. */
function inMemory(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([file, text]) => [path.resolve(file), text]));
}

describe('puppet files', () => {
  it('reports only the syntax errors of code that does not parse, with their related locations', () => {
    const text = "class web {\n  file { '/a':\n    ensure => file,\n\n}\n";
    const { findings } = analyzePuppetFile(text, defaultSettings);
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['SYNTAX_ERROR', 'error']]);
    assert.deepEqual(findings[0].related?.map((r) => r.range.start), [rangeOf(text, "file { '/a'", '{').start, rangeOf(text, 'class web {', '{').start]);
  });

  it('checks against the workspace: declarations, Ruby types and the nearest .puppet-lint.rc', () => {
    const files = inMemory({
      '/ws/modules/app/manifests/init.pp': "class app { package { 'app': ensure => installed } }\n",
      '/ws/modules/app/manifests/site.pp': "define app::site($port) {}\n",
      '/ws/modules/ini/lib/puppet/type/ini_setting.rb': 'Puppet::Type.newtype(:ini_setting) do; end\n',
      '/ws/.puppet-lint.rc': '--no-140chars-check\n',
      '/ws/modules/strict/.puppet-lint.rc': '--only-checks=arrow_alignment\n',
    });
    const workspace = new PuppetWorkspace((file) => files[file]);
    workspace.add(Object.keys(files));
    const text = [
      "app::site { 'a': port => 80 }",
      "ini_setting { 'x': ensure => present }",
      "service { 'app': require => Package['app'] }",
      `notify { '${'x'.repeat(140)}': }`,
      '',
    ].join('\n');
    const bare = analyzePuppetFile(text, defaultSettings).findings.map((f) => f.rule);
    assert.deepEqual(bare.sort(), ['140chars', 'UNKNOWN_RESOURCE_TYPE', 'UNKNOWN_RESOURCE_TYPE', 'UNRESOLVED_REFERENCE'].sort());
    assert.deepEqual(analyzePuppetFile(text, defaultSettings, workspace.contextFor('/ws/modules/other/manifests/x.pp')).findings, []);
    const strict = analyzePuppetFile("file { '/a':\n  ensure => file,\n  mode  => '0644',\n}\n", defaultSettings, workspace.contextFor('/ws/modules/strict/x.pp'));
    assert.deepEqual(strict.findings.map((f) => f.rule), ['arrow_alignment'], 'the nearest rc wins');
  });

  it('follows a manifest as an editor changes or deletes it', () => {
    const files = inMemory({ '/ws/a.pp': "package { 'x': }\n" });
    const workspace = new PuppetWorkspace((file) => files[file]);
    workspace.add(Object.keys(files));
    const reference = "service { 's': require => Package['x'] }\n";
    const rules = () => analyzePuppetFile(reference, defaultSettings, workspace.contextFor('/ws/b.pp')).findings.map((f) => f.rule);
    assert.deepEqual(rules(), []);
    workspace.update('/ws/a.pp', "package { 'y': }\n");
    assert.deepEqual(rules(), ['UNRESOLVED_REFERENCE']);
    workspace.update('/ws/a.pp', "package { 'x': }\n");
    assert.deepEqual(rules(), []);
    workspace.update('/ws/a.pp', undefined);
    assert.deepEqual(rules(), ['UNRESOLVED_REFERENCE']);
  });
});

describe('puppet documentation', () => {
  it('lists every Puppet check and style check in docs/rules.md with its default', () => {
    const docs = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    for (const check of puppetCheckCatalog) {
      assert.match(docs, new RegExp(`^\\| \`${check.code}\` \\| ${check.severity} \\|`, 'm'), check.code);
    }
    for (const check of styleCheckCatalog) {
      assert.match(docs, new RegExp(`^\\| \`${check.name}\` \\| ?${check.fixable ? 'yes ' : ''}\\|`, 'm'), check.name);
    }
  });
});
