// Syntax errors: reported on the token Puppet reports them at, then recovered from.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePuppet } from '../../../server/src/puppet/parser';
import { SourceText } from '../../../server/src/sourceText';

interface Shown {
  /** 1-based line:column, as Puppet prints positions. */
  at: string;
  message: string;
  related: string[];
}

function errorsOf(text: string): Shown[] {
  const source = new SourceText(text);
  const at = (offset: number) => {
    const p = source.positionAt(offset);
    return `${p.line + 1}:${p.character + 1}`;
  };
  return parsePuppet(text).errors.map((e) => ({
    at: at(e.start),
    message: e.message,
    related: (e.related ?? []).map((r) => `${at(r.start)} ${r.message}`),
  }));
}

function only(text: string): Shown {
  const errors = errorsOf(text);
  assert.equal(errors.length, 1, `one error expected, got ${JSON.stringify(errors, null, 2)}`);
  return errors[0];
}

describe('puppet syntax errors: where Puppet reports them', () => {
  it('a missing comma between attributes: at the next attribute, related to the previous one', () => {
    const e = only("class demo {\n  file { '/tmp/x':\n    ensure => file\n    mode   => '0644',\n  }\n}\n");
    assert.equal(e.at, '4:5');
    assert.match(e.message, /^Syntax error at 'mode'/);
    assert.deepEqual(e.related, ['3:5 missing comma after this attribute']);
  });

  it('a missing closing brace: at end of input, related to the unclosed brace', () => {
    const e = only("class demo {\n  package { 'nginx':\n    ensure => installed,\n  }\n");
    assert.equal(e.message, 'Syntax error at end of input');
    assert.deepEqual(e.related, ["1:12 this '{' is never closed"]);
  });

  it('a missing closing brace inside: points at the block whose closer is indented like an outer one', () => {
    const e = only("class demo {\n  if $x {\n    notice(1)\n  notice(2)\n}\n");
    assert.equal(e.message, 'Syntax error at end of input');
    assert.equal(e.related.length, 2);
    assert.match(e.related[0], /^2:9 this '\{' is probably the one missing its closing bracket/);
    assert.match(e.related[1], /^1:12 this '\{' is never closed/);
  });

  it("'=' written for '=>': at the '=', and the rest parses", () => {
    const e = only("file { '/tmp/x':\n  ensure = file,\n  mode   => '0644',\n}\n");
    assert.equal(e.at, '2:10');
    assert.match(e.message, /^Syntax error at '='/);
  });

  it('a missing opening brace of a class: at the first token of the body, which is still read', () => {
    const e = only("class demo\n  package { 'nginx':\n    ensure => installed,\n  }\n}\n");
    assert.equal(e.at, '2:3');
    assert.match(e.message, /^Syntax error at 'package'/);
  });

  it('an extra closing brace', () => {
    const e = only("class demo {\n  notice(1)\n}\n}\n");
    assert.equal(e.at, '4:1');
    assert.match(e.message, /^Syntax error at '\}'/);
  });

  it('a case option without its colon: at the brace', () => {
    assert.equal(only("case $x {\n  'a': { }\n  'b' { }\n}\n").at, '3:7');
  });

  it("'else if': at the if", () => {
    const e = only('if $x { notice(1) } else if $y { notice(2) }');
    assert.equal(e.at, '1:26');
    assert.match(e.message, /^Syntax error at 'if'/);
  });

  it('an array missing its bracket: at the next statement, which is still read', () => {
    const e = only("class demo {\n  $x = [1, 2\n  $y = { 'a' => 1 }\n}\n");
    assert.equal(e.at, '3:3');
  });

  it("a ';' before a closing brace", () => {
    assert.equal(only("class a {\n  notice(1) ;\n}\n").at, '3:1');
  });

  it('a stray character', () => {
    assert.equal(only("class a {\n  notice(1) &\n}\n").at, '2:13');
    assert.equal(only("class a {\n  file { 'x': } @\n}\n").at, '3:1');
  });

  it('a deleted title colon: at the first attribute', () => {
    const e = only("file { '/x'\n  ensure => file,\n}\n");
    assert.equal(e.at, '2:3');
  });

  it('a class named with a quoted string', () => {
    assert.equal(only("class 'demo' { }").message, 'A quoted string is not valid as a name here');
  });

  it('an unterminated string: the error that follows points back at the runaway string', () => {
    const e = only("file { '/x':\n  ensure => 'file,\n  mode   => '0644',\n}\n");
    assert.equal(e.at, '3:14');
    assert.match(e.message, /^Syntax error at '0644'/);
    assert.deepEqual(e.related, ['2:13 this string runs over several lines: is a closing quote missing?']);
  });

  it('an unterminated double-quoted string: at its quote', () => {
    const e = only('$x = "abc\nnotify { $x: }\n');
    assert.equal(e.at, '1:6');
    assert.match(e.message, /Unterminated string/);
  });
});

describe('puppet syntax errors: recovery', () => {
  it('reports independent errors in several statements', () => {
    const errors = errorsOf("file { '/a':\n  ensure = file,\n}\nfile { '/b':\n  ensure => file\n  mode => '0644',\n}\n$x = [1,\n");
    assert.deepEqual(
      errors.map((e) => e.at),
      ['2:10', '6:3', '8:9'],
    );
  });

  it('recovers from a missing ) in an if condition at the block brace', () => {
    // As in Puppet, `$x {` reads as a resource whose title `notice(1)` lacks its ':'.
    const e = only("if empty($x {\n  notice(1)\n}\nnotice(2)\n");
    assert.equal(e.at, '3:1');
  });

  it("recovers from a missing '}' before else", () => {
    assert.equal(only('if $x {\n  notice(1)\nelse {\n  notice(2)\n}\n').at, '3:1');
  });

  it("recovers from a resource that lost its '{'", () => {
    const e = only("class a {\n  file '/x':\n    ensure => file,\n  }\n  notice(1)\n}\n");
    assert.equal(e.at, '2:12');
  });

  it("recovers from a case option body that lost its '}'", () => {
    assert.equal(only("case $x {\n  'a': {\n    notice(1)\n  default: {\n    notice(2)\n  }\n}\n").at, '4:10');
  });

  it('reports nesting too deep instead of overflowing the stack', () => {
    const { errors } = parsePuppet('$x = ' + '['.repeat(5000) + ']'.repeat(5000));
    assert.ok(errors.some((e) => e.code === 'NESTING_TOO_DEEP'));
  });

  it('never reports two errors on the same token', () => {
    const errors = parsePuppet("foo(bar(1, 2\n").errors;
    const starts = errors.map((e) => e.start);
    assert.equal(new Set(starts).size, starts.length);
  });
});
