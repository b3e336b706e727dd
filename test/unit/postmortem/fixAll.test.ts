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
