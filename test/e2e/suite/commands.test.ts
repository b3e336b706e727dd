// Every contributed command exists, and the ones that need no UI do their job.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fileIn, open, waitForDiagnostics } from './workbench';

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
    const today = new Date();
    const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    assert.equal(created.fsPath, fileIn('postmortems', `${date}-disk-full-on-db-1.md`).fsPath);
    assert.ok(existsSync(created.fsPath));
    const text = readFileSync(created.fsPath, 'utf8');
    assert.match(text, /^# Postmortem: Disk Full on db-1\n/);
    for (const section of ['Issue Summary', 'Timeline', 'Root Cause and Resolution', 'Corrective and Preventative Measures']) assert.match(text, new RegExp(`^## ${section}\\n\\n<!-- .+ -->$`, 'm'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, created.fsPath, 'the new postmortem is opened');
    // A second call with the same title never overwrites the first file.
    const again = await vscode.commands.executeCommand<vscode.Uri>('postmortem.newPostmortem', { profile: 'classic', title: 'Disk Full on db-1' });
    assert.equal(again.fsPath, created.fsPath.replace(/\.md$/, '-2.md'));
    assert.equal(readFileSync(created.fsPath, 'utf8'), text);
  });

  it('New Postmortem writes the skeleton of another profile, and a file name any title can have', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri>('postmortem.newPostmortem', { profile: 'google-sre', title: '  Réplica lag: 99.9% → 0  ' });
    assert.match(created.fsPath, /postmortems\/\d{4}-\d{2}-\d{2}-replica-lag-99-9-0\.md$/);
    const headings = [...readFileSync(created.fsPath, 'utf8').matchAll(/^## .+$/gm)].map(([heading]) => heading);
    assert.deepEqual(headings.slice(0, 3), ['## Summary', '## Impact', '## Root Causes']);
    assert.ok(headings.includes('## Lessons Learned') && !headings.includes('## Issue Summary'), headings.join(' | '));
  });

  it('says so when a command belongs to a later version, instead of failing', async () => {
    for (const command of ['postmortem.generateFixManifest', 'postmortem.openPreview', 'postmortem.openPreviewToSide']) {
      assert.equal(await vscode.commands.executeCommand(command), undefined);
    }
  });

  it('Lint Workspace fills the Problems panel for postmortems that are not open', async () => {
    const unopened = fileIn('postmortems', 'unopened-postmortem.md');
    await vscode.workspace.fs.writeFile(unopened, Buffer.from('# Postmortem: never opened\n\n## Timeline\n\n- 10:00 UTC: alert\n'));
    const summary = await vscode.commands.executeCommand<{ files: number; problems: number }>('postmortem.lintWorkspace');
    assert.ok(summary.files >= 2, `linted ${summary.files} files`);
    const diagnostics = vscode.languages.getDiagnostics(unopened);
    assert.ok(diagnostics.some((d) => codeOf(d) === 'PM001'), 'the unopened postmortem has its missing sections reported');
    assert.ok(summary.problems >= diagnostics.length);
    // The README beside them is no postmortem: nothing is reported for it.
    assert.deepEqual(vscode.languages.getDiagnostics(fileIn('README.md')), []);

    // Opening the file hands it to the live diagnostics: each problem is listed once, not twice.
    const editor = await open(unopened);
    // An entry out of order: its diagnostic can only come from the live analysis of the open document.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), '- 09:00 UTC: earlier\n')));
    const live = await waitForDiagnostics(unopened, (ds) => ds.some((d) => codeOf(d) === 'PM008'));
    const missing = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'PM001').map((d) => d.message);
    assert.deepEqual(missing(live), missing(diagnostics), 'each missing section is listed once');
  });

  it('Lint Workspace lints .pp files unless postmortem.puppet.validateFiles is off', async () => {
    const manifests = await vscode.workspace.findFiles('**/*.pp');
    assert.ok(manifests.length > 0);
    const settings = vscode.workspace.getConfiguration('postmortem');
    const withManifests = await vscode.commands.executeCommand<{ files: number }>('postmortem.lintWorkspace');
    await settings.update('puppet.validateFiles', false, vscode.ConfigurationTarget.Workspace);
    try {
      const without = await vscode.commands.executeCommand<{ files: number }>('postmortem.lintWorkspace');
      assert.equal(without.files, withManifests.files - manifests.length);
    } finally {
      await settings.update('puppet.validateFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
