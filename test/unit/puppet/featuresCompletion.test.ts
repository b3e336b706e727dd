import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundledTypeNames, coreType, coreTypes, metaparameters } from '../../../server/src/puppet/coreTypes';
import { puppetCompletions, type PuppetCompletion } from '../../../server/src/puppet/features/completion';
import { SourceText } from '../../../server/src/sourceText';
import { SEED, cursor, workspace } from './featuresSupport';

function complete(marked: string, withWorkspace = true): { items: PuppetCompletion[]; text: string } {
  const { text, offset } = cursor(marked);
  return { items: puppetCompletions(text, offset, withWorkspace ? workspace() : undefined), text };
}

function labels(items: PuppetCompletion[], kind?: PuppetCompletion['kind']): string[] {
  return items.filter((i) => !kind || i.kind === kind).map((i) => i.label);
}

function item(items: PuppetCompletion[], label: string): PuppetCompletion {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no completion ${label} among ${labels(items).join(', ')}`);
  return found;
}

const ensureValues = (type: string) => coreType(type)!.attributes.find((a) => a.name === 'ensure')!.values!;

/** Snippet syntax: `$1`, `${1:x}`, `${1|a,b|}`, `\$`; any other `$` or `}` is a mistake. */
function assertValidSnippet(snippet: string): void {
  const rest = snippet
    .replace(/\\./g, '')
    .replace(/\$\{\d+\|(?:[^|\\]|\\.)*\|\}/g, '')
    .replace(/\$\{\d+:[^}]*\}/g, '')
    .replace(/\$\{\d+\}|\$\d+/g, '');
  assert.ok(!/[$]/.test(rest), `stray $ in snippet ${JSON.stringify(snippet)}`);
}

describe('puppetCompletions in a resource body', () => {
  it('offers the attributes of a half-typed body, replacing the word typed', () => {
    const { items, text } = complete("package { 'x':\n  ens¦");
    const ensure = item(items, 'ensure');
    assert.equal(ensure.kind, 'attribute');
    assert.equal(ensure.insertText, `ensure => \${1|${ensureValues('package').join(',')}|},`);
    assert.equal(new SourceText(text).slice(ensure.replaceRange!), 'ens');
    // Every attribute of the type, then the metaparameters.
    assert.deepEqual(labels(items, 'attribute').sort(), coreType('package')!.attributes.map((a) => a.name).sort());
    assert.deepEqual(labels(items, 'metaparameter').sort(), metaparameters.filter((m) => m.name !== 'stage').map((m) => m.name).sort());
    assert.ok(ensure.sortText! < item(items, 'name').sortText!, 'ensure comes first');
    assert.ok(item(items, 'name').sortText! < item(items, 'require').sortText!, 'metaparameters come last');
  });

  it('leaves out the attributes already set', () => {
    const { items } = complete("service { 'a':\n  ensure => running,\n  ¦\n  subscribe => Package['x'],\n}\n");
    assert.ok(!labels(items).includes('ensure'));
    assert.ok(!labels(items).includes('subscribe'));
    assert.equal(item(items, 'enable').kind, 'attribute');
    assert.equal(item(items, 'notify').kind, 'metaparameter');
    assert.equal(items.find((i) => i.replaceRange), undefined, 'nothing typed, nothing replaced');
  });

  it('inserts only the name when the arrow is already there', () => {
    const { items } = complete("file { '/x':\n  ow¦ => 'root',\n}\n");
    assert.equal(item(items, 'owner').insertText, 'owner');
  });

  it('offers attributes on the line after a value whose comma is missing', () => {
    const { items } = complete("file { '/x':\n  ensure => file\n  mo¦\n}\n");
    assert.equal(item(items, 'mode').kind, 'attribute');
  });

  it('offers the values of ensure after =>, on a body still being typed', () => {
    const { items } = complete("service { 'a':\n  ensure => ¦");
    assert.deepEqual(labels(items, 'value'), [...ensureValues('service')]);
    const { items: typed, text } = complete("service { 'a':\n  ensure => ru¦\n}\n");
    assert.equal(new SourceText(text).slice(item(typed, 'running').replaceRange!), 'ru');
  });

  it('offers values inside quotes without adding quotes', () => {
    const { items, text } = complete("file { '/x':\n  ensure => 'di¦'\n}\n");
    const directory = item(items, 'directory');
    assert.equal(directory.insertText, 'directory');
    assert.equal(new SourceText(text).slice(directory.replaceRange!), 'di');
  });

  it('quotes a value that is not a bare word', () => {
    const { items } = complete("sshkey { 'host':\n  type => ¦\n}\n");
    assert.equal(item(items, 'ssh-rsa').insertText, "'ssh-rsa'");
  });

  it('offers references to the declared resources for relationship metaparameters, not the resource itself', () => {
    const { items } = complete(SEED.replace("subscribe => Package['php-missing-module'],", 'subscribe => ¦'));
    assert.deepEqual(labels(items), ["Package['php-missing-module']", "Package['httpd']"]);
    assert.equal(item(items, "Package['httpd']").detail, `package declared in file:///modules/apache/manifests/init.pp`);
  });

  it('offers titles inside Package[...], quoted when the quote is not typed yet', () => {
    const quoted = complete(SEED.replace("Package['php-missing-module']", "Package['php¦']"));
    const title = item(quoted.items, 'php-missing-module');
    assert.equal(title.kind, 'title');
    assert.equal(title.insertText, 'php-missing-module');
    assert.equal(new SourceText(quoted.text).slice(title.replaceRange!), 'php');
    const bare = complete(SEED.replace("Package['php-missing-module'],", 'Package[¦'));
    assert.equal(item(bare.items, 'php-missing-module').insertText, "'php-missing-module'");
    assert.deepEqual(labels(bare.items), ['php-missing-module', 'httpd']);
  });

  it("offers a defined type's parameters, required ones first, with the values of their Enum type", () => {
    const { items } = complete("apache::vhost { 'site':\n  ¦\n}\n");
    assert.deepEqual(labels(items, 'attribute').sort(), ['docroot', 'ensure', 'port']);
    assert.equal(item(items, 'ensure').insertText, "ensure => ${1|present,absent|},");
    assert.ok(item(items, 'port').sortText! < item(items, 'docroot').sortText!);
    assert.match(item(items, 'port').documentation!, /Integer \$port/);
  });

  it("offers a class's parameters in class { 'name': }, and the stage metaparameter", () => {
    const { items } = complete("class { 'apache':\n  ¦\n}\n");
    assert.deepEqual(labels(items, 'attribute').sort(), ['default_vhost', 'mpm']);
    assert.equal(item(items, 'default_vhost').insertText, 'default_vhost => ${1|true,false|},');
    assert.equal(item(items, 'stage').kind, 'metaparameter');
  });

  it('offers attributes in resource defaults, overrides and collectors', () => {
    for (const head of ['File {', "File['/x'] {", "File <| tag == 'x' |> {"]) {
      const { items } = complete(`${head}\n  ¦\n}\n`);
      assert.equal(item(items, 'mode').kind, 'attribute', head);
    }
  });

  it('offers only metaparameters for a type it knows nothing about', () => {
    const { items } = complete("mystery { 'x':\n  ¦\n}\n");
    assert.deepEqual(labels(items, 'attribute'), []);
    assert.ok(labels(items, 'metaparameter').includes('require'));
  });
});

describe('puppetCompletions at the start of a statement', () => {
  it('offers resource types, defined types and keywords', () => {
    const { items, text } = complete('pack¦');
    assert.deepEqual(
      labels(items, 'type').sort(),
      [...coreTypes.map((t) => t.name), ...bundledTypeNames, 'apache::vhost'].sort(),
    );
    assert.ok(labels(items, 'keyword').includes('class'));
    const pkg = item(items, 'package');
    assert.equal(new SourceText(text).slice(pkg.replaceRange!), 'pack');
    assert.equal(pkg.insertText, `package { '\${1:title}':\n\tensure => \${2|${ensureValues('package').join(',')}|},\n\t$0\n}`);
    // A defined type's snippet asks for its required parameters.
    assert.equal(item(items, 'apache::vhost').insertText, "apache::vhost { '${1:title}':\n\tport => ${2},\n\t$0\n}");
  });

  it('offers statements inside a class body and after a finished statement', () => {
    assert.ok(labels(complete('class web {\n  ¦\n}\n').items).includes('file'));
    assert.ok(labels(complete("notice('x')\n¦").items).includes('file'));
    assert.ok(labels(complete("package { 'a': }\n-> ¦").items).includes('service'));
  });

  it('offers nothing in the middle of an expression or in a hash', () => {
    assert.deepEqual(complete('$x = ¦').items, []);
    assert.deepEqual(complete("$h = {\n  ¦\n}\n").items, []);
    assert.deepEqual(complete('$s = $x ? {\n  ¦\n}\n').items, []);
  });

  it('offers nothing in comments and heredoc text', () => {
    assert.deepEqual(complete('# pack¦\n').items, []);
    assert.deepEqual(complete("$x = @(END)\n  pack¦\n  | END\n").items, []);
  });

  it('writes every snippet correctly', () => {
    const all = [
      ...complete('¦').items,
      ...complete("package { 'x':\n  ¦\n}").items,
      ...complete("sshkey { 'x':\n  type => ¦\n}").items,
      ...complete("apache::vhost { 'x':\n  ¦\n}").items,
    ];
    assert.ok(all.length > 50);
    for (const i of all) assertValidSnippet(i.insertText);
  });
});

describe('puppetCompletions of classes', () => {
  it('offers the classes of the workspace and of the text after include, contain and require', () => {
    for (const fn of ['include', 'contain', 'require']) {
      const { items } = complete(`class local {}\n${fn} ¦`);
      assert.deepEqual(labels(items, 'class').sort(), ['apache', 'local'], fn);
    }
    assert.match(item(complete('include ap¦').items, 'apache').documentation!, /Installs and configures Apache/);
    assert.deepEqual(labels(complete('include apache, ¦').items), ['apache']);
  });

  it('offers classes as the title of a class resource, inside the quotes', () => {
    const { items, text } = complete("class { 'ap¦");
    const apache = item(items, 'apache');
    assert.equal(apache.kind, 'class');
    assert.equal(new SourceText(text).slice(apache.replaceRange!), 'ap');
  });

  it('offers classes after inherits and in Class[...]', () => {
    assert.deepEqual(labels(complete('class web inherits ¦').items), ['apache']);
    assert.deepEqual(labels(complete("notice(Class['¦'])").items), ['apache']);
  });

  it('does not take the require metaparameter for the function', () => {
    const { items } = complete("file { '/x':\n  require => ¦\n}\n");
    assert.deepEqual(labels(items, 'class'), []);
    assert.ok(labels(items).includes("Package['httpd']"));
  });

  it('offers no classes without a workspace and none in the text', () => {
    assert.deepEqual(complete('include ¦', false).items, []);
  });
});
