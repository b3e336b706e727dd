// The bundled CLI, run as users run it: `node dist/pmkit.js ...` in a child process, in a fresh working folder
// per test. Built once per suite, so the tests run what ships without depending on (or racing) someone's dist/.
import { after, before } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JsonFinding } from '../../../server/src/cli/formats/json';
import { buildBundles, type Bundles } from './bundle';

export type { JsonFinding };

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface PmkitCli {
  /** A fresh working folder for the test, holding `files`; the runs after it work there. Removed after the test. */
  workspace(t: { after(fn: () => void): void }, files?: Record<string, string | Buffer>): string;
  /** Runs pmkit in the working folder; `env` replaces the outer FORCE_COLOR and NO_COLOR, so output is plain by default. */
  run(args: string[], env?: Record<string, string>): Run;
  /** `pmkit lint --format json ...args`, its findings parsed. */
  lintJson(...args: string[]): Run & { findings: JsonFinding[] };
  /** A file of the working folder, as text. */
  read(name: string): string;
}

/** Call inside a `describe`: builds the CLI before its tests and removes it after them. */
export function pmkitCli(): PmkitCli {
  let bundles: Bundles;
  let work: string;

  before(async () => {
    bundles = await buildBundles({ 'pmkit.js': 'server/src/cli/pmkit.ts' });
  });

  after(() => bundles.remove());

  const run = (args: string[], env: Record<string, string> = { NO_COLOR: '1' }): Run => {
    const { FORCE_COLOR: _force, NO_COLOR: _no, ...inherited } = process.env;
    const result = spawnSync(process.execPath, [bundles.file('pmkit.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...inherited, ...env } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  return {
    workspace(t, files = {}) {
      work = mkdtempSync(path.join(tmpdir(), 'pmkit-cli-'));
      t.after(() => rmSync(work, { recursive: true, force: true }));
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
        writeFileSync(path.join(work, name), content);
      }
      return work;
    },
    run,
    lintJson(...args) {
      const result = run(['lint', '--format', 'json', ...args]);
      return { ...result, findings: JSON.parse(result.stdout) as JsonFinding[] };
    },
    read: (name) => readFileSync(path.join(work, name), 'utf8'),
  };
}
