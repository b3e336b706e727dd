// Rules about the timeline: every entry has a valid time, in order, inside the outage, in one time zone.
import { range, type Range, type TextEdit } from '../../finding';
import type { SourceText } from '../../sourceText';
import type { CalendarDate, Timestamp, TimelineEntry, TimeZone } from '../model';
import { formatGap } from './duration';
import { insertAt, insideWord, lineBreak } from './edits';
import type { Rule } from './rule';
import { timelines, type Timeline } from './scope';

type StampedEntry = TimelineEntry & { timestamp: Timestamp };
/** An entry with a valid time: what order and window rules reason about. */
type TimedEntry = StampedEntry & { minutes: number };

function hasTimestamp(entry: TimelineEntry): entry is StampedEntry {
  return entry.timestamp !== undefined;
}

function isTimed(entry: TimelineEntry): entry is TimedEntry {
  return entry.timestamp !== undefined && entry.minutes !== undefined;
}

function lineNo(r: Range): number {
  return r.start.line + 1;
}

/**
 * Lines without a time that are not events: an introduction ("All times are UTC:", "Here is what happened."),
 * a date that heads the events below it or gives a day-level event, or a closing remark after the last event.
 */
function isNarration(entry: TimelineEntry, timeline: Timeline): boolean {
  const stamped = timeline.entries.filter((e) => e.timestamp);
  const beforeFirst = stamped.length === 0 || entry.range.start.line < stamped[0].range.start.line;
  const afterLast = stamped.length > 0 && entry.range.start.line > stamped[stamped.length - 1].range.start.line;
  const text = entry.text.trim();
  if (text === '' || /:\s*$/.test(text) || DATE_FIRST.test(text)) return true;
  return entry.layout === 'plain' && (beforeFirst || afterLast);
}

/** 'August 15, 2024', '15/08 - the issue was detected', '2019-10-21 (all times UTC)', 'Day 2:'. */
const DATE_FIRST =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{4}-\d{2}-\d{2}\b|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b|day\s+\d+\b)/i;

/** First line of an entry, without indentation or a trailing blank: a range the editor can underline sensibly. */
function firstLine(source: SourceText, entry: TimelineEntry): Range {
  const line = entry.range.start.line;
  const text = source.line(line);
  const start = Math.max(entry.range.start.character, text.length - text.trimStart().length);
  return range(line, start, line, text.trimEnd().length);
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40).trimEnd()}…` : text;
}

const entryWithoutTime: Rule = {
  meta: {
    id: 'PM006',
    name: 'timeline-entry-without-time',
    description: 'A timeline entry has no time that can be read.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ model, source, report }) {
    for (const timeline of timelines(model)) {
      const untimed = timeline.entries.filter((e) => !e.timestamp && !isNarration(e, timeline));
      if (untimed.length === 0) continue;
      const stamped = timeline.entries.filter((e) => e.timestamp).length;
      if (untimed.length > stamped && timeline.section) {
        // A timeline told by phase ("Detection:", "Escalation:") rather than by time: one finding, not one per line.
        report({
          range: timeline.section.range,
          message: `${untimed.length} of ${untimed.length + stamped} timeline entries have no time; start each event with its time, such as "14:05 UTC".`,
          related: untimed.map((e) => ({ range: firstLine(source, e), message: `no time: "${excerpt(e.text)}"` })),
        });
        continue;
      }
      for (const entry of untimed) {
        report({
          range: firstLine(source, entry),
          message: `Timeline entry "${excerpt(entry.text)}" has no time; expected one at its start, such as "14:05" or "2:05 PM".`,
        });
      }
    }
  },
};

/** Where the clock part ('2:05 PM', '14:05:30', '6PM') sits inside a timestamp that may also hold a date and zone. */
interface ClockSpan {
  /** Offsets in the source. */
  start: number;
  end: number;
  hourEnd: number;
}

/** A clock, not the tail of a longer number: no digit of any script, colon or dot right before it. */
const CLOCK = /(?<![\p{N}:.])(\d{1,2})(?:(?:[:.hH])(\d{2})(?::\d{2})?(?:\s*[aApP]\.?[mM]\b\.?)?|\s*[aApP]\.?[mM]\b\.?)/gu;

function clockSpan(source: SourceText, timestamp: Timestamp): ClockSpan | undefined {
  // Searched in the document, from the timestamp's start, so the look-behind sees the text before it ('٣13:06').
  const clocks = new RegExp(CLOCK);
  clocks.lastIndex = source.offsetAt(timestamp.range.start);
  const text = source.text.slice(0, source.offsetAt(timestamp.range.end));
  const { hour, minute } = timestamp.time;
  for (let match = clocks.exec(text); match; match = clocks.exec(text)) {
    const written = Number(match[1]);
    // The model keeps an invalid hour as written and converts a valid 12-hour one: '2:05 PM' is hour 14.
    if ((written === hour || written % 12 === hour % 12) && Number(match[2] ?? 0) === minute) {
      return { start: match.index, end: match.index + match[0].length, hourEnd: match.index + match[1].length };
    }
  }
  return undefined;
}

/** '13:06 PM' → '1:06 PM', '0:30 PM' → '12:30 PM': the hour a 12-hour clock writes, when the intent is clear. */
function twelveHourRepair(source: SourceText, timestamp: Timestamp): { edit: TextEdit; written: string } | undefined {
  const { hour, meridiem } = timestamp.time;
  const replacement = meridiem !== 'pm' ? undefined : hour > 12 && hour < 24 ? hour - 12 : hour === 0 ? 12 : undefined;
  const clock = replacement === undefined ? undefined : clockSpan(source, timestamp);
  if (!clock) return undefined;
  const written = String(replacement) + source.text.slice(clock.hourEnd, clock.end);
  return { edit: { range: { start: source.positionAt(clock.start), end: source.positionAt(clock.hourEnd) }, newText: String(replacement) }, written };
}

function invalidTimeMessage(timestamp: Timestamp): string {
  const { hour, minute, meridiem } = timestamp.time;
  const what = `"${timestamp.raw}" is not a valid time`;
  if (hour > 23) return `${what}: the hour is ${hour}, expected 0 to 23.`;
  if (minute > 59) return `${what}: the minute is ${minute}, expected 0 to 59.`;
  if (meridiem && hour > 12) {
    return `${what}: ${hour} is past 12, so it cannot take "${meridiem.toUpperCase()}". Write it as 24-hour time or as ${hour - 12}:${String(minute).padStart(2, '0')} PM.`;
  }
  if (meridiem === 'pm' && hour === 0) return `${what}: a 12-hour clock has no hour 0 after noon; write 12:${String(minute).padStart(2, '0')} PM.`;
  return `${what}.`;
}

const invalidTime: Rule = {
  meta: {
    id: 'PM007',
    name: 'invalid-time',
    description: "A time does not exist, such as '13:06 PM' or '25:00'.",
    defaultSeverity: 'error',
    fixable: true,
  },
  check({ model, source, report }) {
    const stamps = [model.window?.start, model.window?.end, ...model.timeline.map((e) => e.timestamp)];
    for (const timestamp of stamps) {
      if (!timestamp || timestamp.time.valid) continue;
      const repair = twelveHourRepair(source, timestamp);
      report({
        range: timestamp.range,
        message: invalidTimeMessage(timestamp),
        // Not preferred: the author may have meant the hour and added the wrong AM/PM, so "fix all" leaves it to them.
        fixes: repair ? [{ title: `Change to "${repair.written}"`, edits: [repair.edit] }] : [],
      });
    }
  },
};

/** The lines an entry owns: from its first line to the last non-blank line before the next entry. */
interface EntryBlock {
  first: number;
  last: number;
  minutes: number;
  /** The date written on the entry itself. */
  date?: CalendarDate;
}

/**
 * The date each block's day is read from, in this order: its own, else the one of the nearest dated entry above
 * it (as the model reads an undated time), else none. Keyed by block, as text ('2023-11-10').
 */
function readDates(order: readonly EntryBlock[]): Map<EntryBlock, string | undefined> {
  const dates = new Map<EntryBlock, string | undefined>();
  let above: string | undefined;
  for (const block of order) {
    if (block.date) above = `${block.date.year ?? ''}-${block.date.month}-${block.date.day}`;
    dates.set(block, above);
  }
  return dates;
}

/**
 * Reorders whole entries by time, keeping untimed notes with the event before them and the blank lines
 * where they were. Returns undefined when entries share lines or sit at different depths, or when an undated
 * time would move under another date (nothing can move safely).
 */
function sortTimeline(source: SourceText, timeline: Timeline): TextEdit | undefined {
  const entries = timeline.entries;
  const firstTimed = entries.findIndex(isTimed);
  const blocks: EntryBlock[] = [];
  for (let i = firstTimed; i < entries.length; i++) {
    const entry = entries[i];
    const next = entries[i + 1];
    let last = next ? next.range.start.line - 1 : lastLineOf(entry.range);
    while (last > entry.range.start.line && source.line(last).trim() === '') last--;
    if (isTimed(entry)) blocks.push({ first: entry.range.start.line, last, minutes: entry.minutes, date: entry.timestamp.date });
    else blocks[blocks.length - 1].last = last;
  }
  if (blocks.some((b, i) => b.last < b.first || (i > 0 && b.first <= blocks[i - 1].last))) return undefined;
  // Entries at different depths (events with sub-events) cannot trade places without changing the nesting.
  const indent = (b: EntryBlock) => /^\s*/.exec(source.line(b.first))![0];
  if (blocks.some((b) => indent(b) !== indent(blocks[0]))) return undefined;
  const nl = lineBreak(source);
  const text = (b: EntryBlock) => source.text.slice(source.lineStarts[b.first], source.lineEnd(b.last));
  const sorted = [...blocks].sort((a, b) => a.minutes - b.minutes);
  // An undated time takes its day from the dated entry above it: moved under another date, it would change
  // its day, and the next sort would move it back.
  const datesBefore = readDates(blocks);
  const datesAfter = readDates(sorted);
  if (blocks.some((b) => datesBefore.get(b) !== datesAfter.get(b))) return undefined;
  let out = '';
  blocks.forEach((slot, i) => {
    out += text(sorted[i]);
    if (i + 1 < blocks.length) out += source.text.slice(source.lineEnd(slot.last), source.lineStarts[blocks[i + 1].first]) || nl;
  });
  const last = blocks[blocks.length - 1].last;
  return { range: range(blocks[0].first, 0, last, source.line(last).length), newText: out };
}

/** The last line a range covers; a range ending at column 0 ends on the line before. */
function lastLineOf(r: Range): number {
  return r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
}

const timelineOrder: Rule = {
  meta: {
    id: 'PM008',
    name: 'timeline-order',
    description: 'Timeline entries are not in chronological order.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, source, report }) {
    for (const timeline of timelines(model)) {
      // Each entry earlier than one before it, with the latest event before it.
      const late: Array<{ entry: TimedEntry; later: TimedEntry }> = [];
      let latest: TimedEntry | undefined;
      for (const entry of timeline.entries.filter(isTimed)) {
        if (latest && entry.minutes < latest.minutes) late.push({ entry, later: latest });
        else latest = entry;
      }
      if (late.length === 0) continue;
      const sort = sortTimeline(source, timeline);
      // Times without a zone are read in the window's; once missing-time-zone adds the zone the others use, the
      // order may change. "Fix all" adds the zones first and sorts in its next pass.
      const zonesSettled = pendingZone(timeline) === undefined;
      for (const { entry, later } of late) {
        report({
          range: entry.timestamp.range,
          message: `"${entry.timestamp.raw}" is out of order: it comes after "${later.timestamp.raw}" (line ${lineNo(later.range)}), which is later.`,
          related: [{ range: later.timestamp.range, message: `the later event "${later.timestamp.raw}"` }],
          fixes: sort ? [{ title: 'Sort the timeline by time', edits: [sort], preferred: zonesSettled }] : [],
        });
      }
    }
  },
};

/** Words that name a change someone made: the usual trigger of an outage, listed before it starts. */
const TRIGGER = /\b(deploy|merg|push|releas|roll(ed|ing)?[ -]?out|rollout|config|upgrad|updat|migrat|chang|commit|install|patch|ship|launch|tun(e|ed|ing)\b|cron|scheduled|job)/i;

const eventOutsideWindow: Rule = {
  meta: {
    id: 'PM009',
    name: 'event-outside-window',
    description: 'A timeline event falls before the outage start or after its end.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ model, report }) {
    const { window } = model;
    if (!window) return;
    const { start, end, startMinutes, endMinutes } = window;
    // An inverted window is end-before-start's finding; measured against it, every event would be outside.
    if (startMinutes !== undefined && endMinutes !== undefined && endMinutes < startMinutes) return;
    for (const timeline of timelines(model)) {
      for (const entry of timeline.entries.filter(isTimed)) {
        const time = `"${entry.timestamp.raw}"`;
        if (start && startMinutes !== undefined && entry.minutes < startMinutes) {
          const trigger = TRIGGER.test(entry.text);
          const gap = `${time} is ${formatGap(startMinutes - entry.minutes)} before the outage started (${start.raw}, line ${lineNo(start.range)})`;
          report({
            range: entry.timestamp.range,
            message: trigger
              ? `${gap}. It reads as the change that triggered the outage, which belongs in the timeline.`
              : `${gap}; check the start time or this entry's time.`,
            related: [{ range: start.range, message: 'the outage start' }],
            maxSeverity: trigger ? 'info' : undefined,
          });
        } else if (end && endMinutes !== undefined && entry.minutes > endMinutes) {
          report({
            range: entry.timestamp.range,
            message: `${time} is ${formatGap(entry.minutes - endMinutes)} after the outage ended (${end.raw}, line ${lineNo(end.range)}); check the end time or this entry's time.`,
            related: [{ range: end.range, message: 'the outage end' }],
          });
        }
      }
    }
  },
};

/** Zones equal when their offsets are (WAT and GMT+1 agree), else by name. */
function zoneKey(zone: TimeZone): string {
  return zone.offsetMinutes !== undefined ? `offset ${zone.offsetMinutes}` : zone.name.toUpperCase();
}

/** The zone written on the entry itself, not inherited. */
function ownZone(entry: TimelineEntry): TimeZone | undefined {
  return entry.timestamp?.zone?.origin === 'entry' ? entry.timestamp.zone : undefined;
}

/** A zone inherited from a heading or preamble covers the entry as well as its own would. */
function lacksZone(entry: StampedEntry): boolean {
  const zone = entry.timestamp.zone;
  return !zone || zone.origin === 'document';
}

/**
 * Writes the zone right after the clock ('14:05 WAT, June 19'), or after the whole timestamp when the clock is
 * not found; with a space after it when text follows at once ('2100hrs9:30am'), or the zone would not read as one.
 * None inside a word ('2:00 PM一' read as a time): it would split the word.
 */
function appendZone(source: SourceText, timestamp: Timestamp, zone: TimeZone): TextEdit | undefined {
  const clock = clockSpan(source, timestamp);
  const offset = clock ? clock.end : source.offsetAt(timestamp.range.end);
  if (insideWord(source, offset)) return undefined;
  const glued = /^[\p{L}\p{N}]/u.test(source.text.slice(offset, offset + 2));
  return insertAt(source.positionAt(offset), ` ${zone.name}${glued ? ' ' : ''}`);
}

/** The zone missing-time-zone adds to the times of this timeline that lack one, while any do. */
function pendingZone(timeline: Timeline): TimeZone | undefined {
  const timed = timeline.entries.filter(hasTimestamp);
  if (!timed.some(lacksZone)) return undefined;
  return majorityZone(timed.map(ownZone).filter((z): z is TimeZone => z !== undefined))?.zone;
}

/** The zone most entries use, with how many use it; the first one seen wins a tie. */
function majorityZone(zones: TimeZone[]): { zone: TimeZone; count: number } | undefined {
  const counts = new Map<string, { zone: TimeZone; count: number }>();
  for (const zone of zones) {
    const seen = counts.get(zoneKey(zone));
    if (seen) seen.count++;
    else counts.set(zoneKey(zone), { zone, count: 1 });
  }
  return [...counts.values()].reduce<{ zone: TimeZone; count: number } | undefined>((best, c) => (!best || c.count > best.count ? c : best), undefined);
}

const missingTimeZone: Rule = {
  meta: {
    id: 'PM010',
    name: 'missing-time-zone',
    description: 'A timeline time has no time zone while other entries or the document state one.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, source, report }) {
    for (const timeline of timelines(model)) {
      const timed = timeline.entries.filter(hasTimestamp);
      const missing = timed.filter(lacksZone);
      if (missing.length === 0) continue;
      const others = pendingZone(timeline);
      if (others) {
        // The zone the rest of this timeline uses; the document's own is the same unless the timeline is mixed.
        for (const entry of missing) {
          const fix = appendZone(source, entry.timestamp, others);
          report({
            range: entry.timestamp.range,
            message: `"${entry.timestamp.raw}" has no time zone, while other entries use ${others.name}.`,
            fixes: fix ? [{ title: `Add ${others.name}`, edits: [fix], preferred: true }] : [],
          });
        }
        continue;
      }
      const zone = model.documentZone;
      if (!zone) continue;
      // No entry states a zone: one finding for the whole timeline, milder, since readers may assume the document's zone.
      const where = zone.range ? ` (line ${lineNo(zone.range)})` : '';
      const edits = missing.map((e) => appendZone(source, e.timestamp, zone)).filter((edit): edit is TextEdit => edit !== undefined);
      const which = edits.length === missing.length ? 'every time' : `${edits.length} of ${missing.length} times`;
      report({
        range: timeline.section?.range ?? missing[0].timestamp.range,
        message: `Timeline times have no time zone, while the document states ${zone.name}${where}; add it to the times or to the section heading.`,
        fixes: edits.length > 0 ? [{ title: `Add ${zone.name} to ${which}`, edits }] : [],
        maxSeverity: 'info',
      });
    }
  },
};

const mixedTimeZones: Rule = {
  meta: {
    id: 'PM011',
    name: 'mixed-time-zones',
    description: 'One timeline uses several time zones.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ model, report }) {
    for (const timeline of timelines(model)) {
      const zoned = timeline.entries.filter((e) => ownZone(e) !== undefined);
      const majority = majorityZone(zoned.map((e) => ownZone(e)!));
      if (!majority) continue;
      for (const entry of zoned) {
        const zone = ownZone(entry)!;
        if (zoneKey(zone) === zoneKey(majority.zone)) continue;
        report({
          range: zone.range ?? entry.timestamp!.range,
          message: `Time zone ${zone.name} differs from the rest of this timeline, which uses ${majority.zone.name} (${majority.count} ${majority.count === 1 ? 'entry' : 'entries'}); write every time in one zone.`,
        });
      }
    }
  },
};

export const timelineRules: Rule[] = [entryWithoutTime, invalidTime, timelineOrder, eventOutsideWindow, missingTimeZone, mixedTimeZones];
