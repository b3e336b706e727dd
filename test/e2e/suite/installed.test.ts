// The user's real path: the packaged .vsix, installed with --install-extension, activates and lints.
// Everything the package needs is in it: the bundles, the markdownlint worker, the templates.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fileIn, open, readText, waitForDiagnostics } from './workbench';

describe('installed .vsix', () => {
  it('activates from the extensions folder and lints the example', async () => {
    const { extension, activationMs, serverStartMs } = await activateExtension();
    console.log(`      activation (installed .vsix): ${activationMs.toFixed(1)} ms; language server start: ${serverStartMs.toFixed(0)} ms`);
    assert.ok(!extension.extensionPath.includes('test/e2e/host'), `runs from the installed copy: ${extension.extensionPath}`);
    const uri = fileIn('postmortems', 'checkout-outage-postmortem.md');
    const start = performance.now();
    await open(uri);
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => d.source === 'postmortem') && ds.some((d) => d.source === 'markdownlint'));
    console.log(`      open to diagnostics of both kinds (installed .vsix): ${(performance.now() - start).toFixed(0)} ms`);
    assert.ok(diagnostics.some((d) => d.source === 'postmortem' && /out of order/.test(d.message)));
  });

  it('creates a postmortem from the packaged server\'s templates', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri>('postmortem.newPostmortem', { profile: 'pagerduty', title: 'Queue backlog' });
    assert.match(readText(created), /^# Postmortem: Queue backlog\n\n## Overview\n/);
  });
});
