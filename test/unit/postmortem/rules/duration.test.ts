import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatGap, formatLength } from '../../../../server/src/postmortem/rules/duration';
import { findings, fixed, goodPostmortem, lines } from './lint';

describe('formatLength', () => {
  it('writes hours and minutes in words', () => {
    assert.equal(formatLength(101), '1 hour 41 minutes');
    assert.equal(formatLength(60), '1 hour');
    assert.equal(formatLength(1), '1 minute');
    assert.equal(formatLength(0), '0 minutes');
    assert.equal(formatLength(150), '2 hours 30 minutes');
    assert.equal(formatLength(7560), '126 hours');
  });

  it('reads back to the same number of minutes', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (minutes) => {
        const text = formatLength(minutes);
        const amount = (unit: string) => Number(new RegExp(`(\\d+) ${unit}s?\\b`).exec(text)?.[1] ?? 0);
        assert.equal(amount('hour') * 60 + amount('minute'), minutes);
      }),
    );
  });
});

describe('formatGap', () => {
  it('counts long gaps in days', () => {
    assert.equal(formatGap(15), '15 minutes');
    assert.equal(formatGap(2879), '47 hours 59 minutes');
    assert.equal(formatGap(31 * 1440), '31 days');
  });
});

describe('duration-mismatch', () => {
  it('reports a stated length that differs from end minus start, and writes the computed one', () => {
    const text = goodPostmortem.replace('1 hour 15 minutes', '2 hours');
    const [finding, ...rest] = findings(text, 'duration-mismatch');
    assert.equal(rest.length, 0);
    assert.equal(lines(text)[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character), '2 hours');
    assert.match(finding.message, /is 1 hour 15 minutes/);
    assert.equal(fixed(text, finding), goodPostmortem);
  });

  // The author may have the length right and a time wrong: offered, never applied by "fix all".
  it('offers the computed length as a quick fix that is not preferred', () => {
    const [finding] = findings(goodPostmortem.replace('1 hour 15 minutes', '2 hours'), 'duration-mismatch');
    assert.deepEqual(finding.fixes.map((fix) => fix.preferred ?? false), [false]);
  });

  it('offers no new length where the stated one runs into a word', () => {
    const [finding] = findings(goodPostmortem.replace('1 hour 15 minutes', '2 hoursª'), 'duration-mismatch');
    assert.deepEqual(finding.fixes, []);
  });

  it('accepts a rounded length said to be approximate', () => {
    const text = goodPostmortem.replace('1 hour 15 minutes', 'approximately 1 hour 20 minutes');
    assert.deepEqual(findings(text, 'duration-mismatch'), []);
  });

  it('compares to the minute when times carry seconds', () => {
    const text = goodPostmortem.replace('23:10 WAT', '23:10:20 WAT').replace('00:25 WAT', '00:25:10 WAT');
    assert.deepEqual(findings(text, 'duration-mismatch'), []);
  });

  it('accepts the exact length', () => {
    assert.deepEqual(findings(goodPostmortem, 'duration-mismatch'), []);
  });
});

describe('end-before-start', () => {
  it('reports an end dated before the start', () => {
    const text = goodPostmortem.replace('March 4, 2025, 00:25 WAT', 'March 2, 2025, 00:25 WAT');
    const [finding, ...rest] = findings(text, 'end-before-start');
    assert.equal(rest.length, 0);
    assert.match(lines(text)[finding.range.start.line], /\*\*End\*\*/);
    assert.match(finding.message, /ends \(March 2, 2025, 00:25 WAT\) 46 hours 45 minutes before it starts \(March 3, 2025, 23:10 WAT\)/);
    assert.deepEqual(findings(text, 'duration-mismatch'), []);
  });
});
