import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { coreType, metaparameter } from '../../../server/src/puppet/coreTypes';
import { puppetDocument } from '../../../server/src/puppet/features/document';
import { puppetHover } from '../../../server/src/puppet/features/hover';
import { SourceText } from '../../../server/src/sourceText';
import { APACHE, SEED, offsetOf, workspace } from './featuresSupport';

function hoverAt(text: string, needle: string, delta = 1, n = 1) {
  return puppetHover(text, offsetOf(text, needle, delta, n), workspace());
}

/** The text a hover's range covers. */
function covered(text: string, hover: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  return new SourceText(text).slice(hover.range);
}

describe('puppetHover on the seed postmortem', () => {
  it('documents the resource type', () => {
    const hover = hoverAt(SEED, 'package');
    assert.ok(hover);
    assert.equal(covered(SEED, hover), 'package');
    assert.ok(hover.markdown.includes(coreType('package')!.doc));
  });

  it("documents an attribute with the values it allows", () => {
    const hover = hoverAt(SEED, 'ensure', 1, 2);
    assert.ok(hover);
    assert.equal(covered(SEED, hover), 'ensure');
    const spec = coreType('service')!.attributes.find((a) => a.name === 'ensure')!;
    assert.ok(hover.markdown.includes(spec.doc));
    for (const value of spec.values!) assert.ok(hover.markdown.includes(`\`${value}\``), value);
    assert.match(hover.markdown, /property of `service`/);
  });

  it('documents a metaparameter', () => {
    const hover = hoverAt(SEED, 'subscribe');
    assert.ok(hover);
    assert.ok(hover.markdown.includes(metaparameter('subscribe')!.doc));
    assert.match(hover.markdown, /metaparameter/);
  });

  it('shows the declaration a reference points to', () => {
    const hover = hoverAt(SEED, "php-missing-module'],");
    assert.ok(hover);
    assert.equal(covered(SEED, hover), "'php-missing-module'");
    assert.ok(hover.markdown.includes("```puppet\npackage { 'php-missing-module':\n  ensure => installed,\n}\n```"));
  });

  it('documents the type of a reference', () => {
    const hover = hoverAt(SEED, "Package['");
    assert.ok(hover?.markdown.includes(coreType('package')!.doc));
  });

  it('has nothing to say about punctuation, values or blank space', () => {
    assert.equal(hoverAt(SEED, '=>', 1), undefined);
    assert.equal(hoverAt(SEED, 'running', 2), undefined);
    assert.equal(hoverAt(SEED, '\n\n', 1), undefined);
  });
});

describe('puppetHover on variables', () => {
  const text = [
    "$greeting = 'hello'",
    "class app (String $user = 'www') inherits app::params {",
    '  $home = "/home/${user}"',
    '  notify { $home: message => "${greeting} ${::greeting} ${facts}" }',
    '  [1, 2].each |$user| { notice($user) }',
    '  notice($app::params::port, $base)',
    '}',
    'class app::params {',
    '  $port = 8080',
    "  $base = '/opt'",
    '}',
    '',
  ].join('\n');

  it('shows the assignment of a local variable', () => {
    const hover = hoverAt(text, '$home:', 1);
    assert.ok(hover);
    assert.equal(covered(text, hover), '$home');
    assert.match(hover.markdown, /```puppet\n\$home = "\/home\/\$\{user\}"\n```/);
    assert.match(hover.markdown, /Assigned in class `app`/);
  });

  it('shows a parameter with its type, also for a variable in a string', () => {
    const hover = hoverAt(text, '{user}', 1);
    assert.ok(hover);
    assert.equal(covered(text, hover), 'user');
    assert.match(hover.markdown, /String \$user = 'www'/);
    assert.match(hover.markdown, /Parameter of class `app`/);
  });

  it("lets a lambda's parameter hide the class's", () => {
    const hover = hoverAt(text, 'notice($user', 8);
    assert.ok(hover);
    assert.match(hover.markdown, /Parameter of the lambda/);
  });

  it('looks a class up through inherits, a qualified name in its class, and top-scope names at top scope', () => {
    assert.match(hoverAt(text, '$base)', 1)!.markdown, /\$base = '\/opt'[\s\S]*class `app::params`/);
    assert.match(hoverAt(text, 'params::port', 9)!.markdown, /\$port = 8080/);
    // Classes do not see the code around them, but top scope they do.
    assert.match(hoverAt(text, '{greeting}', 1)!.markdown, /\$greeting = 'hello'[\s\S]*top scope/);
    assert.match(hoverAt(text, '{::greeting}', 3)!.markdown, /\$greeting = 'hello'/);
  });

  it('documents the variables Puppet sets, and nothing for unknown ones', () => {
    assert.match(hoverAt(text, '{facts}', 1)!.markdown, /set by Puppet/);
    assert.equal(puppetHover('notice($nowhere)', 9), undefined);
  });

  it('shows a parameter when hovering its declaration', () => {
    const hover = hoverAt(text, '$user =', 1);
    assert.match(hover!.markdown, /String \$user = 'www'/);
  });
});

describe('puppetHover on classes and defined types', () => {
  it('shows the summary and signature of an included class from the workspace', () => {
    const text = 'include apache\n';
    const hover = hoverAt(text, 'apache');
    assert.ok(hover);
    assert.equal(covered(text, hover), 'apache');
    assert.match(hover.markdown, /\*\*apache\*\* · class/);
    assert.match(hover.markdown, /Installs and configures Apache\./);
    assert.match(hover.markdown, /class apache \(\n {2}Boolean \$default_vhost = true,\n {2}Enum\['prefork', 'worker', 'event'\] \$mpm = 'event',\n\)/);
  });

  it('documents the parameter behind an attribute of a class or defined type', () => {
    const text = "class { 'apache':\n  mpm => 'worker',\n}\napache::vhost { 'site':\n  port => 80,\n}\n";
    const mpm = hoverAt(text, 'mpm');
    assert.match(mpm!.markdown, /\*\*mpm\*\* · parameter of class `apache`/);
    assert.match(mpm!.markdown, /Which multi-processing module to load\./);
    const port = hoverAt(text, 'port');
    assert.match(port!.markdown, /parameter of defined type `apache::vhost`[\s\S]*Integer \$port/);
  });

  it('documents a defined type by its name and by a reference to it', () => {
    const text = "apache::vhost { 'site': port => 80 }\nnotice(Apache::Vhost['site'])\n";
    assert.match(hoverAt(text, 'apache::vhost')!.markdown, /\*\*apache::vhost\*\* · defined type/);
    assert.match(hoverAt(text, 'Apache::Vhost')!.markdown, /A virtual host\./);
  });

  it('prefers what the text itself defines', () => {
    const text = 'class apache {}\ninclude apache\n';
    const hover = hoverAt(text, 'apache', 1, 2);
    assert.ok(hover);
    assert.doesNotMatch(hover.markdown, /Installs and configures/);
  });

  it('works on a parsed document as well as on text', () => {
    const doc = puppetDocument(APACHE);
    const offset = offsetOf(APACHE, 'ensure');
    const hover = puppetHover(doc, offset);
    assert.match(hover!.markdown, /property of `package`/);
    assert.deepEqual(hover, puppetHover(APACHE, offset));
  });
});
