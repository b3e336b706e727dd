import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { constants as osConstants, getPriority } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MarkdownlintRunner, runMarkdownlint } from '../../../server/src/markdown/markdownlint';
import { buildBundles, repoRoot, type Bundles } from '../cli/bundle';

const text = '# Title\n\n### Skipped a level\n\nTrailing   \n';
const big = `${text}\n${'Some prose with a bare URL https://example.com and trailing spaces.   \n\n'.repeat(4000)}`;

/** Whether a process with this id exists (a reaped child does not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('MarkdownlintRunner', () => {
  let bundles: Bundles;
  let workerScript: string;

  before(async () => {
    bundles = await buildBundles({ 'markdownlint-worker.js': 'server/src/markdown/markdownlintWorker.ts' });
    workerScript = bundles.file('markdownlint-worker.js');
  });

  after(() => bundles.remove());

  /** A worker script that exits with code 3 on its first job, then (when `once`) behaves like the real worker. */
  function dyingWorker(name: string, once: boolean): string {
    const script = path.join(bundles.root, `${name}.js`);
    const marker = path.join(bundles.root, `${name}.died`);
    writeFileSync(
      script,
      `const fs = require('node:fs');
       if (${once} && fs.existsSync(${JSON.stringify(marker)})) require(${JSON.stringify(workerScript)});
       else process.once('message', () => { fs.writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); });`,
    );
    return script;
  }

  it('lints in a worker process with the same findings as in-process linting', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    for (const sample of [text, big, '']) assert.deepEqual(await runner.lint('doc', sample, undefined), runMarkdownlint(sample, undefined));
    assert.notEqual(runner.workerPid, undefined);
    assert.notEqual(runner.workerPid, process.pid);
  });

  it('runs the worker process at the lowest priority', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    await runner.lint('doc', text, undefined);
    assert.equal(getPriority(runner.workerPid), osConstants.priority.PRIORITY_LOW);
  });

  it('leaves the main thread free while the worker lints', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
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

  it('starts a new worker process after the old one was killed while idle', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    await runner.lint('doc', text, undefined);
    const killed = runner.workerPid as number;
    process.kill(killed, 'SIGKILL');
    // Sent before or after the runner hears of the death: either way a new worker lints it.
    assert.equal((await runner.lint('doc', text, undefined))?.length, 2);
    assert.notEqual(runner.workerPid, killed);
  });

  it('gives the job of a worker killed while linting to a new worker', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    const linted = runner.lint('big', big, undefined);
    const killed = runner.workerPid as number;
    process.kill(killed, 'SIGKILL');
    assert.deepEqual(await linted, runMarkdownlint(big, undefined));
    assert.notEqual(runner.workerPid, killed);
  });

  it('drops the retry of a killed worker’s job when a newer text of the document is waiting', async (t) => {
    const runner = new MarkdownlintRunner({ workerScript });
    t.after(() => runner.dispose());
    const old = runner.lint('doc', big, undefined);
    const newest = runner.lint('doc', text, undefined);
    process.kill(runner.workerPid as number, 'SIGKILL');
    assert.equal(await old, undefined);
    assert.equal((await newest)?.length, 2);
  });

  it('retries a job once when its worker dies, and fails it when the new worker dies too', async (t) => {
    const once = new MarkdownlintRunner({ workerScript: dyingWorker('dies-once', true) });
    const always = new MarkdownlintRunner({ workerScript: dyingWorker('dies-always', false) });
    t.after(() => Promise.all([once.dispose(), always.dispose()]));
    assert.equal((await once.lint('doc', text, undefined))?.length, 2);
    await assert.rejects(always.lint('doc', text, undefined), /exited with code 3/);
  });

  it('kills the worker process when disposed, and resolves calls still waiting or running to undefined', async () => {
    const runner = new MarkdownlintRunner({ workerScript });
    await runner.lint('warm-up', text, undefined);
    const pid = runner.workerPid as number;
    const running = runner.lint('a', big, undefined);
    const waiting = runner.lint('b', text, undefined);
    await runner.dispose();
    assert.equal(alive(pid), false);
    assert.equal(runner.workerPid, undefined);
    assert.equal(await running, undefined);
    assert.equal(await waiting, undefined);
    assert.equal(await runner.lint('c', text, undefined), undefined);
  });

  it('leaves no worker process behind when its parent is killed outright', { timeout: 30_000 }, async () => {
    // The parent shares its stderr with the worker, so the test sees that pipe close only once both are gone.
    const runnerModule = pathToFileURL(path.join(repoRoot, 'server/src/markdown/markdownlint.ts')).href;
    const parent = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '--eval',
        `const { MarkdownlintRunner } = await import(${JSON.stringify(runnerModule)});
         const runner = new MarkdownlintRunner({ workerScript: ${JSON.stringify(workerScript)} });
         await runner.lint('doc', '# Title\\n', undefined);
         console.log(runner.workerPid);
         process.stdin.resume();`,
      ],
      { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [line] = (await once(parent.stdout, 'data')) as [Buffer];
    const worker = Number(line.toString().trim());
    assert.ok(alive(worker), `worker ${worker} runs while its parent does; parent's stderr: ${stderr}`);
    const closed = once(parent, 'close');
    parent.kill('SIGKILL');
    await closed;
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
    assert.equal(runner.workerPid, undefined);
  });
});
