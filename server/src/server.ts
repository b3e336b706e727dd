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
import { configurationSection, type InitializationOptions } from './protocol';
import { MarkdownlintScheduler } from './service/markdownlintScheduler';
import { PuppetWorkspace } from './service/puppetWorkspace';
import { readTextFile } from './service/workspaceFiles';
import { codeActionKinds, registerCodeActions } from './lsp/codeActions';
import { completionTriggers, registerCompletion } from './lsp/completion';
import { SettingsStore } from './lsp/configuration';
import { registerDefinition } from './lsp/definition';
import { Diagnostics } from './lsp/diagnostics';
import { registerFolding } from './lsp/folding';
import { registerFormatters, registerFormatting } from './lsp/formatting';
import { guardWith } from './lsp/guard';
import { registerHover } from './lsp/hover';
import { registerLintWorkspace } from './lsp/lintWorkspace';
import { registerModelRequest } from './lsp/model';
import { filePath, OpenDocuments } from './lsp/openDocuments';
import { registerPostmortemInfo } from './lsp/postmortemInfo';
import { ReferenceValidator } from './lsp/referenceValidator';
import { registerSymbols } from './lsp/symbols';
import { registerTemplates } from './lsp/templates';
import { puppetWorkspaceGlobs, WorkspaceManifests } from './lsp/workspaceManifests';

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
  const registerFormattersLater =
    capabilities.textDocument?.formatting?.dynamicRegistration === true && capabilities.textDocument?.rangeFormatting?.dynamicRegistration === true;
  const trusted = (params.initializationOptions as InitializationOptions | undefined)?.isTrusted !== false;

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
    onFresh: (uri) => diagnostics.findingsArrived(uri),
    onError: (uri, error) => connection.console.error(`markdownlint failed on ${uri}: ${String(error)}`),
  });
  const open = new OpenDocuments(settings, (uri, version, changes) => scheduler.update(uri, version, changes), new PuppetWorkspace(readTextFile));
  open.setWorkspaceFolders([...folders]);
  const diagnostics = new Diagnostics(
    connection,
    open,
    scheduler,
    { pull, refresh: capabilities.workspace?.diagnostics?.refreshSupport === true },
    guard,
    (uri, version) => validator.findings(uri, version),
  );
  const validator = new ReferenceValidator(connection, open, trusted, (uri) => diagnostics.findingsArrived(uri), guard);
  const manifests = new WorkspaceManifests(open, () => diagnostics.workspaceChanged(), guard);

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
      manifests.watched(changes);
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
  registerDefinition(connection, open, guard);
  const formatting = registerFormatting(connection, open, registerFormattersLater, guard);
  registerCompletion(connection, open, capabilities.textDocument?.completion?.completionItem?.snippetSupport === true, guard);
  registerModelRequest(connection, open, guard);
  registerPostmortemInfo(connection, open, guard);
  registerTemplates(connection, settings, guard);
  registerLintWorkspace(connection, { open, settings, markdownlint: runner, folders: () => [...folders] });

  connection.onInitialized(
    guard('Initialized', undefined, async () => {
      // Not awaited: it runs a slice at a time between requests.
      void guard('Loading Puppet manifests', undefined, () => manifests.addFolders(folderPaths([...folders])))();
      if (followConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection });
      if (watchConfigFiles) {
        const globs = [markdownlintConfigGlob, ...puppetWorkspaceGlobs];
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) });
      }
      if (registerFormattersLater) await registerFormatters(connection);
      if (followFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('Workspace folders', undefined, async ({ added, removed }) => {
            for (const folder of removed) folders.delete(folder.uri);
            for (const folder of added) folders.add(folder.uri);
            open.setWorkspaceFolders([...folders]);
            manifests.removeFolders(folderPaths(removed.map((folder) => folder.uri)));
            await manifests.addFolders(folderPaths(added.map((folder) => folder.uri)));
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
      // Saves start the Puppet reference validator.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      // A manifest's edit can change another document's findings, but rather than have the client pull every open
      // document after every keystroke, the server asks for a refresh when declarations change (WorkspaceManifests).
      ...(pull ? { diagnosticProvider: { identifier: 'postmortem', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      codeActionProvider: { codeActionKinds },
      documentSymbolProvider: { label: 'Postmortem' },
      foldingRangeProvider: true,
      hoverProvider: true,
      definitionProvider: true,
      ...formatting,
      completionProvider: { triggerCharacters: completionTriggers },
      ...(followFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    },
    serverInfo: { name: 'postmortem-kit' },
  };
});

function folderPaths(uris: readonly string[]): string[] {
  return uris.flatMap((uri) => filePath(uri) ?? []);
}

connection.listen();
