// The bundled CLI, run as users run it: `node dist/pmkit.js ...` in a child process, on temporary files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkoutPostmortem as clean, withoutTimeline } from '../checkoutPostmortem';
import { sharedAvailable, sharedRoot, sharedSkipMessage } from '../../corpusPaths';
import { repoRoot } from './bundle';
import { pmkitCli, type JsonFinding } from './pmkitCli';
import { sarifProblems } from './sarifShape';
import { xmlProblems } from './xmlShape';

describe('pmkit', () => {
  const { workspace, run, lintJson, read } = pmkitCli();

  describe('usage', () => {
    it('prints its version and help', (t) => {
      workspace(t);
      const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
      assert.deepEqual(run(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
      const help = run(['--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: pmkit <command>/);
      assert.match(help.stdout, /--format <name> +stylish \(default\), json, sarif, junit/);
    });

    it('exits 2 with one line of explanation on bad usage, never a stack trace', (t) => {
      workspace(t, { 'a.md': clean, 'bad.json': '{ "rules": { "PM001": "high" } }', 'broken.json': '{ "profile": ' });
      const cases: Array<[string[], RegExp]> = [
        [[], /^Usage: pmkit/],
        [['frobnicate'], /unknown command "frobnicate"/],
        [['lint'], /lint needs at least one file, folder or glob/],
        [['lint', 'a.md', '--frmat', 'json'], /Unknown option '--frmat'/],
        [['lint', 'a.md', '--format', 'xml'], /--format must be one of stylish, json, sarif, junit, not "xml"/],
        [['lint', 'a.md', '--profile', 'nasa'], /unknown profile "nasa" \(profiles: classic, google-sre, pagerduty, atlassian, custom\)/],
        [['lint', 'a.md', '--profile', 'custom'], /profile "custom" needs a "customProfile"/],
        [['lint', 'a.md', '--config', 'bad.json'], /bad\.json: rules\.PM001 must be one of error, warning, info, hint, off, not "high"/],
        [['lint', 'a.md', '--config', 'broken.json'], /broken\.json: invalid JSON at line 1/],
        [['lint', 'a.md', '--config', 'none.json'], /none\.json: no such config file/],
        [['inspect', 'a.md', 'b.md'], /inspect takes exactly one file/],
      ];
      for (const [args, message] of cases) {
        const result = run(args);
        assert.equal(result.status, 2, args.join(' '));
        assert.match(result.stdout + result.stderr, message, args.join(' '));
        assert.doesNotMatch(result.stderr, /^\s+at /m, `${args.join(' ')}: no stack trace`);
      }
    });
  });

  describe('lint', () => {
    it('exits 0 on a clean postmortem, in every format', (t) => {
      workspace(t, { 'postmortem.md': clean });
      assert.deepEqual(run(['lint', 'postmortem.md']), { status: 0, stdout: '', stderr: '' });
      assert.deepEqual(lintJson('postmortem.md').findings, []);
      assert.deepEqual(sarifProblems(JSON.parse(run(['lint', '--format', 'sarif', 'postmortem.md']).stdout)), []);
      assert.deepEqual(xmlProblems(run(['lint', '--format', 'junit', 'postmortem.md']).stdout), []);
    });

    it('reports a timeline out of order, and --fix sorts it', (t) => {
      const swapped = clean.replace(
        '- 14:20 WAT: The on-call engineer found the expired certificate.\n- 15:00 WAT: A renewed certificate was deployed and checkout recovered.',
        '- 15:00 WAT: A renewed certificate was deployed and checkout recovered.\n- 14:20 WAT: The on-call engineer found the expired certificate.',
      );
      assert.notEqual(swapped, clean);
      workspace(t, { 'postmortem.md': swapped });
      const before = lintJson('postmortem.md');
      const order = before.findings.filter((f) => f.rule === 'PM008/timeline-order');
      assert.equal(order.length, 1, JSON.stringify(before.findings));
      assert.equal(order[0].fixable, true);

      const fixed = run(['lint', '--fix', 'postmortem.md']);
      assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
      assert.match(fixed.stderr, /applied \d+ fix/);
      assert.equal(read('postmortem.md'), clean);
      assert.deepEqual(lintJson('postmortem.md').findings, []);
    });

    it('reports a missing section with its fix', (t) => {
      workspace(t, { 'postmortem.md': withoutTimeline });
      const { status, findings } = lintJson('postmortem.md');
      assert.equal(status, 0, 'a missing section is a warning');
      assert.deepEqual(
        findings.map((f) => [f.rule, f.line, f.severity, f.fixable]),
        [['PM001/missing-section', withoutTimeline.split('\n').indexOf('## Root Cause and Resolution') + 1, 'warning', true]],
      );
      const [finding] = findings;
      assert.equal(finding.file, 'postmortem.md');
      assert.equal(finding.source, 'postmortem');
      assert.match(finding.message, /"Timeline"/);
    });

    it('keeps a byte order mark and CRLF line breaks when it fixes', (t) => {
      const crlf = clean.replace('- 14:20 WAT: The on-call', '- 14:20: The on-call').replace(/\n/g, '\r\n');
      workspace(t, { 'postmortem.md': '\uFEFF' + crlf });
      const before = lintJson('postmortem.md').findings;
      assert.deepEqual(before.map((f) => f.rule), ['PM010/missing-time-zone']);
      assert.equal(run(['lint', '--fix', 'postmortem.md']).status, 0);
      assert.equal(read('postmortem.md'), '\uFEFF' + clean.replace(/\n/g, '\r\n'));
    });

    it('runs markdownlint with the prose default, the user config, or not at all', (t) => {
      const messy = clean.replace('## Timeline\n\n', '## Timeline\n').replace('40% of users.\n', '40% of users.   \n');
      const work = workspace(t, { 'postmortem.md': messy, 'strict/postmortem.md': messy, 'strict/.markdownlint.json': '{ "default": true }' });
      const rules = (findings: JsonFinding[]) => [...new Set(findings.map((f) => f.rule))].sort();
      assert.deepEqual(rules(lintJson('postmortem.md').findings), ['MD009/no-trailing-spaces', 'MD022/blanks-around-headings', 'MD032/blanks-around-lists']);
      assert.ok(rules(lintJson('strict/postmortem.md').findings).includes('MD013/line-length'), 'the user config turns line length back on');
      assert.deepEqual(lintJson('--no-markdownlint', 'postmortem.md').findings, []);
      writeFileSync(path.join(work, 'off.json'), '{ "markdownlint": { "enable": false } }');
      assert.deepEqual(lintJson('--config', 'off.json', 'postmortem.md').findings, []);

      assert.equal(run(['lint', '--fix', 'postmortem.md']).status, 0);
      assert.equal(read('postmortem.md'), clean, "markdownlint's whitespace fixes are applied too");
    });

    it('applies --config severities and --profile', (t) => {
      workspace(t, { 'postmortem.md': withoutTimeline, 'pmkit.jsonc': '{\n  // CI is strict\n  "rules": { "missing-section": "error" },\n}' });
      const strict = lintJson('--config', 'pmkit.jsonc', 'postmortem.md');
      assert.equal(strict.status, 1);
      assert.deepEqual(strict.findings.map((f) => f.severity), ['error']);
      const other = lintJson('--profile', 'google-sre', 'postmortem.md');
      assert.ok(other.findings.length > 1, 'the Google SRE profile wants other sections');
      assert.ok(other.findings.every((f) => f.rule.startsWith('PM')));
    });

    it('lints every Markdown file of a folder, and globs, in path order', (t) => {
      workspace(t, {
        'docs/b.md': clean,
        'docs/a.md': clean.replace('## Timeline', '**Timeline**'),
        'docs/README.md': '# Readme\n',
        'docs/nested/c.markdown': clean,
        'docs/notes.txt': 'not markdown',
        'docs/node_modules/dep/x.md': '# no\n',
        'docs/.github/y.md': '# no\n',
      });
      const files = (findings: JsonFinding[]) => [...new Set(findings.map((f) => f.file))];
      const folder = lintJson('docs');
      assert.deepEqual(files(folder.findings), ['docs/README.md', 'docs/a.md']);
      assert.ok(folder.findings.some((f) => f.file === 'docs/a.md' && f.rule === 'PM004/pseudo-heading'));
      const junit = run(['lint', '--format', 'junit', 'docs']).stdout;
      assert.deepEqual(
        [...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]),
        ['docs/README.md', 'docs/a.md', 'docs/b.md', 'docs/nested/c.markdown'],
      );
      assert.deepEqual(files(lintJson('docs/**/*.md').findings), ['docs/README.md', 'docs/a.md']);
      assert.deepEqual(files(lintJson('docs/?.md', 'docs/a.md').findings), ['docs/a.md'], 'each file once');
    });

    it('writes SARIF that has the required shape', (t) => {
      const work = workspace(t, { 'incidents/june 19.md': withoutTimeline.replace('\n## Corrective', '\n\n## Corrective') });
      const result = run(['lint', '--format', 'sarif', 'incidents']);
      const log = JSON.parse(result.stdout);
      assert.deepEqual(sarifProblems(log), []);
      assert.deepEqual(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['PM001', 'MD012']);
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'incidents/june%2019.md');
      assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, new URL(`file://${work}/`).href);
    });

    it('writes JUnit XML with balanced tags and escaped text', (t) => {
      workspace(t, { 'a&b.md': clean.replace('## Timeline', '**Timeline <now>**') });
      const xml = run(['lint', '--format', 'junit', 'a&b.md']).stdout;
      assert.deepEqual(xmlProblems(xml), []);
      assert.match(xml, /<testsuite name="a&amp;b\.md"/);
      assert.match(xml, /Timeline &lt;now&gt;/);
    });

    it('colours stylish output only when asked and allowed', (t) => {
      workspace(t, { 'a.md': clean.replace('## Timeline', '**Timeline**') });
      assert.doesNotMatch(run(['lint', 'a.md']).stdout, /\x1b\[/, 'not a terminal');
      assert.match(run(['lint', 'a.md'], { FORCE_COLOR: '1' }).stdout, /\x1b\[33mwarning/);
      assert.doesNotMatch(run(['lint', 'a.md'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, /\x1b\[/);
    });

    it('shows no progress line when stderr is not a terminal', (t) => {
      const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`docs/${i}.md`, clean]));
      workspace(t, files);
      assert.deepEqual(run(['lint', 'docs']), { status: 0, stdout: '', stderr: '' });
    });
  });

  describe('file problems', () => {
    it('exits 2 before linting on a missing path, an empty folder, a glob matching nothing or a file it does not lint', (t) => {
      workspace(t, { 'a.md': clean, 'empty/notes.txt': 'x', 'notes.txt': 'x' });
      const cases: Array<[string, RegExp]> = [
        ['missing.md', /^pmkit: missing\.md: no such file or folder\n$/],
        ['empty', /^pmkit: empty: no \.md, \.markdown or \.pp files in this folder\n$/],
        ['nowhere/**/*.md', /^pmkit: nowhere\/\*\*\/\*\.md: no \.md, \.markdown or \.pp files match this pattern\n$/],
        ['notes.txt', /^pmkit: notes\.txt: not a \.md, \.markdown or \.pp file\n$/],
      ];
      for (const [arg, message] of cases) {
        const result = run(['lint', '--format', 'json', 'a.md', arg]);
        assert.equal(result.status, 2, arg);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '', `${arg}: nothing linted`);
      }
    });

    it('skips binary, non-UTF-8 and huge files with a message, lints the rest, and exits 2', (t) => {
      const work = workspace(t, {
        'docs/a.md': clean.replace('## Timeline', '**Timeline**'),
        'docs/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
        'docs/latin1.md': Buffer.from('# Caf\xe9 postmortem\n', 'latin1'),
        'docs/huge.md': '',
      });
      truncateSync(path.join(work, 'docs/huge.md'), 50 * 1024 * 1024);
      const { status, findings, stderr } = lintJson('docs');
      assert.equal(status, 2);
      assert.deepEqual(stderr.split('\n'), [
        'pmkit: docs/binary.md: binary file, not text',
        'pmkit: docs/huge.md: 50.0 MB is larger than the 5.0 MB limit for one document',
        'pmkit: docs/latin1.md: not valid UTF-8 text (save it as UTF-8)',
        '',
      ]);
      assert.ok(findings.length > 0 && findings.every((f) => f.file === 'docs/a.md'), 'the readable file is still reported');
    });
  });

  describe('inspect', () => {
    const overnight = clean
      .replace(
        'From 14:00 to 15:00 WAT on June 19, 2024 (1 hour), checkout failed for 40% of users.',
        '**Start**: June 19, 2024, 23:40 WAT\n**End**: June 20, 2024, 00:40 WAT\n\nCheckout failed for 40% of users for 1 hour.',
      )
      .replace('- 14:00 WAT:', '- 23:40 WAT:')
      .replace('- 14:20 WAT:', '- 23:55 WAT:')
      .replace('- 15:00 WAT:', '- 00:40 WAT:')
      .replace('## Root Cause and Resolution', '**Root Cause and Resolution**');
    /** 1-based line of the first line starting with `prefix`. */
    const lineOf = (prefix: string) => overnight.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

    it('prints sections with how they were recognised, and the timeline with ISO times', (t) => {
      workspace(t, { 'postmortem.md': overnight });
      const result = run(['inspect', 'postmortem.md', '--format', 'json']);
      assert.equal(result.status, 0, result.stderr);
      const model = JSON.parse(result.stdout);
      assert.equal(model.file, 'postmortem.md');
      assert.equal(model.profile, 'classic');
      assert.deepEqual(
        model.sections.map((s: { key?: string; recognisedAs: string }) => [s.key, s.recognisedAs]),
        [[undefined, 'heading'], ['summary', 'heading'], ['timeline', 'heading'], ['root-cause', 'bold line'], ['corrective', 'heading']],
      );
      const timeline = model.sections[2];
      assert.deepEqual([timeline.titleRange.startLine, timeline.bodyRange.endLine], [lineOf('## Timeline'), lineOf('**Root Cause') - 1]);
      assert.deepEqual(model.window.start, '2024-06-19T23:40+01:00');
      assert.deepEqual(model.window.end, '2024-06-20T00:40+01:00');
      assert.deepEqual(
        model.timeline.map((e: { line: number; time: string; zone: string; day: number }) => [e.line, e.time, e.zone, e.day]),
        [
          [lineOf('- 23:40'), '2024-06-19T23:40+01:00', 'WAT', 0],
          [lineOf('- 23:55'), '2024-06-19T23:55+01:00', 'WAT', 0],
          [lineOf('- 00:40'), '2024-06-20T00:40+01:00', 'WAT', 1],
        ],
      );
    });

    it('exports the timeline as CSV', (t) => {
      workspace(t, { 'postmortem.md': overnight.replace('checkout recovered.', 'checkout recovered, "finally".') });
      const result = run(['inspect', '--format', 'csv', 'postmortem.md']);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(result.stdout.split('\r\n'), [
        'line,time,zone,day,text',
        `${lineOf('- 23:40')},2024-06-19T23:40+01:00,WAT,0,Alerts fired for checkout errors.`,
        `${lineOf('- 23:55')},2024-06-19T23:55+01:00,WAT,0,The on-call engineer found the expired certificate.`,
        `${lineOf('- 00:40')},2024-06-20T00:40+01:00,WAT,1,"A renewed certificate was deployed and checkout recovered, ""finally""."`,
        '',
      ]);
    });

    it('reads like an outline by default', (t) => {
      workspace(t, { 'postmortem.md': overnight });
      const result = run(['inspect', 'postmortem.md']);
      assert.match(result.stdout, new RegExp(`^ {2}${lineOf('**Root Cause')}-${lineOf('## Corrective') - 1} +bold line +Root Cause and Resolution \\[root-cause\\]$`, 'm'));
      assert.match(result.stdout, new RegExp(`^ +${lineOf('- 00:40')} {2}2024-06-20T00:40\\+01:00 +WAT +A renewed certificate`, 'm'));
    });

    it('exits 2 on a file it cannot read', (t) => {
      workspace(t, { 'binary.md': Buffer.from([0, 1, 2]) });
      assert.deepEqual(run(['inspect', 'binary.md']), { status: 2, stdout: '', stderr: 'pmkit: binary.md: binary file, not text\n' });
      assert.deepEqual(run(['inspect', 'missing.md']), { status: 2, stdout: '', stderr: 'pmkit: missing.md: no such file\n' });
    });
  });

  describe('the seed postmortem', { skip: sharedAvailable ? false : sharedSkipMessage }, () => {
    const seed = sharedAvailable ? readFileSync(path.join(sharedRoot, 'corpus/postmortems/seed-example.md'), 'utf8') : '';

    it('reports its unterminated fence as an error', (t) => {
      workspace(t, { 'seed.md': seed });
      const { status, findings } = lintJson('seed.md');
      assert.equal(status, 1);
      // Once in each of its two versions (plain and fun).
      const fences = findings.filter((f) => f.rule === 'PM018/unterminated-fence');
      assert.equal(fences.length, 2);
      for (const fence of fences) {
        assert.equal(seed.split('\n')[fence.line - 1].trim(), '```puppet');
        assert.equal(fence.severity, 'error');
      }
    });

    it('reports a removed Timeline, --fix inserts it, and a second lint shows it gone', (t) => {
      // The first of its two postmortems loses its Timeline section.
      const withoutTimeline = seed.replace(/## Timeline\n[\s\S]*?(?=## Root Cause and Resolution)/, '');
      assert.equal(withoutTimeline.split('## Timeline').length, 2);
      workspace(t, { 'seed.md': withoutTimeline });
      const missing = lintJson('seed.md').findings.filter((f) => f.rule === 'PM001/missing-section');
      assert.equal(missing.length, 1);
      assert.match(missing[0].message, /"Timeline"/);

      const fixed = run(['lint', '--fix', 'seed.md']);
      assert.equal(fixed.status, 0, `the fence is closed too: ${fixed.stdout}`);
      const after = read('seed.md');
      assert.equal(after.split('## Timeline').length, 3);
      assert.ok(after.indexOf('## Timeline') < after.indexOf('## Root Cause and Resolution'));
      assert.deepEqual(lintJson('seed.md').findings.filter((f) => f.rule === 'PM001/missing-section'), []);
    });
  });
});
