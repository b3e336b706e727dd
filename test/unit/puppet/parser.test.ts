import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePuppet } from '../../../server/src/puppet/parser';
import { forEachChild, walk } from '../../../server/src/puppet/ast';
import type { Expression, Node, Program } from '../../../server/src/puppet/ast';

/** Parses text that must be free of errors. */
function parse(text: string): Program {
  const { ast, errors } = parsePuppet(text);
  assert.deepEqual(errors, [], `unexpected errors in ${JSON.stringify(text)}`);
  return ast;
}

/** A compact rendering: leaves as written, operators in prefix form, other nodes as (Type children...). */
function show(node: Node): string {
  const children: string[] = [];
  forEachChild(node, (c) => children.push(show(c)));
  const inner = children.join(' ');
  switch (node.type) {
    case 'Name':
    case 'TypeReference':
      return node.value;
    case 'Identifier':
      return node.value;
    case 'Variable':
      return '$' + node.name;
    case 'String':
      return JSON.stringify(node.value);
    case 'Text':
      return JSON.stringify(node.value);
    case 'Number':
      return node.raw;
    case 'Boolean':
      return String(node.value);
    case 'Undef':
      return 'undef';
    case 'Default':
      return 'default';
    case 'Regex':
      return `/${node.pattern}/`;
    case 'Binary':
    case 'Relationship':
    case 'Assignment':
      return `(${node.operator} ${inner})`;
    case 'Unary':
      return `(${node.operator}u ${inner})`;
    case 'Attribute':
      return `(${node.name.value} ${node.operator} ${show(node.value)})`;
    case 'Resource':
      return `(Resource${node.form === 'regular' ? '' : ':' + node.form} ${inner})`;
    case 'Hash':
      return `(Hash${node.braced ? '' : ':unfolded'}${inner ? ' ' + inner : ''})`;
    case 'Call':
    case 'MethodCall':
      return `(${node.type}${node.parens ? '' : ':noparens'} ${inner})`;
    default:
      return inner ? `(${node.type} ${inner})` : `(${node.type})`;
  }
}

function expr(text: string): string {
  const { body } = parse(text);
  assert.equal(body.length, 1, `one statement expected in ${JSON.stringify(text)}`);
  return show(body[0]);
}

function statements(text: string): string[] {
  return parse(text).body.map(show);
}

describe('puppet parser: precedence', () => {
  const cases: Array<[string, string]> = [
    ['$x = 1 + 2 * 3', '(= $x (+ 1 (* 2 3)))'],
    ['$x = (1 + 2) * 3', '(= $x (* (Parenthesized (+ 1 2)) 3))'],
    ['$x = 1 - 2 - 3', '(= $x (- (- 1 2) 3))'],
    ['$x = -$a[1]', '(= $x (-u (Access $a 1)))'],
    ['$x = !$a and $b or $c', '(= $x (or (and (!u $a) $b) $c))'],
    ['$x = $a == 1 and $b != 2', '(= $x (and (== $a 1) (!= $b 2)))'],
    ['$x = $a in $b == true', '(= $x (== (in $a $b) true))'],
    ['$x = $a =~ /b/ and $c !~ /d/', '(= $x (and (=~ $a /b/) (!~ $c /d/)))'],
    ['$x = 1 << 2 + 3', '(= $x (<< 1 (+ 2 3)))'],
    ['$x = $a < $b == $c', '(= $x (< $a (== $b $c)))'],
    ['$x = $y = 3', '(= $x (= $y 3))'],
    ['$x += [1]', '(+= $x (Array 1))'],
    ['$x = *$a', '(= $x (*u $a))'],
    ['$x = $a % 2 / 3', '(= $x (/ (% $a 2) 3))'],
  ];
  for (const [text, tree] of cases) {
    it(text, () => assert.equal(expr(text), tree));
  }
});

describe('puppet parser: resources', () => {
  it('parses a resource with several attributes and a trailing comma', () => {
    assert.equal(
      expr("file { '/tmp/x':\n  ensure => file,\n  mode   => '0644',\n}"),
      '(Resource file (ResourceBody "/tmp/x" (ensure => file) (mode => "0644")))',
    );
  });

  it('parses title arrays, several bodies separated by ;, splat and +>', () => {
    assert.equal(
      expr("file { ['/a', '/b']: ensure => file; '/c': * => $attrs, require +> Package['x'] }"),
      '(Resource file (ResourceBody (Array "/a" "/b") (ensure => file)) (ResourceBody "/c" (AttributesSplat $attrs) (require +> (Access Package "x"))))',
    );
  });

  it('accepts keywords as attribute names', () => {
    assert.equal(expr("exec { 'x': unless => 'test', before => [] }"), '(Resource exec (ResourceBody "x" (unless => "test") (before => (Array))))');
  });

  it('parses virtual and exported resources', () => {
    assert.deepEqual(statements("@user { 'a': }\n@@sshkey { 'b': }"), [
      '(Resource:virtual user (ResourceBody "a"))',
      '(Resource:exported sshkey (ResourceBody "b"))',
    ]);
  });

  it('keeps @ on defaults and overrides, which Puppet rejects later', () => {
    const [override] = parse("@File['a'] { mode => '1' }").body;
    assert.ok(override.type === 'ResourceOverride');
    assert.equal(override.form, 'virtual');
    assert.equal(override.start, 0);
  });

  it('parses class resources, defaults and overrides', () => {
    assert.deepEqual(statements("class { 'apache': port => 80 }\nFile { mode => '0644' }\nFile['/x'] { mode => '0600' }"), [
      '(Resource class (ResourceBody "apache" (port => 80)))',
      '(ResourceDefaults File (mode => "0644"))',
      '(ResourceOverride (Access File "/x") (mode => "0600"))',
    ]);
  });

  it('parses collectors with queries and attribute blocks', () => {
    assert.deepEqual(statements("User <| groups == 'admin' and title != 'x' |>\nSshkey <<| |>> { ensure => present }"), [
      '(Collector User (and (== groups "admin") (!= title "x")))',
      '(Collector Sshkey (ensure => present))',
    ]);
  });

  it('parses relationship chains', () => {
    assert.equal(expr("Package['a'] -> File['b'] ~> Service['c'] <- Class['d']"), '(<- (~> (-> (Access Package "a") (Access File "b")) (Access Service "c")) (Access Class "d"))');
  });

  it('chains resource declarations', () => {
    assert.equal(expr("package { 'a': } -> service { 'a': }"), '(-> (Resource package (ResourceBody "a")) (Resource service (ResourceBody "a")))');
  });
});

describe('puppet parser: definitions', () => {
  it('parses a class with typed parameters, defaults and inherits', () => {
    assert.equal(
      expr('class apache::vhost (\n  Optional[Array[String[1]]] $names = undef,\n  Hash[String, Integer] $ports = {},\n  $plain,\n) inherits apache::params {\n  include apache\n}'),
      '(Class apache::vhost (Parameter (Access Optional (Access Array (Access String 1))) undef) (Parameter (Access Hash String Integer) (Hash)) (Parameter) apache::params (Block (Call:noparens include apache)))',
    );
  });

  it('parses defines, functions with return types, and type aliases', () => {
    assert.deepEqual(statements('define foo::bar (String $x) { }\nfunction foo::f(Integer *$rest) >> Array[Integer] { $rest }\ntype Foo::Port = Integer[0, 65535]'), [
      '(Define foo::bar (Parameter String) (Block))',
      '(Function foo::f (Parameter Integer) (Access Array Integer) (Block $rest))',
      '(TypeAlias Foo::Port (Access Integer 0 65535))',
    ]);
  });

  it('parses nodes by name, dotted name, string, regex and default', () => {
    assert.deepEqual(statements("node web01.example.com, 'db', /^app\\d+$/ { }\nnode default { }"), [
      '(Node "web01.example.com" "db" /^app\\d+$/ (Block))',
      '(Node default (Block))',
    ]);
  });

  it('records the splat parameter and the parameter name range', () => {
    const text = 'function f(*$rest) { }';
    const fn = parse(text).body[0];
    assert.ok(fn.type === 'Function');
    const p = fn.parameters[0];
    assert.equal(p.captureRest, true);
    assert.equal(text.slice(p.nameStart, p.nameEnd), '$rest');
  });
});

describe('puppet parser: control flow', () => {
  it('parses if / elsif / else and unless / else', () => {
    assert.equal(
      expr('if $a { 1 } elsif $b { 2 } else { 3 }'),
      '(If $a (Block 1) (If $b (Block 2) (Block 3)))',
    );
    assert.equal(expr('unless $a { notice(1) } else { }'), '(Unless $a (Block (Call notice 1)) (Block))');
  });

  it('parses case with several values per option and default', () => {
    assert.equal(
      expr("case $facts['os']['family'] {\n  'RedHat', 'CentOS': { $p = 'httpd' }\n  /^Deb/: { }\n  default: { fail('no') }\n}"),
      '(Case (Access (Access $facts "os") "family") (CaseOption "RedHat" "CentOS" (Block (= $p "httpd"))) (CaseOption /^Deb/ (Block)) (CaseOption default (Block (Call fail "no"))))',
    );
  });

  it('parses selectors, braced with a trailing comma or a single option', () => {
    assert.equal(expr("$x = $os ? {\n  'a' => 1,\n  default => 2,\n}"), '(= $x (Selector $os (SelectorEntry "a" 1) (SelectorEntry default 2)))');
    assert.equal(expr("$x = $os ? 'a' => 1"), '(= $x (Selector $os (SelectorEntry "a" 1)))');
  });

  it('accepts if as an expression', () => {
    assert.equal(expr("$x = if $a { 'y' } else { 'z' }"), '(= $x (If $a (Block "y") (Block "z")))');
  });
});

describe('puppet parser: calls and lambdas', () => {
  it('parses calls with and without parentheses', () => {
    assert.deepEqual(statements("notice('x')\nnotice 'x'\ninclude a, b\nrequire apache::params\nfail(\"${x} bad\")"), [
      '(Call notice "x")',
      '(Call:noparens notice "x")',
      '(Call:noparens include a b)',
      '(Call:noparens require apache::params)',
      '(Call fail (InterpolatedString (Interpolation $x) " bad"))',
    ]);
  });

  it('parses method calls and lambdas', () => {
    assert.equal(
      expr('$h.each |$k, $v| { notice($k) }'),
      '(MethodCall:noparens $h each (Lambda (Parameter) (Parameter) (Block (Call notice $k))))',
    );
    assert.equal(expr("$x = $a.map |$v| { $v * 2 }.join(',')"), '(= $x (MethodCall (MethodCall:noparens $a map (Lambda (Parameter) (Block (* $v 2)))) join ","))');
    assert.equal(expr('each($h) |$k| { }'), '(Call each $h (Lambda (Parameter) (Block)))');
    assert.equal(expr('$x = $facts.dig'), '(= $x (MethodCall:noparens $facts dig))');
  });

  it('folds key => value arguments into a hash', () => {
    assert.equal(expr("foo(a => 1, b => 2, $c)"), '(Call foo (Hash:unfolded (HashEntry a 1) (HashEntry b 2)) $c)');
  });

  it('calls types and the type function', () => {
    assert.deepEqual(statements("$s = Sensitive('pw')\n$t = type($x)\n$i = Integer[1]('5')"), [
      '(= $s (Call Sensitive "pw"))',
      '(= $t (Call type $x))',
      '(= $i (Call (Access Integer 1) "5"))',
    ]);
  });

  it('does not call across a line break: ( first on a line groups', () => {
    assert.deepEqual(statements('$x = foo\n(1 + 2).each |$v| { }'), ['(= $x foo)', '(MethodCall:noparens (Parenthesized (+ 1 2)) each (Lambda (Parameter) (Block)))']);
  });

  it('does not index across a space: [ after a space starts a list', () => {
    assert.deepEqual(statements('$x = $y\n[1, 2].each |$v| { }'), ['(= $x $y)', '(MethodCall:noparens (Array 1 2) each (Lambda (Parameter) (Block)))']);
  });
});

describe('puppet parser: literals', () => {
  it('parses arrays and hashes with trailing commas', () => {
    assert.equal(expr("$x = [1, 'two', [3],]"), '(= $x (Array 1 "two" (Array 3)))');
    assert.equal(expr("$x = { 'a' => 1, b => [2], }"), '(= $x (Hash (HashEntry "a" 1) (HashEntry b (Array 2))))');
  });

  it('reads number values in their radix', () => {
    const values = parse('$x = [0x1F, 0777, 12, 1.5e2]').body[0];
    const found: number[] = [];
    walk(values, (n) => {
      if (n.type === 'Number') found.push(n.value);
    });
    assert.deepEqual(found, [31, 511, 12, 150]);
  });

  it('parses interpolation expressions into the tree', () => {
    assert.equal(
      expr(`$x = "a \${facts['os']['name']} \${x.upcase} \${$y + 1} $z"`),
      '(= $x (InterpolatedString "a " (Interpolation (Access (Access $facts "os") "name")) " " (Interpolation (MethodCall:noparens $x upcase)) " " (Interpolation (+ $y 1)) " " (Interpolation $z)))',
    );
  });

  it('parses heredocs with and without interpolation', () => {
    const text = '$a = @("END")\n  Hello ${name}\n  | END\n$b = @(X:json)\n{}\nX\n';
    assert.deepEqual(statements(text), [
      '(= $a (Heredoc (InterpolatedString "Hello " (Interpolation $name) "\\n")))',
      '(= $b (Heredoc "{}\\n"))',
    ]);
  });

  it('parses bare words, regexes, booleans, undef and default as values', () => {
    assert.equal(expr('$x = [foo-bar, /a/, true, false, undef, default]'), '(= $x (Array "foo-bar" /a/ true false undef default))');
  });
});

describe('puppet parser: ranges', () => {
  it('gives every node the exact source span', () => {
    const text = "class a {\n  file { '/x':\n    ensure => file,\n  }\n}\n";
    const cls = parse(text).body[0];
    assert.ok(cls.type === 'Class');
    assert.equal(text.slice(cls.start, cls.end), text.trimEnd());
    const res = cls.body.statements[0];
    assert.ok(res.type === 'Resource');
    assert.equal(text.slice(res.start, res.end), "file { '/x':\n    ensure => file,\n  }");
    const attr = res.bodies[0].attributes[0];
    assert.equal(text.slice(attr.start, attr.end), 'ensure => file');
    assert.ok(attr.type === 'Attribute');
    assert.equal(text.slice(attr.name.start, attr.name.end), 'ensure');
  });

  it('nests child ranges inside their parent ranges', () => {
    const text = "$x = $h.filter |$k, $v| { $v =~ /a/ }.map |$k, $v| { \"${k}=${v}\" }\nnotice(@(E))\n  t\n  | E\n";
    const check = (node: Node) => {
      assert.ok(node.start <= node.end, `${node.type} has start after end`);
      forEachChild(node, (child) => {
        if (node.type !== 'Heredoc') assert.ok(child.start >= node.start && child.end <= node.end, `${child.type} outside ${node.type}`);
        check(child);
      });
    };
    check(parse(text));
  });
});

describe('puppet parser: statement lists', () => {
  it('accepts ; between statements', () => {
    assert.deepEqual(statements('include a ; include b'), ['(Call:noparens include a)', '(Call:noparens include b)']);
  });

  it('reports a value that has no effect, as Puppet validates', () => {
    const { errors } = parsePuppet("inclde 'apache'\nnotice('x')\n");
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'IDEM_EXPRESSION_NOT_LAST');
    assert.match(errors[0].message, /^This Name has no effect/);
    assert.equal(errors[0].start, 0);
  });

  it('reports a class body that ends with a plain value', () => {
    const { errors } = parsePuppet('class a {\n  notice(1)\n  1\n}\n');
    assert.equal(errors[0].code, 'IDEM_NOT_ALLOWED_LAST');
  });

  it('reports a resource without a title', () => {
    const { errors } = parsePuppet('file { ensure => file }');
    assert.equal(errors[0].code, 'RESOURCE_WITHOUT_TITLE');
    assert.match(errors[0].message, /'file' resource without a title/);
  });

  it('reports a comma list that is not a statement call', () => {
    const { errors } = parsePuppet('$a = 1, $b = 2');
    assert.equal(errors[0].code, 'ILLEGAL_ARGUMENT_LIST');
    assert.equal(errors[0].start, 6);
  });
});

describe('puppet parser: expression types', () => {
  it('builds only Expression nodes as statements', () => {
    const kinds = new Set<Expression['type']>();
    for (const s of parse("$a = 1\nfile { 'x': }\nFoo <| |>\nif $a { notice(1) }\nnode x { }\n").body) kinds.add(s.type);
    assert.deepEqual([...kinds].sort(), ['Assignment', 'Collector', 'If', 'Node', 'Resource']);
  });
});
