import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatPuppet, formattedPuppet } from '../../../server/src/puppet/formatter';
import { lexPuppet } from '../../../server/src/puppet/lexer';
import { parsePuppet } from '../../../server/src/puppet/parser';
import { checkStyle } from '../../../server/src/puppet/style';
import { SourceText } from '../../../server/src/sourceText';
import { applyEdits } from '../../../server/src/textEdits';
import { sharedRoot, sharedSkipMessage } from '../../corpusPaths';
import { SEED } from './featuresSupport';

function format(text: string, indent?: number): string {
  const formatted = formattedPuppet(text, indent);
  assert.ok(formatted !== undefined, 'expected the text to be formatted');
  // The edits and the whole formatted text agree.
  assert.equal(applyEdits(text, formatPuppet(text, { indent })), formatted);
  return formatted;
}

/** Tokens and comments as text: what formatting must keep. */
function code(text: string): string[] {
  const lexed = lexPuppet(text);
  const comments = lexed.trivia.filter((t) => t.kind !== 'whitespace' && t.kind !== 'newline');
  return [...lexed.tokens, ...comments].sort((a, b) => a.start - b.start).map((t) => text.slice(t.start, t.end));
}

function arrowWarnings(text: string): string[] {
  const parsed = parsePuppet(text, { whitespace: true });
  return checkStyle({ source: new SourceText(text), tokens: parsed.tokens, trivia: parsed.trivia, program: parsed.ast })
    .filter((f) => f.rule === 'arrow_alignment')
    .map((f) => `${f.range.start.line + 1}: ${f.message}`);
}

describe('formatPuppet', () => {
  it('leaves the seed postmortem puppet block as it is: it is already formatted', () => {
    assert.deepEqual(formatPuppet(SEED), []);
  });

  it('Formatting a misaligned resource aligns its arrows', () => {
    const misaligned = SEED.replace('  ensure    => running,', '  ensure => running,').replace('  subscribe => ', '  subscribe   => ');
    assert.equal(arrowWarnings(misaligned).length, 2);
    const formatted = format(misaligned);
    assert.equal(formatted, SEED);
    assert.deepEqual(arrowWarnings(formatted), []);
  });

  it('edits only the blanks that change', () => {
    const edits = formatPuppet("service { 'a':\n  ensure => running,\n  enable  => true,\n}\n");
    assert.deepEqual(edits, [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 10 } }, newText: '' }]);
  });

  it('indents each nesting level by two spaces', () => {
    const text = [
      'class web (',
      'String $docroot = "/var/www",',
      ') inherits web::params {',
      'if $facts["os"]["family"] == "Debian" {',
      "package { 'apache2':",
      'ensure => installed,',
      '}',
      '} else {',
      '$modules = [',
      "'ssl',",
      ']',
      '}',
      '}',
      '',
    ].join('\n');
    assert.equal(
      format(text),
      [
        'class web (',
        '  String $docroot = "/var/www",',
        ') inherits web::params {',
        '  if $facts["os"]["family"] == "Debian" {',
        "    package { 'apache2':",
        '      ensure => installed,',
        '    }',
        '  } else {',
        '    $modules = [',
        "      'ssl',",
        '    ]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('takes the indentation width as an option', () => {
    assert.equal(format("if $x {\nnotice('a')\n}\n", 4), "if $x {\n    notice('a')\n}\n");
  });

  it('opens one level for several brackets opened on one line', () => {
    assert.equal(format("$x = foo({\n'a' => 1,\n})\n"), "$x = foo({\n  'a' => 1,\n})\n");
  });

  it('indents the attributes of a title that starts its own line', () => {
    const text = "file {\n'/a':\nensure => file;\n'/b':\nensure => directory,\nmode => '0755';\n}\n";
    assert.equal(format(text), "file {\n  '/a':\n    ensure => file;\n  '/b':\n    ensure => directory,\n    mode   => '0755';\n}\n");
  });

  it('indents continued lines one level, but not relationship chains', () => {
    const text = "$x = $list\n.filter |$v| { $v > 1 }\n.map |$v| {\n$v * 2\n}\nPackage['a']\n-> Service['b']\n";
    assert.equal(format(text), "$x = $list\n  .filter |$v| { $v > 1 }\n  .map |$v| {\n    $v * 2\n  }\nPackage['a']\n-> Service['b']\n");
  });

  it('closes a body at the level of its statement when the condition runs over lines', () => {
    const text = 'if $a and\n$b {\nnotice(1)\n}\n';
    assert.equal(format(text), 'if $a and\n  $b {\n  notice(1)\n}\n');
  });

  it('aligns hashes and selectors, each level on its own', () => {
    const text = "$h = {\n'a' => 1,\n'bbb' => {\n'x' => 1,\n'yyy' => 2,\n},\n}\n$s = $x ? {\ntrue => 'y',\ndefault => 'n',\n}\n";
    assert.equal(
      format(text),
      "$h = {\n  'a'   => 1,\n  'bbb' => {\n    'x'   => 1,\n    'yyy' => 2,\n  },\n}\n$s = $x ? {\n  true    => 'y',\n  default => 'n',\n}\n",
    );
  });

  it('leaves a one-line body as it is', () => {
    const text = "file { '/x': ensure => file, mode => '0644' }\n";
    assert.deepEqual(formatPuppet(text), []);
  });

  it('puts each attribute of a multi-line body on its own line, as arrow_alignment needs', () => {
    const text = "file { '/x': ensure => file, mode => '0644',\nowner => root,\n}\n";
    const formatted = format(text);
    assert.equal(formatted, "file { '/x':\n  ensure => file,\n  mode   => '0644',\n  owner  => root,\n}\n");
    assert.deepEqual(arrowWarnings(formatted), []);
  });

  it('leaves the text of heredocs, multi-line strings and comments alone', () => {
    const text = [
      "file { '/x':",
      '      content => @(END),',
      '    keep   this   ',
      '      | END',
      '  # a comment   ',
      "mode => '0644',",
      '    source => "a',
      '      b   ",',
      '/* block',
      '      comment */',
      '}',
      '',
    ].join('\n');
    assert.equal(
      format(text),
      [
        "file { '/x':",
        '  content => @(END),',
        '    keep   this   ',
        '      | END',
        '  # a comment   ',
        "  mode    => '0644',",
        '  source  => "a',
        '      b   ",',
        '  /* block',
        '      comment */',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('removes trailing blanks and keeps CRLF line ends', () => {
    assert.equal(format("if $x {  \r\n    notice(1)\t\r\n\r\n  }\r\n"), 'if $x {\r\n  notice(1)\r\n\r\n}\r\n');
  });

  it('keeps a line-starting ( or [ apart from the line before, as Puppet reads it', () => {
    const text = '$y = foo\n  (1)\n$b = $a\n      [0]\n';
    const formatted = format(text);
    assert.equal(formatted, '$y = foo\n(1)\n$b = $a\n[0]\n');
    assert.deepEqual(code(formatted), code(text));
    const before = parsePuppet(text).ast.body.map((s) => s.type);
    assert.deepEqual(parsePuppet(formatted).ast.body.map((s) => s.type), before);
  });

  it('does not format code with syntax errors', () => {
    assert.deepEqual(formatPuppet("package { 'x':\n  ensure => \n"), []);
    assert.deepEqual(formatPuppet("package { 'x':\nensure => installed,\n"), []);
    assert.equal(formattedPuppet("file { '/x: }"), undefined);
  });

  it('formats code whose only problems are statement-list checks', () => {
    const text = "'unused'\nnotice(1)\nif $x {\nnotice(2)\n}\n";
    assert.ok(parsePuppet(text).errors.length > 0);
    assert.equal(format(text), "'unused'\nnotice(1)\nif $x {\n  notice(2)\n}\n");
  });

  it('formats only the lines a range overlaps', () => {
    const text = "class a {\nnotice(1)\nnotice(2)\nnotice(3)\n}\n";
    const edits = formatPuppet(text, { range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } } });
    assert.equal(applyEdits(text, edits), "class a {\nnotice(1)\n  notice(2)\nnotice(3)\n}\n");
  });

  it('is idempotent', () => {
    const text = "class a {\nfile { '/x': ensure => file, mode => '0644',\nowner => root }\n$h = { 'a' => { 'b' => 1,\n'cc' => 2 },\n'ddd' => 3 }\n}\n";
    const once = format(text);
    assert.equal(format(once), once);
    assert.deepEqual(formatPuppet(once), []);
    assert.deepEqual(code(once), code(text));
  });

  it('rejects an indentation that is not a whole positive number', () => {
    assert.throws(() => formatPuppet('notice(1)\n', { indent: 0 }), RangeError);
    assert.throws(() => formatPuppet('notice(1)\n', { indent: 1.5 }), RangeError);
  });

  it('formats a 1,000-line file without slowing down with its size', () => {
    const resource = (i: number) => `file { '/etc/app/${i}.conf':\nensure => file,\n  owner=> 'root',\n    mode   =>  '0644',\n}\n`;
    const text = `class app {\n${Array.from({ length: 200 }, (_, i) => resource(i)).join('')}}\n`;
    assert.ok(text.split('\n').length >= 1000);
    const times = Array.from({ length: 5 }, () => {
      const start = performance.now();
      formatPuppet(text);
      return performance.now() - start;
    }).sort((a, b) => a - b);
    // A loose bound: a regression to quadratic time would take seconds.
    assert.ok(times[2] < 250, `median ${times[2].toFixed(1)} ms`);
  });
});

describe('formatPuppet on the corpus', () => {
  const seedPath = path.join(sharedRoot, 'corpus', 'postmortems', 'seed-example.md');
  let seed: string | undefined;
  try {
    seed = readFileSync(seedPath, 'utf8');
  } catch {
    seed = undefined;
  }

  it('keeps the seed postmortem puppet fence formatted', { skip: seed === undefined && sharedSkipMessage }, () => {
    const fence = /```puppet\n([\s\S]*?)(?:```|####)/.exec(seed!);
    assert.ok(fence, 'the seed has a puppet fence');
    // The fence is indented as a list item: its code starts three columns in.
    const code = fence[1].replace(/^ {3}/gm, '').trimEnd() + '\n';
    assert.ok(code.includes("subscribe => Package['php-missing-module']"));
    assert.deepEqual(formatPuppet(code), []);
  });
});
