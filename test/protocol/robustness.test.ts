// The server never dies: not on garbage documents, not on malformed requests, not on odd settings.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { paymentsPostmortem, workspaceUri } from './fixtures';
import { LspClient } from './lspClient';

describe('robustness', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.stop());

  /** The server still lints: a fresh postmortem gets its diagnostics. */
  async function stillServing(name: string): Promise<void> {
    const uri = workspaceUri(`incidents/${name}-postmortem.md`);
    const linted = client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'PM010'));
    await client.open(uri, paymentsPostmortem);
    await linted;
    assert.ok(client.running);
  }

  it('survives garbage documents and edits', async () => {
    const garbage = fc.sample(fc.string({ unit: 'binary', maxLength: 400 }), { numRuns: 20, seed: 42 });
    const structured = [
      '',
      '\0\0\0',
      '#'.repeat(10_000),
      '- **99:99 XYZ**: \n'.repeat(500),
      '```puppet\n'.repeat(300),
      '---\npostmortem: true\n---\n' + '> '.repeat(2_000) + '[[[[' + '*'.repeat(5_000),
      '# Postmortem\r\n\r\n## Timeline\r\r- 25:61 PM\u2028- 13:06 PM WAT\uFFFF\uD800\n| a | b |\n|---|\n| 1 |',
    ];
    for (const [i, text] of [...structured, ...garbage].entries()) {
      const uri = workspaceUri(`incidents/garbage-${i}-postmortem.md`);
      await client.open(uri, `# Postmortem\n${text}`);
      await client.change(uri, [{ range: { start: { line: 0, character: 3 }, end: { line: 99, character: 0 } }, text: text.slice(0, 50) }]);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols));
      await client.close(uri);
    }
    await stillServing('after-garbage');
  });

  it('answers a request whose handler fails with an empty result, logs it, and keeps serving', async () => {
    // A malformed request makes the hover handler throw inside its guard.
    const hover = await client.request('textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const symbols = await client.request('textDocument/documentSymbol', {});
    assert.deepEqual(symbols, []);
    assert.ok(client.logs.some((line) => line.startsWith('Hover failed')), `expected a logged failure in ${client.logs.join('\n')}`);
    await stillServing('after-handler-error');
  });

  it('survives settings of the wrong shape', async () => {
    const uri = workspaceUri('incidents/odd-settings-postmortem.md');
    const linted = client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'PM010'));
    await client.open(uri, paymentsPostmortem);
    await linted;
    const relinted = client.nextDiagnostics(uri, (d) => d.some((x) => x.code === 'PM010'));
    await client.changeSettings({ profile: 42, files: 'all', rules: { PM010: 'loud', PM012: null }, markdownlint: [], customProfile: { sections: 'none' } });
    await relinted;
    await client.changeSettings({});
    await stillServing('after-odd-settings');
  });
});
