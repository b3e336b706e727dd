import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMarkdownlintConfigFile, MarkdownlintConfigs, proseConfig } from '../../../server/src/markdown/markdownlintConfig';

/** A folder tree from relative paths to contents, removed after the test. */
function tree(t: { after(fn: () => void): void }, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pmkit-config-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) write(root, name, text);
  return root;
}

function write(root: string, name: string, text: string): string {
  const file = path.join(root, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('MarkdownlintConfigs', () => {
  it('uses the prose default when no folder up to the root has a config', (t) => {
    const root = tree(t, { 'docs/a.md': '' });
    const settings = new MarkdownlintConfigs().resolve(path.join(root, 'docs/a.md'), root);
    assert.equal(settings.config, proseConfig);
    assert.equal(settings.file, undefined);
    assert.deepEqual(settings.problems, []);
  });

  it('finds the nearest config, which wins whole over its parents', (t) => {
    const root = tree(t, {
      '.markdownlint.json': '{ "MD013": false, "MD001": false }',
      'docs/.markdownlint.yaml': 'MD033: false\n',
    });
    const configs = new MarkdownlintConfigs();
    const nested = configs.resolve(path.join(root, 'docs/deeper/a.md'), root);
    assert.deepEqual(nested.config, { MD033: false });
    assert.equal(nested.file, path.join(root, 'docs/.markdownlint.yaml'));
    assert.deepEqual(configs.resolve(path.join(root, 'b.md'), root).config, { MD013: false, MD001: false });
  });

  it('stops at the workspace root', (t) => {
    const root = tree(t, { '.markdownlint.json': '{ "MD013": false }', 'workspace/a.md': '' });
    const settings = new MarkdownlintConfigs().resolve(path.join(root, 'workspace/a.md'), path.join(root, 'workspace'));
    assert.equal(settings.config, proseConfig);
  });

  it('reads the root config for an untitled document', (t) => {
    const root = tree(t, { '.markdownlint.jsonc': '{ "MD041": false }' });
    assert.deepEqual(new MarkdownlintConfigs().resolve(undefined, root).config, { MD041: false });
    assert.equal(new MarkdownlintConfigs().resolve(undefined).config, proseConfig);
  });

  it('takes one file per folder in markdownlint-cli2 precedence, JSONC with comments and trailing commas', (t) => {
    const root = tree(t, {
      '.markdownlint.jsonc': '{\n  // prose\n  "MD013": false,\n}\n',
      '.markdownlint.json': '{ "MD001": false }',
      '.markdownlint.yml': 'MD002: false',
    });
    assert.deepEqual(new MarkdownlintConfigs().resolve(path.join(root, 'a.md')).config, { MD013: false });
  });

  it('reads `config` and `noInlineConfig` from .markdownlint-cli2 files; a .markdownlint file beside it overrides `config`', (t) => {
    const root = tree(t, {
      '.markdownlint-cli2.jsonc': '{ "noInlineConfig": true, "config": { "MD013": false } }',
      'yaml/.markdownlint-cli2.yaml': 'config:\n  MD001: false\n',
      'both/.markdownlint-cli2.jsonc': '{ "config": { "MD013": false } }',
      'both/.markdownlint.json': '{ "MD041": false }',
    });
    const configs = new MarkdownlintConfigs();
    const top = configs.resolve(path.join(root, 'a.md'), root);
    assert.deepEqual(top.config, { MD013: false });
    assert.equal(top.noInlineConfig, true);
    assert.deepEqual(configs.resolve(path.join(root, 'yaml/a.md'), root).config, { MD001: false });
    assert.equal(configs.resolve(path.join(root, 'yaml/a.md'), root).noInlineConfig, true, 'inherited from the parent cli2 file');
    assert.deepEqual(configs.resolve(path.join(root, 'both/a.md'), root).config, { MD041: false });
  });

  it('resolves `extends` beside the file and as a package, own keys winning', (t) => {
    const root = tree(t, {
      'base.yaml': 'MD013: false\nMD001: false\n',
      'middle.json': '{ "extends": "./base.yaml", "MD001": true, "MD041": false }',
      'node_modules/house-style/prose.json': '{ "MD033": false }',
      'docs/.markdownlint.json': '{ "extends": "../middle.json", "MD041": { "level": 2 } }',
      'pkg/.markdownlint.json': '{ "extends": "house-style/prose.json", "MD013": false }',
    });
    const configs = new MarkdownlintConfigs();
    assert.deepEqual(configs.resolve(path.join(root, 'docs/a.md'), root).config, { MD013: false, MD001: true, MD041: { level: 2 } });
    assert.deepEqual(configs.resolve(path.join(root, 'pkg/a.md'), root).config, { MD033: false, MD013: false });
  });

  it('reports a broken config and falls back to the next one up', (t) => {
    const root = tree(t, {
      '.markdownlint.json': '{ "MD013": false }',
      'bad/.markdownlint.json': '{\n  "MD013": false\n  "MD001": false\n}',
      'yaml/.markdownlint.yaml': 'MD013: [',
      'loop/.markdownlint.json': '{ "extends": "./other.json" }',
      'loop/other.json': '{ "extends": "./.markdownlint.json" }',
      'missing/.markdownlint.json': '{ "extends": "./nowhere.json" }',
      'list/.markdownlint.json': '[1, 2]',
    });
    const configs = new MarkdownlintConfigs();
    const expectations: Record<string, RegExp> = {
      bad: /invalid JSON at line 3: CommaExpected/,
      yaml: /invalid YAML/,
      loop: /"extends".*deeper than 10/,
      missing: /"extends": .*nowhere\.json: file not found/,
      list: /must hold an object/,
    };
    for (const [folder, problem] of Object.entries(expectations)) {
      const settings = configs.resolve(path.join(root, folder, 'a.md'), root);
      assert.deepEqual(settings.config, { MD013: false }, folder);
      assert.equal(settings.problems.length, 1, folder);
      assert.match(settings.problems[0], problem);
      assert.ok(settings.problems[0].startsWith(path.join(root, folder)), `${folder}: names the file`);
    }
  });

  it('caches per folder until told that a config file changed', (t) => {
    const root = tree(t, { '.markdownlint.json': '{ "MD013": false }', 'docs/a.md': '' });
    const configs = new MarkdownlintConfigs();
    const doc = path.join(root, 'docs/a.md');
    assert.deepEqual(configs.resolve(doc, root).config, { MD013: false });

    const added = write(root, 'docs/.markdownlint.json', '{ "MD001": false }');
    assert.deepEqual(configs.resolve(doc, root).config, { MD013: false }, 'still cached');
    configs.invalidate(added);
    assert.deepEqual(configs.resolve(doc, root).config, { MD001: false }, 'a new file is seen by the folders below it');

    write(root, 'docs/.markdownlint.json', '{ "extends": "../shared.json" }');
    const shared = write(root, 'shared.json', '{ "MD041": false }');
    configs.invalidate(path.join(root, 'docs/.markdownlint.json'));
    assert.deepEqual(configs.resolve(doc, root).config, { MD041: false });
    write(root, 'shared.json', '{ "MD041": true }');
    configs.invalidate(shared);
    assert.deepEqual(configs.resolve(doc, root).config, { MD041: true }, 'an extended file invalidates the configs built from it');
  });
});

describe('isMarkdownlintConfigFile', () => {
  it('knows the names discovery reads, and no others', () => {
    assert.ok(isMarkdownlintConfigFile('/w/docs/.markdownlint.yaml'));
    assert.ok(isMarkdownlintConfigFile('/w/.markdownlint-cli2.jsonc'));
    assert.ok(!isMarkdownlintConfigFile('/w/markdownlint.json'));
    assert.ok(!isMarkdownlintConfigFile('/w/.markdownlint-cli2.cjs'));
  });
});
