// Documents where "fix all" once needed a third pass (found by the property test): the model read what its
// own fixes then changed, so each pass saw another document.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { preferredEdits } from '../../../server/src/service/fixAll';
import { analyzePostmortem, type PostmortemAnalysis } from '../../../server/src/service/analyze';
import { defaultSettings } from '../../../server/src/settings';
import { applyEdits } from '../../../server/src/textEdits';

/** The document after one "fix all" pass, with the analysis of the result. */
function fixAllOnce(text: string): { text: string; after: PostmortemAnalysis } {
  const fixed = applyEdits(text, preferredEdits(analyzePostmortem(text, defaultSettings).findings));
  return { text: fixed, after: analyzePostmortem(fixed, defaultSettings) };
}

/** Passes until the text stops changing, at most `limit`. */
function passesToSettle(text: string, limit = 4): number {
  for (let pass = 1; pass <= limit; pass++) {
    const next = fixAllOnce(text).text;
    if (next === text) return pass - 1;
    text = next;
  }
  return Infinity;
}

const keys = (analysis: PostmortemAnalysis) => analysis.model.sections.map((s) => s.key);
const CLASSIC = ['summary', 'timeline', 'root-cause', 'corrective'];

describe('"fix all" on HTML blocks', () => {
  // The '```' line is HTML inside the block; a section inserted after '# #' ended the block there and turned it
  // into an open fence that swallowed the sections inserted after it.
  it('inserts the sections after the HTML block, which keeps its lines', () => {
    const { text, after } = fixAllOnce('<h3>\n# # \n```\n');
    assert.ok(text.startsWith('<h3>\n# # \n```\n\n## Issue Summary'), text);
    assert.deepEqual([keys(after), after.model.fences], [CLASSIC, []]);
    assert.equal(passesToSettle(text), 0);
  });

  it('leaves the lines of an HTML block in the timeline where they are', () => {
    const { text, after } = fixAllOnce('Timeline\n23:59\n</h3>\n14:05\n```puppet\n');
    assert.ok(text.includes('## Timeline\n23:59\n</h3>\n14:05\n```puppet\n'), text);
    assert.deepEqual([keys(after), after.model.fences], [CLASSIC, []]);
    assert.equal(passesToSettle(text), 0);
  });
});

describe('"fix all" on a title written as a plain line, then as a heading', () => {
  // 'Resolution' names the root cause as a plain line; as the heading the fix writes right under the inserted
  // '## Timeline', it became a keyless part of the timeline, and its times timeline entries.
  it('keeps the section it names', () => {
    const { text, after } = fixAllOnce('Resolution\n23:59PST\n2:00 PM\nRoot Cause and Resolution\n');
    assert.deepEqual(keys(after), ['summary', 'timeline', 'root-cause', 'root-cause', 'corrective']);
    assert.deepEqual(after.model.timeline, []);
    assert.equal(passesToSettle(text), 0);
  });
});

describe('fixes around a document written in HTML', () => {
  const blockLines = (text: string, analysis: PostmortemAnalysis) => {
    const lines = text.split('\n');
    return analysis.model.htmlBlocks.map((b) => lines.slice(b.line, b.endLine + 1).join('\n'));
  };
  /** Whether an edit starts or ends past the first line start of a block, up to the end of its last line. */
  const inside = (analysis: PostmortemAnalysis, line: number, character: number) =>
    analysis.model.htmlBlocks.some((b) => (line > b.line || (line === b.line && character > 0)) && line <= b.endLine);

  const html = [
    '<h1>POSTMORTEM</h1>',
    '<h3>Issue Summary</h3>',
    'Down from 21:00 to 21:15 WAT; 100% of users were affected.',
    '<h3>Timeline</h3>',
    '<ul>',
    '<li>21:05: Curl showed one server.</li>',
    '<li>21:00 WAT: Issue was detected.</li>',
    '<li>21:10 WAT: Semicolon added.</li>',
    '</ul>',
    '',
    '<h3>Corrective Measures</h3><hr>',
    '<ul><li>Check the status after a restart.</li></ul>',
    '',
  ].join('\n');

  it('reports what the HTML timeline gets wrong, with no fix that edits inside a block', () => {
    const analysis = analyzePostmortem(html, defaultSettings);
    const rules = analysis.findings.map((f) => f.rule);
    for (const rule of ['PM001', 'PM008', 'PM010']) assert.ok(rules.includes(rule), `${rule} in ${rules.join(' ')}`);
    assert.ok(!rules.includes('PM004'), 'an HTML title is a heading, not a pseudo-heading');
    const edits = analysis.findings.flatMap((f) => f.fixes.flatMap((fix) => fix.edits));
    assert.deepEqual(edits.map((e) => e.range.start.line), [10], 'only the missing section, before the next block');
    for (const e of edits) assert.ok(!inside(analysis, e.range.start.line, e.range.start.character) && !inside(analysis, e.range.end.line, e.range.end.character));
  });

  it('inserts a section that follows a title inside a block after that block, and keeps every block whole', () => {
    const text = '<h3>Issue Summary</h3>\nDown.\n<h3>Root Cause</h3>\nA typo.\n';
    const before = analyzePostmortem(text, defaultSettings);
    const { text: fixed, after } = fixAllOnce(text);
    assert.ok(fixed.startsWith(`${text}\n### Timeline`), fixed);
    for (const block of blockLines(text, before)) assert.ok(blockLines(fixed, after).includes(block), block);
    assert.deepEqual(keys(after), ['summary', 'root-cause', 'timeline', 'corrective']);
    assert.equal(passesToSettle(fixed), 0);
  });
});
