import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertKeepsWords, findings, fixed, goodPostmortem, lines, lint } from './lint';

function rangeText(text: string, f: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  assert.equal(f.range.start.line, f.range.end.line);
  return lines(text)[f.range.start.line].slice(f.range.start.character, f.range.end.character);
}

describe('timeline-entry-without-time', () => {
  it('reports an event line with no time', () => {
    const text = goodPostmortem.replace('- **23:55 WAT**', '- Later that night');
    const [finding, ...rest] = findings(text, 'timeline-entry-without-time');
    assert.equal(rest.length, 0);
    assert.match(rangeText(text, finding), /^- Later that night/);
    assert.match(finding.message, /no time/);
  });

  it('reports a timeline told by phase instead of by time once, pointing at each entry', () => {
    const text = goodPostmortem.replace(
      /- \*\*23:14 WAT\*\*: .*\n- \*\*23:55 WAT\*\*: .*\n- \*\*00:15 WAT\*\*: .*\n/,
      '- **Detection**: The on-call engineer acknowledged the page.\n- **Escalation**: Escalated to the platform team.\n- **Resolution**: php-curl reinstalled.\n',
    );
    const [finding, ...rest] = findings(text, 'timeline-entry-without-time');
    assert.equal(rest.length, 0);
    assert.equal(lines(text)[finding.range.start.line], '## Timeline');
    assert.match(finding.message, /^3 of 5 timeline entries have no time/);
    assert.deepEqual(finding.related?.map((r) => lines(text)[r.range.start.line].slice(0, 15)), ['- **Detection**', '- **Escalation*', '- **Resolution*']);
  });

  it('leaves a date line alone', () => {
    const text = goodPostmortem.replace('- **23:55 WAT**', '- March 3, 2025\n- **23:55 WAT**');
    assert.deepEqual(findings(text, 'timeline-entry-without-time'), []);
  });

  it('leaves a preamble sentence alone', () => {
    const text = goodPostmortem.replace('## Timeline\n', '## Timeline\n\nAll times below are West Africa Time.\n');
    assert.deepEqual(findings(text, 'timeline-entry-without-time'), []);
  });
});

describe('invalid-time', () => {
  it('reports 13:06 PM and offers the 12-hour time it means', () => {
    const text = goodPostmortem.replace('23:14 WAT', '13:06 PM WAT');
    const [finding, ...rest] = findings(text, 'invalid-time');
    assert.equal(rest.length, 0);
    assert.match(rangeText(text, finding), /^13:06 PM/);
    assert.match(finding.message, /13 is past 12/);
    const after = fixed(text, finding);
    assert.ok(after.includes('- **1:06 PM WAT**:'), after);
  });

  // '13:06 PM' may mean 13:06 with a stray PM: offered, never applied by "fix all".
  it('offers the corrected hour as a quick fix that is not preferred', () => {
    const [finding] = findings(goodPostmortem.replace('23:14 WAT', '13:06 PM WAT'), 'invalid-time');
    assert.deepEqual(finding.fixes.map((fix) => fix.preferred ?? false), [false]);
  });

  it('reads 0:30 PM as half past noon', () => {
    const text = goodPostmortem.replace('23:14 WAT', '0:30 PM WAT');
    const [finding] = findings(text, 'invalid-time');
    assert.match(finding.message, /write 12:30 PM/);
    assert.ok(fixed(text, finding).includes('- **12:30 PM WAT**:'));
  });

  // The hour would be glued to the digit before it: '٣1:06 PM' is no time either.
  it('offers no new hour for a time written right after a digit of another script', () => {
    const text = goodPostmortem.replace('**23:14 WAT**', '٣13:06 PM WAT');
    const [finding] = findings(text, 'invalid-time');
    assert.equal(rangeText(text, finding), '13:06 PM WAT');
    assert.deepEqual(finding.fixes, []);
  });

  it('reports 25:00 without a guess', () => {
    const text = goodPostmortem.replace('23:14 WAT', '25:14 WAT');
    const [finding] = findings(text, 'invalid-time');
    assert.match(finding.message, /hour is 25/);
    assert.deepEqual(finding.fixes, []);
  });
});

describe('timeline-order', () => {
  const swapped = goodPostmortem.replace(
    '- **23:14 WAT**: The on-call engineer acknowledged the page.\n- **23:55 WAT**: Escalated to the platform team.',
    '- **23:55 WAT**: Escalated to the platform team.\n- **23:14 WAT**: The on-call engineer acknowledged the page.',
  );

  it('reports the entry that goes back in time, with the later one as related', () => {
    const [finding, ...rest] = findings(swapped, 'timeline-order');
    assert.equal(rest.length, 0);
    assert.match(rangeText(swapped, finding), /^23:14/);
    assert.match(finding.message, /after "23:55 WAT"/);
  });

  it('sorts the timeline, keeping every line', () => {
    assert.equal(fixed(swapped, findings(swapped, 'timeline-order')[0]), goodPostmortem);
  });

  it('keeps notes and sub-items with their event when sorting', () => {
    const text = swapped.replace(
      'Escalated to the platform team.\n',
      'Escalated to the platform team.\n  - They found `curl_init()` errors in the log.\n',
    );
    const after = fixed(text, findings(text, 'timeline-order')[0]);
    assertKeepsWords(text, after);
    assert.ok(after.includes('Escalated to the platform team.\n  - They found `curl_init()` errors in the log.\n- **00:15'), after);
  });

  it('reads past midnight as the next day', () => {
    assert.deepEqual(findings(goodPostmortem, 'timeline-order'), []);
  });

  // A time without a zone is read in the window's; with the zone the others use, it can move, so the sort waits.
  it('offers the sort without preferring it while times still lack the zone the others use', () => {
    const text = swapped.replace('**23:14 WAT**', '**23:14**');
    const [order] = findings(text, 'timeline-order');
    assert.deepEqual(order.fixes.map((fix) => fix.preferred), [false]);
    assert.equal(findings(text, 'missing-time-zone')[0].fixes[0].preferred, true);
    assert.deepEqual(findings(swapped, 'timeline-order')[0].fixes.map((fix) => fix.preferred), [true], 'preferred once every time has its zone');
  });

  it('reads undated times after a dated entry past midnight, on the next day', () => {
    const text = goodPostmortem.replace('**23:10 WAT**', '**March 3, 2025, 23:10 WAT**');
    assert.deepEqual(findings(text, 'timeline-order'), []);
    assert.deepEqual(findings(text, 'event-outside-window'), []);
  });

  // An undated time is read on the day of the dated entry above it: moved above that entry, it would take
  // its day from whatever comes before, so the sort leaves it to the author.
  it('does not move an undated time above the dated entry it takes its day from', () => {
    const text = goodPostmortem.replace('**23:10 WAT**', '**March 3, 2025, 23:10 WAT**').replace('**23:55 WAT**', '**23:05 WAT**');
    const late = findings(text, 'timeline-order');
    assert.deepEqual(late.map((f) => rangeText(text, f)), ['23:05 WAT']);
    assert.deepEqual(late.flatMap((f) => f.fixes), []);
  });

  it('sorts undated times that stay under the same date', () => {
    const text = swapped.replace('**23:10 WAT**', '**March 3, 2025, 23:10 WAT**').replace(/- \*\*00:\d\d WAT\*\*: .*\n/g, '');
    const [finding] = findings(text, 'timeline-order');
    assert.equal(fixed(text, finding), goodPostmortem.replace('**23:10 WAT**', '**March 3, 2025, 23:10 WAT**').replace(/- \*\*00:\d\d WAT\*\*: .*\n/g, ''));
  });
});

describe('event-outside-window', () => {
  it('treats a change before the start as the trigger: info', () => {
    const text = goodPostmortem.replace('- **23:10 WAT**', '- **22:55 WAT**: Routine package upgrade pushed by the nightly job.\n- **23:10 WAT**');
    const [finding, ...rest] = findings(text, 'event-outside-window');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'info');
    assert.match(rangeText(text, finding), /^22:55/);
  });

  it('warns about other events before the start or after the end', () => {
    const text = goodPostmortem
      .replace('- **23:10 WAT**', '- **22:40 WAT**: Users started complaining on social media.\n- **23:10 WAT**')
      .replace('incident closed.', 'incident closed.\n- **01:30 WAT**: Status page updated.');
    const found = findings(text, 'event-outside-window');
    assert.deepEqual(found.map((f) => [rangeText(text, f).slice(0, 5), f.severity]), [
      ['22:40', 'warning'],
      ['01:30', 'warning'],
    ]);
    assert.match(found[0].message, /is 30 minutes before the outage started \(March 3, 2025, 23:10 WAT/);
  });

  it('measures nothing against a window that ends before it starts', () => {
    const text = goodPostmortem.replace('March 4, 2025, 00:25 WAT', 'March 2, 2025, 00:25 WAT');
    assert.deepEqual(findings(text, 'event-outside-window'), []);
  });
});

describe('missing-time-zone', () => {
  it('reports a time without the zone the other entries use, and appends it', () => {
    const text = goodPostmortem.replace('**23:55 WAT**', '**23:55**');
    const [finding, ...rest] = findings(text, 'missing-time-zone');
    assert.equal(rest.length, 0);
    assert.equal(rangeText(text, finding), '23:55');
    assert.match(finding.message, /WAT/);
    assert.equal(fixed(text, finding), goodPostmortem);
  });

  it('reports a timeline with no zones at all once, mildly, when the document states one', () => {
    const text = goodPostmortem.replace(/\*\*(\d\d:\d\d) WAT\*\*/g, '**$1**');
    const [finding, ...rest] = findings(text, 'missing-time-zone');
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'info');
    assert.equal(lines(text)[finding.range.start.line], '## Timeline');
    assert.equal(fixed(text, finding), goodPostmortem);
  });

  it('writes the zone right after the clock when a date follows it', () => {
    const text = goodPostmortem.replace('**23:55 WAT**', '**23:55, March 3**');
    const [finding] = findings(text, 'missing-time-zone');
    assert.ok(fixed(text, finding).includes('**23:55 WAT, March 3**'));
  });

  it('keeps the zone a word of its own when text follows the time without a space', () => {
    const text = goodPostmortem.replace('**23:55 WAT**: Escalated', '23:55Escalated');
    const [finding] = findings(text, 'missing-time-zone');
    const after = fixed(text, finding);
    assert.ok(after.includes('- 23:55 WAT Escalated'), after);
    assert.deepEqual(findings(after, 'missing-time-zone'), []);
  });

  it('offers no zone where it would split a word', () => {
    const text = goodPostmortem.replace('**23:55 WAT**', '11:55 PM一');
    const [finding, ...rest] = findings(text, 'missing-time-zone');
    assert.equal(rest.length, 0);
    assert.equal(rangeText(text, finding), '11:55 PM');
    assert.deepEqual(finding.fixes, []);
  });

  it('is quiet when the section heading states the zone', () => {
    const text = goodPostmortem.replace(/\*\*(\d\d:\d\d) WAT\*\*/g, '**$1**').replace('## Timeline', '## Timeline (WAT)');
    assert.deepEqual(findings(text, 'missing-time-zone'), []);
  });
});

describe('mixed-time-zones', () => {
  it('reports the zone that differs from the rest of the timeline', () => {
    const text = goodPostmortem.replace('23:55 WAT', '22:55 UTC');
    const [finding, ...rest] = findings(text, 'mixed-time-zones');
    assert.equal(rest.length, 0);
    assert.equal(rangeText(text, finding), 'UTC');
    assert.match(finding.message, /uses WAT \(4 entries\)/);
  });

  it('does not count the same offset under two names as mixed', () => {
    const text = goodPostmortem.replace('23:55 WAT', '23:55 GMT+1');
    assert.deepEqual(findings(text, 'mixed-time-zones'), []);
  });

  it('is quiet on a one-zone timeline', () => {
    assert.deepEqual(lint(goodPostmortem).filter((f) => /zone/.test(f.message)), []);
  });
});
