// Hover, completion, document symbols and folding over stdio.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { lineOf, paymentsPostmortem, workspaceUri } from './fixtures';
import { LspClient } from './lspClient';

describe('language features', () => {
  let client: LspClient;
  const uri = workspaceUri('incidents/features-postmortem.md');
  const text = `${paymentsPostmortem}\n\`\`\`puppet\npackage { 'php-curl':\n  ensure => installed,\n}\n\`\`\`\n`;

  before(async () => {
    client = await LspClient.start();
    const linted = client.nextDiagnostics(uri);
    await client.open(uri, text);
    await linted;
  });
  after(() => client.stop());

  it('hover on a timeline entry tells the time since the outage start', async () => {
    const line = lineOf(text, '**14:50 WAT**');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /T\+50 min/);
    assert.match(value, /14:50 WAT, 50 min after the outage start 14:00 WAT/);
    assert.equal(hover?.range?.start.line, line);

    const outside = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: lineOf(text, 'nightly upgrade removed'), character: 5 },
    });
    assert.equal(outside, null);
  });

  it('completes missing section headings first at the start of a line', async () => {
    const line = lineOf(text, 'The nightly upgrade') + 1;
    assert.equal(text.split('\n')[line], '', 'an empty line after the last paragraph');
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character: 0 } });
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.ok(sorted.length > 0);
    const first = sorted[0];
    assert.match(first.label, /^## /);
    assert.match(first.detail ?? '', /Missing/);
    const title = first.label.slice(3);
    assert.ok(!text.includes(`## ${title}`), `${title} is not in the document yet`);
    assert.match(title, /Corrective|Preventative|Measures/i);
    // Sections the document has are offered after the missing ones.
    const timeline = sorted.findIndex((item) => item.label === '## Timeline');
    assert.ok(timeline > 0, 'the Timeline heading is offered, after the missing ones');
    assert.ok(first.textEdit && 'range' in first.textEdit);
    assert.deepEqual(first.textEdit.range, { start: { line, character: 0 }, end: { line, character: 0 } });
  });

  it('completes a timestamped entry inside the Timeline, in the document time zone and style', async () => {
    const line = lineOf(text, '**15:00 WAT**');
    const uriEdit = workspaceUri('incidents/completion-postmortem.md');
    const edited = text.replace('Error rate back to normal; incident closed.\n', 'Error rate back to normal; incident closed.\n- \n');
    await client.open(uriEdit, edited);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: uriEdit },
      position: { line: line + 1, character: 2 },
    });
    const entry = items.find((item) => item.detail === 'Timeline entry');
    assert.ok(entry, `a timeline entry expected among ${items.map((i) => i.label)}`);
    assert.equal(entry.label, '- **15:00 WAT**: ');
    assert.ok(entry.textEdit && 'range' in entry.textEdit);
    assert.equal(entry.textEdit.newText, '- **${1:15:00} WAT**: $0');
    assert.deepEqual(entry.textEdit.range, { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 2 } });
  });

  it('outlines sections hierarchically, with timeline entries under the Timeline section', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const flat = (list: DocumentSymbol[]): DocumentSymbol[] => list.flatMap((s) => [s, ...flat(s.children ?? [])]);
    const timeline = flat(symbols).find((s) => s.name === 'Timeline');
    assert.ok(timeline, `a Timeline symbol expected in ${JSON.stringify(flat(symbols).map((s) => s.name))}`);
    assert.equal(timeline.selectionRange.start.line, lineOf(text, '## Timeline'));
    const entries = timeline.children ?? [];
    assert.equal(entries.length, 4);
    assert.ok(entries.every((e) => e.kind === 24 /* Event */));
    assert.match(entries[1].name, /14:25/);
    assert.equal(entries[1].range.start.line, lineOf(text, '**14:25**'));
    // '## Timeline' is a child of the title, not a sibling.
    assert.ok(!symbols.includes(timeline));
  });

  it('folds sections and code fences', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const starting = (needle: string) => ranges.find((r) => r.startLine === lineOf(text, needle));
    const timeline = starting('## Timeline');
    assert.equal(timeline?.endLine, lineOf(text, '**15:00 WAT**'));
    const fence = starting('```puppet');
    assert.ok(fence, 'the fence folds');
    assert.equal(text.split('\n')[fence.endLine], '```');
  });
});
