// The language server entry: one connection (--stdio or --node-ipc, picked from argv), the open documents,
// and one registration per feature. Analysis lives in service/; lsp/ only translates.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { MarkdownlintRunner } from './markdown/markdownlint';
import { isMarkdownlintConfigFile, MarkdownlintConfigs, markdownlintConfigGlob } from './markdown/markdownlintConfig';
import { configurationSection } from './protocol';
import { MarkdownlintScheduler } from './service/markdownlintScheduler';
import { codeActionKinds, registerCodeActions } from './lsp/codeActions';
import { completionTriggers, registerCompletion } from './lsp/completion';
import { SettingsStore } from './lsp/configuration';
import { Diagnostics } from './lsp/diagnostics';
import { registerFolding } from './lsp/folding';
import { guardWith } from './lsp/guard';
import { registerHover } from './lsp/hover';
import { registerModelRequest } from './lsp/model';
import { filePath, OpenDocuments } from './lsp/openDocuments';
import { registerSymbols } from './lsp/symbols';

const connection = createConnection(ProposedFeatures.all);
const guard = guardWith(connection.console);

// Last resort: a bug that escapes every guard is logged, and the server keeps serving.
process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  const pull = capabilities.textDocument?.diagnostic !== undefined;
  const canPullSettings = capabilities.workspace?.configuration === true;
  const watchConfigFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  const followConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  const followFolders = capabilities.workspace?.workspaceFolders === true;

  const settings = new SettingsStore(connection, canPullSettings);
  const markdownlintConfigs = new MarkdownlintConfigs();
  const folders = new Set((params.workspaceFolders ?? []).map((folder) => folder.uri));
  // Configuration discovery for untitled documents looks in the first workspace folder.
  const runner = new MarkdownlintRunner({ configs: markdownlintConfigs, root: filePath(params.workspaceFolders?.[0]?.uri ?? '') });
  const scheduler = new MarkdownlintScheduler({
    lint: (uri, text, path) => runner.lint(uri, text, path),
    snapshot: (uri) => {
      const document = open.get(uri);
      return document && { version: document.version, text: document.getText(), filePath: filePath(uri) };
    },
    onFresh: (uri) => diagnostics.markdownlintReady(uri),
    onError: (uri, error) => connection.console.error(`markdownlint failed on ${uri}: ${String(error)}`),
  });
  const open = new OpenDocuments(settings, (uri, version, changes) => scheduler.update(uri, version, changes));
  open.setWorkspaceFolders([...folders]);
  const diagnostics = new Diagnostics(
    connection,
    open,
    scheduler,
    { pull, refresh: capabilities.workspace?.diagnostics?.refreshSupport === true },
    guard,
  );

  const { documents } = open;
  // didOpen raises onDidOpen, then onDidChangeContent for the same text.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => {
    scheduler.update(document.uri, document.version);
    justOpened.add(document.uri);
  });
  documents.onDidChangeContent(guard('Linting', undefined, ({ document }) => diagnostics.changed(document.uri, justOpened.delete(document.uri))));
  documents.onDidClose(({ document }) => {
    scheduler.forget(document.uri);
    diagnostics.closed(document.uri);
    open.forget(document.uri);
  });
  documents.listen(connection);

  connection.onDidChangeConfiguration(
    guard('Configuration change', undefined, async (change) => {
      settings.changed(change.settings);
      scheduler.invalidate();
      await diagnostics.relintAll();
    }),
  );
  connection.onDidChangeWatchedFiles(
    guard('Watched files', undefined, async ({ changes }) => {
      const configFiles = changes.map((change) => filePath(change.uri)).filter((path) => path !== undefined && isMarkdownlintConfigFile(path));
      if (configFiles.length === 0) return;
      for (const file of configFiles) markdownlintConfigs.invalidate(file);
      scheduler.invalidate();
      await diagnostics.relintAll();
    }),
  );

  registerCodeActions(connection, open, scheduler, capabilities.workspace?.workspaceEdit?.documentChanges === true, guard);
  registerSymbols(connection, open, guard);
  registerFolding(connection, open, guard);
  registerHover(connection, open, guard);
  registerCompletion(connection, open, capabilities.textDocument?.completion?.completionItem?.snippetSupport === true, guard);
  registerModelRequest(connection, open, guard);

  connection.onInitialized(
    guard('Initialized', undefined, async () => {
      if (followConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection });
      if (watchConfigFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: markdownlintConfigGlob }] });
      }
      if (followFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('Workspace folders', undefined, async ({ added, removed }) => {
            for (const folder of removed) folders.delete(folder.uri);
            for (const folder of added) folders.add(folder.uri);
            open.setWorkspaceFolders([...folders]);
            // Relative `postmortem.files` globs may now match other documents.
            await diagnostics.relintAll();
          }),
        );
      }
    }),
  );
  connection.onShutdown(async () => {
    scheduler.dispose();
    await runner.dispose();
  });

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      ...(pull ? { diagnosticProvider: { identifier: 'postmortem', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      codeActionProvider: { codeActionKinds },
      documentSymbolProvider: { label: 'Postmortem' },
      foldingRangeProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: completionTriggers },
      ...(followFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    },
    serverInfo: { name: 'postmortem-kit' },
  };
});

connection.listen();
