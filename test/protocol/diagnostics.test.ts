// Diagnostics over stdio, pushed and pulled: ranges, fixes as code actions, incremental edits, settings,
// markdownlint arriving after our own findings, and documents that are not postmortems.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, InitializeResult } from 'vscode-languageserver-protocol';
import { lineOf, paymentsPostmortem, workspaceUri } from './fixtures';
import { LspClient } from './lspClient';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const has = (code: string) => (diagnostics: Diagnostic[]) => codes(diagnostics).includes(code);
const lacks = (code: string) => (diagnostics: Diagnostic[]) => !codes(diagnostics).includes(code);
const ofSource = (source: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.source === source);

function codeActions(client: LspClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

describe('transports', () => {
  it('serves over Node IPC as well as stdio, as VS Code starts it', async () => {
    const client = await LspClient.start({ transport: 'ipc' });
    try {
      const uri = workspaceUri('incidents/ipc-postmortem.md');
      const published = client.nextDiagnostics(uri, has('PM010'));
      await client.open(uri, paymentsPostmortem);
      await published;
    } finally {
      await client.stop();
    }
  });
});

describe('initialize', () => {
  it('announces incremental sync, code action kinds and the features; pull diagnostics only to clients that pull', async () => {
    for (const pullDiagnostics of [false, true]) {
      const client = await LspClient.start({ pullDiagnostics });
      try {
        const { capabilities }: InitializeResult = client.initializeResult;
        assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
        const kinds = typeof capabilities.codeActionProvider === 'object' ? capabilities.codeActionProvider.codeActionKinds : [];
        assert.deepEqual(kinds, ['quickfix', 'source.fixAll.postmortem']);
        assert.ok(capabilities.hoverProvider && capabilities.documentSymbolProvider && capabilities.foldingRangeProvider);
        assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('#'));
        assert.equal(capabilities.diagnosticProvider !== undefined, pullDiagnostics);
      } finally {
        await client.stop();
      }
    }
  });
});

describe('pushed diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.stop());

  it('reports our findings at the right ranges, with rule links and fixes', async () => {
    const uri = workspaceUri('incidents/payments-postmortem.md');
    const published = client.nextDiagnostics(uri, has('PM010'));
    await client.open(uri, paymentsPostmortem);
    const { diagnostics, version } = await published;
    assert.equal(version, 1);
    assert.ok(codes(diagnostics).includes('PM012'), `duration mismatch expected in ${codes(diagnostics)}`);
    assert.ok(codes(diagnostics).includes('PM001'), `missing section expected in ${codes(diagnostics)}`);

    const zone = diagnostics.find((d) => d.code === 'PM010') as Diagnostic;
    assert.equal(zone.source, 'postmortem');
    assert.equal(zone.range.start.line, lineOf(paymentsPostmortem, '**14:25**'));
    const line = paymentsPostmortem.split('\n')[zone.range.start.line];
    assert.match(line.slice(zone.range.start.character, zone.range.end.character), /14:25/);
    assert.match(zone.codeDescription?.href ?? '', /rules\.md#pm010/);
    const data = zone.data as { version: number; fixes: unknown[] };
    assert.equal(data.version, 1);
    assert.ok(data.fixes.length > 0);

    const duration = diagnostics.find((d) => d.code === 'PM012') as Diagnostic;
    assert.equal(duration.range.start.line, lineOf(paymentsPostmortem, 'Duration of Outage'));
  });

  it('offers the fix as a preferred quick fix; applying it as an incremental change removes the diagnostic', async () => {
    const uri = workspaceUri('incidents/quickfix-postmortem.md');
    const opened = client.nextDiagnostics(uri, has('PM010'));
    await client.open(uri, paymentsPostmortem);
    const zone = (await opened).diagnostics.filter((d) => d.code === 'PM010');

    const actions = await codeActions(client, uri, zone);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.ok(fix?.edit, `a preferred quick fix expected among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['PM010']);

    const fixed = client.nextDiagnostics(uri, (_, version) => version === 2);
    await client.applyWorkspaceEdit(uri, fix.edit);
    const after = await fixed;
    assert.ok(lacks('PM010')(after.diagnostics), `PM010 should be gone: ${codes(after.diagnostics)}`);
    assert.match(client.text(uri), /\*\*14:25 WAT\*\*/);
    // The other problems are still there, on unchanged ranges.
    assert.ok(has('PM012')(after.diagnostics));
  });

  it('refuses fixes carried by diagnostics of an older version', async () => {
    const uri = workspaceUri('incidents/stale-postmortem.md');
    const opened = client.nextDiagnostics(uri, has('PM010'));
    await client.open(uri, paymentsPostmortem);
    const stale = (await opened).diagnostics.filter((d) => d.code === 'PM010');
    const edited = client.nextDiagnostics(uri, (_, version) => version === 2);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    await edited;
    assert.deepEqual(await codeActions(client, uri, stale, ['quickfix']), []);
  });

  it('fixes all problems with one source.fixAll.postmortem action', async () => {
    const uri = workspaceUri('incidents/fixall-postmortem.md');
    const opened = client.nextDiagnostics(uri, has('PM010'));
    await client.open(uri, paymentsPostmortem);
    const before = (await opened).diagnostics;

    assert.equal((await codeActions(client, uri, [])).some((a) => a.kind === 'source.fixAll.postmortem'), false, 'source actions only when asked for');
    const [fixAll] = await codeActions(client, uri, [], ['source.fixAll']);
    assert.equal(fixAll?.kind, 'source.fixAll.postmortem');
    assert.ok(fixAll.edit);

    const fixed = client.nextDiagnostics(uri, (_, version) => version === 2);
    await client.applyWorkspaceEdit(uri, fixAll.edit);
    const remaining = (await fixed).diagnostics.filter((d) => d.source === 'postmortem');
    for (const code of ['PM001', 'PM010']) assert.ok(lacks(code)(remaining), `${code} should be fixed: ${codes(remaining)}`);
    // A fix that rewrites a number the author wrote is a quick fix only, never part of fix all.
    assert.ok(!lacks('PM012')(remaining), `PM012 is left for the author to decide: ${codes(remaining)}`);
    assert.ok(remaining.length < before.length);
  });

  it('gives nothing to Markdown files that are not postmortems, and lints those that say they are', async () => {
    const notes = workspaceUri('docs/meeting-notes.md');
    const flagged = workspaceUri('docs/notes-with-front-matter.md');
    const titled = workspaceUri('docs/q3-review.md');
    const flaggedDiagnostics = client.nextDiagnostics(flagged);
    const titledDiagnostics = client.nextDiagnostics(titled);
    // The same content as a postmortem, but neither its path nor its front matter nor its title says so.
    await client.open(notes, paymentsPostmortem.replace('# Postmortem: Payments API Outage', '# Payments API, June 19'));
    await client.open(flagged, `---\npostmortem: true\n---\n${paymentsPostmortem.replace('# Postmortem:', '#')}`);
    await client.open(titled, paymentsPostmortem.replace('# Postmortem:', '# Incident report:'));
    // Published in the order opened: once the later documents have theirs, the first would have had its own.
    await flaggedDiagnostics;
    await titledDiagnostics;
    assert.equal(client.latestDiagnostics(notes), undefined);
    const position = { line: lineOf(paymentsPostmortem, '**14:25**'), character: 5 };
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: notes }, position }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: notes } }), []);
    assert.deepEqual(await codeActions(client, notes, [], ['source.fixAll']), []);
  });

  it('turning a rule off in the settings removes its diagnostics', async () => {
    const uri = workspaceUri('incidents/settings-postmortem.md');
    const opened = client.nextDiagnostics(uri, has('PM010'));
    await client.open(uri, paymentsPostmortem);
    await opened;
    const relinted = client.nextDiagnostics(uri, lacks('PM010'));
    await client.changeSettings({ rules: { 'missing-time-zone': 'off' } });
    const { diagnostics } = await relinted;
    assert.ok(has('PM012')(diagnostics), 'other rules still run');
    const restored = client.nextDiagnostics(uri, has('PM010'));
    await client.changeSettings({});
    await restored;
  });

  it('publishes markdownlint findings after our own, keeping both', async () => {
    const uri = workspaceUri('incidents/markdownlint-postmortem.md');
    const text = paymentsPostmortem.replace('## Timeline\n', '## Timeline   \n');
    const withMarkdownlint = client.nextDiagnostics(uri, ofSource('markdownlint'));
    await client.open(uri, text);
    const { diagnostics } = await withMarkdownlint;
    const trailing = diagnostics.find((d) => d.source === 'markdownlint' && String(d.code).startsWith('MD009'));
    assert.ok(trailing, `MD009 expected among ${codes(diagnostics)}`);
    assert.equal(trailing.range.start.line, lineOf(text, '## Timeline'));
    assert.match(trailing.codeDescription?.href ?? '', /md009\.md$/);
    assert.ok(ofSource('postmortem')(diagnostics), 'our findings are published with markdownlint');
  });

  it('re-reads markdownlint configuration when a watched configuration file changes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pmkit-lsp-'));
    try {
      const uri = pathToFileURL(join(folder, 'configured-postmortem.md')).href;
      const text = paymentsPostmortem.replace('## Timeline\n', '## Timeline   \n');
      const md009 = (d: Diagnostic[]) => d.some((x) => String(x.code).startsWith('MD009'));
      const reported = client.nextDiagnostics(uri, md009);
      await client.open(uri, text);
      await reported;
      const config = join(folder, '.markdownlint.json');
      writeFileSync(config, JSON.stringify({ default: true, MD009: false }));
      const silenced = client.nextDiagnostics(uri, (d) => !md009(d));
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 1 }] });
      const { diagnostics } = await silenced;
      assert.ok(has('PM010')(diagnostics), 'our findings stay');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('clears diagnostics when a document is closed', async () => {
    const uri = workspaceUri('incidents/closed-postmortem.md');
    const opened = client.nextDiagnostics(uri, (d) => d.length > 0);
    await client.open(uri, paymentsPostmortem);
    await opened;
    const cleared = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.close(uri);
    await cleared;
  });
});

describe('pulled diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ pullDiagnostics: true });
  });
  after(() => client.stop());

  it('answers with our findings at once and asks for a refresh when markdownlint is done', async () => {
    const uri = workspaceUri('incidents/pulled-postmortem.md');
    const text = paymentsPostmortem.replace('## Timeline\n', '## Timeline   \n');
    const refreshed = client.nextRefresh();
    await client.open(uri, text);
    const first = await client.pullDiagnostics(uri);
    assert.ok(has('PM010')(first) && has('PM012')(first), `our findings expected: ${codes(first)}`);
    await refreshed;
    const second = await client.pullDiagnostics(uri);
    assert.ok(ofSource('markdownlint')(second), `markdownlint findings expected after the refresh: ${codes(second)}`);
    assert.ok(has('PM010')(second));
    assert.equal(client.latestDiagnostics(uri), undefined, 'nothing is pushed to a client that pulls');
  });

  it('follows incremental edits and answers non-postmortems with nothing', async () => {
    const uri = workspaceUri('incidents/pulled-edit-postmortem.md');
    await client.open(uri, paymentsPostmortem);
    assert.ok(has('PM010')(await client.pullDiagnostics(uri)));
    const line = lineOf(paymentsPostmortem, '**14:25**');
    await client.change(uri, [{ range: { start: { line, character: 9 }, end: { line, character: 9 } }, text: ' WAT' }]);
    assert.match(client.text(uri), /\*\*14:25 WAT\*\*/);
    assert.ok(lacks('PM010')(await client.pullDiagnostics(uri)));

    const notes = workspaceUri('docs/pulled-notes.md');
    await client.open(notes, '# Notes\n\nSome   \ntext\n\n\n');
    assert.deepEqual(await client.pullDiagnostics(notes), []);
  });
});
