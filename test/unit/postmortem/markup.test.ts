// The shortcuts the model builder takes around markdown-it must give what markdown-it itself gives:
// block tokens made without its Token constructor, and lines read without an inline parse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { markdown, parseBlocks } from '../../../server/src/postmortem/blocks';
import { inlineLines, simpleInlineLine, stripMarkup } from '../../../server/src/postmortem/markup';

/** Lines built from the characters that matter to Markdown's inline and block rules. */
const markdownLine = fc.string({ maxLength: 30, unit: fc.constantFrom(...'ab :.*_-`[]!<>&\\#()|1\u2013\u{1F6A8}'.split('')) });

describe('parseBlocks', () => {
  const reference = new MarkdownIt({ html: true });
  reference.core.ruler.enableOnly(['normalize', 'block']);

  it("gives markdown-it's own block tokens, field for field", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(markdownLine, fc.constantFrom('', '- item', '1. step', '> quote', '```', '| a | b |', '| - | - |', '## Title', '    code')), { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const ours = parseBlocks(text, {});
        const theirs = reference.parse(text, {});
        assert.deepEqual(ours, theirs);
        assert.ok(ours.every((token) => token instanceof MarkdownIt.Token));
        assert.deepEqual(ours.map((token) => Object.keys(token)), theirs.map((token) => Object.keys(token)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('simpleInlineLine', () => {
  it('reads plain lines and whole-line emphasis as they are', () => {
    assert.deepEqual(simpleInlineLine('  Root cause and resolution ', false), { text: 'Root cause and resolution', bold: false });
    assert.deepEqual(simpleInlineLine('**Issue Summary:**', true), { text: 'Issue Summary:', bold: true });
    assert.deepEqual(simpleInlineLine('__Timeline__ :', true), { text: 'Timeline :', bold: true });
  });

  it('leaves everything else to the inline parse', () => {
    assert.equal(simpleInlineLine('**Timeline:**', false), undefined); // emphasis may run on from another line
    assert.equal(simpleInlineLine('**Root** cause', true), undefined);
    assert.equal(simpleInlineLine('see `code` here', true), undefined);
    assert.equal(simpleInlineLine('***Timeline***', true), undefined);
  });

  it('agrees with the inline parse of a one-line paragraph whenever it answers', () => {
    let compared = 0;
    fc.assert(
      fc.property(markdownLine, (line) => {
        const tokens = markdown.parse(line, {});
        const simple = simpleInlineLine(line, true);
        if (!simple || tokens[0]?.type !== 'paragraph_open' || tokens.length !== 3) return;
        compared++;
        assert.deepEqual(inlineLines(tokens[1].children!, 1), [simple]);
      }),
      { numRuns: 3000 },
    );
    // The shortcut must answer often enough for the comparison to mean something.
    assert.ok(compared >= 300, `only ${compared} lines compared`);
  });
});

describe('stripMarkup', () => {
  it('removes emphasis, code, links, tags and escapes, and collapses spacing', () => {
    assert.equal(stripMarkup('**Root**  cause: `nginx` [docs](http://x) <b>now</b> \\#1'), 'Root cause: nginx docs now #1');
    assert.equal(stripMarkup('  plain text  '), 'plain text');
  });
});
