// The extension in a real workbench, on Markdown postmortems.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fileIn, open, screenshot, waitForDiagnostics } from './workbench';

describe('postmortem Markdown', () => {
  const example = () => fileIn('postmortems', 'checkout-outage-postmortem.md');

  before(async () => {
    // Room for the editor in the screenshots.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    const { activationMs, serverStartMs } = await activateExtension();
    console.log(`      activation: ${activationMs.toFixed(1)} ms; language server start: ${serverStartMs.toFixed(0)} ms`);
  });

  it('shows postmortem and markdownlint diagnostics on the example, with the right ranges', async () => {
    const opened = performance.now();
    await open(example());
    const diagnostics = await waitForDiagnostics(example(), (ds) => ds.some((d) => d.source === 'postmortem') && ds.some((d) => d.source === 'markdownlint'));
    console.log(`      open to first diagnostics of both kinds: ${(performance.now() - opened).toFixed(0)} ms`);

    const order = diagnostics.find((d) => codeOf(d) === 'PM008');
    assert.ok(order, 'the timeline-order diagnostic is shown');
    // "- **23:25**: Load balancer ..." is line 22 (1-based); the range covers the time.
    assert.equal(order.range.start.line, 21);
    assert.equal(vscode.window.activeTextEditor?.document.getText(order.range).startsWith('23:25'), true);

    const duration = diagnostics.find((d) => codeOf(d) === 'PM012');
    assert.ok(duration, 'the duration-mismatch diagnostic is shown');
    assert.equal(vscode.window.activeTextEditor?.document.getText(duration.range), '1 hour 30 minutes');

    const blanks = diagnostics.find((d) => d.source === 'markdownlint' && codeOf(d).startsWith('MD032'));
    assert.ok(blanks, 'markdownlint MD032 is shown');
    assert.equal(blanks.range.start.line, 5);

    // The picture for the README: the Problems panel, and the hover of the duration problem at the top of the
    // editor, where it opens downwards and leaves the timeline's squiggles in view.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await open(example());
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(duration.range.start, duration.range.start);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('diagnostics', '.monaco-hover-content');
  });

  it('inserts a missing section through the quick fix', async () => {
    const uri = fileIn('postmortems', 'no-timeline-postmortem.md');
    const text = [
      '# Postmortem: Login outage',
      '',
      '## Issue Summary',
      '',
      'From 10:00 to 10:30 UTC, 40% of users could not log in. The root cause was an expired certificate.',
      '',
      '## Root Cause and Resolution',
      '',
      'The certificate expired; we renewed it.',
      '',
      '## Corrective and Preventative Measures',
      '',
      '- [ ] Alert 30 days before certificates expire.',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const editor = await open(uri);
    const [missing] = (await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'PM001'))).filter((d) => codeOf(d) === 'PM001');
    assert.match(missing.message, /Timeline/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const insert = actions.find((a) => /Timeline/.test(a.title) && a.edit);
    assert.ok(insert, `a quick fix inserts the Timeline; offered: ${actions.map((a) => a.title).join(' | ')}`);
    editor.selection = new vscode.Selection(missing.range.start, missing.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('quick-fix', '.action-widget');
    await vscode.commands.executeCommand('hideCodeActionWidget');
    assert.ok(await vscode.workspace.applyEdit(insert.edit!));

    const after = editor.document.getText();
    assert.match(after, /^## Timeline$/m, 'the section is inserted as a level-2 heading, like its neighbours');
    assert.ok(after.indexOf('## Timeline') > after.indexOf('## Issue Summary') && after.indexOf('## Timeline') < after.indexOf('## Root Cause'), 'at its canonical place');
    for (const line of text.split('\n').filter((l) => l.trim())) assert.ok(after.includes(line), `user text kept: ${line}`);
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'PM001'));
  });

  it('reports a puppet fence error at its place in the Markdown file', async () => {
    const uri = fileIn('postmortems', 'puppet-typo-postmortem.md');
    const text = [
      '# Postmortem: Web outage',
      '',
      '## Corrective and Preventative Measures',
      '',
      '1. **Manage Apache with Puppet**:',
      '   ```puppet',
      "   service { 'apache2':",
      '     ensure => runing,',
      '   }',
      '',
      "   package { 'php-curl':",
      '     ensure => installed,',
      "     notify => Service['apache2'],",
      '   }',
      '   ```',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const editor = await open(uri);
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => d.source === 'puppet'));
    const invalid = diagnostics.find((d) => d.source === 'puppet' && /running/.test(d.message));
    assert.ok(invalid, `an invalid-value diagnostic suggests running; got ${diagnostics.map((d) => d.message).join(' | ')}`);
    assert.equal(invalid.range.start.line, 7);
    assert.equal(invalid.range.start.character, 15);
    // The picture: the fence highlighted as Puppet, and the problem shown inline under its line.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    editor.selection = new vscode.Selection(invalid.range.start.with({ character: 0 }), invalid.range.start.with({ character: 0 }));
    await vscode.commands.executeCommand('editor.action.marker.next');
    await screenshot('puppet-fence', '.marker-widget');
  });

  it('offers the postmortem snippets in completion', async () => {
    const uri = fileIn('postmortems', 'snippets-postmortem.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('# Postmortem: snippets\n\n'));
    const editor = await open(uri);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(2, 0));
    const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    // Our snippet itself, not merely some item that mentions postmortem beside some snippet.
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    assert.ok(snippets.includes('postmortem-classic'), `the postmortem-classic snippet is offered; snippets: ${snippets.slice(0, 30).join(', ')}`);
    assert.equal(editor.document.getText(), '# Postmortem: snippets\n\n');
  });
});
