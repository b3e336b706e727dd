// Every contributed command exists, and the ones that need no UI do their job.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fileIn } from './workbench';

describe('commands', () => {
  before(() => activateExtension());

  it('registers every command the manifest contributes', async () => {
    const { extension } = await activateExtension();
    const contributed: string[] = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length >= 8);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) assert.ok(registered.has(command), `${command} is registered`);
  });

  it('New Postmortem creates a dated file from the chosen profile', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri>('postmortem.newPostmortem', { profile: 'classic', title: 'Disk Full on db-1' });
    assert.ok(created, 'the command returns the new file');
    assert.match(created.fsPath, /postmortems\/\d{4}-\d{2}-\d{2}-disk-full-on-db-1\.md$/);
    assert.ok(existsSync(created.fsPath));
    const text = readFileSync(created.fsPath, 'utf8');
    for (const section of ['Issue Summary', 'Timeline', 'Root Cause and Resolution', 'Corrective and Preventative Measures']) assert.match(text, new RegExp(`^## ${section}`, 'm'));
    // A second call with the same title never overwrites the first file.
    const again = await vscode.commands.executeCommand<vscode.Uri>('postmortem.newPostmortem', { profile: 'classic', title: 'Disk Full on db-1' });
    assert.notEqual(again.fsPath, created.fsPath);
  });

  it('Lint Workspace fills the Problems panel for postmortems that are not open', async () => {
    const unopened = fileIn('postmortems', 'unopened-postmortem.md');
    await vscode.workspace.fs.writeFile(unopened, Buffer.from('# Postmortem: never opened\n\n## Timeline\n\n- 10:00 UTC: alert\n'));
    const summary = await vscode.commands.executeCommand<{ files: number; problems: number }>('postmortem.lintWorkspace');
    assert.ok(summary.files >= 2, `linted ${summary.files} files`);
    const diagnostics = vscode.languages.getDiagnostics(unopened);
    assert.ok(diagnostics.some((d) => codeOf(d) === 'PM001'), 'the unopened postmortem has its missing sections reported');
  });
});
