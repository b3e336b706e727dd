// `pmkit lint` on Puppet: .pp files and folders of them, the workspace they are checked against, the
// puppet fences of postmortems, --fix, and turning the style checks off. The bundled CLI, in a child process.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pmkitCli, type JsonFinding } from './pmkitCli';
import { sarifProblems } from './sarifShape';

/** A manifest with one error (an invalid value) and one style warning (a misaligned arrow). */
const manifest = `class web {
  service { 'nginx':
    ensure => runing,
    enable  => true,
  }
}
`;

// --fix aligns the arrows; the 'running' guess is a quick fix for the author to pick, not applied.
const fixedManifest = manifest.replace('enable  =>', 'enable =>');

/** A postmortem whose only problem is in its puppet fence, in a list item. */
const postmortem = `# Postmortem: Web outage

## Issue Summary

From 14:00 to 15:00 WAT on June 19, 2024 (1 hour), the site was down for 40% of users.
The root cause was a stopped web server.

## Timeline

- 14:00 WAT: Alerts fired.
- 15:00 WAT: The web server was started and the site recovered.

## Root Cause and Resolution

The web server was stopped by a bad deploy and started again by hand.

## Corrective and Preventative Measures

- [ ] Keep the web server running with Puppet:

  \`\`\`puppet
  service { 'nginx': ensure => runing }
  \`\`\`
`;

describe('pmkit lint on Puppet', () => {
  const cli = pmkitCli();
  const { workspace, run, read } = cli;

  function lintJson(...args: string[]): { status: number | null; findings: JsonFinding[] } {
    const { status, findings, stderr } = cli.lintJson(...args);
    assert.equal(stderr, '');
    return { status, findings };
  }

  const summary = (findings: JsonFinding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`);

  it('lints a .pp file: Puppet findings with 1-based positions, exit 1 on an error', (t) => {
    workspace(t, { 'manifests/init.pp': manifest });
    const { status, findings } = lintJson('manifests/init.pp');
    assert.equal(status, 1);
    assert.deepEqual(summary(findings), ['manifests/init.pp:3:15 error INVALID_ATTRIBUTE_VALUE', 'manifests/init.pp:4:13 warning arrow_alignment']);
    assert.ok(findings.every((f) => f.source === 'puppet'));
    assert.deepEqual(findings.map((f) => f.fixable), [false, true], 'only the safe fix counts as fixable by --fix');
    assert.deepEqual([findings[0].endLine, findings[0].endColumn], [3, 21]);

    const stylish = run(['lint', 'manifests/init.pp']);
    assert.equal(stylish.status, 1);
    assert.match(stylish.stdout, /3:15 +error +Invalid value 'runing' for ensure of service\. Did you mean 'running'\?.*INVALID_ATTRIBUTE_VALUE/);
  });

  it('lints the .md and .pp files of a folder, against the manifests, Ruby types and .puppet-lint.rc found in it', (t) => {
    workspace(t, {
      'docs/postmortem.md': postmortem,
      'modules/app/manifests/init.pp': "class app {\n  app::site { 'main': port => 80 }\n  ini_setting { 'x': ensure => present }\n}\n",
      'modules/app/manifests/site.pp': 'define app::site($port) {}\n',
      'modules/ini/lib/puppet/type/ini_setting.rb': 'Puppet::Type.newtype(:ini_setting) do\nend\n',
      'modules/web/manifests/init.pp': manifest,
      'modules/web/.puppet-lint.rc': '--no-arrow_alignment-check\n',
    });
    const { status, findings } = lintJson('--no-markdownlint', '.');
    assert.equal(status, 1);
    assert.deepEqual(summary(findings), ['docs/postmortem.md:22:32 error INVALID_ATTRIBUTE_VALUE', 'modules/web/manifests/init.pp:3:15 error INVALID_ATTRIBUTE_VALUE']);

    // Alone, a manifest knows only the manifests it is linted with.
    const alone = lintJson('modules/app/manifests/init.pp').findings.map((f) => f.rule);
    assert.deepEqual(alone, ['UNKNOWN_RESOURCE_TYPE', 'UNKNOWN_RESOURCE_TYPE']);
  });

  it('--fix applies the safe Puppet fixes and leaves guessed values to the author', (t) => {
    workspace(t, { 'web.pp': manifest, 'postmortem.md': postmortem });
    const result = run(['lint', '--fix', '--no-markdownlint', 'web.pp', 'postmortem.md']);
    assert.equal(result.status, 1, 'the invalid values remain: errors');
    assert.match(result.stderr, /applied 1 fix in 1 file/);
    assert.equal(read('web.pp'), fixedManifest);
    assert.equal(read('postmortem.md'), postmortem, 'a file with nothing safe to fix is not written');
  });

  it('turns the style checks off with --no-puppet-style or the puppet.style.enable setting', (t) => {
    workspace(t, { 'web.pp': manifest, 'quiet.json': '{ "puppet": { "style": { "enable": false } } }', 'severities.json': '{ "rules": { "INVALID_ATTRIBUTE_VALUE": "warning" } }' });
    const errorsOnly = ['web.pp:3:15 error INVALID_ATTRIBUTE_VALUE'];
    assert.deepEqual(summary(lintJson('--no-puppet-style', 'web.pp').findings), errorsOnly);
    assert.deepEqual(summary(lintJson('--config', 'quiet.json', 'web.pp').findings), errorsOnly);
    const relaxed = lintJson('--config', 'severities.json', 'web.pp');
    assert.equal(relaxed.status, 0, 'an error turned into a warning does not fail the run');
    assert.deepEqual(summary(relaxed.findings), ['web.pp:3:15 warning INVALID_ATTRIBUTE_VALUE', 'web.pp:4:13 warning arrow_alignment']);
  });

  it('describes Puppet rules in SARIF', (t) => {
    workspace(t, { 'web.pp': manifest });
    const log = JSON.parse(run(['lint', '--format', 'sarif', 'web.pp']).stdout);
    assert.deepEqual(sarifProblems(log), []);
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
    assert.deepEqual(
      rules.map((r) => [r.id, r.defaultConfiguration.level]),
      [['INVALID_ATTRIBUTE_VALUE', 'error'], ['arrow_alignment', 'warning']],
    );
    assert.match(rules[1].shortDescription.text, /Arrows \(=>\) of one resource body or hash are aligned/);
  });
});
