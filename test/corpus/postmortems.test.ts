// The model against a human reading of every corpus postmortem (postmortems.expectations.json):
// which classic sections a reader sees, and how many timed events the timeline holds.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/postmortem/parse';
import { profiles } from '../../server/src/postmortem/profiles';
import { sharedRoot } from '../corpusPaths';

interface Expectation {
  sections: string[];
  timelineEvents: number;
  note: string;
}

interface DocumentScore {
  file: string;
  expected: Expectation;
  /** Set when buildModel threw. */
  error?: string;
  /** Classic keys of the model's sections, in document order. */
  foundSections: string[];
  /** Timeline entries with a time. */
  foundEvents: number;
  /** Expected (key, occurrence) pairs the model has. */
  sectionHits: number;
  /** Model sections whose key the reader does not list for this document at all. */
  strayKeys: number;
}

const corpusDir = join(sharedRoot, 'corpus', 'postmortems');
const skip = existsSync(corpusDir) ? false : '../shared/corpus/postmortems not found';

/** The expectations list only these; other keys a profile may define are out of this measure. */
const CLASSIC_KEYS = ['summary', 'timeline', 'root-cause', 'corrective'];

function countKeys(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function scoreDocument(file: string, text: string, expected: Expectation): DocumentScore {
  try {
    const model = buildModel(text, profiles.classic);
    const foundSections = model.sections.flatMap((s) => (s.key !== undefined && CLASSIC_KEYS.includes(s.key) ? [s.key] : []));
    const found = countKeys(foundSections);
    // Recall counts occurrences: a document with two root-cause sections needs two.
    let sectionHits = 0;
    for (const [key, count] of countKeys(expected.sections)) sectionHits += Math.min(count, found.get(key) ?? 0);
    // Precision only asks whether the key belongs in the document: a 'Root Cause:' part nested in a
    // 'Root Cause and Resolution' section may be modelled as a subsection, which is not a mistake.
    const strayKeys = foundSections.filter((key) => !expected.sections.includes(key)).length;
    const foundEvents = model.timeline.filter((entry) => entry.timestamp !== undefined).length;
    return { file, expected, foundSections, foundEvents, sectionHits, strayKeys };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { file, expected, error: message, foundSections: [], foundEvents: 0, sectionHits: 0, strayKeys: 0 };
  }
}

interface Figures {
  sectionRecall: number;
  sectionPrecision: number;
  eventRecall: number;
  eventOverCount: number;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function figures(scores: DocumentScore[]): Figures {
  const expectedSections = sum(scores.map((s) => s.expected.sections.length));
  const modelSections = sum(scores.map((s) => s.foundSections.length));
  const expectedEvents = sum(scores.map((s) => s.expected.timelineEvents));
  return {
    sectionRecall: sum(scores.map((s) => s.sectionHits)) / expectedSections,
    sectionPrecision: modelSections === 0 ? 0 : 1 - sum(scores.map((s) => s.strayKeys)) / modelSections,
    eventRecall: sum(scores.map((s) => Math.min(s.foundEvents, s.expected.timelineEvents))) / expectedEvents,
    eventOverCount: sum(scores.map((s) => Math.max(0, s.foundEvents - s.expected.timelineEvents))) / expectedEvents,
  };
}

/** How far a document is from the reading: missed and stray sections, missed and extra events. */
function distance(score: DocumentScore): number {
  return (
    score.expected.sections.length -
    score.sectionHits +
    score.strayKeys +
    Math.abs(score.foundEvents - score.expected.timelineEvents) +
    (score.error ? 100 : 0)
  );
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function report(scores: DocumentScore[], f: Figures): string {
  const lines = [
    `postmortem corpus: ${scores.length} documents`,
    `  section recall     ${percent(f.sectionRecall)}   (need >= 95%)`,
    `  section precision  ${percent(f.sectionPrecision)}   (need >= 90%)`,
    `  event recall       ${percent(f.eventRecall)}   (need >= 95%)`,
    `  event over-count   ${percent(f.eventOverCount)}   (need <= 5%)`,
    '  worst documents:',
  ];
  const worst = [...scores].sort((a, b) => distance(b) - distance(a) || a.file.localeCompare(b.file)).slice(0, 5);
  for (const s of worst.filter((w) => distance(w) > 0)) {
    const what = s.error
      ? `threw ${s.error.split('\n')[0]}`
      : `sections expected [${s.expected.sections.join(', ')}] found [${s.foundSections.join(', ')}]; ` +
        `events ${s.foundEvents}/${s.expected.timelineEvents}`;
    lines.push(`    ${s.file.padEnd(16)} ${what}`);
  }
  return lines.join('\n');
}

describe('postmortem corpus against a human reading', { skip }, () => {
  let expectations: Record<string, Expectation>;
  let scores: DocumentScore[];
  let measured: Figures;

  before(() => {
    const json = JSON.parse(readFileSync(new URL('./postmortems.expectations.json', import.meta.url), 'utf8'));
    expectations = json.documents;
    scores = Object.entries(expectations).map(([file, expected]) =>
      scoreDocument(file, readFileSync(join(corpusDir, file), 'utf8'), expected),
    );
    measured = figures(scores);
    console.log(report(scores, measured));
  });

  it('has an expectation for every corpus document, and no other', () => {
    const documents = readdirSync(corpusDir).filter((name) => name.endsWith('.md')).sort();
    assert.deepEqual(Object.keys(expectations).sort(), documents);
  });

  it('uses keys of the classic profile', () => {
    const keys = profiles.classic.sections.map((s) => s.key);
    for (const key of CLASSIC_KEYS) assert.ok(keys.includes(key), `classic profile has no section "${key}"`);
    const unknown = Object.entries(expectations).flatMap(([file, e]) =>
      e.sections.filter((key) => !CLASSIC_KEYS.includes(key)).map((key) => `${file}: ${key}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('builds a model for every document without throwing', () => {
    const failures = scores.filter((s) => s.error).map((s) => `${s.file}: ${s.error}`);
    assert.deepEqual(failures, []);
  });

  it('finds at least 95% of the sections a reader sees, with at least 90% precision', () => {
    assert.ok(measured.sectionRecall >= 0.95, `section recall ${percent(measured.sectionRecall)}`);
    assert.ok(measured.sectionPrecision >= 0.9, `section precision ${percent(measured.sectionPrecision)}`);
  });

  it('finds at least 95% of the timed timeline events, over-counting at most 5%', () => {
    assert.ok(measured.eventRecall >= 0.95, `event recall ${percent(measured.eventRecall)}`);
    assert.ok(measured.eventOverCount <= 0.05, `event over-count ${percent(measured.eventOverCount)}`);
  });
});
