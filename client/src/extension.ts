// The extension: starts the bundled language server over IPC and registers the commands that talk to it.
// Everything clever happens in the server; this side only connects VS Code to it.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, FixAllRequest, type CustomRequest } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
  };
  const languageClient = new LanguageClient('postmortem', 'Postmortem Kit', serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(Commands.restartServer, () => languageClient.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(Commands.fixAll, () => fixAll(languageClient)),
  );
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function send<P, R>(languageClient: LanguageClient, request: CustomRequest<P, R>, params: P): Promise<R> {
  return languageClient.sendRequest<R>(request.method, params);
}

async function fixAll(languageClient: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const document = editor.document;
  const result = await send(languageClient, FixAllRequest, { uri: document.uri.toString() });
  if (!result) {
    void vscode.window.showInformationMessage('This document is not a postmortem.');
    return;
  }
  if (result.edits.length === 0) {
    void vscode.window.showInformationMessage('No postmortem problems with an automatic fix.');
    return;
  }
  // The fixes were computed for one version; if the user typed since, they would land in the wrong place.
  if (document.version !== result.version) {
    void vscode.window.showWarningMessage('The document changed while the fixes were computed; run Fix All again.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, await languageClient.protocol2CodeConverter.asTextEdits(result.edits));
  await vscode.workspace.applyEdit(edit);
}
