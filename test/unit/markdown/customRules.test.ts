import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Configuration, LintError } from 'markdownlint';
import { applyFixes } from 'markdownlint';
import { lint } from 'markdownlint/sync';
import { customRules } from '../../../server/src/markdown/customRules';
import { ruleCatalog } from '../../../server/src/postmortem/rules';
import { analyzePostmortem } from '../../../server/src/service/analyze';
import { defaultSettings } from '../../../server/src/settings';
import { checkoutPostmortem as postmortem, withoutTimeline } from '../checkoutPostmortem';

/** Only our rules, as a markdownlint host runs them. */
function lintWithRules(text: string, config: Configuration = {}): LintError[] {
  const results = lint({
    strings: { doc: text },
    config: { default: false, postmortem: true, ...config },
    customRules,
    markdownItFactory: () => new MarkdownIt({ html: true }),
  });
  return results.doc;
}

const names = (errors: LintError[]) => errors.map((e) => e.ruleNames.join('/'));

describe('customRules', () => {
  it('is one markdownlint rule per postmortem rule, tagged postmortem, documented', () => {
    assert.deepEqual(
      customRules.map((r) => r.names),
      ruleCatalog.map((meta) => [meta.id, meta.name]),
    );
    for (const rule of customRules) {
      assert.deepEqual(rule.tags, ['postmortem']);
      assert.equal(rule.parser, 'markdownit');
      assert.match(String(rule.information), new RegExp(`rules\\.md#${rule.names[0].toLowerCase()}-${rule.names[1]}$`));
    }
  });

  it('reports what the language service reports, at the same lines', () => {
    const text = withoutTimeline.replace('## Root Cause and Resolution', '**Root Cause and Resolution**');
    const service = analyzePostmortem(text, defaultSettings).findings;
    const errors = lintWithRules(text);
    assert.ok(service.length >= 2);
    // markdownlint lists results rule by rule; the service in document order.
    const key = (rule: string, line: number) => `${rule}@${String(line).padStart(4, '0')}`;
    assert.deepEqual(
      errors.map((e) => key(e.ruleNames[0], e.lineNumber)).sort(),
      service.map((f) => key(f.rule, f.range.start.line + 1)).sort(),
    );
  });

  it("fixes a missing section with markdownlint's own applyFixes", () => {
    const errors = lintWithRules(withoutTimeline, { 'missing-section': true, postmortem: false });
    assert.deepEqual(names(errors), ['PM001/missing-section']);
    assert.match(errors[0].errorDetail ?? '', /Missing required section "Timeline"/);
    assert.ok(errors[0].fixInfo);
    const fixed = applyFixes(withoutTimeline, errors);
    assert.match(fixed, /## Issue Summary[\s\S]*\n## Timeline\n[\s\S]*## Root Cause and Resolution/);
    assert.deepEqual(lintWithRules(fixed, { 'missing-section': true, postmortem: false }), []);
  });

  it('leaves fixes that move text (sorting a timeline) to pmkit and the extension', () => {
    const swapped = postmortem.replace(
      '- 14:20 WAT: The on-call engineer found the expired certificate.\n- 15:00 WAT: A renewed certificate was deployed and checkout recovered.',
      '- 15:00 WAT: A renewed certificate was deployed and checkout recovered.\n- 14:20 WAT: The on-call engineer found the expired certificate.',
    );
    const order = lintWithRules(swapped).filter((e) => e.ruleNames[1] === 'timeline-order');
    assert.equal(order.length, 1);
    assert.equal(order[0].fixInfo, null);
  });

  it('counts lines after front matter, as markdownlint does', () => {
    const errors = lintWithRules(`---\nauthor: me\n---\n${withoutTimeline}`);
    assert.equal(errors[0].lineNumber, withoutTimeline.split('\n').indexOf('## Root Cause and Resolution') + 4);
  });

  it('is configured like any markdownlint rule: by tag, by name, by inline comment', () => {
    assert.deepEqual(lintWithRules(withoutTimeline, { postmortem: false }), []);
    assert.deepEqual(lintWithRules(withoutTimeline, { 'missing-section': false }), []);
    assert.deepEqual(lintWithRules(`<!-- markdownlint-disable PM001 -->\n${withoutTimeline}`), []);
  });

  it('takes the profile from its config, for the whole tag at once', () => {
    const sre = lintWithRules(postmortem, { postmortem: { profile: 'google-sre' } });
    assert.ok(names(sre).includes('PM001/missing-section'), 'the Google SRE profile wants other sections');
    assert.deepEqual(lintWithRules(postmortem, { postmortem: { profile: 'classic' } }), []);
  });
});
