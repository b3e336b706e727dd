// Shared by the rule tests: lint a text through the language service, apply a finding's fix, compare words.
import assert from 'node:assert/strict';
import type { Finding } from '../../../../server/src/finding';
import { ruleCatalog } from '../../../../server/src/postmortem/rules';
import { analyzePostmortem } from '../../../../server/src/service/analyze';
import { defaultSettings, type RuleSeverities } from '../../../../server/src/settings';
import { applyEdits } from '../../../../server/src/textEdits';

export function lint(text: string, rules: RuleSeverities = {}): Finding[] {
  return analyzePostmortem(text, { ...defaultSettings, rules }).findings.filter((f) => f.source === 'postmortem');
}

/** Findings of one rule, named as in the catalog. */
export function findings(text: string, name: string, rules: RuleSeverities = {}): Finding[] {
  const meta = ruleCatalog.find((m) => m.name === name);
  assert.ok(meta, `no rule named ${name}`);
  return lint(text, rules).filter((f) => f.rule === meta.id);
}

/** The text after applying the finding's first fix (the one editors prefer). */
export function fixed(text: string, finding: Finding): string {
  assert.ok(finding.fixes.length > 0, `finding has no fix: ${finding.message}`);
  return applyEdits(text, finding.fixes[0].edits);
}

const NUMBER = /^(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|an?|days?|hours?|minutes?|mins?|hrs?|h|m)$/i;

/**
 * A fix may move or add words but never lose one. Fixes that correct a value (a time, a length) replace its
 * numbers: `numbersMayChange` lets those, and their units, differ.
 */
export function assertKeepsWords(before: string, after: string, { numbersMayChange = false } = {}): void {
  const count = (text: string) => {
    const counts = new Map<string, number>();
    for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (!(numbersMayChange && NUMBER.test(word))) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return counts;
  };
  const kept = count(after);
  for (const [word, n] of count(before)) assert.ok((kept.get(word) ?? 0) >= n, `the fix lost "${word}"`);
}

/** Lines, for readable assertions on where a fix put things. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** A postmortem every rule is happy with; tests break one thing at a time. */
export const goodPostmortem = `# Postmortem: Checkout outage on March 3, 2025

## Issue Summary

**Duration of Outage**: 1 hour 15 minutes
- **Start**: March 3, 2025, 23:10 WAT
- **End**: March 4, 2025, 00:25 WAT

**Impact**: The checkout API returned HTTP 502 errors; about 65% of users could not pay.

**Root Cause**: A package upgrade removed the php-curl module that the payment backend needs.

## Timeline

- **23:10 WAT**: Monitoring alert fired on the checkout error rate.
- **23:14 WAT**: The on-call engineer acknowledged the page.
- **23:55 WAT**: Escalated to the platform team.
- **00:15 WAT**: php-curl reinstalled and Apache restarted.
- **00:25 WAT**: Error rate back to normal; incident closed.

## Root Cause and Resolution

The nightly upgrade job removed php-curl. We reinstalled it and restarted Apache.

## Corrective and Preventative Measures

- [ ] Manage every PHP module with Puppet.
- [ ] Alert on PHP fatal errors in the Apache log.
`;
