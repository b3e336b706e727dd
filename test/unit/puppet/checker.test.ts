import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Finding, Range } from '../../../server/src/finding';
import { SourceText } from '../../../server/src/sourceText';
import { applyEdits } from '../../../server/src/textEdits';
import { parsePuppet } from '../../../server/src/puppet/parser';
import {
  checkPuppet,
  closestName,
  collectDeclarations,
  editDistance,
  puppetCheckCatalog,
  type CheckOptions,
  type ManifestUnit,
} from '../../../server/src/puppet/checker';
import { sharedAvailable, sharedRoot, sharedSkipMessage } from '../../corpusPaths';

function unit(text: string, toDocument?: (r: Range) => Range): ManifestUnit {
  const parsed = parsePuppet(text);
  assert.deepEqual(parsed.errors.map((e) => e.message), [], 'fixture parses');
  return { program: parsed.ast, source: new SourceText(text), toDocument };
}

function check(text: string, options?: CheckOptions): Finding[] {
  return checkPuppet([unit(text)], options);
}

function rules(findings: Finding[]): string[] {
  return findings.map((f) => f.rule);
}

function only(findings: Finding[], rule: string): Finding {
  const matching = findings.filter((f) => f.rule === rule);
  assert.equal(matching.length, 1, `one ${rule} in ${JSON.stringify(findings.map((f) => `${f.rule}: ${f.message}`))}`);
  return matching[0];
}

/** Applies a finding's preferred fix to the text it was found in. */
function fixed(text: string, finding: Finding): string {
  const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  assert.ok(fix, `a fix for ${finding.message}`);
  return applyEdits(text, fix.edits);
}

const seedBlock = `package { 'php-missing-module':
  ensure => installed,
}

service { 'apache2':
  ensure    => running,
  enable    => true,
  subscribe => Package['php-missing-module'],
}
`;

describe('checker: acceptance cases', () => {
  it("finds nothing wrong in the seed postmortem's puppet block", () => {
    assert.deepEqual(check(seedBlock), []);
  });

  it('warns about a misspelled reference and suggests the declared title', () => {
    const text = seedBlock.replace("Package['php-missing-module']", "Package['php-mising-module']");
    const finding = only(check(text), 'UNRESOLVED_REFERENCE');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /Package\['php-mising-module'\]/);
    assert.match(finding.message, /did you mean 'php-missing-module'/i);
    assert.equal(finding.range.start.line, 7);
    assert.equal(fixed(text, finding), seedBlock);
    assert.equal(finding.fixes[0].preferred, false, 'a guess is not applied by fix-all');
  });

  it("reports `ensure => runing` as an invalid value and offers 'running'", () => {
    const text = "service { 'apache2': ensure => runing }\n";
    const finding = only(check(text), 'INVALID_ATTRIBUTE_VALUE');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /'runing'.*Did you mean 'running'\?/);
    assert.deepEqual(finding.range, { start: { line: 0, character: 31 }, end: { line: 0, character: 37 } });
    assert.equal(fixed(text, finding), "service { 'apache2': ensure => running }\n");
  });

  it("finds the seed example's own block clean", { skip: sharedAvailable ? false : sharedSkipMessage }, () => {
    const markdown = readFileSync(path.join(sharedRoot, 'corpus', 'postmortems', 'seed-example.md'), 'utf8');
    const lines = markdown.split('\n');
    const open = lines.findIndex((l) => l.trim() === '```puppet');
    assert.ok(open >= 0, 'the seed example has a puppet fence');
    const indent = lines[open].indexOf('`');
    const body: string[] = [];
    for (const line of lines.slice(open + 1)) {
      if (line.trim() !== '' && !line.startsWith(' '.repeat(indent))) break;
      body.push(line.slice(indent));
    }
    assert.deepEqual(check(body.join('\n')), []);
  });
});

describe("checker: Puppet's own validation", () => {
  it('DUPLICATE_PARAMETER on the second declaration, in classes, defines and functions', () => {
    const findings = check('class demo (String $a = "x", $b, $a) {}\nfunction f($x, $x) { $x }\n$l = [1].map |$y, $y| { $y }\n');
    assert.deepEqual(rules(findings), ['DUPLICATE_PARAMETER', 'DUPLICATE_PARAMETER'], 'Puppet leaves lambdas alone');
    assert.equal(findings[0].message, "The parameter 'a' is declared more than once in the parameter list");
    assert.equal(findings[0].range.start.character, 33);
  });

  it('ILLEGAL_PARAM_NAME for names outside /^[a-z_]\\w*$/', () => {
    const finding = only(check('define foo::bar($Name, $_ok, $ok2) {}\n'), 'ILLEGAL_PARAM_NAME');
    only(check('$l = [1].map |$X| { 1 }\n'), 'ILLEGAL_PARAM_NAME');
    assert.equal(finding.message, "Illegal parameter name. The given name 'Name' does not conform to the naming rule /^[a-z_]\\w*$/");
  });

  it('RESERVED_PARAMETER for $title and $name in classes and defines, not in functions', () => {
    const findings = check('class foo($title) {}\ndefine bar($name) {}\nfunction baz($name) { $name }\n');
    assert.deepEqual(rules(findings), ['RESERVED_PARAMETER', 'RESERVED_PARAMETER']);
    assert.equal(findings[0].message, 'The parameter $title redefines a built in parameter in the Host Class Definition');
    assert.equal(findings[1].message, "The parameter $name redefines a built in parameter in the 'define' expression");
  });

  it('ILLEGAL_DEFINITION_NAME and RESERVED_TYPE_NAME for unacceptable definition names', () => {
    const finding = only(check('class Bad::Name {}\nclass good::name {}\n'), 'ILLEGAL_DEFINITION_NAME');
    assert.equal(finding.message, "Unacceptable name. The name 'Bad::Name' is unacceptable as the name of a Host Class Definition");
    assert.deepEqual(finding.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 15 } });
    assert.match(only(check('define string {}\n'), 'RESERVED_TYPE_NAME').message, /'string' is already defined by Puppet/);
  });

  it('NOT_TOP_LEVEL for definitions outside the top level and class bodies', () => {
    assert.deepEqual(check('class a { class b {} }\nclass c { define d {} }\n'), []);
    const findings = check('define c { class d {} }\nif $x { class e {} }\n');
    assert.deepEqual(rules(findings), ['NOT_TOP_LEVEL', 'NOT_TOP_LEVEL']);
    assert.equal(findings[0].message, 'Classes, definitions, and nodes may only appear at toplevel or inside other classes');
    assert.deepEqual(findings[0].range, { start: { line: 0, character: 11 }, end: { line: 0, character: 18 } });
    assert.equal(only(check('class a { function a::f() { 1 } }\n'), 'NOT_ABSOLUTE_TOP_LEVEL').message, 'A Function Definition may only appear at toplevel');
  });

  it('DUPLICATE_KEY for literal keys, whatever their quoting', () => {
    const finding = only(check("$h = { 'a' => 1, b => 2, a => 3, 1 => 4, '1' => 5, $k => 6, $k => 7 }\n"), 'DUPLICATE_KEY');
    assert.equal(finding.message, "The key 'a' is declared more than once");
    assert.equal(finding.range.start.character, 25);
  });

  it('DUPLICATE_DEFAULT for a second default in a case or selector', () => {
    const findings = check("case $x { default: { notice(1) } 'a', default: {} }\n$y = $x ? { default => 1, default => 2 }\n");
    assert.deepEqual(rules(findings), ['DUPLICATE_DEFAULT', 'DUPLICATE_DEFAULT']);
    assert.equal(findings[0].message, "This 'case' statement already has a 'default' entry - this is a duplicate");
  });

  it('agrees with `puppet parser validate` on the samples', { skip: sharedAvailable ? false : sharedSkipMessage }, () => {
    const samples = path.join(sharedRoot, 'corpus', 'puppet', 'samples');
    const output = readFileSync(path.join(samples, 'puppet_validate_output.txt'), 'utf8');
    // Puppet's validation messages we reproduce, as `file: line: message` (Puppet stops on a syntax error, so only valid-syntax files).
    const expected = [...output.matchAll(/^(?:Warning|Error): (?!Could not parse|Language validation)(.*) \(file: (\S+), line: (\d+), column: \d+\)$/gm)]
      .filter((m) => !/has no effect/.test(m[1]))
      .map((m) => `${m[2]}:${m[3]}: ${m[1]}`);
    assert.ok(expected.length >= 4, 'the recorded output has validation messages');
    for (const line of expected) {
      const [file, lineNo] = line.split(':');
      const text = readFileSync(path.join(samples, file), 'utf8');
      const ours = checkPuppet([{ program: parsePuppet(text).ast, source: new SourceText(text) }])
        .map((f) => `${file}:${f.range.start.line + 1}: ${f.message}`);
      assert.ok(ours.includes(line), `${line}\n  ours: ${JSON.stringify(ours)} (line ${lineNo})`);
    }
  });
});

describe('checker: resource types and attributes', () => {
  it('reports a near-miss of a core type as an error with a fix', () => {
    const text = "fiel { '/tmp/x': ensure => file }\n";
    const finding = only(check(text), 'UNKNOWN_RESOURCE_TYPE');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.message, "Unknown resource type 'fiel'. Did you mean 'file'?");
    assert.equal(fixed(text, finding), "file { '/tmp/x': ensure => file }\n");
  });

  it('warns about a type that is neither built in nor defined, without guessing', () => {
    const finding = only(check("apache::vhost { 'site': port => 80 }\n"), 'UNKNOWN_RESOURCE_TYPE');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.fixes, []);
  });

  it('knows defines of the document, of the workspace and types given as known', () => {
    assert.deepEqual(check("define site($port) {}\nsite { 'a': port => 80 }\n"), []);
    const workspace = collectDeclarations([parsePuppet('define apache::vhost($port, $docroot = undef) {}\n').ast]);
    assert.deepEqual(check("apache::vhost { 'site': port => 80 }\n", { workspace }), []);
    assert.deepEqual(check("ini_setting { 'x': ensure => present }\n", { knownTypes: ['ini_setting'] }), []);
    assert.deepEqual(check("yumrepo { 'epel': whatever => 1 }\n"), [], 'built-in types without a schema are not checked');
  });

  it("does not take a module's Ruby type for a typo of its define", () => {
    const workspace = collectDeclarations([parsePuppet('define concat::fragment($target) {}\n').ast]);
    const finding = only(check("concat_fragment { 'x': }\n", { workspace }), 'UNKNOWN_RESOURCE_TYPE');
    assert.equal(finding.severity, 'warning');
  });

  it('suggests defined types only to the checks that know them, after the built-in ones', () => {
    const suggestion = (text: string, options?: CheckOptions) => only(check(text, options), 'UNKNOWN_RESOURCE_TYPE').message.match(/Did you mean '(.*)'/)?.[1];
    const workspace = collectDeclarations([parsePuppet('define mytype_b($a) {}\ndefine servicx($a) {}\n').ast]);
    // Searches through the built-in types are remembered from check to check; a workspace's defines must not be.
    assert.equal(suggestion("mytype_a { 'x': }\n"), undefined);
    assert.equal(suggestion("mytype_a { 'x': }\n", { workspace }), 'mytype_b');
    assert.equal(suggestion("mytype_a { 'x': }\n"), undefined);
    assert.equal(suggestion("servic { 'x': }\n", { workspace }), 'service', 'at equal distance the built-in type wins');
  });

  it('says when a class name is used as a resource type', () => {
    const finding = only(check("class web {}\nweb { 'x': }\n"), 'UNKNOWN_RESOURCE_TYPE');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /A class has this name.*include web/);
  });

  it('reports an unknown attribute of a core type with a did-you-mean fix', () => {
    const text = "service { 'nginx': ensure => running, enabel => true }\n";
    const finding = only(check(text), 'UNKNOWN_ATTRIBUTE');
    assert.equal(finding.message, "Unknown attribute 'enabel' for type service. Did you mean 'enable'?");
    assert.equal(fixed(text, finding), "service { 'nginx': ensure => running, enable => true }\n");
    assert.deepEqual(only(check("package { 'x': colour => blue }\n"), 'UNKNOWN_ATTRIBUTE').fixes, []);
  });

  it('accepts metaparameters on every type', () => {
    assert.deepEqual(check("exec { '/bin/true': tag => 'x', loglevel => debug, noop => true, audit => all }\n"), []);
  });

  it('checks attributes of defines and classes whose parameters it knows', () => {
    const text = "define site($port) {}\nsite { 'a': prot => 80, require => Site['a'] }\nclass web($workers) {}\nclass { 'web': worker => 2 }\n";
    const findings = check(text).filter((f) => f.rule === 'UNKNOWN_ATTRIBUTE');
    assert.deepEqual(findings.map((f) => f.message), [
      "Unknown attribute 'prot' for define site. Did you mean 'port'?",
      "Unknown attribute 'worker' for class web. Did you mean 'workers'?",
    ]);
    assert.deepEqual(check("class { 'external': anything => 1 }\n"), [], 'unknown classes are not checked');
  });

  it('checks values of enum-like attributes, keeping quotes in the fix', () => {
    const text = "file { '/srv': ensure => 'directroy', links => folow }\n";
    const findings = check(text);
    assert.deepEqual(rules(findings), ['INVALID_ATTRIBUTE_VALUE', 'INVALID_ATTRIBUTE_VALUE']);
    assert.equal(fixed(text, findings[0]), "file { '/srv': ensure => 'directory', links => folow }\n");
    assert.equal(fixed(text, findings[1]), "file { '/srv': ensure => 'directroy', links => follow }\n");
    assert.match(findings[0].message, /Valid values are present, absent, false, file, directory, link, or a symlink target path$/);
  });

  it('accepts aliases, booleans, free-form values and computed values', () => {
    assert.deepEqual(check(
      "service { 'a': ensure => true, enable => false }\npackage { 'b': ensure => '2.4.1-1' }\n" +
        "file { '/c': ensure => '/etc/c' }\nservice { 'd': ensure => $state, enable => \"${e}\" }\n",
    ), []);
  });

  it('warns when a free-form value is probably not what was meant, and explains removed values', () => {
    const stable = only(check("package { 'a': ensure => stable }\n"), 'INVALID_ATTRIBUTE_VALUE');
    assert.equal(stable.severity, 'warning');
    assert.match(stable.message, /takes it as a version string/);
    const held = only(check("package { 'a': ensure => held }\n"), 'INVALID_ATTRIBUTE_VALUE');
    assert.equal(held.severity, 'error');
    assert.match(held.message, /mark => hold/);
  });

  it('reports an attribute set twice, pointing at the first', () => {
    const finding = only(check("package { 'p': ensure => installed, ensure => absent }\n"), 'DUPLICATE_ATTRIBUTE');
    assert.equal(finding.range.start.character, 36);
    assert.deepEqual(finding.related?.map((r) => r.range.start.character), [15]);
  });
});

describe('checker: duplicate resources', () => {
  it('reports the second declaration of a type and title, with the first as related', () => {
    const finding = only(check("file { '/a': ensure => file }\nfile { ['/b', '/a/']: ensure => file }\n"), 'DUPLICATE_RESOURCE');
    assert.equal(finding.message, "Duplicate declaration: File['/a/'] is already declared");
    assert.equal(finding.range.start.line, 1);
    assert.equal(finding.related?.[0].range.start.line, 0);
  });

  it('does not confuse exclusive branches, different classes or different types', () => {
    const text = [
      "if $facts['os']['family'] == 'Debian' { package { 'web': ensure => installed } }",
      "else { package { 'web': ensure => absent } }",
      "case $x { 'a': { user { 'u': } } default: { user { 'u': } } }",
      "class one { service { 's': } }",
      "class two { service { 's': } }",
      "file { 'x': }",
      "package { 'x': }",
    ].join('\n');
    assert.deepEqual(check(text).filter((f) => f.rule === 'DUPLICATE_RESOURCE'), []);
  });

  it('still reports duplicates in the same branch', () => {
    only(check("if $x { user { 'u': }\n user { 'u': } }\n"), 'DUPLICATE_RESOURCE');
  });
});

describe('checker: references', () => {
  it('resolves references in chains, arrays, overrides and by namevar or alias', () => {
    const text = [
      "package { 'web': name => 'nginx-full' }",
      "service { 'web': alias => 'webserver' }",
      "file { '/etc/web/': }",
      "include profile::base",
      "Package['web'] -> Service['webserver']",
      "Package['nginx-full'] ~> [Service['web'], File['/etc/web']]",
      "File['/etc/web'] { mode => '0644' }",
      "exec { 'x': command => '/bin/true', require => [Class['profile::base'], Stage['main']] }",
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('warns for each unresolved reference, wherever it appears', () => {
    const text = "Package['a'] -> Service['b']\nFile['/c'] { mode => '0644' }\nexec { 'x': command => '/bin/true', before => [Notify['d']] }\n";
    const findings = check(text);
    assert.deepEqual(rules(findings), Array(4).fill('UNRESOLVED_REFERENCE'));
    assert.ok(findings.every((f) => f.severity === 'warning'));
  });

  it('does not guess about types declared with computed titles', () => {
    assert.deepEqual(check("package { $pkg: }\nservice { 'a': require => Package['nginx'] }\n"), []);
    assert.deepEqual(check("service { 'a': require => Package[$pkg] }\n"), []);
  });

  it('treats several fences as one manifest, mapping ranges to the document', () => {
    const shift = (lines: number) => (r: Range): Range => ({
      start: { line: r.start.line + lines, character: r.start.character + 2 },
      end: { line: r.end.line + lines, character: r.end.character + 2 },
    });
    const first = unit("package { 'php': ensure => installed }\n", shift(10));
    const second = unit("service { 'apache2': subscribe => Package['php'] }\npackage { 'php': }\n", shift(20));
    const findings = checkPuppet([first, second]);
    const duplicate = only(findings, 'DUPLICATE_RESOURCE');
    assert.deepEqual(duplicate.range.start, { line: 21, character: 12 });
    assert.deepEqual(duplicate.related?.[0].range.start, { line: 10, character: 12 });
    assert.deepEqual(rules(findings), ['DUPLICATE_RESOURCE'], 'the reference resolves across fences');
  });
});

describe('checker: names', () => {
  it('measures edit distance with transpositions', () => {
    assert.equal(editDistance('runing', 'running'), 1);
    assert.equal(editDistance('runnign', 'running'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(closestName('instaled', ['present', 'installed', 'absent']), 'installed');
    assert.equal(closestName('xyz', ['present', 'installed']), undefined);
  });

  it('edit distance with a limit stops at limit + 1', () => {
    const word = fc.string({ maxLength: 10, unit: fc.constantFrom('a', 'b', 'c', 'n', 'r') });
    fc.assert(
      fc.property(word, word, fc.nat(5), (a, b, limit) => {
        assert.equal(editDistance(a, b, limit), Math.min(editDistance(a, b), limit + 1));
      }),
    );
  });

  it('edit distance is a metric', () => {
    const word = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        assert.equal(editDistance(a, b), editDistance(b, a));
        assert.equal(editDistance(a, a), 0);
        assert.ok(editDistance(a, b) >= Math.abs(a.length - b.length));
        assert.ok(editDistance(a, b) <= Math.max(a.length, b.length));
        // Optimal string alignment is not a true metric in general; with three edits of slack it bounds well enough.
        assert.ok(editDistance(a, c) <= editDistance(a, b) + editDistance(b, c) + 1);
      }),
    );
  });

  it('lists every code it reports in its catalog', () => {
    const codes = new Set(puppetCheckCatalog.map((c) => c.code));
    for (const f of [
      ...check("fiel { 'a': }\nservice { 'b': ensure => runing, enabel => 1, enable => true, enable => false }\nservice { 'b': require => Package['c'] }\n"),
      ...check('class a($a, $a, $title) { define b {} }\n$h = { a => 1, a => 2 }\n'),
    ]) {
      assert.ok(codes.has(f.rule), f.rule);
    }
  });
});

describe('checker on the module corpus', { skip: sharedAvailable ? false : sharedSkipMessage }, () => {
  const root = path.join(sharedRoot, 'corpus', 'puppet', 'modules');
  const files = sharedAvailable
    ? readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pp')).sort()
    : [];
  const manifests = files.map((file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    return { file, text, parsed: parsePuppet(text) };
  });
  const workspace = collectDeclarations(manifests.map((m) => m.parsed.ast));
  const results = manifests.map((m) => ({
    file: m.file,
    findings: checkPuppet([{ program: m.parsed.ast, source: new SourceText(m.text) }], { workspace }),
  }));
  const all = results.flatMap((r) => r.findings.map((f) => ({ file: r.file, ...f })));
  const puppetCodes = new Set(puppetCheckCatalog.slice(0, 9).map((c) => c.code));

  it('raises none of Puppet’s own issues on files Puppet validates', () => {
    // verdicts.tsv: every module file passes `puppet parser validate`.
    const verdicts = readFileSync(path.join(sharedRoot, 'corpus', 'puppet', 'verdicts.tsv'), 'utf8');
    assert.ok(files.every((f) => verdicts.includes(`modules/${f}\t`)), 'every file has a verdict');
    assert.ok(!/^modules\/\S+\t\d+\terror/m.test(verdicts), 'Puppet accepts every module file');
    assert.deepEqual(all.filter((f) => puppetCodes.has(f.rule)).map((f) => `${f.file}: ${f.message}`), []);
  });

  it('raises no error on the modules’ own manifests, and very few on their examples', () => {
    const errors = all.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.filter((f) => !f.file.includes('/examples/')).map((f) => `${f.file}: ${f.message}`), []);
    // Examples drift from the code they show: the errors left are real (parameters renamed since).
    const filesWithErrors = new Set(errors.map((f) => f.file)).size;
    assert.ok(filesWithErrors / files.length < 0.02, `${filesWithErrors} of ${files.length} files have errors`);
    assert.ok(errors.every((f) => ['UNKNOWN_ATTRIBUTE', 'DUPLICATE_RESOURCE', 'UNKNOWN_RESOURCE_TYPE'].includes(f.rule)));
  });

  it('leaves unknown only the types that come from Ruby code or other modules', (t) => {
    // The corpus holds the modules' .pp files only: their Ruby types (ini_setting, mysql_user...)
    // and their dependencies' defines (apt::source...) are rightly unknown here.
    const unknown = all.filter((f) => f.rule === 'UNKNOWN_RESOURCE_TYPE');
    const names = new Set(unknown.map((f) => /type '([^']+)'/.exec(f.message)![1].replace(/^::/, '')));
    t.diagnostic(`${unknown.length} unknown-type warnings, ${names.size} types: ${[...names].sort().join(', ')}`);
    assert.ok(unknown.every((f) => f.severity === 'warning'));
    for (const name of names) assert.notEqual(workspace.definitions.get(name)?.kind, 'define', name);
    const withoutWorkspace = manifests.flatMap((m) =>
      checkPuppet([{ program: m.parsed.ast, source: new SourceText(m.text) }]).filter((f) => f.rule === 'UNKNOWN_RESOURCE_TYPE'),
    );
    assert.ok(withoutWorkspace.length > 2 * unknown.length, 'the workspace knows the modules’ own defines');
    const unresolved = all.filter((f) => f.rule === 'UNRESOLVED_REFERENCE');
    assert.deepEqual(unresolved.map((f) => `${f.file}: ${f.message}`), []);
  });
});
