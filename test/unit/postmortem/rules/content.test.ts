import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findings, goodPostmortem, lines } from './lint';

describe('summary-without-root-cause', () => {
  it('reports a summary that never says what caused the outage', () => {
    const text = goodPostmortem.replace(/\*\*Root Cause\*\*: .*\n/, '');
    const [finding, ...rest] = findings(text, 'summary-without-root-cause');
    assert.equal(rest.length, 0);
    assert.equal(lines(text)[finding.range.start.line], '## Issue Summary');
  });

  it('accepts a cause stated in a sentence', () => {
    const text = goodPostmortem.replace(/\*\*Root Cause\*\*: .*\n/, 'The outage was caused by a package upgrade.\n');
    assert.deepEqual(findings(text, 'summary-without-root-cause'), []);
  });
});

describe('measures-without-action-items', () => {
  it('reports measures written as prose with no item to act on', () => {
    const text = goodPostmortem.replace(/- \[ \] .*\n- \[ \] .*\n/, 'We will be more careful next time.\n');
    const [finding, ...rest] = findings(text, 'measures-without-action-items');
    assert.equal(rest.length, 0);
    assert.equal(lines(text)[finding.range.start.line], '## Corrective and Preventative Measures');
  });

  it('accepts a list of tasks', () => {
    assert.deepEqual(findings(goodPostmortem, 'measures-without-action-items'), []);
  });
});
