import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { range, type Finding } from '../../../server/src/finding';
import { MarkdownlintScheduler } from '../../../server/src/service/markdownlintScheduler';

function finding(line: number): Finding {
  return { range: range(line, 0, line, 3), severity: 'warning', source: 'markdownlint', rule: 'MD009', message: 'Trailing spaces', fixes: [] };
}

/** A document the scheduler reads, a lint whose runs the test finishes by hand, and the events it reports. */
function setup() {
  const document = { version: 1, text: 'a\nb\nc\n' };
  const runs: Array<{ text: string; finish(findings: Finding[] | undefined): Promise<void> }> = [];
  const fresh: number[] = [];
  const scheduler = new MarkdownlintScheduler({
    lint: (_uri, text) =>
      new Promise((resolve) => {
        runs.push({
          text,
          finish: async (findings) => {
            resolve(findings);
            // Let the scheduler's continuation run.
            await new Promise((done) => setImmediate(done));
          },
        });
      }),
    snapshot: () => ({ version: document.version, text: document.text }),
    onFresh: (_uri, version) => fresh.push(version),
    onError: (_uri, error) => assert.fail(String(error)),
  });
  return { document, runs, fresh, scheduler };
}

describe('MarkdownlintScheduler', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('runs once the delay passes without another edit, on the newest text', async () => {
    const { document, runs, fresh, scheduler } = setup();
    scheduler.update('u', 1);
    scheduler.schedule('u', 300);
    mock.timers.tick(200);
    document.version = 2;
    document.text = 'a\nb\nc\nd\n';
    scheduler.update('u', 2, [{ range: range(3, 0, 3, 0), text: 'd\n' }]);
    scheduler.schedule('u', 300);
    mock.timers.tick(299);
    assert.equal(runs.length, 0, 'an edit restarts the delay');
    mock.timers.tick(1);
    assert.deepEqual(runs.map((r) => r.text), ['a\nb\nc\nd\n']);
    await runs[0].finish([finding(1)]);
    assert.deepEqual(fresh, [2]);
    assert.deepEqual(scheduler.results('u'), { findings: [finding(1)], fresh: true });
  });

  it('drops a result for a version the user has already changed, keeping the carried findings', async () => {
    const { document, runs, fresh, scheduler } = setup();
    scheduler.update('u', 1);
    scheduler.schedule('u', 0);
    mock.timers.tick(0);
    await runs[0].finish([finding(2)]);
    assert.deepEqual(fresh, [1]);

    scheduler.schedule('u', 0);
    mock.timers.tick(0);
    document.version = 2;
    scheduler.update('u', 2, [{ range: range(0, 0, 0, 0), text: 'new first line\n' }]);
    await runs[1].finish([finding(0)]);
    assert.deepEqual(fresh, [1], 'no fresh results for version 2 yet');
    const results = scheduler.results('u');
    assert.equal(results?.fresh, false);
    assert.deepEqual(results?.findings.map((f) => f.range.start.line), [3], 'the old finding moved down one line');
  });

  it('counts nothing as fresh after a configuration change, and ignores superseded runs', async () => {
    const { runs, fresh, scheduler } = setup();
    scheduler.update('u', 1);
    scheduler.schedule('u', 0);
    mock.timers.tick(0);
    await runs[0].finish([finding(1)]);
    scheduler.invalidate();
    assert.equal(scheduler.results('u')?.fresh, false);

    scheduler.schedule('u', 0);
    mock.timers.tick(0);
    await runs[1].finish(undefined);
    assert.deepEqual(fresh, [1]);
    scheduler.forget('u');
    assert.equal(scheduler.results('u'), undefined);
  });
});
