// Syntax errors: reported on the token Puppet reports them at, then recovered from.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type * as A from '../../../server/src/puppet/ast';
import { parsePuppet } from '../../../server/src/puppet/parser';
import { puppetSymbols } from '../../../server/src/puppet/features/symbols';
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

describe('puppet syntax errors: a definition the text ends inside', () => {
  // What the outline and hover see while someone types at the end of a file.
  type Definition = A.ClassDefinition | A.DefineDefinition | A.NodeDefinition;

  function cutDefinition(text: string, type: Definition['type']): { definition: Definition; error: Shown } {
    const { ast } = parsePuppet(text);
    assert.equal(ast.body.length, 1);
    const definition = ast.body[0];
    assert.equal(definition.type, type);
    return { definition: definition as Definition, error: only(text) };
  }

  /** `type['title']` of each resource among the statements, in order. */
  function resourcesOf(definition: Definition): string[] {
    return definition.body.statements.flatMap((s) =>
      s.type === 'Resource' && s.typeName.type === 'Name'
        ? s.bodies.map((b) => `${(s.typeName as A.Name).value}['${b.title.type === 'String' ? b.title.value : '?'}']`)
        : [],
    );
  }

  it('keeps a class with the resources of its body, and reports end of input at the unclosed brace', () => {
    const text = "class web {\n  package { 'nginx':\n    ensure => installed,\n  }\n  service { 'nginx':\n    ens";
    const { definition, error } = cutDefinition(text, 'Class');
    assert.equal(definition.type === 'Class' && definition.name.value, 'web');
    assert.deepEqual(resourcesOf(definition), ["package['nginx']", "service['nginx']"]);
    assert.equal(definition.end, text.length);
    assert.match(error.message, /^Syntax error at end of input/);
    assert.deepEqual(error.related, ["5:11 this '{' is never closed"]);
  });

  it('keeps a define with its parameters and resources', () => {
    const text = "define app::site($root) {\n  file { $root: ensure => directory }\n  exec { 'reload': command => '/bin/true' }\n";
    const { definition, error } = cutDefinition(text, 'Define');
    assert.deepEqual(definition.type === 'Define' && definition.parameters.map((p) => p.name), ['root']);
    assert.deepEqual(resourcesOf(definition), ["file['?']", "exec['reload']"]);
    assert.equal(error.message, 'Syntax error at end of input');
    assert.deepEqual(error.related, ["1:25 this '{' is never closed"]);
  });

  it('keeps a node with its resources', () => {
    const text = "node 'web01.example.com' {\n  class { 'ntp': }\n  service { 'sshd':\n    ensure =>";
    const { definition, error } = cutDefinition(text, 'Node');
    assert.deepEqual(resourcesOf(definition), ["class['ntp']", "service['sshd']"]);
    assert.match(error.message, /^Syntax error at end of input/);
    assert.deepEqual(error.related, ["3:11 this '{' is never closed"]);
  });

  it('keeps a class cut inside a nested class, and an if it was typing as an Error node', () => {
    const { ast } = parsePuppet("class outer {\n  class inner {\n    notify { 'a': }\n    if $x {\n      notify { 'b':");
    const outer = ast.body[0];
    assert.equal(outer.type, 'Class');
    const inner = outer.type === 'Class' ? outer.body.statements[0] : undefined;
    assert.equal(inner?.type, 'Class');
    assert.deepEqual(inner?.type === 'Class' && inner.body.statements.map((s) => s.type), ['Resource', 'Error']);
  });

  it('reports nothing more than end of input for a body cut after a plain value', () => {
    // A closed body ending in a value has no effect (IDEM_NOT_ALLOWED_LAST); a cut one is not finished.
    assert.equal(only('class a {\n  $x\n').message, 'Syntax error at end of input');
    assert.deepEqual(errorsOf('node default {\n  $x\n').map((e) => e.message), ['Syntax error at end of input']);
  });

  it('shows the cut class and its resources in the outline', () => {
    const symbols = puppetSymbols("class web {\n  package { 'nginx': ensure => installed }\n  service { 'nginx':\n    ens");
    assert.deepEqual(
      symbols.map((s) => [s.kind, s.name, s.children.map((c) => c.name)]),
      [['class', 'web', ["Package['nginx']", "Service['nginx']"]]],
    );
  });
});
