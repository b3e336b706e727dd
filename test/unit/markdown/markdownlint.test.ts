import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../../../server/src/finding';
import { keepsUserText, runMarkdownlint } from '../../../server/src/markdown/markdownlint';
import { MarkdownlintConfigs } from '../../../server/src/markdown/markdownlintConfig';
import { applyEdits } from '../../../server/src/textEdits';
import { sharedAvailable, sharedRoot, sharedSkipMessage } from '../../corpusPaths';

function withRule(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.rule.startsWith(`${id}/`));
}

function fixedBy(text: string, finding: Finding): string {
  assert.equal(finding.fixes.length, 1, `${finding.rule} should offer a fix`);
  return applyEdits(text, finding.fixes[0].edits);
}

/** A folder with the given files, removed after the test. */
function folder(t: { after(fn: () => void): void }, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pmkit-mdl-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return root;
}

describe('runMarkdownlint', () => {
  it('reports markdownlint results as findings with rule id/name, 0-based range and warning severity', () => {
    const text = '# Title\n\n### Skipped a level\n';
    const [finding, ...rest] = runMarkdownlint(text, undefined);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'MD001/heading-increment');
    assert.equal(finding.source, 'markdownlint');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.range.start.line, 2);
    assert.match(finding.message, /Heading levels should only increment by one level at a time \[Expected: h2; Actual: h3\]/);
  });

  it('uses the prose default without a user config: long lines and repeated titles in other sections are fine', () => {
    const long = 'word '.repeat(60).trim();
    const text = `# Postmortem\n\n## One\n\n### Timeline\n\n${long}\n\n## Two\n\n### Timeline\n\nMore.\n`;
    assert.deepEqual(runMarkdownlint(text, undefined), []);
  });

  it('honours a user config instead of the default', (t) => {
    const root = folder(t, { '.markdownlint.json': '{ "default": true }' });
    const text = `# Title\n\n${'word '.repeat(30).trim()}\n`;
    const findings = runMarkdownlint(text, path.join(root, 'doc.md'), { configs: new MarkdownlintConfigs() });
    assert.deepEqual(findings.map((f) => f.rule), ['MD013/line-length']);
  });

  it('leaves inline disable comments to markdownlint, unless the config turns them off', (t) => {
    const text = '# Title\n\n<!-- markdownlint-disable MD001 -->\n### Skipped\n';
    assert.deepEqual(runMarkdownlint(text, undefined), []);
    const root = folder(t, { '.markdownlint-cli2.jsonc': '{ "noInlineConfig": true }' });
    const findings = runMarkdownlint(text, path.join(root, 'doc.md'), { configs: new MarkdownlintConfigs() });
    assert.deepEqual(findings.map((f) => f.rule), ['MD001/heading-increment']);
  });

  it('counts front matter lines in positions', () => {
    const text = '---\ntitle: x\n---\n# Title\n\n### Skipped\n';
    const [finding] = runMarkdownlint(text, undefined);
    assert.equal(finding.range.start.line, 5);
  });

  it('turns fixInfo into edits: trailing spaces, extra blank lines, bare URLs', () => {
    const text = '# Title\n\nSome text.   \n\n\n\nSee https://example.com for more.\n';
    const findings = runMarkdownlint(text, undefined);
    assert.equal(fixedBy(text, withRule(findings, 'MD009')[0]), '# Title\n\nSome text.\n\n\n\nSee https://example.com for more.\n');
    const blanks = withRule(findings, 'MD012');
    assert.equal(blanks.length, 2);
    assert.equal(fixedBy(text, blanks[0]), '# Title\n\nSome text.   \n\n\nSee https://example.com for more.\n');
    assert.equal(fixedBy(text, withRule(findings, 'MD034')[0]), '# Title\n\nSome text.   \n\n\n\nSee <https://example.com> for more.\n');
    assert.ok(findings.every((f) => f.fixes.every((fix) => fix.preferred)));
  });

  it('never offers a fix that deletes words or punctuation the user wrote', (t) => {
    const root = folder(t, { '.markdownlint.json': '{ "default": true, "MD004": { "style": "dash" } }' });
    const text = '# Title\n\n## Timeline:\n\n* first\n* second\n';
    const findings = runMarkdownlint(text, path.join(root, 'doc.md'), { configs: new MarkdownlintConfigs() });
    const punctuation = withRule(findings, 'MD026');
    assert.equal(punctuation.length, 1, 'the trailing colon is still reported');
    assert.deepEqual(punctuation[0].fixes, [], 'but removing it is left to the user');
    const bullets = withRule(findings, 'MD004');
    assert.equal(bullets.length, 2);
    assert.equal(fixedBy(text, bullets[0]), '# Title\n\n## Timeline:\n\n- first\n* second\n', 'a marker swap is not a deletion');
  });

  it('inserts line breaks in the document\'s own style', () => {
    const text = '# Title\r\n\r\nText\r\n```\r\ncode\r\n```\r\n';
    const [fence] = withRule(runMarkdownlint(text, undefined), 'MD031');
    assert.equal(fixedBy(text, fence), '# Title\r\n\r\nText\r\n\r\n```\r\ncode\r\n```\r\n');
  });
});

describe('keepsUserText', () => {
  it('accepts removing spaces, rearranging or re-casing text, and swapping Markdown markers', () => {
    assert.ok(keepsUserText('   ', ''));
    assert.ok(keepsUserText('https://x.io', '<https://x.io>'));
    assert.ok(keepsUserText('(text)[url]', '[text](url)'));
    assert.ok(keepsUserText('javascript', 'JavaScript'));
    assert.ok(keepsUserText('*', '-'));
  });

  it('refuses dropping punctuation, digits, words or a marker with nothing in its place', () => {
    assert.ok(!keepsUserText(':', ''));
    assert.ok(!keepsUserText('3', '2'));
    assert.ok(!keepsUserText('[label]: https://x.io', ''));
    assert.ok(!keepsUserText('$ ', ''));
    assert.ok(!keepsUserText('*', ''));
  });
});

describe('markdownlint on the corpus', { skip: sharedAvailable ? false : sharedSkipMessage }, () => {
  const dir = path.join(sharedRoot, 'corpus', 'postmortems');
  const documents = sharedAvailable ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];

  it('offers only fixes that keep every word of the document', () => {
    let checked = 0;
    for (const name of documents) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      for (const finding of runMarkdownlint(text, undefined)) {
        for (const fix of finding.fixes) {
          const words = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).sort().join(' ');
          assert.equal(words(applyEdits(text, fix.edits)), words(text), `${name}: ${finding.rule} line ${finding.range.start.line + 1}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} fixes were offered on the corpus`);
  });
});
