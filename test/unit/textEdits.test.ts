import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { range } from '../../server/src/finding';
import { applyEdits } from '../../server/src/textEdits';

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
