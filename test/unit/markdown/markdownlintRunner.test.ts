import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MarkdownlintRunner, runMarkdownlint } from '../../../server/src/markdown/markdownlint';
import { buildBundles, type Bundles } from '../cli/bundle';

const text = '# Title\n\n### Skipped a level\n\nTrailing   \n';

describe('MarkdownlintRunner', () => {
  let bundles: Bundles;
  let workerScript: string;
  let folder: string;

  before(async () => {
    bundles = await buildBundles({ 'markdownlint-worker.js': 'server/src/markdown/markdownlintWorker.ts' });
    workerScript = bundles.file('markdownlint-worker.js');
    folder = bundles.root;
  });

  after(() => bundles.remove());

  it('lints in the worker with the same findings as on the main thread', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    assert.deepEqual(await runner.lint('doc', text, undefined), runMarkdownlint(text, undefined));
  });

  it('leaves the main thread free while the worker lints', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    const big = `${text}\n${'Some prose with a bare URL https://example.com and trailing spaces.   \n\n'.repeat(4000)}`;
    const order: string[] = [];
    const linted = runner.lint('big', big, undefined).then(() => order.push('markdownlint'));
    setImmediate(() => order.push('main thread'));
    await linted;
    assert.deepEqual(order, ['main thread', 'markdownlint']);
  });

  it('lints a document edited while it waited only once, at its newest text', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    const first = runner.lint('a', text, undefined);
    const stale = runner.lint('b', '# B\n\n### old\n', undefined);
    const fresh = runner.lint('b', '# B\n\n## new\n', undefined);
    assert.equal((await first)?.length, 2);
    assert.equal(await stale, undefined);
    assert.deepEqual(await fresh, []);
  });

  it('rejects when the worker dies, and starts a new one for the next job', async (t) => {
    const dying = path.join(folder, 'dying-worker.js');
    // Dies on its first job only, then behaves like the real worker.
    writeFileSync(
      dying,
      `const { parentPort } = require('node:worker_threads');
       const marker = ${JSON.stringify(path.join(folder, 'died'))};
       const fs = require('node:fs');
       if (!fs.existsSync(marker)) { fs.writeFileSync(marker, ''); process.exit(3); }
       require(${JSON.stringify(workerScript)});`,
    );
    const runner = new MarkdownlintRunner({ workerScript: dying });
    t.after(() => runner.dispose());
    await assert.rejects(runner.lint('doc', text, undefined), /exited with code 3/);
    assert.equal((await runner.lint('doc', text, undefined))?.length, 2);
  });

  it('resolves calls still waiting or running to undefined when disposed', async () => {
    const runner = new MarkdownlintRunner({ workerScript });
    const running = runner.lint('a', text, undefined);
    const waiting = runner.lint('b', text, undefined);
    await runner.dispose();
    assert.equal(await running, undefined);
    assert.equal(await waiting, undefined);
    assert.equal(await runner.lint('c', text, undefined), undefined);
  });

  it('falls back to the main thread, still asynchronously, without a worker script', async () => {
    const runner = new MarkdownlintRunner({ workerScript: undefined });
    const order: string[] = [];
    setImmediate(() => order.push('queued work'));
    const findings = await runner.lint('doc', text, undefined).then((result) => {
      order.push('markdownlint');
      return result;
    });
    assert.deepEqual(findings, runMarkdownlint(text, undefined));
    assert.deepEqual(order, ['queued work', 'markdownlint']);
  });
});
