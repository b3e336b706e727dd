// The markdownlint bridge: runs markdownlint on one document and turns its results into Findings.
//
// markdownlint lints about 0.5-1 MB/s, all of it synchronous, so in the language server it must not sit
// between an edit and our own diagnostics. `MarkdownlintRunner` runs it in a child process at the lowest
// scheduling priority: a worker thread would still share the server's heap, garbage collector and memory
// bandwidth, and slowed our own analysis 3-4x while it ran; a separate, low-priority process does not.
// A document edited again before its turn is linted once, at its newest text. Where the worker script is
// not available (unit tests run from sources) it falls back to the main thread, after yielding once so
// that work already queued (our diagnostics, a hover request) goes first. `runMarkdownlint` is the
// synchronous form, for the CLI and tests.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants as osConstants, setPriority } from 'node:os';
import path from 'node:path';
import type { Configuration, LintError } from 'markdownlint';
import { lint } from 'markdownlint/sync';
import type { Finding, Fix, Range, TextEdit } from '../finding';
import { SourceText } from '../sourceText';
import { MarkdownlintConfigs, proseConfig, type MarkdownlintSettings } from './markdownlintConfig';

export interface MarkdownlintRunOptions {
  /** Where user configuration is looked up; without it `proseConfig` applies. */
  configs?: MarkdownlintConfigs;
  /** Configuration discovery stops at this folder (the workspace folder). */
  root?: string;
}

/** What the worker process is asked to lint: plain data, so it crosses the process boundary. */
export interface MarkdownlintJob {
  text: string;
  config: Configuration;
  noInlineConfig: boolean;
}

/** markdownlint's raw results for one text; shared by the in-process forms and the worker process. */
export function lintErrors(job: MarkdownlintJob): LintError[] {
  const results = lint({ strings: { document: job.text }, config: job.config, noInlineConfig: job.noInlineConfig });
  return results.document ?? [];
}

export function runMarkdownlint(text: string, filePath: string | undefined, options: MarkdownlintRunOptions = {}): Finding[] {
  return toFindings(text, lintErrors(jobFor(text, filePath, options)));
}

function jobFor(text: string, filePath: string | undefined, options: MarkdownlintRunOptions): MarkdownlintJob {
  const settings: MarkdownlintSettings = options.configs?.resolve(filePath, options.root) ?? {
    config: proseConfig,
    noInlineConfig: false,
    problems: [],
  };
  return { text, config: settings.config, noInlineConfig: settings.noInlineConfig };
}

export interface MarkdownlintRuleInfo {
  description: string;
  /** Documentation URL, when the rule has one. */
  information?: string;
}

/** markdownlint states a rule's description and documentation with each result; kept for outputs that list rules (SARIF). */
const ruleInfos = new Map<string, MarkdownlintRuleInfo>();

/** What markdownlint said about `rule` (e.g. 'MD001/heading-increment') in a result seen by this process. */
export function markdownlintRuleInfo(rule: string): MarkdownlintRuleInfo | undefined {
  return ruleInfos.get(rule);
}

/** Converts markdownlint's results (1-based lines and columns) to Findings on `text`. */
export function toFindings(text: string, errors: readonly LintError[]): Finding[] {
  const source = new SourceText(text);
  return errors.map((error) => {
    const line = error.lineNumber - 1;
    const rule = error.ruleNames.slice(0, 2).join('/');
    ruleInfos.set(rule, { description: error.ruleDescription, information: error.ruleInformation ?? undefined });
    const detail = error.errorDetail ? ` [${error.errorDetail}]` : '';
    const context = error.errorContext ? ` [Context: "${error.errorContext}"]` : '';
    const edit = error.fixInfo ? fixEdit(source, error.lineNumber, error.fixInfo) : undefined;
    const fixes: Fix[] = edit ? [{ title: `Fix ${rule}`, edits: [edit], preferred: true }] : [];
    return {
      range: errorRange(source, line, error.errorRange),
      severity: 'warning',
      source: 'markdownlint',
      rule,
      message: `${error.ruleDescription}${detail}${context}`,
      fixes,
    } satisfies Finding;
  });
}

function errorRange(source: SourceText, line: number, columns: number[] | null): Range {
  const width = source.line(line).length;
  if (!columns) return source.lineRange(line);
  const start = Math.min(columns[0] - 1, width);
  return { start: { line, character: start }, end: { line, character: Math.min(start + columns[1], width) } };
}

/**
 * markdownlint's fixInfo as a TextEdit, or undefined when applying it would lose words the user wrote:
 * a fix may remove whitespace, rearrange or re-case text (MD011, MD034, MD044), or swap one list or
 * emphasis marker for another (MD004, MD049), but not drop punctuation, numbers or whole lines of text.
 */
function fixEdit(source: SourceText, errorLine: number, fix: NonNullable<LintError['fixInfo']>): TextEdit | undefined {
  const line = (fix.lineNumber ?? errorLine) - 1;
  if (line < 0 || line >= source.lineCount) return undefined;
  const nl = source.text.includes('\r\n') ? '\r\n' : '\n';
  const lineText = source.line(line);
  let edit: TextEdit;
  if (fix.deleteCount === -1) {
    // Deletes the line and its line break (the previous one's, for the last line).
    const start = line + 1 < source.lineCount ? { line, character: 0 } : source.positionAt(source.lineEnd(line - 1));
    const end = line + 1 < source.lineCount ? { line: line + 1, character: 0 } : { line, character: lineText.length };
    edit = { range: { start, end }, newText: '' };
  } else {
    const start = Math.min(Math.max((fix.editColumn ?? 1) - 1, 0), lineText.length);
    const end = Math.min(start + Math.max(fix.deleteCount ?? 0, 0), lineText.length);
    edit = { range: { start: { line, character: start }, end: { line, character: end } }, newText: (fix.insertText ?? '').replace(/\n/g, nl) };
  }
  return keepsUserText(source.slice(edit.range), edit.newText) ? edit : undefined;
}

const marker = /^[*+\-_]+$/;

/** True when every non-space character `deleted` removes comes back in `inserted`, or both are Markdown markers. */
export function keepsUserText(deleted: string, inserted: string): boolean {
  const removed = deleted.replace(/\s+/g, '');
  if (removed === '') return true;
  const added = inserted.replace(/\s+/g, '');
  if (marker.test(removed) && marker.test(added)) return true;
  const available = new Map<string, number>();
  for (const c of added.toLowerCase()) available.set(c, (available.get(c) ?? 0) + 1);
  for (const c of removed.toLowerCase()) {
    const left = available.get(c) ?? 0;
    if (left === 0) return false;
    available.set(c, left - 1);
  }
  return true;
}

/** The worker script next to the bundled server (dist/markdownlint-worker.js), when there is one. */
function bundledWorkerScript(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const script = path.join(__dirname, 'markdownlint-worker.js');
  return existsSync(script) ? script : undefined;
}

export interface MarkdownlintRunnerOptions extends MarkdownlintRunOptions {
  /** Entry of the worker process; defaults to the bundled one. Without one, markdownlint runs on the main thread. */
  workerScript?: string;
}

interface Pending {
  key: string;
  job: MarkdownlintJob;
  resolve(findings: Finding[] | undefined): void;
  reject(error: Error): void;
  /** Set once a worker died running this job. */
  retried?: boolean;
}

/** Request and reply between `MarkdownlintRunner` and its worker process (markdownlintWorker.ts), over IPC. */
export type WorkerRequest = MarkdownlintJob;
export type WorkerReply = { errors: LintError[] } | { failure: string };

/**
 * Lints documents one at a time in a worker process. A document's job waiting for its turn is replaced by
 * a newer text of the same document (keyed by URI); the replaced call resolves to undefined. The process
 * starts with the first job and is replaced when it dies; `dispose` kills it, and it exits by itself when
 * its parent goes away, however abruptly, so it is never left behind.
 */
export class MarkdownlintRunner {
  private readonly queue: Pending[] = [];
  private running: Pending | undefined;
  private worker: ChildProcess | undefined;
  private readonly workerScript: string | undefined;
  private disposed = false;

  constructor(private readonly options: MarkdownlintRunnerOptions = {}) {
    this.workerScript = options.workerScript ?? bundledWorkerScript();
  }

  /** The worker process's id while there is one. */
  get workerPid(): number | undefined {
    return this.worker?.pid;
  }

  /** Findings for `text`, or undefined when a newer text of the same document superseded it. */
  lint(key: string, text: string, filePath: string | undefined): Promise<Finding[] | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const job = jobFor(text, filePath, this.options);
      const waiting = this.queue.findIndex((p) => p.key === key);
      if (waiting >= 0) {
        this.queue[waiting].resolve(undefined);
        this.queue.splice(waiting, 1);
      }
      this.queue.push({ key, job, resolve, reject });
      this.next();
    });
  }

  /** Kills the worker process and waits until it is gone; calls still waiting, or running, resolve to undefined. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(undefined);
    this.running?.resolve(undefined);
    this.running = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await kill(worker);
  }

  private next(): void {
    if (this.disposed || this.running || this.queue.length === 0) return;
    const pending = this.queue.shift() as Pending;
    this.running = pending;
    if (this.workerScript) this.send(pending, this.workerScript);
    else setImmediate(() => this.lintOnMainThread(pending));
  }

  /** Settles the running job, unless `dispose` already did, and starts the next one. */
  private finish(pending: Pending, outcome: () => void): void {
    if (this.running !== pending) return;
    this.running = undefined;
    outcome();
    this.next();
  }

  private lintOnMainThread(pending: Pending): void {
    if (this.running !== pending) return;
    try {
      const findings = toFindings(pending.job.text, lintErrors(pending.job));
      this.finish(pending, () => pending.resolve(findings));
    } catch (error) {
      this.finish(pending, () => pending.reject(error as Error));
    }
  }

  private send(pending: Pending, script: string): void {
    const worker = (this.worker ??= this.startWorker(script));
    referenced(worker, true);
    worker.send(pending.job satisfies WorkerRequest, (error) => {
      if (error) this.workerFailed(worker, error);
    });
  }

  private startWorker(script: string): ChildProcess {
    const worker = fork(script, [], {
      // Not the server's own options: its --inspect port or --cpu-prof are not the worker's.
      execArgv: [],
      // Under --stdio the server's stdout is the LSP channel: the worker must never write there.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    if (worker.pid !== undefined) {
      try {
        // Right after exec, before Node starts its own threads, which inherit the priority.
        setPriority(worker.pid, osConstants.priority.PRIORITY_LOW);
      } catch {
        // Not permitted here: markdownlint still runs outside the server's process.
      }
    }
    worker.on('message', (reply: WorkerReply) => this.replied(worker, reply));
    worker.on('error', (error) => this.workerFailed(worker, error));
    worker.on('exit', (code, signal) => this.workerFailed(worker, new Error(`markdownlint worker exited with ${signal ?? `code ${code}`}`)));
    return worker;
  }

  private replied(worker: ChildProcess, reply: WorkerReply): void {
    const pending = this.running;
    if (worker !== this.worker || !pending) return;
    referenced(worker, false);
    if ('errors' in reply) this.finish(pending, () => pending.resolve(toFindings(pending.job.text, reply.errors)));
    else this.finish(pending, () => pending.reject(new Error(`markdownlint failed: ${reply.failure}`)));
  }

  /**
   * The worker died or cannot be reached. Its job gets one more try in a new worker, since something else may
   * have killed the worker (the user, the out-of-memory killer), even before this job reached it; a job that
   * two workers die on fails.
   */
  private workerFailed(worker: ChildProcess, error: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    // After a failed send the process may still be alive.
    worker.kill();
    const pending = this.running;
    if (!pending) return;
    if (pending.retried) return this.finish(pending, () => pending.reject(error));
    pending.retried = true;
    this.running = undefined;
    // A newer text of the same document, waiting, makes the retry moot.
    if (this.queue.some((p) => p.key === pending.key)) pending.resolve(undefined);
    else this.queue.unshift(pending);
    this.next();
  }
}

/** Referenced only while it works: an idle worker must not keep a CLI run or a test alive. */
function referenced(worker: ChildProcess, working: boolean): void {
  if (working) {
    worker.ref();
    worker.channel?.ref();
  } else {
    worker.unref();
    worker.channel?.unref();
  }
}

function kill(worker: ChildProcess): Promise<void> {
  // Without a pid it never started; with an exit code or signal it is already gone.
  if (worker.pid === undefined || worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    // An idle worker is unreferenced: waiting for its exit must keep this process alive.
    worker.ref();
    worker.kill();
  });
}
