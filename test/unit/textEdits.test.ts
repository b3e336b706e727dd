import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { range } from '../../server/src/finding';
import { applyEdits, editsOverlap } from '../../server/src/textEdits';

describe('applyEdits', () => {
  it('applies edits given in any order against the original positions', () => {
    const text = 'one\ntwo\nthree\n';
    const edits = [
      { range: range(2, 0, 2, 5), newText: 'THREE' },
      { range: range(0, 3, 0, 3), newText: '!' },
      { range: range(1, 0, 1, 0), newText: '- ' },
    ];
    assert.equal(applyEdits(text, edits), 'one!\n- two\nTHREE\n');
  });

  it('keeps the given order of insertions at one position', () => {
    const at = range(0, 1, 0, 1);
    assert.equal(applyEdits('ab', [{ range: at, newText: 'x' }, { range: at, newText: 'y' }]), 'axyb');
  });

  // As editors do: a title inserted above a line and that line's rewrite both start at column 0.
  it('applies an insertion before a replacement that starts at the same place, whatever their order', () => {
    const insert = { range: range(1, 0, 1, 0), newText: '## Timeline\n' };
    const replace = { range: range(1, 0, 1, 11), newText: '## Root Cause' };
    for (const edits of [[insert, replace], [replace, insert]]) {
      assert.equal(applyEdits('Summary.\nRoot Cause:\n', edits), 'Summary.\n## Timeline\n## Root Cause\n');
    }
  });

  it('counts CRLF as one line break', () => {
    assert.equal(applyEdits('a\r\nb', [{ range: range(1, 0, 1, 1), newText: 'B' }]), 'a\r\nB');
  });

  it('rejects overlapping edits', () => {
    assert.throws(() =>
      applyEdits('abcdef', [
        { range: range(0, 0, 0, 3), newText: '' },
        { range: range(0, 2, 0, 4), newText: '' },
      ]),
    );
  });

  it('accepts every pair of edits that editsOverlap calls apart, and rejects the others', () => {
    const edit = fc.tuple(fc.nat(6), fc.nat(6)).map(([a, b]) => ({ range: range(0, Math.min(a, b), 0, Math.max(a, b)), newText: '_' }));
    fc.assert(
      fc.property(edit, edit, (a, b) => {
        const apply = () => applyEdits('abcdef', [a, b]);
        if (editsOverlap(a, b)) assert.throws(apply);
        else assert.doesNotThrow(apply);
      }),
    );
  });

  it('matches splicing the string for any single edit', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat(), fc.string(), (text, a, b, newText) => {
        const [from, to] = [Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)].sort((x, y) => x - y);
        const flat = text.replace(/[\r\n]/g, ' ');
        const result = applyEdits(flat, [{ range: range(0, from, 0, to), newText }]);
        assert.equal(result, flat.slice(0, from) + newText + flat.slice(to));
      }),
    );
  });
});
