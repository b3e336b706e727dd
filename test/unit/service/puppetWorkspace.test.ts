// The workspace index: one parse of each manifest feeds both the checker's declarations and the editor's
// index; contexts stay the same object until something the checks read changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyzePuppetFile } from '../../../server/src/service/analyze';
import { PuppetWorkspace } from '../../../server/src/service/puppetWorkspace';
import { defaultSettings } from '../../../server/src/settings';

function workspaceOf(files: Record<string, string>): PuppetWorkspace {
  const workspace = new PuppetWorkspace((file) => files[file]);
  workspace.add(Object.keys(files));
  return workspace;
}

const app = '/ws/modules/app/manifests/init.pp';

describe('puppet workspace', () => {
  it('gives the checker and the editor features the same manifests', () => {
    const workspace = workspaceOf({ [app]: "# @summary The app.\nclass app {\n  package { 'app': }\n}\n" });
    const [definition] = workspace.index.classes.get('app') ?? [];
    assert.equal(definition?.summary, 'The app.');
    assert.deepEqual(definition.location, { uri: pathToFileURL(app).href, range: { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } } });
    assert.equal(workspace.index.resources.get('package[app]')?.[0].location.uri, pathToFileURL(app).href);
    const context = workspace.contextFor('/ws/site.pp');
    assert.equal(context.workspace?.definitions.get('app')?.kind, 'class');
    assert.deepEqual(analyzePuppetFile("include app\nservice { 's': require => Package['app'] }\n", defaultSettings, context).findings, []);
  });

  it('keeps the context while edits only move things, and hands out a new one when declarations change', () => {
    const workspace = workspaceOf({ [app]: "class app {\n  package { 'app': }\n}\n" });
    const before = workspace.contextFor('/ws/site.pp');
    assert.equal(workspace.contextFor('/ws/other.pp'), before, 'one context per folder');

    assert.equal(workspace.update(app, "\n\nclass app {\n  package { 'app': ensure => latest }\n}\n"), false);
    assert.equal(workspace.contextFor('/ws/site.pp'), before);
    assert.equal(workspace.index.classes.get('app')?.[0].location.range.start.line, 2, 'the index follows the text');

    assert.equal(workspace.update(app, "class app {\n  package { 'app': }\n}\ndefine app::vhost($port) {}\n"), true);
    const after = workspace.contextFor('/ws/site.pp');
    assert.notEqual(after, before);
    assert.equal(after.workspace?.definitions.get('app::vhost')?.kind, 'define');
    assert.ok(workspace.index.definedTypes.has('app::vhost'));
  });

  it('forgets the manifests and Ruby types below a removed folder', () => {
    const workspace = workspaceOf({
      [app]: 'class app {}\n',
      '/ws/modules/ini/lib/puppet/type/ini_setting.rb': 'Puppet::Type.newtype(:ini_setting) do; end\n',
      '/other/site.pp': 'class site {}\n',
    });
    assert.deepEqual(workspace.contextFor(undefined).knownTypes, ['ini_setting']);
    assert.equal(workspace.forgetBelow('/ws'), true);
    assert.equal(workspace.forgetBelow('/ws'), false, 'nothing left to forget');
    assert.deepEqual([...workspace.index.classes.keys()], ['site']);
    assert.deepEqual(workspace.contextFor(undefined).knownTypes, []);
  });

  it('reads .puppet-lint.rc files again after one changed', () => {
    const files: Record<string, string> = { [app]: 'class app {}\n' };
    const workspace = workspaceOf(files);
    assert.equal(workspace.contextFor(app).rc, undefined);
    files['/ws/.puppet-lint.rc'] = '--no-140chars-check\n';
    assert.equal(workspace.contextFor(app).rc, undefined, 'read once per folder');
    workspace.lintRcChanged();
    assert.ok(workspace.contextFor(app).rc);
  });
});
