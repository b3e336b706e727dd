import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding, Range } from '../../../server/src/finding';
import { SourceText } from '../../../server/src/sourceText';
import { applyEdits } from '../../../server/src/textEdits';
import { parsePuppet } from '../../../server/src/puppet/parser';
import { checkStyle, styleCheckCatalog, type StyleOptions } from '../../../server/src/puppet/style';
import { checkPuppet } from '../../../server/src/puppet/checker';
import {
  isCheckEnabled,
  loadPuppetLintRc,
  parseControlComments,
  parsePuppetLintRc,
} from '../../../server/src/puppet/lintConfig';
import { sharedAvailable, sharedRoot, sharedSkipMessage } from '../../corpusPaths';

function lint(text: string, options?: StyleOptions, toDocument?: (r: Range) => Range): Finding[] {
  const parsed = parsePuppet(text, { whitespace: true });
  return checkStyle({ source: new SourceText(text), tokens: parsed.tokens, trivia: parsed.trivia, program: parsed.ast, toDocument }, options);
}

/** Findings of one check as `line:column message`, 1-based like puppet-lint. */
function found(text: string, check: string, options?: StyleOptions): string[] {
  return lint(text, options)
    .filter((f) => f.rule === check)
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

/** The text after applying every preferred fix of one check (or of all checks). */
function fixAll(text: string, check?: string): string {
  const edits = lint(text)
    .filter((f) => !check || f.rule === check)
    .flatMap((f) => f.fixes.filter((x) => x.preferred).flatMap((x) => x.edits));
  return applyEdits(text, edits);
}

describe('style: whitespace', () => {
  it('trailing_whitespace: flags blanks before a line break or the end, not in strings or comments', () => {
    const text = "$a = 1   \n$b = 'x  \ny'\n# note  \n$c = 2\t";
    assert.deepEqual(found(text, 'trailing_whitespace'), ['1:7 trailing whitespace found', '5:7 trailing whitespace found']);
    assert.equal(fixAll(text, 'trailing_whitespace'), "$a = 1\n$b = 'x  \ny'\n# note  \n$c = 2");
  });

  it('hard_tabs: flags tabs in whitespace and fixes them to two spaces', () => {
    const text = "file { '/a':\n\tensure => file,\n}\n$s = \"\\t\"\n";
    assert.deepEqual(found(text, 'hard_tabs'), ['2:1 tab character found']);
    assert.equal(fixAll(text, 'hard_tabs'), "file { '/a':\n  ensure => file,\n}\n$s = \"\\t\"\n");
  });

  it('a trailing tab is fixed once, by trailing_whitespace', () => {
    const text = '$foo = 1\t\n';
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => f.rule), ['trailing_whitespace', 'hard_tabs']);
    assert.equal(findings[1].fixes[0].preferred, false);
    assert.equal(fixAll(text), '$foo = 1\n');
  });

  it('2sp_soft_tabs: flags odd indentation, without a fix', () => {
    const text = "class a {\n   $x = 1\n  $y = 2\n}\n";
    assert.deepEqual(found(text, '2sp_soft_tabs'), ['2:1 two-space soft tabs not used']);
    assert.deepEqual(lint(text).find((f) => f.rule === '2sp_soft_tabs')?.fixes, []);
  });

  it('140chars: flags long lines from the first character over, except URLs and templates', () => {
    const long = `$x = '${'x'.repeat(140)}'`;
    const text = `${long}\n$u = 'https://${'u'.repeat(140)}'\n$t = template('${'t'.repeat(140)}')\n$ok = 1\n`;
    const findings = lint(text).filter((f) => f.rule === '140chars');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, { start: { line: 0, character: 140 }, end: { line: 0, character: long.length } });
    assert.equal(findings[0].message, 'line has more than 140 characters');
    assert.deepEqual(found(`$e = '${'😀'.repeat(133)}'\n`, '140chars'), [], 'counts characters, not UTF-16 units');
    assert.equal(found(`$e = '${'😀'.repeat(134)}'\n`, '140chars').length, 1);
  });
});

describe('style: arrow_alignment', () => {
  it('aligns arrows one space after the longest name, per brace level', () => {
    const text = [
      "file { '/etc/app.conf':",
      '  ensure => file,',
      '  mode => \'0644\',',
      '  content => {',
      '    a => 1,',
      '    bbb  => 2,',
      '  },',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(found(text, 'arrow_alignment'), [
      '2:10 indentation of => is not properly aligned (expected in column 11, but found it in column 10)',
      '3:8 indentation of => is not properly aligned (expected in column 11, but found it in column 8)',
      '5:7 indentation of => is not properly aligned (expected in column 9, but found it in column 7)',
      '6:10 indentation of => is not properly aligned (expected in column 9, but found it in column 10)',
    ]);
    assert.equal(fixAll(text, 'arrow_alignment'), [
      "file { '/etc/app.conf':",
      '  ensure  => file,',
      "  mode    => '0644',",
      '  content => {',
      '    a   => 1,',
      '    bbb => 2,',
      '  },',
      '}',
      '',
    ].join('\n'));
  });

  it('moves a second attribute on one line to its own line', () => {
    const text = "service { 'a':\n  ensure => running, enable => true,\n  hasstatus => true,\n}\n";
    const fixedText = fixAll(text, 'arrow_alignment');
    assert.equal(fixedText, "service { 'a':\n  ensure    => running,\n  enable    => true,\n  hasstatus => true,\n}\n");
    assert.deepEqual(found(fixedText, 'arrow_alignment'), []);
  });

  it('leaves aligned resources, one-line resources and plain hashes alone', () => {
    assert.deepEqual(found("file { '/a':\n  ensure => file,\n  mode   => '0644',\n}\nfile { '/b': ensure => file, mode => '0644' }\n$h = {\n  a => 1,\n  bb => 2,\n}\n", 'arrow_alignment'), []);
  });
});

describe('style: strings', () => {
  it('double_quoted_strings: flags strings without variables or escapes and swaps the quotes', () => {
    const text = 'notify { "x": message => "hello ${name}" }\n$a = "plain"\n$b = "tab\\there"\n$c = "it\'s"\n$d = "\\u00e9"\n';
    assert.deepEqual(found(text, 'double_quoted_strings'), [
      '1:10 double quoted string containing no variables',
      '2:6 double quoted string containing no variables',
      '5:6 double quoted string containing no variables',
    ]);
    assert.equal(fixAll(text, 'double_quoted_strings'), 'notify { \'x\': message => "hello ${name}" }\n$a = \'plain\'\n$b = "tab\\there"\n$c = "it\'s"\n$d = "\\u00e9"\n');
  });

  it('only_variable_string: replaces a string holding only a variable, but not hash keys or indexes', () => {
    const text = '$a = "${foo}"\n$b = "$bar"\n$c = "${h[\'k\'][0]}"\n$d = { "${k}" => 1 }\n$e = $h["${k}"]\n$f = "${x} "\n';
    assert.deepEqual(found(text, 'only_variable_string'), [
      '1:9 string containing only a variable',
      '2:7 string containing only a variable',
      '3:9 string containing only a variable',
    ]);
    assert.equal(fixAll(text, 'only_variable_string'), '$a = $foo\n$b = $bar\n$c = $h[\'k\'][0]\n$d = { "${k}" => 1 }\n$e = $h["${k}"]\n$f = "${x} "\n');
  });

  it('variables_not_enclosed: braces bare variables in strings and heredocs', () => {
    const text = '$a = "x $foo y"\n$b = @("END")\n  at $path\n  | END\n$c = "${ok}"\n';
    assert.deepEqual(found(text, 'variables_not_enclosed'), ['1:9 variable not enclosed in {}', '3:6 variable not enclosed in {}']);
    assert.equal(fixAll(text, 'variables_not_enclosed'), '$a = "x ${foo} y"\n$b = @("END")\n  at ${path}\n  | END\n$c = "${ok}"\n');
  });

  it('quoted_booleans: off by default, on through the rc file, never fixed', () => {
    const text = "service { 'a': enable => 'true', ensure => running }\n";
    assert.deepEqual(found(text, 'quoted_booleans'), []);
    const rc = parsePuppetLintRc('--quoted_booleans-check\n');
    assert.deepEqual(found(text, 'quoted_booleans', { rc }), ['1:26 quoted boolean value found']);
    assert.deepEqual(lint(text, { rc }).find((f) => f.rule === 'quoted_booleans')?.fixes, []);
  });
});

describe('style: resources', () => {
  it('unquoted_resource_title: quotes bare titles', () => {
    const text = "package { nginx: }\npackage { ['a', curl]: }\npackage { 'ok': }\n";
    assert.deepEqual(found(text, 'unquoted_resource_title'), ['1:11 unquoted resource title', '2:17 unquoted resource title']);
    assert.equal(fixAll(text, 'unquoted_resource_title'), "package { 'nginx': }\npackage { ['a', 'curl']: }\npackage { 'ok': }\n");
  });

  it('ensure_first_param: moves the ensure line to the top of the body', () => {
    const text = "file { '/a':\n  owner  => 'root',\n  mode   => '0644',\n  ensure => file\n}\n";
    assert.deepEqual(found(text, 'ensure_first_param'), ["4:3 ensure found on line but it's not the first attribute"]);
    assert.equal(fixAll(text, 'ensure_first_param'), "file { '/a':\n  ensure => file,\n  owner  => 'root',\n  mode   => '0644',\n}\n");
  });

  it('ensure_first_param: skips classes and gives no fix for one-line bodies', () => {
    assert.deepEqual(found("class { 'x': a => 1, ensure => present }\n", 'ensure_first_param'), []);
    const finding = lint("file { '/a': mode => '0644', ensure => file }\n").find((f) => f.rule === 'ensure_first_param');
    assert.deepEqual(finding?.fixes, []);
  });

  it('unquoted_file_mode and file_mode: quote and complete modes of file and concat', () => {
    const text = "file { '/a': mode => 644 }\nfile { '/b': mode => '755' }\nconcat { '/c': mode => 0640 }\nfile { '/d': mode => 'u=rw,go=r' }\nfile { '/e': mode => $m }\nexec { 'x': mode => 1 }\n";
    assert.deepEqual(found(text, 'unquoted_file_mode'), ['1:22 unquoted file mode', '3:24 unquoted file mode']);
    assert.deepEqual(found(text, 'file_mode'), [
      '1:22 mode should be represented as a 4 digit octal value or symbolic mode',
      '2:22 mode should be represented as a 4 digit octal value or symbolic mode',
    ]);
    assert.equal(
      fixAll(text),
      "file { '/a': mode => '0644' }\nfile { '/b': mode => '0755' }\nconcat { '/c': mode => '0640' }\nfile { '/d': mode => 'u=rw,go=r' }\nfile { '/e': mode => $m }\nexec { 'x': mode => 1 }\n",
    );
  });

  it('duplicate_params: flags the second setting of an attribute', () => {
    const text = "package { 'p': ensure => installed, ensure => absent }\n";
    assert.deepEqual(found(text, 'duplicate_params'), ['1:37 duplicate parameter found in resource']);
    assert.deepEqual(found(text, 'duplicate_params', { withChecker: true }), [], "left to the checker's DUPLICATE_ATTRIBUTE");
  });
});

describe('style: control flow', () => {
  it('case_without_default: flags a case without default, including nested ones', () => {
    const text = "case $a {\n  'x': {\n    case $b { 'y': {} default: {} }\n  }\n}\n";
    assert.deepEqual(found(text, 'case_without_default'), ['1:1 case statement without a default case']);
  });

  it('right_to_left_relationship: flags <- only', () => {
    const text = "Service['a'] <- Package['a']\nService['a'] <~ Package['a']\nPackage['a'] -> Service['a']\n";
    assert.deepEqual(found(text, 'right_to_left_relationship'), ['1:14 right-to-left (<-) relationship']);
  });
});

describe('style: configuration', () => {
  it('parses rc files as puppet-lint does', () => {
    const rc = parsePuppetLintRc('# team style\n--no-140chars-check\n--no-arrow_alignment-check --fail-on-warnings\n--quoted_booleans-check\n');
    assert.deepEqual([...rc.disabled].sort(), ['140chars', 'arrow_alignment']);
    assert.deepEqual([...rc.enabled], ['quoted_booleans']);
    assert.equal(isCheckEnabled(rc, '140chars', true), false);
    assert.equal(isCheckEnabled(rc, 'hard_tabs', true), true);
    const only = parsePuppetLintRc('--only-checks hard_tabs,trailing_whitespace\n');
    assert.equal(isCheckEnabled(only, 'hard_tabs', true), true);
    assert.equal(isCheckEnabled(only, 'arrow_alignment', true), false);
    assert.deepEqual([...parsePuppetLintRc('--only-checks=140chars').only!], ['140chars']);
  });

  it('loads an rc file, and a missing one configures nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pmkit-rc-'));
    try {
      writeFileSync(path.join(dir, '.puppet-lint.rc'), '--no-hard_tabs-check\n');
      assert.deepEqual([...loadPuppetLintRc(path.join(dir, '.puppet-lint.rc')).disabled], ['hard_tabs']);
      assert.deepEqual([...loadPuppetLintRc(path.join(dir, 'missing.rc')).disabled], []);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('honours --no-<check>-check from the rc', () => {
    const text = '$a = "x"   \n';
    assert.deepEqual(lint(text).map((f) => f.rule).sort(), ['double_quoted_strings', 'trailing_whitespace']);
    assert.deepEqual(lint(text, { rc: parsePuppetLintRc('--no-trailing_whitespace-check') }).map((f) => f.rule), ['double_quoted_strings']);
  });

  it('honours lint:ignore blocks, line-end ignores, and reports unbalanced control comments', () => {
    const text = [
      '# lint:ignore:double_quoted_strings lint:ignore:140chars because generated',
      '$a = "x"',
      '# lint:endignore',
      '$b = "y" # lint:ignore:double_quoted_strings',
      '$c = "z"',
      '# lint:endignore',
      '# lint:ignore:hard_tabs',
      '',
    ].join('\n');
    const findings = lint(text);
    assert.deepEqual(findings.map((f) => `${f.range.start.line + 1} ${f.rule}`), ['5 double_quoted_strings', '6 lint_control_comment', '7 lint_control_comment']);
    assert.match(findings[1].message, /endignore comment with no opening/);
    assert.match(findings[2].message, /lint:ignore:hard_tabs comment with no closing/);
  });

  it('reads control comments however they are spaced, and only where they lead the comment', () => {
    const text = [
      '#\tlint:ignore:double_quoted_strings',
      '$a = "x"',
      '#lint:endignore',
      '/*',
      '   lint:ignore:double_quoted_strings */',
      '$b = "y"',
      '#\u00a0lint:endignore',
      '$c = "z" # see lint:ignore:double_quoted_strings',
      '',
    ].join('\n');
    assert.deepEqual(found(text, 'double_quoted_strings'), ['8:6 double quoted string containing no variables']);
    assert.deepEqual(found(text, 'lint_control_comment'), []);
  });

  it('nests control comment blocks', () => {
    const control = parseControlComments([
      { text: ' lint:ignore:a', line: 0, trailing: false },
      { text: ' lint:ignore:b', line: 2, trailing: false },
      { text: ' lint:endignore', line: 4, trailing: false },
      { text: ' lint:endignore', line: 6, trailing: false },
    ]);
    assert.equal(control.isIgnored('b', 3), true);
    assert.equal(control.isIgnored('b', 5), false);
    assert.equal(control.isIgnored('a', 5), true);
    assert.equal(control.isIgnored('a', 7), false);
    assert.deepEqual(control.problems, []);
  });

  it('maps ranges to the containing document', () => {
    const [finding] = lint('$a = 1 \n', {}, (r) => ({
      start: { line: r.start.line + 5, character: r.start.character + 3 },
      end: { line: r.end.line + 5, character: r.end.character + 3 },
    }));
    assert.deepEqual(finding.range, { start: { line: 5, character: 9 }, end: { line: 5, character: 10 } });
    assert.deepEqual(finding.fixes[0].edits[0].range, finding.range);
  });

  it('lists its checks with puppet-lint names', () => {
    assert.deepEqual(styleCheckCatalog.map((c) => c.name).sort(), [
      '140chars', '2sp_soft_tabs', 'arrow_alignment', 'case_without_default', 'double_quoted_strings', 'duplicate_params',
      'ensure_first_param', 'file_mode', 'hard_tabs', 'only_variable_string', 'quoted_booleans', 'right_to_left_relationship',
      'trailing_whitespace', 'unquoted_file_mode', 'unquoted_resource_title', 'variables_not_enclosed',
    ]);
  });
});

describe('style: fixes', () => {
  it('never remove non-blank text, and settle in a few rounds as an editor applies them', () => {
    const text = "file { \"/a\":\n  mode => 644,\n  owner  => root,\n\tensure => file, \n}\npackage { curl: }\n";
    let after = text;
    for (let round = 0; round < 4; round++) after = fixAll(after);
    const words = (s: string) => s.replace(/['"\s,]/g, '').split('').sort().join('');
    assert.equal(words(after).replace(/0/g, ''), words(text).replace(/0/g, ''), 'same characters, quotes, blanks and the added 0 aside');
    assert.deepEqual(lint(after).filter((f) => f.fixes.some((x) => x.preferred)).map((f) => f.rule), [], 'nothing left to fix');
  });
});

describe('style and checker on broken code', { skip: sharedAvailable ? false : sharedSkipMessage }, () => {
  it('never throw on the mutants, stay inside the text, and offer fixes that apply together', () => {
    const root = path.join(sharedRoot, 'corpus', 'puppet', 'mutants');
    const files = readdirSync(root).filter((f) => f.endsWith('.pp'));
    assert.ok(files.length >= 300);
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      const source = new SourceText(text);
      const parsed = parsePuppet(text, { whitespace: true });
      const findings = [
        ...checkPuppet([{ program: parsed.ast, source }]),
        ...checkStyle({ source, tokens: parsed.tokens, trivia: parsed.trivia, program: parsed.ast }, { withChecker: true }),
      ];
      for (const f of findings) {
        assert.ok(f.range.end.line < source.lineCount && f.range.end.character <= source.line(f.range.end.line).length, `${file}: ${f.rule} in range`);
      }
      const edits = findings.flatMap((f) => f.fixes.filter((x) => x.preferred).flatMap((x) => x.edits));
      assert.doesNotThrow(() => applyEdits(text, edits), file);
    }
  });
});

const implemented = styleCheckCatalog.map((c) => c.name).join(',');

function puppetLintAvailable(): boolean {
  try {
    execFileSync('puppet-lint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Our findings as puppet-lint prints them: `file:line:column:check` (140chars reports column 140). */
function asPuppetLint(file: string, text: string, options?: StyleOptions): string[] {
  return lint(text, options)
    .filter((f) => f.rule !== 'lint_control_comment')
    .map((f) => `${file}:${f.range.start.line + 1}:${f.rule === '140chars' ? 140 : f.range.start.character + 1}:${f.rule}`);
}

describe('style against puppet-lint', () => {
  it('matches puppet-lint’s recorded output on the samples', { skip: sharedAvailable ? false : sharedSkipMessage }, () => {
    const samples = path.join(sharedRoot, 'corpus', 'puppet', 'samples');
    const recorded = readFileSync(path.join(samples, 'puppet_lint_output.txt'), 'utf8');
    const names = new Set(styleCheckCatalog.map((c) => c.name));
    const expected = [...recorded.matchAll(/^(\S+\.pp):(\d+):(\d+): \w+ \[(\w+)\]/gm)].filter((m) => names.has(m[4]));
    const files = readdirSync(samples).filter((f) => f.endsWith('.pp') && parsePuppet(readFileSync(path.join(samples, f), 'utf8')).errors.length === 0);
    const ours = new Set(files.flatMap((f) => asPuppetLint(f, readFileSync(path.join(samples, f), 'utf8'))));
    const theirs = new Set(expected.filter((m) => files.includes(m[1])).map((m) => `${m[1]}:${m[2]}:${m[3]}:${m[4]}`));
    assert.ok(theirs.size >= 8, 'the recording covers several checks');
    assert.deepEqual([...ours].sort(), [...theirs].sort());
  });

  it('matches a live puppet-lint run', { skip: puppetLintAvailable() ? false : 'puppet-lint is not installed' }, () => {
    const fixtures: Record<string, string> = {
      'whitespace.pp': "class demo {\n   $a = 1   \n\t$b = 2\n  # note  \n}\n",
      'strings.pp': '$a = "plain"\n$b = "${only}"\n$c = "x $bare y"\n$d = "it\'s"\n$e = \'true\'\n$f = $h["${k}"]\n',
      'resources.pp': "file { \"/a\":\n  owner => 'root',\n  mode => 644,\n  ensure => file,\n}\npackage { nginx: ensure => installed, ensure => absent }\nfile { '/b': mode => '755' }\n",
      'flow.pp': "case $x {\n  'a': {}\n}\nService['s'] <- Package['p']\n$long = '" + 'x'.repeat(150) + "'\n",
      'control.pp': '$a = "x" # lint:ignore:double_quoted_strings\n# lint:ignore:arrow_alignment\nfile { \'/c\':\n  ensure => file,\n  mode => \'0644\',\n}\n# lint:endignore\n',
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'pmkit-lint-'));
    try {
      for (const [name, text] of Object.entries(fixtures)) writeFileSync(path.join(dir, name), text);
      // puppet-lint exits non-zero when it finds problems; the report is on stdout either way.
      const run = spawnSync(
        'puppet-lint',
        ['--only-checks', implemented, '--quoted_booleans-check', '--log-format', '%{path}:%{line}:%{column}:%{check}', ...Object.keys(fixtures)],
        { cwd: dir, encoding: 'utf8' },
      );
      const theirs = run.stdout.trim().split('\n').filter(Boolean).sort();
      const rc = parsePuppetLintRc('--quoted_booleans-check');
      const ours = Object.entries(fixtures).flatMap(([name, text]) => asPuppetLint(name, text, { rc })).sort();
      assert.ok(theirs.length >= 10, 'puppet-lint reports on the fixtures');
      assert.deepEqual(ours, theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
