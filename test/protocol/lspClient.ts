// A small LSP client for protocol tests and the latency benchmark: spawns the bundled server
// (dist/server.js --stdio), answers the requests a server sends to its client, and lets callers wait
// on notifications. Every wait has a deadline, so a missing message fails the test instead of hanging it.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  ClientCapabilities,
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBundle = join(repoRoot, 'dist', 'server.js');

const waitDeadlineMs = 10_000;

/** Builds dist/ (node build.mjs) when the server bundle is missing or older than any server source file. */
export function ensureServerBuilt(): void {
  const built = existsSync(serverBundle) ? statSync(serverBundle).mtimeMs : 0;
  if (built > 0 && newestSource(join(repoRoot, 'server', 'src')) <= built) return;
  const result = spawnSync(process.execPath, ['build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(serverBundle)) {
    throw new Error(`Could not build ${serverBundle} (run \`npm run build\`):\n${result.stderr}${result.stdout}`);
  }
}

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export interface ClientOptions {
  /** Announce LSP 3.17 pull diagnostics (textDocument/diagnostic); otherwise the server pushes. */
  pullDiagnostics?: boolean;
  /** The `postmortem` settings section the client returns from workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Workspace folder path; defaults to the repository root. */
  workspaceFolder?: string;
  /** Node options for the server process, e.g. ['--cpu-prof'] to profile it. */
  execArgv?: string[];
  /** How to talk to the server: over its stdin/stdout (default), or Node IPC as VS Code does. */
  transport?: 'stdio' | 'ipc';
}

interface Waiter<T> {
  accept(value: T): boolean;
}

export class LspClient {
  /** Everything the server logged (window/logMessage), for assertions and for failure messages. */
  readonly logs: string[] = [];
  /** How many workspace/diagnostic/refresh requests the server sent. */
  refreshes = 0;
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  private readonly diagnosticWaiters: Array<Waiter<PublishDiagnosticsParams>> = [];
  private readonly refreshWaiters: Array<Waiter<void>> = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** The client's copy of each open document, kept in step with what it sends. */
  private readonly documents = new Map<string, TextDocument>();
  private stderr = '';
  private exited = false;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    process.on('exit', () => (this.exited = true));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params);
      settle(this.diagnosticWaiters, params);
    });
    connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
      this.logs.push(message);
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => params.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      settle(this.refreshWaiters, undefined);
      return null;
    });
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    ensureServerBuilt();
    const execArgv = options.execArgv ?? [];
    let child: ChildProcess;
    let connection: MessageConnection;
    if (options.transport === 'ipc') {
      child = fork(serverBundle, ['--node-ipc'], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const stdio = spawn(process.execPath, [...execArgv, serverBundle, '--stdio'], { stdio: 'pipe' });
      child = stdio;
      connection = createMessageConnection(new StreamMessageReader(stdio.stdout), new StreamMessageWriter(stdio.stdin));
    }
    const client = new LspClient(child, connection, options);
    connection.listen();
    const folder = options.workspaceFolder ?? repoRoot;
    client.initializeResult = await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'workspace' }],
      capabilities: capabilities(options.pullDiagnostics === true),
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  get running(): boolean {
    return !this.exited;
  }

  async request<R>(method: string, params: unknown): Promise<R> {
    return this.deadline(this.connection.sendRequest<R>(method, params), `a response to ${method}`);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends the changes as the next version of the document. */
  change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    const document = TextDocument.update(this.document(uri), contentChanges, this.document(uri).version + 1);
    this.documents.set(uri, document);
    return this.notify('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges });
  }

  /**
   * Applies edits computed for the current version (a code action's) as one incremental change each,
   * last first, so each range is still valid when its turn comes; as an editor does.
   */
  applyEdits(uri: string, edits: readonly TextEdit[]): Promise<void> {
    // Reversing the list keeps insertions at one position in their intended order.
    const ordered = [...edits]
      .reverse()
      .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.change(
      uri,
      ordered.map((edit) => ({ range: edit.range, text: edit.newText })),
    );
  }

  /** Applies a code action's workspace edit to `uri`; fails if it was made for another version. */
  applyWorkspaceEdit(uri: string, edit: WorkspaceEdit): Promise<void> {
    const change = edit.documentChanges?.find((c) => 'textDocument' in c && c.textDocument.uri === uri);
    if (!change || !('edits' in change)) throw new Error(`The workspace edit has no edits for ${uri}`);
    if (change.textDocument.version !== this.document(uri).version) {
      throw new Error(`The edit is for version ${change.textDocument.version}, the document is at ${this.document(uri).version}`);
    }
    return this.applyEdits(uri, change.edits as TextEdit[]);
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  close(uri: string): Promise<void> {
    this.documents.delete(uri);
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  private document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  /** Replaces the `postmortem` settings and tells the server, as VS Code does (settings are then pulled). */
  changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  /**
   * The next diagnostics the server publishes for `uri` that satisfy `accept`.
   * Call it before sending the message that causes them, so none can be missed.
   */
  nextDiagnostics(uri: string, accept: (diagnostics: Diagnostic[], version?: number) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.wait(this.diagnosticWaiters, (p) => p.uri === uri && accept(p.diagnostics, p.version), `diagnostics for ${uri}`);
  }

  /** The next workspace/diagnostic/refresh request. */
  nextRefresh(): Promise<void> {
    return this.wait(this.refreshWaiters, () => true, 'a diagnostic refresh');
  }

  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  /** Pulls diagnostics (textDocument/diagnostic). */
  async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items ?? [];
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolveExit) => this.process.once('exit', () => resolveExit()));
    try {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    } catch {
      this.process.kill();
    }
    await exit;
    this.connection.dispose();
  }

  private wait<T>(waiters: Array<Waiter<T>>, accept: (value: T) => boolean, what: string): Promise<T> {
    return this.deadline(
      new Promise<T>((resolveValue) => {
        waiters.push({
          accept: (value) => {
            if (!accept(value)) return false;
            resolveValue(value);
            return true;
          },
        });
      }),
      what,
    );
  }

  private deadline<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const detail = [this.exited ? 'The server exited.' : '', this.stderr && `stderr:\n${this.stderr}`, this.logs.length ? `log:\n${this.logs.join('\n')}` : '']
          .filter(Boolean)
          .join('\n');
        reject(new Error(`No ${what} within ${waitDeadlineMs} ms. ${detail}`));
      }, waitDeadlineMs);
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }
}

function settle<T>(waiters: Array<Waiter<T>>, value: T): void {
  for (let i = 0; i < waiters.length; ) {
    if (waiters[i].accept(value)) waiters.splice(i, 1);
    else i++;
  }
}

function capabilities(pull: boolean): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
      completion: { completionItem: { snippetSupport: true } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      foldingRange: {},
    },
  };
}
