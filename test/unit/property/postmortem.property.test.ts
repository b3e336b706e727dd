// Properties of the postmortem analysis on any text: it never throws, its fixes keep the author's words,
// and "fix all" settles instead of rewriting the document forever.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Finding, Range } from '../../../server/src/finding';
import { preferredEdits } from '../../../server/src/service/fixAll';
import { ruleCatalog } from '../../../server/src/postmortem/rules';
import { analyzePostmortem } from '../../../server/src/service/analyze';
import { defaultSettings } from '../../../server/src/settings';
import { SourceText } from '../../../server/src/sourceText';
import { applyEdits } from '../../../server/src/textEdits';
import { sharedRoot } from '../../corpusPaths';

const corpusDir = join(sharedRoot, 'corpus', 'postmortems');
const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => readFileSync(join(corpusDir, name), 'utf8'))
  : [];
const noCorpus = corpus.length > 0 ? false : '../shared/corpus/postmortems not found';

// --- Inputs -------------------------------------------------------------------------------------

/** Any code points, and any UTF-16 units (an editor buffer can hold a lone surrogate). */
const unicodeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }),
);

/** Pieces of postmortems: titles in every style, times valid and not, zones, lengths, lists, tables, fences. */
const TOKENS = [
  '# ', '## ', '### ', '#', '**', '*', '__', '- ', '* ', '+ ', '1. ', '- [ ] ', '> ', '    ', '\t', ' ', '|',
  '| Time | Description |', '| --- | --- |', '```', '```puppet', '~~~', '<h3>', '</h3>', '---', '***',
  'Issue Summary', 'Timeline', '**Timeline**', '**Timeline:**', 'Root Cause and Resolution', 'Root Cause:', 'Resolution',
  'Corrective and Preventative Measures', 'Summary:', 'Impact:', 'Duration:', 'Start Time:', 'End Time:',
  '2:00 PM', '14:05', '13:06 PM', '00:30 AM', '25:00', '9:30am', '12:00 pm', '10:15', '23:59', '0:05', '2100hrs',
  'WAT', 'UTC', 'GMT+1', '(UTC-5)', 'PST', 'May 10, 2024', '2024-06-19', '10/13/2023', 'midnight',
  '2 hours and 45 minutes', '90 minutes', '1h', 'approximately', '30% of users', '100 percent', '340,000 users',
  ': ', ' - ', ' — ', 'from ', ' to ', 'the outage began', 'fixed', 'Tasks:', 'patch nginx',
  "file { '/tmp/x': ensure => present }", '{', '}', 'class foo {', '🚨', 'é', '\u200b', '\ud800',
];

const token = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) });
const lineBreak = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const markdownSoup = fc
  .array(fc.tuple(fc.array(token, { maxLength: 6 }), lineBreak), { maxLength: 40 })
  .map((lines) => lines.map(([tokens, eol]) => tokens.join('') + eol).join(''));

type Mutation =
  | { kind: 'delete-line' | 'duplicate-line' | 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'crlf' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 3 })) }),
  fc.constant({ kind: 'crlf' as const }),
);

/** Lines with their own terminators, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function mutate(text: string, m: Mutation): string {
  const lines = splitLines(text);
  switch (m.kind) {
    case 'delete-line':
      return lines.filter((_, i) => i !== m.at % Math.max(1, lines.length)).join('');
    case 'duplicate-line': {
      const i = m.at % Math.max(1, lines.length);
      return [...lines.slice(0, i + 1), ...lines.slice(i)].join('');
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
  }
}

const mutatedCorpus = fc
  .tuple(fc.constantFrom(...(corpus.length > 0 ? corpus : [''])), fc.array(mutation, { maxLength: 6 }))
  .map(([text, mutations]) => mutations.reduce(mutate, text));

/** Inputs that reach the rules and their fixes: soup, and real documents with damage. */
const postmortemText = corpus.length > 0 ? fc.oneof(markdownSoup, mutatedCorpus) : markdownSoup;

// --- Helpers ------------------------------------------------------------------------------------

function assertInside(source: SourceText, r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    const inside = p.line >= 0 && p.line < source.lineCount && p.character >= 0 && p.character <= source.line(p.line).length;
    assert.ok(inside, `${what}: position ${p.line}:${p.character} is outside the document`);
  }
  assert.ok(source.offsetAt(r.start) <= source.offsetAt(r.end), `${what}: range ends before it starts`);
}

/**
 * Words without markup ('**Timeline:**' and '## Timeline' hold the same word). Letters and digits are
 * separate words, so a corrected hour in '一13:06' replaces the word '13' and leaves '一' alone.
 */
function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.match(/[\p{L}\p{M}]+|\p{N}+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function subtract(from: Map<string, number>, what: Map<string, number>): Map<string, number> {
  const rest = new Map(from);
  for (const [word, count] of what) rest.set(word, (rest.get(word) ?? 0) - count);
  return rest;
}

/** Words of `needed` that `have` has fewer of. */
function lostWords(needed: Map<string, number>, have: Map<string, number>): string[] {
  return [...needed].filter(([word, count]) => count > (have.get(word) ?? 0)).map(([word]) => word);
}

/**
 * Fixes that correct a stated value replace the author's text on purpose ('13:06 PM' → '1:06 PM', a wrong
 * outage length → the computed one). They must still keep every word outside what they replace.
 */
const VALUE_CORRECTIONS = ['invalid-time', 'duration-mismatch'];
const correctionIds = new Set(ruleCatalog.filter((meta) => VALUE_CORRECTIONS.includes(meta.name)).map((meta) => meta.id));

/** The editor's "Fix all" (source.fixAll): one pass of the preferred edits that fit together. */
function fixAllOnce(text: string): { text: string; findings: Finding[] } {
  const { findings } = analyzePostmortem(text, defaultSettings);
  return { text: applyEdits(text, preferredEdits(findings)), findings };
}

// --- Properties ---------------------------------------------------------------------------------

describe('postmortem analysis on arbitrary text', () => {
  const analyzesCleanly = (text: string) => {
    const { source, findings } = analyzePostmortem(text, defaultSettings);
    for (const finding of findings) {
      assertInside(source, finding.range, `${finding.rule} range`);
      for (const fix of finding.fixes) for (const edit of fix.edits) assertInside(source, edit.range, `${finding.rule} fix "${fix.title}"`);
    }
  };

  it('never throws on arbitrary unicode, and reports ranges inside the document', () => {
    fc.assert(fc.property(unicodeText, analyzesCleanly), { numRuns: 300 });
  });

  it('never throws on markdown-ish token soup', () => {
    fc.assert(fc.property(markdownSoup, analyzesCleanly), { numRuns: 300 });
  });

  it('never throws on corpus documents with lines deleted, duplicated, truncated or characters inserted', { skip: noCorpus }, () => {
    fc.assert(fc.property(mutatedCorpus, analyzesCleanly), { numRuns: 150, examples: corpus.map((text) => [text]) });
  });
});

describe('postmortem fixes', () => {
  it('knows the rules whose fixes correct a value', () => {
    assert.equal(correctionIds.size, VALUE_CORRECTIONS.length, `rule catalog lacks one of ${VALUE_CORRECTIONS.join(', ')}`);
  });

  it('keep every word of the document (value corrections: every word outside what they replace)', () => {
    fc.assert(
      fc.property(postmortemText, (text) => {
        const { source, findings } = analyzePostmortem(text, defaultSettings);
        const original = words(text);
        for (const finding of findings) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(text, fix.edits);
            const replaced = fix.edits.map((edit) => words(source.slice(edit.range)));
            const needed = correctionIds.has(finding.rule) ? replaced.reduce(subtract, original) : original;
            const lost = lostWords(needed, words(fixed));
            assert.deepEqual(lost, [], `${finding.rule} fix "${fix.title}" lost words`);
          }
        }
      }),
      { numRuns: 150, examples: corpus.map((text) => [text]) },
    );
  });

  // One pass cannot be the fixpoint: fixes that overlap wait for the next pass (an editor applies only
  // non-overlapping edits at once), and some fixes wait for another's result (the timeline sort until
  // missing-time-zone has added the zones; a missing section until the unclosed fence above its place is closed).
  // A second pass settles both; if a third still changes the text, fixes undo or feed each other.
  it('"fix all" reaches a fixpoint after at most two passes', () => {
    fc.assert(
      fc.property(postmortemText, (text) => {
        const second = fixAllOnce(fixAllOnce(text).text).text;
        const third = fixAllOnce(second);
        const pending = third.findings.filter((f) => f.fixes.some((fix) => fix.preferred)).map((f) => `${f.rule} ${f.message}`);
        // assert.ok, not equal: fast-check already prints the document, a diff of it twice is noise.
        assert.ok(third.text === second, `a third pass still changes the text; fixes offered: ${pending.join('; ')}`);
      }),
      { numRuns: 100, examples: corpus.map((text) => [text]) },
    );
  });
});
