// Postmortem: Lint Workspace: every postmortem and .pp file, with a cancellable progress notification.
// VS Code lists the files (so files.exclude applies); the server lints them, reports its progress over
// LSP work-done progress, and fills the Problems panel for the files that are not open.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { LintWorkspaceRequest, type LintWorkspaceResult } from '../../server/src/protocol';
import { send } from './customRequest';

/** Dependencies are nobody's postmortems, and searching them is slow. */
const alwaysExcluded = '**/node_modules/**';

export async function lintWorkspace(client: LanguageClient): Promise<LintWorkspaceResult | undefined> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Postmortem: Lint Workspace', cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'Finding postmortems and manifests…' });
      const found = await vscode.workspace.findFiles('**/*.{md,markdown,pp}', excludes(), undefined, token);
      // The server reads files from disk; documents of virtual file systems are linted when opened.
      const files = found.filter((uri) => uri.scheme === 'file').map((uri) => client.code2ProtocolConverter.asUri(uri));
      if (files.length === 0 && found.length > 0) {
        void vscode.window.showInformationMessage('Lint Workspace needs files on disk; in this workspace, postmortems are linted as you open them.');
        return undefined;
      }
      const workDoneToken = randomUUID();
      let percentage = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'report') return;
        const now = value.percentage ?? percentage;
        progress.report({ message: value.message, increment: now - percentage });
        percentage = now;
      });
      try {
        return await send(client, LintWorkspaceRequest, { files, workDoneToken }, token);
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        throw error;
      } finally {
        listener.dispose();
      }
    },
  );
  if (result && !result.cancelled) void summarize(result);
  return result;
}

/** files.exclude, as one glob, and node_modules: an explicit exclude replaces the default one. */
function excludes(): string {
  const configured = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
  const globs = Object.entries(configured).filter(([, on]) => on === true).map(([glob]) => glob);
  return `{${[alwaysExcluded, ...globs].join(',')}}`;
}

async function summarize({ files, problems }: LintWorkspaceResult): Promise<void> {
  if (files === 0) {
    void vscode.window.showInformationMessage('No postmortems or Puppet manifests in this workspace.');
    return;
  }
  const show = 'Show Problems';
  const answer = await vscode.window.showInformationMessage(`Linted ${plural(files, 'file')}: ${plural(problems, 'problem')}.`, show);
  if (answer === show) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
