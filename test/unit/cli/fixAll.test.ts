// "Fix all": which preferred fixes go together in one pass, and that repeated passes settle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { range, type Finding, type TextEdit } from '../../../server/src/finding';
import { fixAll } from '../../../server/src/cli/fixAll';
import { preferredEdits } from '../../../server/src/service/fixAll';
import { analyzePostmortem } from '../../../server/src/service/analyze';
import { defaultSettings } from '../../../server/src/settings';
import { applyEdits } from '../../../server/src/textEdits';

/** A finding whose one preferred fix makes these edits. */
function finding(rule: string, ...edits: TextEdit[]): Finding {
  return { range: edits[0].range, severity: 'warning', source: 'postmortem', rule, message: rule, fixes: [{ title: rule, edits, preferred: true }] };
}

const lint = (text: string) => analyzePostmortem(text, defaultSettings).findings;

describe('preferredEdits', () => {
  // An insertion before a line and a rewrite of that line's title both start at column 0 (a missing section
  // inserted above a pseudo-heading): they touch, they do not overlap, in whichever order the rules report them.
  it('takes an insertion and a replacement that start at the same place, and applies the insertion first', () => {
    const insert = finding('insert', { range: range(1, 0, 1, 0), newText: '## Timeline\n\n' });
    const replace = finding('replace', { range: range(1, 0, 1, 11), newText: '## Root Cause' });
    const text = 'Summary.\nRoot Cause:\n';
    for (const findings of [[insert, replace], [replace, insert]]) {
      const edits = preferredEdits(findings);
      assert.equal(edits.length, 2);
      assert.equal(applyEdits(text, edits), 'Summary.\n## Timeline\n\n## Root Cause\n');
    }
  });

  // A document that ends in a time without a zone and without a line break: both land at its very end.
  it('puts text that continues a line before new lines inserted at the same place', () => {
    const section = finding('section', { range: range(0, 4, 0, 4), newText: '\n\n## Root Cause' });
    const zone = finding('zone', { range: range(0, 4, 0, 4), newText: ' PST' });
    assert.equal(applyEdits('1:11', preferredEdits([section, zone])), '1:11 PST\n\n## Root Cause');
  });

  it('leaves a fix that overlaps a taken one for the next pass, and takes a duplicate edit once', () => {
    const blank = { range: range(0, 3, 0, 3), newText: '\n' };
    const edits = preferredEdits([
      finding('a', { range: range(0, 0, 0, 3), newText: 'ONE' }, blank),
      finding('b', { range: range(0, 2, 0, 5), newText: 'x' }),
      finding('c', blank),
    ]);
    assert.deepEqual(edits, [{ range: range(0, 0, 0, 3), newText: 'ONE' }, blank]);
  });

  it('never applies a fix that is not preferred', () => {
    const quickFix = finding('q', { range: range(0, 0, 0, 1), newText: 'x' });
    quickFix.fixes[0].preferred = false;
    assert.deepEqual(preferredEdits([quickFix]), []);
  });
});

describe('fixAll on postmortems', () => {
  /** Runs "fix all" to its end and checks that linting the result offers nothing more to apply. */
  function settled(text: string): string {
    const outcome = fixAll(text, lint);
    const pending = outcome.findings.filter((f) => f.fixes.some((fix) => fix.preferred));
    assert.deepEqual(pending.map((f) => `${f.rule} ${f.message}`), [], outcome.text);
    return outcome.text;
  }

  it('turns an indented plain title into a heading once, at the start of its line', () => {
    const after = settled('23:59\n    Root Cause:\n');
    assert.ok(after.split('\n').includes('## Root Cause'), after);
    assert.doesNotMatch(after, /## ## /);
  });

  it('writes a zone that stays a word of its own before the text that follows the time', () => {
    const after = settled('## Timeline\n- 10:00 UTC: a\n- 2100hrs9:30am b\n');
    assert.match(after, /- 2100hrs UTC 9:30am b/);
  });

  // Sections inserted next to a plain title are headings at once, not plain titles for the next pass to fix;
  // closing the fence reveals the last missing section, so two passes settle it.
  it('inserts headings next to a plain title, and settles in two passes after closing a fence', () => {
    const once = (text: string) => applyEdits(text, preferredEdits(lint(text)));
    const first = once('Root Cause:\n```\n');
    for (const title of ['Issue Summary', 'Timeline', 'Root Cause']) assert.ok(first.split('\n').includes(`## ${title}`), `${title} is a heading:\n${first}`);
    const second = once(first);
    assert.ok(second.split('\n').includes('## Corrective and Preventative Measures'), second);
    assert.deepEqual(preferredEdits(lint(second)), [], second);
  });

  // '10:30' is read in the window's UTC, after '11:00 WAT' (10:00 UTC); given WAT like the other entry, it is
  // before it. Sorted first, the timeline would need sorting back once the zone is added.
  it('adds the missing zone before it sorts the timeline', () => {
    const text = '## Issue Summary\n\nDuration: 09:00 to 11:30 UTC.\n\n## Timeline\n\n- 10:30: Rolled back.\n- 11:00 WAT: Escalated.\n';
    const once = (t: string) => applyEdits(t, preferredEdits(lint(t)));
    const first = once(text);
    assert.match(first, /- 10:30 WAT: Rolled back\.\n- 11:00 WAT: Escalated\./);
    assert.equal(once(first), first);
  });

  it('settles on a summary heading written twice in a row', () => {
    const text = '# Outage\n\n## Issue Summary\n## Issue Summary\n\nThe API was down for 20% of users.\n\n## Timeline\n\n- 10:00 UTC: Alerts fired.\n';
    const after = settled(text);
    assert.equal(after.split('## Root Cause and Resolution').length, 2, after);
  });

  it('leaves the numbers an author wrote to them: a stated length and an impossible hour', () => {
    const text = [
      '## Issue Summary',
      '',
      'Duration: 2 hours, from 10:00 UTC to 10:30 UTC; 30% of users; root cause: a bad deploy.',
      '',
      '## Timeline',
      '',
      '- 10:00 UTC: Alerts fired.',
      '- 13:06 PM UTC: Rolled back.',
      '',
    ].join('\n');
    const after = fixAll(text, lint);
    assert.match(after.text, /Duration: 2 hours,/);
    assert.match(after.text, /- 13:06 PM UTC: Rolled back\./);
    const rules = after.findings.filter((f) => f.fixes.length > 0 && f.fixes.every((fix) => !fix.preferred)).map((f) => f.rule);
    assert.deepEqual([...new Set(rules)].sort(), ['PM007', 'PM012'], 'both stay offered as quick fixes');
  });
});
