// What the editor tests share: the workspace, the extension under test, and waiting on diagnostics (never sleeping).
import * as vscode from 'vscode';
import { existsSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostmortemKitApi } from '../../../client/src/extension';

export const extensionId = 'postmortem-kit.postmortem-kit';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the editor tests need a workspace folder');
  return folder.uri;
}

export function fileIn(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...parts);
}

export interface Activation {
  extension: vscode.Extension<PostmortemKitApi>;
  api: PostmortemKitApi;
  /** activate()'s own duration, as the extension measured it: the workbench may have activated it before the tests ran. */
  activationMs: number;
  /** From activation until the language server answered `initialize`. */
  serverStartMs: number;
}

let activation: Promise<Activation> | undefined;

/** Activates the extension once per run (if the workbench has not already) and waits for its language server. */
export function activateExtension(): Promise<Activation> {
  activation ??= (async () => {
    const extension = vscode.extensions.getExtension<PostmortemKitApi>(extensionId);
    if (!extension) throw new Error(`${extensionId} is not installed`);
    const api = await extension.activate();
    const { durationMs } = await api.serverStarted;
    return { extension, api, activationMs: api.activationMs, serverStartMs: durationMs };
  })();
  return activation;
}

/** Resolves with the document's diagnostics as soon as `ready` holds for them; rejects after `timeoutMs`. */
export function waitForDiagnostics(uri: vscode.Uri, ready: (d: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!ready(current)) return false;
      listener.dispose();
      clearTimeout(timer);
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      const got = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}:${d.code}@${d.range.start.line}`);
      reject(new Error(`diagnostics for ${uri.fsPath} did not become ready in ${timeoutMs} ms; have ${JSON.stringify(got)}`));
    }, timeoutMs);
    check();
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/**
 * Asks the shim that drives the browser for a screenshot (PMKIT_SCREENSHOTS), once `waitFor` (a CSS selector
 * of the workbench page: a hover, a menu) is visible, and waits for it to be written. Fails when `waitFor`
 * never appears: the picture would not show what it is meant to. Does nothing when the run takes no
 * screenshots (e.g. with a downloaded VS Code).
 */
export function screenshot(name: string, waitFor = ''): Promise<void> {
  const dir = process.env.PMKIT_SCREENSHOTS;
  if (!dir || !existsSync(dir)) return Promise.resolve();
  const done = join(dir, `${name}.done`);
  rmSync(done, { force: true });
  return new Promise((resolve, reject) => {
    const watcher = watch(dir, () => {
      if (existsSync(done)) finish();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`screenshot ${name} was not taken`));
    }, 20_000);
    const finish = (): void => {
      watcher.close();
      clearTimeout(timer);
      const problem = readFileSync(done, 'utf8');
      if (problem) reject(new Error(`screenshot ${name}: ${problem}`));
      else resolve();
    };
    writeFileSync(join(dir, `${name}.request`), waitFor);
  });
}

export function readText(uri: vscode.Uri): string {
  return readFileSync(uri.fsPath, 'utf8');
}
