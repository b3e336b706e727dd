// postmortem/lintWorkspace: lints every postmortem and manifest, open or not, with the same analysis as
// open documents. Files that are not open get their diagnostics pushed, so the Problems panel lists them;
// an open document already has its own (pulled or pushed by diagnostics.ts), which these would duplicate.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { Finding } from '../finding';
import type { MarkdownlintRunner } from '../markdown/markdownlint';
import { LintWorkspaceRequest, type LintWorkspaceResult } from '../protocol';
import { analyzePostmortem, analyzePuppetFile } from '../service/analyze';
import { documentKind } from '../service/documents';
import { filesBelow, readTextFile } from '../service/workspaceFiles';
import type { ServerSettings, SettingsStore } from './configuration';
import { onCustomRequest } from './customRequest';
import { toDiagnostic } from './diagnostics';
import { filePath, type OpenDocuments } from './openDocuments';

export interface WorkspaceLintContext {
  open: OpenDocuments;
  settings: SettingsStore;
  markdownlint: MarkdownlintRunner;
  /** The workspace folders' URIs, as they are now. */
  folders: () => readonly string[];
}

/** What the run lints, by file extension. */
const lintedExtensions = new Set(['.md', '.markdown', '.pp']);

/** The state of one run: the settings are read once per folder. */
interface Run {
  roots: string[];
  folderUris: readonly string[];
  settings: Map<string, Promise<ServerSettings>>;
}

export function registerLintWorkspace(connection: Connection, context: WorkspaceLintContext): void {
  const published = new Set<string>();

  // Opening the file hands it to diagnostics.ts: the pushed copy would show every problem twice.
  context.open.documents.onDidOpen(({ document }) => {
    if (published.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  const settingsFor = (run: Run, uri: string): Promise<ServerSettings> => {
    // Settings are per folder, like the `postmortem.*` scopes users write; one request per folder, not per file.
    const scope = run.folderUris.find((folder) => uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`)) ?? uri;
    let settings = run.settings.get(scope);
    if (!settings) {
      settings = context.settings.get(scope);
      run.settings.set(scope, settings);
    }
    return settings;
  };

  /** The file's findings, or undefined when it is not ours (or cannot be read). */
  const lintFile = async (run: Run, uri: string): Promise<Finding[] | undefined> => {
    const file = filePath(uri);
    const document = context.open.get(uri);
    const text = document?.getText() ?? (file === undefined ? undefined : readTextFile(file));
    if (text === undefined) return undefined;
    const settings = await settingsFor(run, uri);
    const kind = documentKind(file, document?.languageId ?? '', text, settings.files, run.roots);
    if (kind === undefined || (kind === 'puppet' && !settings.validatePuppetFiles)) return undefined;
    // The server's index of the workspace's manifests, the one open documents are checked against.
    const puppet = context.open.puppet.contextFor(file);
    if (kind === 'puppet') return analyzePuppetFile(text, settings.analysis, puppet).findings;
    const { findings } = analyzePostmortem(text, settings.analysis, puppet);
    if (!settings.analysis.markdownlint.enable) return findings;
    // Its own queue key: an open document's pending markdownlint run must not be replaced by this one.
    const markdownlint = await context.markdownlint.lint(`lint-workspace ${uri}`, text, file);
    return [...findings, ...(markdownlint ?? [])];
  };

  onCustomRequest(connection, LintWorkspaceRequest, async (params, token): Promise<LintWorkspaceResult> => {
    const folderUris = context.folders();
    const run: Run = { roots: folderUris.map(filePath).filter((p): p is string => p !== undefined), folderUris, settings: new Map() };
    const uris = params.files ?? run.roots.flatMap((root) => filesBelow(root)).filter(isLinted).map((file) => pathToFileURL(file).href);
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin('Linting postmortems', 0, undefined, true);
    const result: LintWorkspaceResult = { files: 0, problems: 0, cancelled: false };
    const seen = new Set<string>();
    try {
      for (const [index, uri] of uris.entries()) {
        if (token.isCancellationRequested) return { ...result, cancelled: true };
        progress.report(Math.floor((100 * index) / uris.length), `${index + 1}/${uris.length} ${path.basename(filePath(uri) ?? uri)}`);
        let findings: Finding[] | undefined;
        try {
          findings = await lintFile(run, uri);
        } catch (error) {
          // One file the analysis chokes on is logged; the others are still linted.
          connection.console.error(`Lint Workspace failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
        // Lets a keystroke, a hover or the cancellation through between files.
        await new Promise((resolve) => setImmediate(resolve));
        if (!findings) continue;
        seen.add(uri);
        result.files++;
        result.problems += findings.length;
        if (context.open.get(uri)) continue;
        published.add(uri);
        await connection.sendDiagnostics({ uri, diagnostics: findings.map((finding) => toDiagnostic(uri, 0, finding)) });
      }
      // A run covers the workspace: what an earlier run published and this one did not lint is gone or no longer ours.
      for (const uri of [...published].filter((uri) => !seen.has(uri))) {
        published.delete(uri);
        await connection.sendDiagnostics({ uri, diagnostics: [] });
      }
      return result;
    } finally {
      progress.done();
    }
  });
}

function isLinted(file: string): boolean {
  return lintedExtensions.has(path.extname(file).toLowerCase());
}
