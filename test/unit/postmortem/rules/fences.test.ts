import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedRoot, sharedSkipMessage } from '../../../corpusPaths';
import { assertKeepsWords, findings, fixed, goodPostmortem, lines, lint } from './lint';

const seedPath = join(sharedRoot, 'corpus', 'postmortems', 'seed-example.md');

describe('unterminated-fence', () => {
  it('closes a top-level fence after its last line of code, not after the trailing blank lines', () => {
    const text = goodPostmortem + '\n```puppet\npackage { \'php-curl\': ensure => installed }\n\n\n';
    const [finding, ...rest] = findings(text, 'unterminated-fence');
    assert.equal(rest.length, 0);
    assert.equal(lines(text)[finding.range.start.line], '```puppet');
    assert.deepEqual([finding.range.start.character, finding.range.end.character], [0, 9]);
    const after = fixed(text, finding);
    assert.ok(after.endsWith("package { 'php-curl': ensure => installed }\n```\n\n\n"), after);
    assert.deepEqual(findings(after, 'unterminated-fence'), []);
  });

  it('closes a fence inside a blockquote with the same quote marker', () => {
    const text = 'Notes:\n\n> ~~~pp\n> notify { "hi": }\n';
    const after = fixed(text, findings(text, 'unterminated-fence')[0]);
    assert.equal(after, 'Notes:\n\n> ~~~pp\n> notify { "hi": }\n> ~~~\n');
  });

  it('is quiet on closed fences', () => {
    assert.deepEqual(findings(goodPostmortem + '\n```pp\nnotify { "hi": }\n```\n', 'unterminated-fence'), []);
  });

  it('closes the seed document\'s list-item fences where markdown-it ends them', { skip: !existsSync(seedPath) && sharedSkipMessage }, () => {
    const seed = readFileSync(seedPath, 'utf8');
    const fences = findings(seed, 'unterminated-fence');
    assert.deepEqual(fences.map((f) => lines(seed)[f.range.start.line]), ['   ```puppet', '   ```puppet']);
    for (const finding of fences) {
      const after = fixed(seed, finding);
      assertKeepsWords(seed, after);
      const out = lines(after);
      const closing = out.indexOf('   ```', finding.range.start.line + 1);
      assert.equal(out[closing - 1], '   }');
      assert.equal(out[closing - 2], "     subscribe => Package['php-missing-module'],");
      assert.equal(findings(after, 'unterminated-fence').length, 1);
    }
  });

  it('finds nothing else in the seed document\'s first postmortem', { skip: !existsSync(seedPath) && sharedSkipMessage }, () => {
    const seed = readFileSync(seedPath, 'utf8');
    const firstPostmortem = seed.slice(0, seed.indexOf('# Make people want to read your postmortem'));
    assert.deepEqual(
      lint(firstPostmortem).map((f) => `${f.rule} ${f.message}`),
      [`PM018 Code fence "\`\`\`puppet" is never closed; expected a closing "\`\`\`" after its last line of code (line 58).`],
    );
  });
});
