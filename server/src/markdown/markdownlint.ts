// The markdownlint bridge: runs markdownlint on one document and turns its results into Findings.
//
// markdownlint lints about 0.5-1 MB/s, all of it synchronous, so in the language server it must not sit
// between an edit and our own diagnostics. `MarkdownlintRunner` runs it in a worker thread: the main
// thread stays free for our rules, hover and completion however large the document, and a document
// edited again before its turn is linted once, at its newest text. Where the worker script is not
// available (unit tests run from sources) it falls back to the main thread, after yielding once so
// that work already queued (our diagnostics, a hover request) goes first. `runMarkdownlint` is the
// synchronous form, for the CLI and tests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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

/** What a worker is asked to lint: plain data, so it crosses the thread boundary. */
export interface MarkdownlintJob {
  text: string;
  config: Configuration;
  noInlineConfig: boolean;
}

/** markdownlint's raw results for one text; shared by the main thread and the worker. */
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
  /** Worker entry; defaults to the bundled one. Without a worker, markdownlint runs on the main thread. */
  workerScript?: string;
}

interface Pending {
  key: string;
  job: MarkdownlintJob;
  resolve(findings: Finding[] | undefined): void;
  reject(error: Error): void;
}

/** Request and reply between `MarkdownlintRunner` and the worker (markdownlintWorker.ts). */
export type WorkerRequest = MarkdownlintJob;
export type WorkerReply = { errors: LintError[] } | { failure: string };

/**
 * Lints documents one at a time off the main thread. A document's job waiting for its turn is replaced
 * by a newer text of the same document (keyed by URI); the replaced call resolves to undefined.
 */
export class MarkdownlintRunner {
  private readonly queue: Pending[] = [];
  private worker: Worker | undefined;
  private running: Pending | undefined;
  private readonly workerScript: string | undefined;
  private disposed = false;

  constructor(private readonly options: MarkdownlintRunnerOptions = {}) {
    this.workerScript = options.workerScript ?? bundledWorkerScript();
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

  /** Stops the worker; calls still waiting, or running, resolve to undefined. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(undefined);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const pending = this.queue.shift() as Pending;
    this.running = pending;
    const done = (outcome: () => void) => {
      this.running = undefined;
      outcome();
      this.next();
    };
    if (!this.workerScript) {
      setImmediate(() => {
        try {
          const findings = toFindings(pending.job.text, lintErrors(pending.job));
          done(() => pending.resolve(findings));
        } catch (error) {
          done(() => pending.reject(error as Error));
        }
      });
      return;
    }
    const worker = this.startWorker();
    const settle = (outcome: () => void) => {
      worker.off('message', onReply).off('error', onFailure).off('exit', onFailure);
      worker.unref();
      done(outcome);
    };
    const onReply = (reply: WorkerReply) => {
      if ('errors' in reply) settle(() => pending.resolve(toFindings(pending.job.text, reply.errors)));
      else settle(() => pending.reject(new Error(`markdownlint failed: ${reply.failure}`)));
    };
    const onFailure = (error: Error | number) => {
      if (this.disposed) return settle(() => pending.resolve(undefined));
      // A crashed worker is replaced on the next job.
      if (this.worker === worker) this.worker = undefined;
      settle(() => pending.reject(error instanceof Error ? error : new Error(`markdownlint worker exited with code ${error}`)));
    };
    worker.on('message', onReply).on('error', onFailure).on('exit', onFailure);
    // Referenced only while it works: an idle worker must not keep a CLI run or a test alive.
    worker.ref();
    worker.postMessage(pending.job satisfies WorkerRequest);
  }

  private startWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(this.workerScript as string);
    }
    return this.worker;
  }
}
