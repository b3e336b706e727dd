// What the issue summary states: the outage window ('Start: June 19, 2024, 14:00 WAT' / 'End: ...',
// 'from 10:45 to 12:15 SAST', 'started at X ... ended at Y'), its stated length ('Duration: 1 hour
// 41 minutes', '(7.5 hours)'), the impact (share or count of users) and the root cause in brief.
// Without a summary section, the text before the first named section stands in for it.
import { range, type Range } from '../finding';
import type { SourceText } from '../sourceText';
import { firstBlockFrom, type Block } from './blocks';
import { stripMarkup } from './markup';
import type { CalendarDate, Impact, OutageWindow, Section, StatedLength, Timestamp } from './model';
import { normalizeSectionName } from './sectionNames';
import { findDates, findDurations, findTimestamps } from './time';

export interface SummaryReading {
  window?: OutageWindow;
  /** The dates of the window's ends: written on them, or elsewhere on their line ('... UTC on August 19, 2024'). */
  startDate?: CalendarDate;
  endDate?: CalendarDate;
  statedLength?: StatedLength;
  impact?: Impact;
  rootCause?: { text: string; range: Range };
  /** Every timestamp the summary writes, for the document's zone. */
  stamps: Timestamp[];
}

const START_LABEL = /^\W*(?:outage\s+|incident\s+)?(?:start(?:ed|ing)?|began|begin(?:ning)?)\b[^:]{0,24}:/i;
const END_LABEL = /^\W*(?:outage\s+|incident\s+)?(?:end(?:ed|ing)?|resolved|recovered|restored|resolution\s+time)\b[^:]{0,24}:/i;
const IMPACT_LABEL = /^\W*(?:the\s+)?(?:user\s+|customer\s+|business\s+)?impact\b[^:]{0,24}:/i;
const ROOT_CAUSE_LABEL = /^\W*(?:the\s+)?root[\s-]*causes?\b[^:]{0,24}:/i;
/** A line that is only a label ('Resolution:', '**Tasks**:'): the end of the text a label above introduced. */
const BARE_LABEL = /^\W*[\p{L}][\p{L}\p{N} /&'-]{0,40}:\W*$/u;
const CAUSE_WORDS = /\broot[\s-]*cause\b|\bcaused\s+by\b|\bdue\s+to\b/i;
const PERCENT = /(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b)/gi;
const USER_COUNT = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:of\s+)?(?:our|the|its|all)\s+)?(?:active\s+|affected\s+|unique\s+|registered\s+)?(?:users|customers|clients|subscribers|visitors|accounts|people)\b/i;
const AFFECTED = /users?|customers?|clients?|subscribers?|visitors?|traffic|requests|service|accounts|people/i;
/** What follows a percentage that is a share of users: '85% of the user base', '30% of our users'. */
const SHARE_OF = /^\s*(?:of\s+(?:(?:the|our|all|its|their)\s+)?(?:[\p{L}-]+\s+)?)?(?:users?|user\s*base|customers?|clients?|subscribers?|visitors?|traffic|requests|accounts|people)\b/iu;
/** Words that make a duration the outage's length: 'lasted 2 hours', 'for a total of 16 minutes', 'Duration: 30 mins'. */
const LENGTH_CONTEXT = /\b(?:lasted|lasting|lasts|for|duration|total|period|took|spann?ing|spanned|down|outage|downtime)\b\W*(?:[\w.]+\W+){0,3}$/i;

export function readSummary(sections: readonly Section[], blocks: readonly Block[], source: SourceText): SummaryReading {
  const reading: SummaryReading = { stamps: [] };
  const lines = summaryLines(sections, blocks, source);
  const stampsOf = new Map<number, Timestamp[]>();
  for (const line of lines) {
    const raw = source.line(line);
    const stamps = /\d/.test(raw) ? findTimestamps(raw, line) : [];
    stampsOf.set(line, stamps);
    reading.stamps.push(...stamps);
  }
  readWindow(reading, lines, stampsOf, source);
  reading.statedLength = statedLength(lines, source);
  reading.impact = impact(sections, blocks, source, lines);
  reading.rootCause = rootCause(lines, source);
  return reading;
}

/**
 * Text lines of the first summary section and of any unnamed sections after it ('**Root Cause:**'
 * written as a title of its own), or of everything before the first named section.
 */
function summaryLines(sections: readonly Section[], blocks: readonly Block[], source: SourceText): number[] {
  const isSummary = (s: Section) => s.key === 'summary';
  const written = sections.findIndex((s) => isSummary(s) && !s.empty);
  const at = written >= 0 ? written : sections.findIndex(isSummary);
  const nextNamed = sections.find((s, i) => i > at && s.key);
  const last = (nextNamed ? nextNamed.range.start.line : source.lineCount) - 1;
  return textLines(blocks, source, at >= 0 ? sections[at].bodyRange.start.line : 0, last);
}

/**
 * Non-blank lines of prose, lists, tables and HTML between two lines. Fenced code is not the summary's
 * text; indented "code" is, as it is nearly always prose indented by accident.
 */
function textLines(blocks: readonly Block[], source: SourceText, first: number, last: number): number[] {
  const lines: number[] = [];
  for (let i = firstBlockFrom(blocks, first); i < blocks.length && blocks[i].line <= last; i++) {
    const block = blocks[i];
    if (block.kind === 'fence' || block.kind === 'rule') continue;
    for (let n = Math.max(first, block.line); n <= Math.min(last, block.endLine); n++) {
      if (source.line(n).trim()) lines.push(n);
    }
  }
  return lines;
}

function readWindow(reading: SummaryReading, lines: number[], stampsOf: Map<number, Timestamp[]>, source: SourceText): void {
  let start: Timestamp | undefined;
  let end: Timestamp | undefined;
  let pair: [Timestamp, Timestamp] | undefined;
  for (const line of lines) {
    const stamps = stampsOf.get(line)!;
    if (!stamps.length) continue;
    const raw = source.line(line);
    // Markup before a label is no word character, so only HTML needs stripping first.
    const plain = raw.includes('<') ? stripMarkup(raw) : raw;
    if (!start && START_LABEL.test(plain)) start = stamps[0];
    else if (!end && END_LABEL.test(plain)) end = stamps[stamps.length - 1];
    // 'from 10:00 AM to 2:00 PM (GMT)', 'between 13:00:00 and 17:35:08', 'Start ... End ...' in one line.
    if (!pair && stamps.length >= 2) pair = [stamps[0], stamps[1]];
  }
  if (!(start && end) && pair) [start, end] = pair;
  if (!start && !end) return;
  const from = (start ?? end)!;
  const to = (end ?? start)!;
  reading.window = { start, end, range: { start: from.range.start, end: to.range.end } };
  reading.startDate = start && dateOf(start, end, stampsOf, source);
  reading.endDate = end && dateOf(end, start, stampsOf, source);
}

/**
 * The date of a window end: written on it, else on the other end of the same line ('from 08:30 to 10:15
 * UTC on August 19'), else anywhere else on its line ('... UTC, August 19').
 */
function dateOf(stamp: Timestamp, other: Timestamp | undefined, stampsOf: Map<number, Timestamp[]>, source: SourceText): CalendarDate | undefined {
  if (stamp.date) return stamp.date;
  const line = stamp.range.start.line;
  if (other?.date && other.range.start.line === line) return other.date;
  const stamps = stampsOf.get(line) ?? [];
  const loose = findDates(source.line(line)).find((d) => !stamps.some((s) => d.start < s.range.end.character && d.end > s.range.start.character));
  return loose?.date;
}

function statedLength(lines: number[], source: SourceText): StatedLength | undefined {
  for (const line of lines) {
    const raw = source.line(line);
    // Every duration has a unit; most lines have none.
    if (!/hour|hrs?\b|\dh|min|day/i.test(raw)) continue;
    for (const duration of findDurations(raw, line)) {
      const from = duration.range.start.character;
      const to = duration.range.end.character;
      const before = raw.slice(Math.max(0, from - 48), from);
      const after = raw.slice(to, to + 24);
      const stated =
        (/\(\s*(?:approx(?:imately|\.)?\s*|about\s*|~\s*)?$/.test(before) && /^\s*\)/.test(after)) ||
        LENGTH_CONTEXT.test(before) ||
        /^[\s-]*(?:of\s+)?(?:outage|downtime|disruption|interruption|incident)\b/i.test(after);
      if (stated) return { minutes: duration.minutes, raw: duration.raw, range: duration.range };
    }
  }
  return undefined;
}

function impact(sections: readonly Section[], blocks: readonly Block[], source: SourceText, summary: number[]): Impact | undefined {
  const own = sections.find((s) => !s.empty && (s.key === 'impact' || (!s.key && normalizeSectionName(s.title) === 'impact')));
  const ownLines = own && textLines(blocks, source, own.bodyRange.start.line, own.bodyRange.end.line);
  const labelled = labelledText(summary, source, IMPACT_LABEL, /impact/i);
  const span = (own?.key === 'impact' && ownLines?.length ? wholeLines(ownLines, source) : undefined)
    ?? labelled
    ?? sentenceWith(summary, source, (raw) => (raw.includes('%') || /percent/i.test(raw)) && AFFECTED.test(raw), PERCENT)
    ?? (ownLines?.length ? wholeLines(ownLines, source) : undefined);
  if (!span) return undefined;

  const result: Impact = { text: span.text, range: span.range };
  for (let line = span.range.start.line; line <= span.range.end.line; line++) {
    const raw = source.line(line);
    const from = line === span.range.start.line ? span.range.start.character : 0;
    const to = line === span.range.end.line ? span.range.end.character : raw.length;
    const part = raw.slice(from, to);
    const percent = result.percent === undefined && sharePercent(part);
    if (percent) {
      result.percent = Number(percent[1]);
      result.percentRange = range(line, from + percent.index, line, from + percent.index + percent[0].length);
    }
    const users = result.users === undefined && USER_COUNT.exec(part);
    if (users) {
      result.users = Number(users[1].replace(/,/g, ''));
      result.usersRange = range(line, from + users.index, line, from + users.index + users[1].length);
    }
  }
  return result;
}

/** The percentage that is a share of users ('85% of the user base') rather than of something else ('a 100% disruption'). */
function sharePercent(text: string): RegExpExecArray | undefined {
  let first: RegExpExecArray | undefined;
  for (const m of text.matchAll(PERCENT)) {
    first ??= m;
    if (SHARE_OF.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) return m;
  }
  return first;
}

function rootCause(lines: number[], source: SourceText): { text: string; range: Range } | undefined {
  return labelledText(lines, source, ROOT_CAUSE_LABEL, /root[\s-]*causes?/i) ?? sentenceWith(lines, source, (raw) => CAUSE_WORDS.test(raw), CAUSE_WORDS);
}

interface Span {
  text: string;
  range: Range;
}

/**
 * The text a label introduces: the rest of its line ('**Impact:** 30% of users ...'), or else the lines
 * under it up to a blank line or the next label ('**Root Cause**:' then '- The outage was caused by ...').
 */
function labelledText(lines: number[], source: SourceText, label: RegExp, word: RegExp): Span | undefined {
  for (let i = 0; i < lines.length; i++) {
    const raw = source.line(lines[i]);
    const at = word.exec(raw);
    if (!at || !label.test(stripMarkup(raw))) continue;
    const colon = raw.indexOf(':', at.index);
    if (colon < 0) continue;
    const rest = /^(?:\s|\*|_|<\/[^>]*>)*/.exec(raw.slice(colon + 1))![0].length + colon + 1;
    if (stripMarkup(raw.slice(rest))) return spanOf(source, lines[i], rest, [lines[i]]);
    const under: number[] = [];
    for (let j = i + 1; j < lines.length && under.length < 8; j++) {
      const previous = j === i + 1 ? lines[i] : lines[j - 1];
      if (lines[j] > previous + 1 && under.length) break;
      if (BARE_LABEL.test(stripMarkup(source.line(lines[j])))) break;
      under.push(lines[j]);
    }
    if (under.length) return wholeLines(under, source);
  }
  return undefined;
}

/** The sentence of the first line that passes `test`, found around `anchor` (or the line's first sentence). */
function sentenceWith(lines: number[], source: SourceText, test: (raw: string) => boolean, anchor: RegExp = PERCENT): Span | undefined {
  for (const line of lines) {
    const raw = source.line(line);
    if (!test(raw)) continue;
    const at = Math.max(0, raw.search(anchor));
    let from = 0;
    for (const m of raw.slice(0, at).matchAll(/(?<![ap]\.m)[.!?](?:\*\*|__)?\s+/gi)) from = m.index + m[0].length;
    from = Math.max(from, raw.length - raw.replace(/^[\s>*_+-]*(?:\d{1,9}[.)]\s+)?/, '').length);
    const stop = /[.!?](?=\s|$)/g;
    stop.lastIndex = at;
    const end = stop.exec(raw);
    return spanOf(source, line, from, [line], end ? end.index + 1 : raw.length);
  }
  return undefined;
}

function wholeLines(lines: number[], source: SourceText): Span {
  const first = source.line(lines[0]);
  const marker = /^\s*(?:[-+*]|\d{1,9}[.)])?\s*/.exec(first)![0].length;
  return spanOf(source, lines[0], marker, lines);
}

function spanOf(source: SourceText, firstLine: number, from: number, lines: number[], to?: number): Span {
  const lastLine = lines[lines.length - 1];
  const lastRaw = source.line(lastLine);
  let end = to ?? lastRaw.length;
  while (end > 0 && /\s/.test(lastRaw[end - 1])) end--;
  const text = lines
    .map((line, k) => {
      const raw = source.line(line);
      return stripMarkup(raw.slice(k === 0 ? from : 0, line === lastLine ? end : raw.length).replace(k === 0 ? /^$/ : /^\s*(?:[-+*]|\d{1,9}[.)])\s+/, ''));
    })
    .join(' ')
    .trim();
  return { text, range: { start: { line: firstLine, character: from }, end: { line: lastLine, character: Math.max(end, lastLine === firstLine ? from : 0) } } };
}
