// markdownlint is slow (about 1 MB/s), so it never runs on the keystroke path: it runs once the user pauses,
// in a low-priority worker process (MarkdownlintRunner). Its last results ride along with the text
// (carryFindings) until a fresh run for the current version replaces them.
import type { Finding } from '../finding';
import { carryFindings, type ContentChange } from './carryFindings';

/** Lints one document's text; resolves to undefined when a newer text of the same document superseded it. */
export type LintDocument = (uri: string, text: string, filePath: string | undefined) => Promise<Finding[] | undefined>;

export interface MarkdownlintResults {
  findings: Finding[];
  /** True when computed for exactly the document's current version and configuration. */
  fresh: boolean;
}

interface DocumentState {
  version: number;
  findings: Finding[];
  /** The version `findings` were computed for, when they are not carried from an older one. */
  freshVersion?: number;
  generation: number;
  timer?: ReturnType<typeof setTimeout>;
}

export interface SchedulerOptions {
  lint: LintDocument;
  /** The current text of a document, read when its run starts so it is never out of date. */
  snapshot(uri: string): { version: number; text: string; filePath?: string } | undefined;
  /** Fresh results for the document's current version are ready. */
  onFresh(uri: string, version: number): void;
  onError(uri: string, error: unknown): void;
}

export class MarkdownlintScheduler {
  private readonly documents = new Map<string, DocumentState>();
  /** Bumped when configuration changes: every result computed before is stale. */
  private generation = 0;

  constructor(private readonly options: SchedulerOptions) {}

  /**
   * The document is now at `version`. With the incremental changes from the previous version, its findings
   * move along; without them (a full-text change or a newly opened document) they are dropped.
   */
  update(uri: string, version: number, changes?: readonly ContentChange[]): void {
    const state = this.documents.get(uri);
    if (!state) {
      this.documents.set(uri, { version, findings: [], generation: this.generation });
      return;
    }
    if (state.version === version) return;
    state.findings = changes ? carryFindings(state.findings, changes) : [];
    state.version = version;
  }

  /** Runs markdownlint on the document after `delayMs` without another schedule call. */
  schedule(uri: string, delayMs: number): void {
    const state = this.documents.get(uri);
    if (!state) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.run(uri);
    }, delayMs);
  }

  results(uri: string): MarkdownlintResults | undefined {
    const state = this.documents.get(uri);
    if (!state) return undefined;
    return { findings: state.findings, fresh: state.freshVersion === state.version && state.generation === this.generation };
  }

  /** Configuration changed: keep showing the old findings, but none of them counts as fresh any more. */
  invalidate(): void {
    this.generation++;
  }

  forget(uri: string): void {
    const state = this.documents.get(uri);
    if (state) clearTimeout(state.timer);
    this.documents.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.documents.keys()]) this.forget(uri);
  }

  private async run(uri: string): Promise<void> {
    const snapshot = this.options.snapshot(uri);
    if (!snapshot) return;
    const generation = this.generation;
    try {
      const findings = await this.options.lint(uri, snapshot.text, snapshot.filePath);
      const state = this.documents.get(uri);
      // A result for an older version or configuration is dropped: a newer run is already scheduled.
      if (!findings || !state || state.version !== snapshot.version || generation !== this.generation) return;
      state.findings = findings;
      state.freshVersion = snapshot.version;
      state.generation = generation;
      this.options.onFresh(uri, snapshot.version);
    } catch (error) {
      this.options.onError(uri, error);
    }
  }
}
