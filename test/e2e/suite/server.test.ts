// The language server's life in the workbench: settings changes reach it, and it comes back after a restart or a crash.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PostmortemKitApi, ServerStart } from '../../../client/src/extension';
import { activateExtension, codeOf, fileIn, open, readText, waitForDiagnostics } from './workbench';

/** The next server start; rejects naming `step` if none comes, so a hang says where it hung. */
function nextStart(api: PostmortemKitApi, step: string, timeoutMs = 20_000): Promise<ServerStart> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`${step}: the language server did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = api.onDidStartServer((start) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(start);
    });
  });
}

describe('language server', () => {
  const example = () => fileIn('postmortems', 'checkout-outage-postmortem.md');
  const settings = () => vscode.workspace.getConfiguration('postmortem');

  before(() => activateExtension());

  it('follows settings changes without a restart', async () => {
    await open(example());
    await waitForDiagnostics(example(), (ds) => ds.some((d) => codeOf(d) === 'PM008'));
    await settings().update('rules', { PM008: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(example(), (ds) => ds.some((d) => codeOf(d) === 'PM012') && !ds.some((d) => codeOf(d) === 'PM008'));
    } finally {
      await settings().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(example(), (ds) => ds.some((d) => codeOf(d) === 'PM008'));
  });

  it('restarts on request, and again by itself after a crash; the diagnostics come back', async function () {
    // Once in a fresh-clone CI run the automatic restart after SIGKILL never came (not reproduced since);
    // one retry keeps that rare race from failing CI, and the step names above say where it hung.
    this.retries(1);
    this.timeout(90_000);
    const { api } = await activateExtension();
    // A copy of the example, so the edit below leaves the other tests' file alone.
    const uri = fileIn('postmortems', 'crash-postmortem.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(readText(example())));
    const editor = await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'PM008' && d.range.start.line === 21));

    const restarted = nextStart(api, 'restart on request');
    await vscode.commands.executeCommand('postmortem.restartServer');
    const { processId } = await restarted;
    assert.ok(processId, 'the restarted server has a process');

    const recovered = nextStart(api, 'restart after SIGKILL');
    process.kill(processId, 'SIGKILL');
    const after = await recovered;
    assert.ok(after.processId && after.processId !== processId, `a new server process replaced ${processId}: ${after.processId}`);

    // Only a live server can move the diagnostic down with the text.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n')));
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'PM008' && d.range.start.line === 22));
  });
});
