import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ruleCatalog } from '../../../../server/src/postmortem/rules';
import { findings, goodPostmortem, lint } from './lint';

describe('rule catalog', () => {
  it('has unique stable ids and kebab-case names', () => {
    assert.equal(new Set(ruleCatalog.map((r) => r.id)).size, ruleCatalog.length);
    assert.equal(new Set(ruleCatalog.map((r) => r.name)).size, ruleCatalog.length);
    for (const rule of ruleCatalog) {
      assert.match(rule.id, /^PM\d{3}$/);
      assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(rule.description.length > 0 && !rule.description.includes('\n'));
    }
  });

  it('documents every rule in docs/rules.md with its id, name, severity and fix', () => {
    const docs = readFileSync(new URL('../../../../docs/rules.md', import.meta.url), 'utf8');
    for (const rule of ruleCatalog) {
      const entry = new RegExp(`^### ${rule.id} ${rule.name}\\n([\\s\\S]*?)(?=^### |(?![\\s\\S]))`, 'm').exec(docs);
      assert.ok(entry, `docs/rules.md has no "### ${rule.id} ${rule.name}" entry`);
      assert.match(entry[1], new RegExp(`Default severity: \`${rule.defaultSeverity}\``), rule.id);
      assert.match(entry[1], rule.fixable ? /\*\*Fix:\*\* (?!none)/ : /\*\*Fix:\*\* none/, rule.id);
    }
  });
});

describe('lintPostmortem', () => {
  it('finds nothing in a good postmortem', () => {
    assert.deepEqual(lint(goodPostmortem).map((f) => f.message), []);
  });

  const bad = goodPostmortem.replace('**23:55 WAT**', '**23:55**');

  it('applies a severity override keyed by id or by name', () => {
    assert.equal(findings(bad, 'missing-time-zone')[0].severity, 'warning');
    assert.equal(findings(bad, 'missing-time-zone', { PM010: 'error' })[0].severity, 'error');
    assert.equal(findings(bad, 'missing-time-zone', { 'missing-time-zone': 'hint' })[0].severity, 'hint');
  });

  it('turns a rule off', () => {
    assert.deepEqual(findings(bad, 'missing-time-zone', { 'missing-time-zone': 'off' }), []);
    assert.deepEqual(findings(bad, 'missing-time-zone', { pm010: 'off' }), []);
  });

  it('caps a milder case of a rule below the configured severity, never above it', () => {
    const trigger = goodPostmortem.replace('- **23:10 WAT**', '- **22:55 WAT**: Release 4.2 deployed.\n- **23:10 WAT**');
    assert.equal(findings(trigger, 'event-outside-window', { 'event-outside-window': 'error' })[0].severity, 'info');
    assert.equal(findings(trigger, 'event-outside-window', { 'event-outside-window': 'hint' })[0].severity, 'hint');
  });
});
