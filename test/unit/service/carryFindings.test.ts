import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { range, type Finding } from '../../../server/src/finding';
import { carryFindings } from '../../../server/src/service/carryFindings';

function finding(line: number, rule = 'MD009'): Finding {
  return {
    range: range(line, 2, line, 5),
    severity: 'warning',
    source: 'markdownlint',
    rule,
    message: 'Trailing spaces',
    fixes: [{ title: 'Fix', edits: [{ range: range(line, 2, line, 5), newText: '' }], preferred: true }],
  };
}

describe('carryFindings', () => {
  it('keeps findings above an edit, moves those below, drops those it touches', () => {
    const findings = [finding(1), finding(5), finding(9)];
    // Replace lines 5-6 with three lines: one more line break than before.
    const carried = carryFindings(findings, [{ range: range(5, 0, 6, 3), text: 'a\nb\nc' }]);
    assert.deepEqual(
      carried.map((f) => f.range.start.line),
      [1, 10],
    );
    assert.equal(carried[1].range.start.character, 2);
  });

  it('applies changes in turn and drops fixes, which may point into edited text', () => {
    const carried = carryFindings([finding(3), finding(8)], [
      { range: range(0, 0, 0, 0), text: '\n\n' },
      { range: range(10, 0, 10, 4), text: '' },
    ]);
    assert.deepEqual(carried.map((f) => f.range.start.line), [5]);
    assert.deepEqual(carried[0].fixes, []);
  });

  it('moves every untouched finding by the change in line count (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(200), { maxLength: 20 }),
        fc.nat(200),
        fc.nat(10),
        fc.nat(10),
        (lines, first, span, inserted) => {
          const last = first + span;
          const carried = carryFindings(lines.map((l) => finding(l)), [{ range: range(first, 0, last, 0), text: 'x\n'.repeat(inserted) }]);
          const expected = lines.filter((l) => l < first || l > last).map((l) => (l < first ? l : l + inserted - span));
          assert.deepEqual(carried.map((f) => f.range.start.line), expected);
        },
      ),
    );
  });
});
