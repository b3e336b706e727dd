// Every rule over every real postmortem: ranges inside the text, fixes that apply, keep every word,
// and remove what they fix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCatalog } from '../../../../server/src/postmortem/rules';
import { SourceText } from '../../../../server/src/sourceText';
import { applyEdits } from '../../../../server/src/textEdits';
import { sharedRoot, sharedSkipMessage } from '../../../corpusPaths';
import { assertKeepsWords, lint } from './lint';

/** Rules whose fix corrects a value: the numbers of a time or a length change, nothing else. */
const VALUE_FIXES = new Set(ruleCatalog.filter((r) => r.name === 'invalid-time' || r.name === 'duration-mismatch').map((r) => r.id));

const corpusDir = join(sharedRoot, 'corpus', 'postmortems');
const files = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.md')).sort() : [];

describe('postmortem rules on the corpus', { skip: files.length === 0 && sharedSkipMessage }, () => {
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(corpusDir, file), 'utf8');
      const source = new SourceText(text);
      const found = lint(text);
      for (const finding of found) {
        const { start, end } = finding.range;
        assert.ok(start.line < source.lineCount && end.line < source.lineCount, `${finding.rule} range past the end`);
        assert.ok(end.character <= source.line(end.line).length, `${finding.rule} range past its line`);
        for (const fix of finding.fixes) {
          const after = applyEdits(text, fix.edits);
          assertKeepsWords(text, after, { numbersMayChange: VALUE_FIXES.has(finding.rule) });
          const before = found.filter((f) => f.rule === finding.rule).length;
          const remaining = lint(after).filter((f) => f.rule === finding.rule).length;
          assert.ok(remaining < before, `${finding.rule} "${fix.title}" at line ${start.line + 1} did not remove its finding`);
        }
      }
    });
  }
});
