// The extension in a real workbench, on a .pp manifest.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fileIn, open, waitForDiagnostics } from './workbench';

describe('Puppet manifests', () => {
  const manifest = () => fileIn('manifests', 'web.pp');

  before(() => activateExtension());

  it('gives a .pp file the puppet language and diagnostics', async () => {
    const editor = await open(manifest());
    assert.equal(editor.document.languageId, 'puppet');
    const diagnostics = await waitForDiagnostics(manifest(), (ds) => ds.some((d) => d.source === 'puppet'));
    const invalid = diagnostics.find((d) => /runing/.test(d.message) || /running/.test(d.message));
    assert.ok(invalid, `ensure => runing is reported; got ${diagnostics.map((d) => d.message).join(' | ')}`);
    assert.equal(invalid.range.start.line, 6);
  });

  it('shows attribute docs on hover', async () => {
    await open(manifest());
    // Line 8 (1-based) is "    enable    => true,": hover on "enable".
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifest(), new vscode.Position(7, 6));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /enable/i);
    assert.match(text, /boot/i, `the hover explains the attribute; got ${text}`);
  });

  it('completes attributes of the resource type under the cursor', async () => {
    const uri = fileIn('manifests', 'typing.pp');
    await vscode.workspace.fs.writeFile(uri, Buffer.from("package { 'nginx':\n  \n}\n"));
    await open(uri);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(1, 2));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('ensure'), `ensure offered; got ${labels.slice(0, 20).join(', ')}`);
    assert.ok(labels.includes('subscribe'), 'metaparameters offered');
    assert.ok(!labels.includes('enable'), 'a service attribute is not offered for a package');
  });
});
