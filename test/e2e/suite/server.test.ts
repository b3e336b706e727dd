// The language server's life in the workbench: settings changes reach it, and it comes back after a restart or a crash.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PostmortemKitApi, ServerStart } from '../../../client/src/extension';
import { activateExtension, codeOf, fileIn, open, readText, waitForDiagnostics } from './workbench';

function nextStart(api: PostmortemKitApi): Promise<ServerStart> {
  return new Promise((resolve) => {
    const listener = api.onDidStartServer((start) => {
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

  it('restarts on request, and again by itself after a crash; the diagnostics come back', async () => {
    const { api } = await activateExtension();
    // A copy of the example, so the edit below leaves the other tests' file alone.
    const uri = fileIn('postmortems', 'crash-postmortem.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(readText(example())));
    const editor = await open(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'PM008' && d.range.start.line === 21));

    const restarted = nextStart(api);
    await vscode.commands.executeCommand('postmortem.restartServer');
    const { processId } = await restarted;
    assert.ok(processId, 'the restarted server has a process');

    const recovered = nextStart(api);
    process.kill(processId, 'SIGKILL');
    const after = await recovered;
    assert.ok(after.processId && after.processId !== processId, `a new server process replaced ${processId}: ${after.processId}`);

    // Only a live server can move the diagnostic down with the text.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '\n')));
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'PM008' && d.range.start.line === 22));
  });
});
