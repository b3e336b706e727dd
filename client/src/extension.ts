// The extension: starts the bundled language server over IPC and registers the commands that talk to it.
// Everything clever happens in the server; this side only connects VS Code to it. activate() returns at
// once: the server starts in the background, and requests sent meanwhile wait for it.
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, type InitializationOptions } from '../../server/src/protocol';
import { fixAll } from './fixAll';
import { lintWorkspace } from './lintWorkspace';
import { newPostmortem, type NewPostmortemOptions } from './newPostmortem';
import { registerPlannedCommands } from './plannedCommands';
import { followPuppetExtension, puppetDefaultMiddleware } from './puppetExtension';
import { PostmortemStatus } from './statusBar';

/** One start of the language server. */
export interface ServerStart {
  /** From asking the client to start (or restart) to the server answering `initialize`. */
  durationMs: number;
  processId: number | undefined;
}

/** What the extension exports: its start-up costs, for users who profile their editor and for the editor tests. */
export interface PostmortemKitApi {
  /** How long activate() took, in milliseconds. */
  readonly activationMs: number;
  /** The first start of the language server, timed from activation until `client.start()` resolves. */
  readonly serverStarted: Promise<ServerStart>;
  /** Every start, the first one included: after Restart Language Server, and after a crash. */
  readonly onDidStartServer: vscode.Event<ServerStart>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): PostmortemKitApi {
  const activating = performance.now();
  const output = vscode.window.createOutputChannel('Postmortem Kit', { log: true });
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides which Markdown files are postmortems (postmortem.files, front matter, title).
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'puppet' },
      { scheme: 'untitled', language: 'puppet' },
    ],
    outputChannel: output,
    // Read at every start: the server runs the Puppet reference validator only in a trusted workspace.
    initializationOptions: (): InitializationOptions => ({ isTrusted: vscode.workspace.isTrusted }),
    // A failing check is logged, not thrown in the user's face: Postmortem: Show Output is one command away.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The server pulls `postmortem` settings (workspace/configuration) and registers for their changes itself.
    middleware: { workspace: puppetDefaultMiddleware },
  };
  // The id 'postmortem' makes the client honour `postmortem.trace.server`.
  const languageClient = new LanguageClient('postmortem', 'Postmortem Kit', serverOptions, clientOptions);
  client = languageClient;
  const status = new PostmortemStatus(languageClient);
  const starts = new vscode.EventEmitter<ServerStart>();

  // Starts begin in Starting and end in Running, whoever asked: start(), restart(), or the client after a crash.
  let startedAt = performance.now();
  languageClient.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) startedAt = performance.now();
    if (newState !== State.Running) return;
    const start = { durationMs: performance.now() - startedAt, processId: languageClient.serverProcess?.pid };
    output.info(`Language server ${start.processId ?? ''} started in ${start.durationMs.toFixed(0)} ms`);
    starts.fire(start);
    void status.refresh();
  });

  context.subscriptions.push(
    output,
    status,
    starts,
    followPuppetExtension(languageClient),
    // Trust reaches the server at start-up only (initializationOptions): a grant restarts it with the new value.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.restart()),
    vscode.commands.registerCommand(Commands.restartServer, () => languageClient.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(Commands.fixAll, () => fixAll(languageClient)),
    vscode.commands.registerCommand(Commands.newPostmortem, (options?: NewPostmortemOptions) => newPostmortem(languageClient, options)),
    vscode.commands.registerCommand(Commands.lintWorkspace, () => lintWorkspace(languageClient)),
    ...registerPlannedCommands(context),
  );

  const startRequested = performance.now();
  const serverStarted = languageClient.start().then(
    (): ServerStart => ({ durationMs: performance.now() - startRequested, processId: languageClient.serverProcess?.pid }),
    (error: unknown) => {
      output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Postmortem Kit: the language server did not start.', 'Show Output').then((answer) => answer && output.show());
      throw error;
    },
  );
  // Reported just above; callers of the API who await it get the error too.
  serverStarted.catch(() => undefined);
  const activationMs = performance.now() - activating;
  output.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, serverStarted, onDidStartServer: starts.event };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
