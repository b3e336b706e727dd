import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertKeepsWords, findings, fixed, goodPostmortem, lines } from './lint';

/** The good postmortem's section with this title, title line through the blank line before the next section. */
function sectionText(title: string): string {
  const match = new RegExp(`^## ${title}\\n[\\s\\S]*?(?=^## |(?![\\s\\S]))`, 'm').exec(goodPostmortem);
  assert.ok(match, `no section ${title}`);
  return match[0];
}

describe('missing-section', () => {
  const withoutTimeline = goodPostmortem.replace(sectionText('Timeline'), '');

  it('reports the missing section at the section it should precede', () => {
    const [finding, ...rest] = findings(withoutTimeline, 'missing-section');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /"Timeline"/);
    assert.match(finding.message, /after "Issue Summary"/);
    assert.equal(lines(withoutTimeline)[finding.range.start.line], '## Root Cause and Resolution');
  });

  it('inserts the skeleton in the heading style, between the sections around it', () => {
    const after = fixed(withoutTimeline, findings(withoutTimeline, 'missing-section')[0]);
    assertKeepsWords(withoutTimeline, after);
    const out = lines(after);
    const title = out.indexOf('## Timeline');
    assert.ok(title > out.indexOf('## Issue Summary') && title < out.indexOf('## Root Cause and Resolution'));
    assert.equal(out[title - 1], '');
    assert.deepEqual(findings(after, 'missing-section'), []);
  });

  // A bold title would only draw pseudo-heading's warning and need a second fix.
  it('writes a real heading in a document of bold titles, at their level', () => {
    const bold = [
      '**Issue Summary:**',
      'From 10:00 to 11:00 UTC, 30% of users could not log in because of an expired certificate.',
      '',
      '**Root Cause and Resolution:**',
      'The certificate expired; we renewed it.',
      '',
      '**Corrective and Preventative Measures:**',
      '- Renew certificates automatically.',
      '',
    ].join('\n');
    const [finding] = findings(bold, 'missing-section').filter((f) => /"Timeline"/.test(f.message));
    const after = fixed(bold, finding);
    assertKeepsWords(bold, after);
    assert.ok(lines(after).includes('## Timeline'), after);
    assert.deepEqual(findings(after, 'pseudo-heading').map((f) => lines(after)[f.range.start.line]), [
      '**Issue Summary:**',
      '**Root Cause and Resolution:**',
      '**Corrective and Preventative Measures:**',
    ]);
  });

  it('puts a missing first section under the document title, where its content sits', () => {
    const text = goodPostmortem.replace('## Issue Summary\n\n', '');
    const after = fixed(text, findings(text, 'missing-section')[0]);
    assert.deepEqual(lines(after).slice(0, 4), ['# Postmortem: Checkout outage on March 3, 2025', '', '## Issue Summary', '']);
    assert.ok(after.indexOf('**Duration of Outage**') > after.indexOf('## Issue Summary'));
  });

  it('inserts into an empty document, and keeps CRLF line breaks', () => {
    const [first] = findings('', 'missing-section');
    assert.match(fixed('', first), /^## Issue Summary\n\n<!--/);
    const crlf = withoutTimeline.replace(/\n/g, '\r\n');
    const after = fixed(crlf, findings(crlf, 'missing-section')[0]);
    assert.ok(!/[^\r]\n/.test(after), 'a bare LF was inserted');
  });

  it('offers no insertion inside a code fence that is never closed', () => {
    const text = goodPostmortem.replace(/## Corrective[\s\S]*$/, '```puppet\nnotify { "hi": }\n');
    const [finding] = findings(text, 'missing-section');
    assert.match(finding.message, /Close the code fence on line \d+/);
    assert.deepEqual(finding.fixes, []);
  });

  it('does not take a lone repeated section for a postmortem of its own', () => {
    for (const text of [goodPostmortem + '\n## Summary\n\nWe fixed it.\n', goodPostmortem.replace('## Issue Summary\n', '## Issue Summary\n## Issue Summary\n')]) {
      assert.deepEqual(findings(text, 'missing-section'), []);
      assert.deepEqual(findings(text, 'section-order'), []);
    }
  });

  it('keeps a title written twice with its postmortem, and inserts before both', () => {
    const text = [
      '**Timeline:**',
      '**Timeline**',
      '- 10:00 UTC: Alerts fired.',
      '',
      '**Root Cause and Resolution:**',
      'An expired certificate.',
      '',
      '**Corrective and Preventative Measures:**',
      '- [ ] Renew certificates automatically.',
      '',
    ].join('\n');
    const [finding, ...rest] = findings(text, 'missing-section');
    assert.equal(rest.length, 0);
    assert.match(finding.message, /"Issue Summary"/);
    const after = fixed(text, finding);
    assert.equal(lines(after)[0], '## Issue Summary');
    assert.deepEqual(findings(after, 'missing-section'), [], 'the inserted section joins the postmortem, not the repeated title');
  });

  // Split there, the stray section and the summary would make one postmortem, the rest another, and every
  // section inserted into either would move the split again.
  it('keeps a section written before the summary in the postmortem that follows', () => {
    const text = goodPostmortem.replace('## Issue Summary\n', '## Root Cause and Resolution\n\nSee below.\n\n## Issue Summary\n');
    assert.deepEqual(findings(text, 'missing-section'), []);
    const withoutMeasures = text.replace(/## Corrective[\s\S]*$/, '');
    const [finding, ...rest] = findings(withoutMeasures, 'missing-section');
    assert.equal(rest.length, 0);
    assert.deepEqual(findings(fixed(withoutMeasures, finding), 'missing-section'), []);
  });

  it('inserts after a section with an empty body, not after the one that follows it', () => {
    const text = goodPostmortem.replace(sectionText('Timeline'), '').replace(/(## Issue Summary\n)[\s\S]*?(?=## Root Cause)/, '$1');
    const after = fixed(text, findings(text, 'missing-section')[0]);
    assert.deepEqual(lines(after).slice(2, 6), ['## Issue Summary', '', '## Timeline', '']);
  });

  it('is quiet when every required section is there, in any style', () => {
    assert.deepEqual(findings(goodPostmortem, 'missing-section'), []);
  });
});

describe('section-order', () => {
  const swapped = goodPostmortem.replace(
    sectionText('Timeline') + sectionText('Root Cause and Resolution'),
    sectionText('Root Cause and Resolution') + sectionText('Timeline'),
  );

  it('reports the section that comes too late, pointing at the one it should precede', () => {
    const [finding, ...rest] = findings(swapped, 'section-order');
    assert.equal(rest.length, 0);
    assert.equal(lines(swapped)[finding.range.start.line], '## Timeline');
    assert.match(finding.message, /before "Root Cause and Resolution"/);
    assert.equal(lines(swapped)[finding.related![0].range.start.line], '## Root Cause and Resolution');
  });

  it('moves the whole section back into place', () => {
    const after = fixed(swapped, findings(swapped, 'section-order')[0]);
    assert.equal(after, goodPostmortem);
  });

  it('treats a document holding two postmortems as two sequences', () => {
    assert.deepEqual(findings(goodPostmortem + '\n' + goodPostmortem, 'section-order'), []);
  });
});

describe('empty-section', () => {
  it('reports a profile section with nothing under its title', () => {
    const text = goodPostmortem.replace(/## Root Cause and Resolution\n\n.*\n/, '## Root Cause and Resolution\n\n');
    const [finding, ...rest] = findings(text, 'empty-section');
    assert.equal(rest.length, 0);
    assert.equal(lines(text)[finding.range.start.line], '## Root Cause and Resolution');
  });

  it('does not report sections with content', () => {
    assert.deepEqual(findings(goodPostmortem, 'empty-section'), []);
  });
});

describe('pseudo-heading', () => {
  for (const written of ['**Timeline**', '**Timeline:**', 'Timeline']) {
    it(`turns ${written} into a heading and keeps its words`, () => {
      const text = goodPostmortem.replace('## Timeline', written);
      const [finding, ...rest] = findings(text, 'pseudo-heading');
      assert.equal(rest.length, 0, rest.map((f) => f.message).join('\n'));
      assert.equal(finding.range.start.character, 0);
      assert.equal(finding.range.end.character, written.length);
      const after = fixed(text, finding);
      assertKeepsWords(text, after);
      assert.equal(after, goodPostmortem);
    });
  }

  it('writes the heading at the start of an indented line', () => {
    const text = goodPostmortem.replace('## Timeline', '  **Timeline:**');
    const [finding] = findings(text, 'pseudo-heading');
    assert.equal(finding.range.start.character, 2, 'the underline starts at the title');
    assert.equal(fixed(text, finding), goodPostmortem);
  });

  // Indented four spaces under a paragraph line, '## Root Cause' would still continue the paragraph.
  it('writes the heading at the start of a line that continues a paragraph', () => {
    const text = 'The site was down.\n    Root Cause:\n';
    const [finding] = findings(text, 'pseudo-heading');
    const after = fixed(text, finding);
    assert.equal(after, 'The site was down.\n## Root Cause\n');
    assert.deepEqual(findings(after, 'pseudo-heading'), []);
  });

  it('does not report real headings or bold labels inside a section', () => {
    assert.deepEqual(findings(goodPostmortem, 'pseudo-heading'), []);
  });
});

describe('heading-hash-space', () => {
  it('reports the hashes of "##Timeline" and inserts the space', () => {
    const text = goodPostmortem.replace('## Timeline', '##Timeline');
    const [finding, ...rest] = findings(text, 'heading-hash-space');
    assert.equal(rest.length, 0);
    assert.deepEqual([finding.range.start.character, finding.range.end.character], [0, 2]);
    assert.equal(fixed(text, finding), goodPostmortem);
  });
});
