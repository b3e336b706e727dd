// dist/markdownlint-rules.js as a markdownlint-cli2 user loads it: from `customRules` in their config file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBundles, repoRoot, type Bundles } from '../cli/bundle';
import { withoutTimeline } from '../checkoutPostmortem';

const cli2 = path.join(repoRoot, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');

describe('our rules in markdownlint-cli2', () => {
  let bundles: Bundles;

  before(async () => {
    bundles = await buildBundles({ 'markdownlint-rules.js': 'server/src/markdown/markdownlintRules.cts' });
  });

  after(() => bundles.remove());

  function runCli2(args: string[]) {
    return spawnSync(process.execPath, [cli2, ...args], { cwd: bundles.root, encoding: 'utf8' });
  }

  /**
   * markdownlint-cli2 0.22 builds its own markdownItFactory (markdown-it with HTML on, plus any
   * `markdownItPlugins`); a config file cannot and need not name one. `customRules` is all it takes.
   */
  function configure(config: object): void {
    const options = { customRules: ['./dist/markdownlint-rules.js'], config: { default: false, postmortem: true, ...config } };
    writeFileSync(path.join(bundles.root, '.markdownlint-cli2.jsonc'), `// pmkit rules\n${JSON.stringify(options, null, 2)}\n`);
  }

  it('reports the missing Timeline from the bundle named in .markdownlint-cli2.jsonc', () => {
    configure({});
    writeFileSync(path.join(bundles.root, 'postmortem.md'), withoutTimeline);
    const result = runCli2(['postmortem.md']);
    const line = withoutTimeline.split('\n').indexOf('## Root Cause and Resolution') + 1;
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`^postmortem\\.md:${line}(:\\d+)? error PM001/missing-section A section the profile requires is missing\\. \\[Missing required section "Timeline"`, 'm'),
    );
  });

  it('applies the insertion with markdownlint-cli2 --fix', () => {
    configure({ postmortem: false, 'missing-section': true });
    writeFileSync(path.join(bundles.root, 'postmortem.md'), withoutTimeline);
    const result = runCli2(['--fix', 'postmortem.md']);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const fixed = readFileSync(path.join(bundles.root, 'postmortem.md'), 'utf8');
    assert.match(fixed, /## Issue Summary[\s\S]*\n## Timeline\n[\s\S]*\n## Root Cause and Resolution\n/);
  });
});
