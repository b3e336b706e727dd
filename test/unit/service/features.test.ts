// Outline, folding, hover and completion as plain data, on inline documents and the shared corpus.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { comparePositions, type Range } from '../../../server/src/finding';
import { analyzePostmortem } from '../../../server/src/service/analyze';
import { complete } from '../../../server/src/service/completion';
import { folds } from '../../../server/src/service/folding';
import { timelineHover } from '../../../server/src/service/hover';
import { outline, type OutlineSymbol } from '../../../server/src/service/symbols';
import { defaultSettings } from '../../../server/src/settings';
import { sharedAvailable, sharedRoot, sharedSkipMessage } from '../../corpusPaths';

const postmortem = `# Postmortem: Search Outage

## Issue Summary

**Duration of Outage**: 1 hour 10 minutes
- **Start**: 23:30 UTC
- **End**: 00:40 UTC

## Timeline

1. 23:30 UTC - Alert fired for search latency.
2. 23:55 UTC - Index rebuild started.
3. 00:40 UTC - Search healthy again.

## Root Cause and Resolution

A bad mapping made every query scan the whole index.

\`\`\`bash
curl -X POST localhost:9200/_reindex
\`\`\`
`;

const line = (needle: string) => postmortem.split('\n').findIndex((l) => l.includes(needle));

function within(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** Every symbol's selection lies in its range, and every child in its parent; siblings are in order. */
function assertWellFormed(symbols: OutlineSymbol[], parent?: OutlineSymbol): void {
  symbols.forEach((symbol, i) => {
    assert.ok(within(symbol.range, symbol.selectionRange), `selection of ${symbol.name} outside its range`);
    if (parent) assert.ok(within(parent.range, symbol.range), `${symbol.name} outside ${parent.name}`);
    if (i > 0) assert.ok(comparePositions(symbols[i - 1].range.start, symbol.range.start) <= 0, `${symbol.name} out of order`);
    assertWellFormed(symbol.children, symbol);
  });
}

describe('service features', () => {
  const analysis = analyzePostmortem(postmortem, defaultSettings);

  it('outlines sections under the title and timeline entries under Timeline', () => {
    const symbols = outline(analysis.model);
    assertWellFormed(symbols);
    assert.equal(symbols.length, 1);
    assert.deepEqual(
      symbols[0].children.map((s) => s.name),
      ['Issue Summary', 'Timeline', 'Root Cause and Resolution'],
    );
    const timeline = symbols[0].children[1];
    assert.deepEqual(
      timeline.children.map((s) => [s.kind, s.range.start.line]),
      [
        ['timelineEntry', line('23:30 UTC -')],
        ['timelineEntry', line('23:55 UTC')],
        ['timelineEntry', line('00:40 UTC -')],
      ],
    );
  });

  it('folds each section to its last non-blank line, and each fence', () => {
    const ranges = folds(analysis.model, analysis.source);
    const starting = (needle: string) => ranges.find((r) => r.startLine === line(needle));
    assert.equal(starting('## Timeline')?.endLine, line('00:40 UTC -'));
    assert.equal(starting('## Issue Summary')?.endLine, line('**End**'));
    assert.equal(starting('```bash')?.endLine, line('```bash') + 2);
  });

  it('tells the time since the outage start, across midnight', () => {
    const hover = timelineHover(analysis.model, { line: line('00:40 UTC -'), character: 10 });
    assert.equal(hover?.contents, '**T+70 min** (00:40 UTC, 1 h 10 min after the outage start 23:30 UTC)');
    assert.equal(timelineHover(analysis.model, { line: line('A bad mapping'), character: 3 }), undefined);
  });

  it('continues a numbered timeline in its own style', () => {
    const at = line('00:40 UTC -') + 1;
    const edited = postmortem.replace('3. 00:40 UTC - Search healthy again.\n', '3. 00:40 UTC - Search healthy again.\n\n');
    const next = analyzePostmortem(edited, defaultSettings);
    const [entry] = complete(next.model, next.source, next.profile, { line: at, character: 0 });
    assert.equal(entry.kind, 'timelineEntry');
    assert.equal(entry.label, '4. 00:40 UTC - ');
  });

  it('offers missing sections first, at the level the document uses', () => {
    const suggestions = complete(analysis.model, analysis.source, analysis.profile, { line: line('A bad mapping') + 1, character: 0 });
    const sections = suggestions.filter((s) => s.kind === 'section').sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.ok(sections.every((s) => s.label.startsWith('## ')));
    const present = new Set(analysis.model.sections.map((s) => s.title));
    const firstPresent = sections.findIndex((s) => present.has(s.label.slice(3)));
    assert.ok(firstPresent > 0, 'missing sections come before present ones');
    assert.ok(sections.slice(firstPresent).every((s) => present.has(s.label.slice(3)) || !/Missing/.test(s.detail ?? '')));
    assert.deepEqual(complete(analysis.model, analysis.source, analysis.profile, { line: line('curl'), character: 0 }), [], 'nothing inside a fence');
  });

  it('gives well-formed outlines and folds for every corpus postmortem', { skip: !sharedAvailable && sharedSkipMessage }, () => {
    const folder = join(sharedRoot, 'corpus', 'postmortems');
    const files = readdirSync(folder).filter((f) => f.endsWith('.md'));
    assert.ok(files.length >= 60);
    for (const file of files) {
      const corpus = analyzePostmortem(readFileSync(join(folder, file), 'utf8'), defaultSettings);
      assertWellFormed(outline(corpus.model));
      for (const fold of folds(corpus.model, corpus.source)) {
        assert.ok(fold.startLine < fold.endLine && fold.endLine < corpus.source.lineCount, `${file}: fold ${fold.startLine}-${fold.endLine}`);
      }
      for (const entry of corpus.model.timeline) {
        const hover = timelineHover(corpus.model, entry.range.start);
        if (hover) assert.match(hover.contents, /^\*\*T[+-]\d+ min\*\* \(/, file);
      }
    }
  });
});
