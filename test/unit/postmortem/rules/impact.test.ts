import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findings, goodPostmortem, lines } from './lint';

describe('impact-without-users', () => {
  it('reports an impact that does not say how many users were hit', () => {
    const text = goodPostmortem.replace('about 65% of users could not pay', 'customers could not pay');
    const [finding, ...rest] = findings(text, 'impact-without-users');
    assert.equal(rest.length, 0);
    assert.match(lines(text)[finding.range.start.line], /^\*\*Impact\*\*/);
    assert.match(finding.message, /30% of users/);
  });

  for (const share of ['about 65% of users could not pay', 'all users could not pay', 'about 1,200 users could not pay']) {
    it(`accepts "${share}"`, () => {
      const text = goodPostmortem.replace('about 65% of users could not pay', share);
      assert.deepEqual(findings(text, 'impact-without-users'), []);
    });
  }

  it('reads a share from the summary when no line is labelled Impact', () => {
    const text = goodPostmortem.replace(/\*\*Impact\*\*: .*\n/, 'The checkout API failed for all users.\n');
    assert.deepEqual(findings(text, 'impact-without-users'), []);
    const vague = goodPostmortem.replace(/\*\*Impact\*\*: .*\n/, 'The checkout API failed.\n');
    assert.equal(lines(vague)[findings(vague, 'impact-without-users')[0].range.start.line], '## Issue Summary');
  });
});

describe('impact-percent-over-100', () => {
  it('reports a share over 100% on the number', () => {
    const text = goodPostmortem.replace('about 65%', 'about 165%');
    const [finding, ...rest] = findings(text, 'impact-percent-over-100');
    assert.equal(rest.length, 0);
    assert.match(lines(text)[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character), /^165\s?%$/);
    assert.match(finding.message, /165%/);
  });

  it('accepts 100%', () => {
    assert.deepEqual(findings(goodPostmortem.replace('about 65%', 'about 100%'), 'impact-percent-over-100'), []);
  });
});
