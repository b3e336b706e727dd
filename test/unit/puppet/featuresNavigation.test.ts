import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Range } from '../../../server/src/finding';
import { puppetDefinition } from '../../../server/src/puppet/features/definition';
import { puppetFolds } from '../../../server/src/puppet/features/folding';
import { puppetSymbols, type PuppetSymbol } from '../../../server/src/puppet/features/symbols';
import { indexPuppetDocument, mergePuppetIndexes } from '../../../server/src/puppet/features/workspaceIndex';
import { SourceText } from '../../../server/src/sourceText';
import { APACHE, APACHE_URI, SEED, VHOST, VHOST_URI, offsetOf, workspace } from './featuresSupport';

function slice(text: string, range: Range): string {
  return new SourceText(text).slice(range);
}

/** Symbols as `kind name` lines, children indented. */
function outline(symbols: PuppetSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.kind} ${s.name}`, ...outline(s.children, depth + 1)]);
}

describe('puppetSymbols', () => {
  it('names the seed resources as they are referenced, selecting their titles', () => {
    const symbols = puppetSymbols(SEED);
    assert.deepEqual(outline(symbols), ["resource Package['php-missing-module']", "resource Service['apache2']"]);
    assert.equal(slice(SEED, symbols[0].selectionRange), "'php-missing-module'");
    assert.equal(slice(SEED, symbols[1].range), SEED.slice(SEED.indexOf('service'), SEED.lastIndexOf('}') + 1));
  });

  it('nests resources under the definitions that declare them, through conditionals', () => {
    const text = [
      'class web::server inherits web {',
      '  if $x {',
      "    file { ['/a', '/b']: ensure => file }",
      '  }',
      '}',
      'define web::site ($port) {',
      "  @user { 'www': }",
      '}',
      "node 'web01', /^web\\d+$/ {",
      "  class { 'web::server': }",
      '}',
      'function web::port() >> Integer { 80 }',
      'type Web::Port = Integer[1, 65535]',
      'file {',
      "  '/x': ensure => file;",
      "  '/y': ensure => absent;",
      '}',
      '',
    ].join('\n');
    const symbols = puppetSymbols(text);
    assert.deepEqual(outline(symbols), [
      'class web::server',
      "  resource File['/a', '/b']",
      'define web::site',
      "  resource User['www']",
      "node 'web01', /^web\\d+$/",
      "  resource Class['web::server']",
      'function web::port',
      'type Web::Port',
      "resource File['/x']",
      "resource File['/y']",
    ]);
    assert.equal(symbols[0].detail, 'inherits web');
    assert.equal(symbols[1].children[0].detail, 'virtual');
    assert.equal(slice(text, symbols[0].selectionRange), 'web::server');
    // Each body of a multi-body resource covers itself.
    assert.equal(slice(text, symbols[5].range), "'/x': ensure => file");
  });

  it('outlines half-typed code', () => {
    const text = "class a {\n  package { 'x':\n    ensure => \n  }\n  service { 'y': }\n}\n";
    assert.deepEqual(outline(puppetSymbols(text)), ['class a', "  resource Package['x']", "  resource Service['y']"]);
    assert.deepEqual(outline(puppetSymbols("package { 'x':\n  ens")), ["resource Package['x']"]);
  });
});

describe('puppetDefinition', () => {
  it("goes from the seed's reference to the package declaration", () => {
    const locations = puppetDefinition(SEED, offsetOf(SEED, "php-missing-module'],", 2));
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, undefined);
    assert.equal(slice(SEED, locations[0].range), "'php-missing-module'");
  });

  it('finds a resource by its normalised title, and in the workspace when the text lacks it', () => {
    const text = "file { '/etc/x/': }\nnotice(File['/etc/x'], Package['httpd'])\n";
    assert.equal(slice(text, puppetDefinition(text, offsetOf(text, "'/etc/x'", 2))[0].range), "'/etc/x/'");
    const elsewhere = puppetDefinition(text, offsetOf(text, 'httpd'), workspace());
    assert.deepEqual(elsewhere.map((l) => [l.uri, slice(APACHE, l.range)]), [[APACHE_URI, "'httpd'"]]);
  });

  it('goes from a variable to its assignment or parameter', () => {
    const text = "class a (String $p = 'x') {\n  $v = $p\n  notice($v)\n  [1].each |$p| { notice($p) }\n}\n";
    const at = (needle: string, delta: number) => puppetDefinition(text, offsetOf(text, needle, delta)).map((l) => l.range.start);
    assert.deepEqual(at('notice($v', 8), [{ line: 1, character: 2 }]);
    assert.deepEqual(at('= $p', 3), [{ line: 0, character: 16 }]);
    assert.deepEqual(at('notice($p', 8), [{ line: 3, character: 12 }]);
    const unknown = 'notice($nothing)\n';
    assert.deepEqual(puppetDefinition(unknown, offsetOf(unknown, '$nothing', 1)), []);
  });

  it('finds every assignment of a variable set in two branches', () => {
    const text = "if $x { $y = 1 } else { $y = 2 }\nnotice($y)\n";
    assert.equal(puppetDefinition(text, offsetOf(text, 'notice($y', 8)).length, 2);
  });

  it('goes from include, class resources, Class[...] and inherits to the class', () => {
    const index = workspace();
    for (const text of ['include apache\n', "class { 'apache': }\n", "notice(Class['apache'])\n", 'class web inherits apache {}\n']) {
      const locations = puppetDefinition(text, offsetOf(text, 'apache', 1), index);
      assert.deepEqual(locations.map((l) => [l.uri, slice(APACHE, l.range)]), [[APACHE_URI, 'apache']], text);
    }
  });

  it('prefers a class defined in the text itself', () => {
    const text = 'class apache {}\ninclude apache\n';
    const locations = puppetDefinition(text, offsetOf(text, 'apache', 1, 2), workspace());
    assert.deepEqual(locations, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 12 } } }]);
  });

  it('goes from a defined type, its reference and its attributes to the definition', () => {
    const text = "apache::vhost { 'site':\n  port => 80,\n}\nnotice(Apache::Vhost['site'])\n";
    const index = workspace();
    const at = (needle: string) => puppetDefinition(text, offsetOf(text, needle, 1), index).map((l) => [l.uri, slice(VHOST, l.range)]);
    assert.deepEqual(at('apache::vhost'), [[VHOST_URI, 'apache::vhost']]);
    assert.deepEqual(at('Apache::Vhost'), [[VHOST_URI, 'apache::vhost']]);
    assert.deepEqual(at('port'), [[VHOST_URI, '$port']]);
  });

  it('has no definition for core types and attributes', () => {
    assert.deepEqual(puppetDefinition(SEED, offsetOf(SEED, 'service', 1), workspace()), []);
    assert.deepEqual(puppetDefinition(SEED, offsetOf(SEED, 'enable', 1), workspace()), []);
  });
});

describe('puppetFolds', () => {
  it('folds the seed resources, keeping their closing lines visible', () => {
    assert.deepEqual(puppetFolds(SEED), [
      { startLine: 0, endLine: 1 },
      { startLine: 4, endLine: 7 },
    ]);
  });

  it('folds brackets, heredocs, block comments and runs of comment lines', () => {
    const text = [
      '# Licence',
      '# text',
      'class a (',
      '  $x = foo({',
      "    'k' => 1,",
      '  }),',
      ') {',
      '  $t = @(END)',
      '    text',
      '    | END',
      '  /* a',
      '     b */',
      '  notice(1) # trailing',
      '  # alone',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(puppetFolds(text), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 5 },
      { startLine: 3, endLine: 4 },
      { startLine: 6, endLine: 13 },
      { startLine: 7, endLine: 9 },
      { startLine: 10, endLine: 11, kind: 'comment' },
    ]);
  });

  it('folds what is closed in half-typed code', () => {
    assert.deepEqual(puppetFolds("class a {\n  package { 'x':\n    ensure => [\n      1,\n    ]\n"), [{ startLine: 2, endLine: 3 }]);
  });
});

describe('the workspace index', () => {
  it('indexes classes, defined types and resources with their locations and docs', () => {
    const index = indexPuppetDocument(APACHE, APACHE_URI);
    const apache = index.classes.get('apache')![0];
    assert.equal(apache.kind, 'class');
    assert.equal(apache.summary, 'Installs and configures Apache.');
    assert.deepEqual(
      apache.parameters.map((p) => [p.name, p.type, p.defaultValue, p.doc]),
      [
        ['default_vhost', 'Boolean', 'true', 'Whether to declare the default virtual host.'],
        ['mpm', "Enum['prefork', 'worker', 'event']", "'event'", 'Which multi-processing module to load.'],
      ],
    );
    assert.equal(slice(APACHE, apache.parameters[1].location.range), '$mpm');
    assert.deepEqual([...index.resources.keys()], ['package[httpd]']);
    assert.equal(index.resources.get('package[httpd]')![0].location.uri, APACHE_URI);
  });

  it('takes the first paragraph of a plain comment as the summary', () => {
    const vhost = indexPuppetDocument(VHOST).definedTypes.get('apache::vhost')![0];
    assert.equal(vhost.summary, 'A virtual host.');
    assert.equal(vhost.location.uri, undefined);
  });

  it('merges files, keeping every definition of a name', () => {
    const twice = mergePuppetIndexes([indexPuppetDocument(APACHE, 'a.pp'), indexPuppetDocument(APACHE, 'b.pp'), indexPuppetDocument(VHOST, 'c.pp')]);
    assert.deepEqual(twice.classes.get('apache')!.map((d) => d.location.uri), ['a.pp', 'b.pp']);
    assert.deepEqual([...twice.definedTypes.keys()], ['apache::vhost']);
  });
});
