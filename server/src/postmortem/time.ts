// Clock times, calendar dates, time zones and durations as people write them in postmortems:
// '14:00', '2:00 PM', '2pm', '12:00 p.m.', '2100hrs', 'June 19, 2024, 14:00 WAT', '2024-06-19T14:00:00Z',
// '10:30 AM (UTC-5)', '1 hour 41 minutes', '(7.5 hours)'. Everything works on one line of text and
// reports exact UTF-16 columns, so rules can point at (and fixes can replace) just the time.
import { range, type Range } from '../finding';
import type { CalendarDate, ClockTime, Timestamp, TimeZone } from './model';

/** Offsets in minutes of the zone abbreviations people use. Ambiguous ones take their most common meaning. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180,
  WAT: 60, CAT: 120, SAST: 120, EAT: 180, MSK: 180, GST: 240, PKT: 300, IST: 330, ICT: 420, WIB: 420,
  HKT: 480, SGT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  BRT: -180, EST: -300, EDT: -240, ET: -300, CST: -360, CDT: -300, CT: -360, MST: -420, MDT: -360, MT: -420,
  PST: -480, PDT: -420, PT: -480, AKST: -540, HST: -600,
};

/** Spelled-out zone names, matched case-insensitively. */
const LONG_ZONE_NAMES: ReadonlyArray<[RegExp, number]> = [
  [/^west(?:ern)?\s+african?\s+(?:standard\s+)?time$/i, 60],
  [/^central\s+african?\s+(?:standard\s+)?time$/i, 120],
  [/^east(?:ern)?\s+african?\s+(?:standard\s+)?time$/i, 180],
  [/^south(?:ern)?\s+african?\s+(?:standard\s+)?time$/i, 120],
  [/^pacific\s+daylight\s+time$/i, -420],
  [/^pacific(?:\s+standard)?\s+time$/i, -480],
  [/^mountain\s+daylight\s+time$/i, -360],
  [/^mountain(?:\s+standard)?\s+time$/i, -420],
  [/^central\s+daylight\s+time$/i, -300],
  [/^central(?:\s+standard)?\s+time$/i, -360],
  [/^eastern\s+daylight\s+time$/i, -240],
  [/^eastern(?:\s+standard)?\s+time$/i, -300],
  [/^greenwich\s+mean\s+time$/i, 0],
  [/^(?:coordinated\s+)?universal\s+time$/i, 0],
  [/^british\s+summer\s+time$/i, 60],
  [/^central\s+european\s+summer\s+time$/i, 120],
  [/^central\s+european(?:\s+standard)?\s+time$/i, 60],
  [/^india(?:n)?\s+standard\s+time$/i, 330],
];

const ABBREVIATIONS = Object.keys(ZONE_OFFSETS).sort((a, b) => b.length - a.length).join('|');
const LONG_NAME =
  '(?:(?:west(?:ern)?|central|east(?:ern)?|south(?:ern)?)\\s+african?(?:\\s+standard)?|pacific(?:\\s+(?:standard|daylight))?|' +
  'mountain(?:\\s+(?:standard|daylight))?|central(?:\\s+(?:standard|daylight))?|eastern(?:\\s+(?:standard|daylight))?|' +
  'greenwich\\s+mean|(?:coordinated\\s+)?universal|british\\s+summer|central\\s+european(?:\\s+(?:standard|summer))?|' +
  'india(?:n)?\\s+standard)\\s+time';
// Matched case-insensitively for the long names; `zoneFromMatch` then insists on upper-case abbreviations,
// because 'cat', 'eat' and 'ist' are words too ('utc' and 'gmt' are not). Long names come first, so
// 'West African Time' is not taken for WEST and then rejected for its case.
const ZONE_NAME = `(?<long>${LONG_NAME})|(?<abbr>${ABBREVIATIONS})(?:[ \\t]?(?<sign>[+\\-\u2212\u2013])(?<oh>\\d{1,2})(?::?(?<om>\\d{2}))?(?![\\d:]))?`;

/** A zone name at a position, after optional markup and an opening parenthesis: ' (UTC-5)', '** WAT'. */
const ZONE_AFTER = new RegExp(`(?<lead>[*_]{0,3}[ \\t]{0,2}(?<open>\\([ \\t]?)?)(?:${ZONE_NAME})(?![\\w])`, 'iy');
/** ISO 8601 suffixes that must touch the time: 'Z', '+01:00', '-0500'. */
const ISO_ZONE = /(?:Z|(?<sign>[+-])(?<oh>\d{2}):?(?<om>\d{2}))(?![\w:])/y;
/** A parenthesized abbreviation repeating a long name: 'Central African Time (CAT)'. */
const ZONE_ECHO = new RegExp(`[ \\t]?\\((?:${ABBREVIATIONS})\\)`, 'y');
const ZONE_ANYWHERE = new RegExp(`(?<![\\w+\\-])(?:${ZONE_NAME})(?![\\w])`, 'gi');

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAY = '(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';
const DATE =
  `(?:${WEEKDAY}(?<![a-z])(?<mn1>${MONTHS})\\.?\\s+(?<d1>\\d{1,2})${ORDINAL}(?:,?\\s+(?<y1>\\d{4}))?(?![\\d:])` +
  `|${WEEKDAY}(?<![\\d.])(?<d2>\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?(?<mn2>${MONTHS})\\.?(?:,?\\s+(?<y2>\\d{4}))?(?![a-z\\d])` +
  `|(?<![\\d.])(?<y3>\\d{4})[-/.](?<m3>\\d{1,2})[-/.](?<d3>\\d{1,2})(?![\\d:])` +
  `|(?<![\\d.])(?<a4>\\d{1,2})[-/.](?<b4>\\d{1,2})[-/.](?<y4>\\d{4}|\\d{2})(?![\\d:.]))`;
const DATE_ANYWHERE = new RegExp(DATE, 'gi');
/** Every date has a day in digits, and a month name or digits joined by '-', '/' or '.'; most lines have neither. */
const MAY_HOLD_DATE = /\d[-/.]\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const DIGIT = /\d/;
/** A date right before a time: 'June 19, 2024, ', '05-02-2022 ', '2024-06-19T', 'May 12, 2024, at '. */
const DATE_BEFORE = new RegExp(`${DATE}(?:,?[ \\t]*(?:at[ \\t]+|@[ \\t]*)?|T)[*_]{0,3}$`, 'i');
/** A date right after a time and its zone: ' 29 april 2022', ', June 19, 2024', ' on June 20'. */
const DATE_AFTER = new RegExp(`[*_]{0,3},?[ \\t]+(?:on[ \\t]+)?${DATE}`, 'iy');

// The time itself. Not after a digit, ':' or '.' ('127.0.0.1:80', '3.14'), nor a zone offset ('UTC+05:30').
const CLOCK = new RegExp(
  '(?<![\\d:.])(?<!(?:utc|gmt)[ \\t]?[+\\-\u2212\u2013])(?:' +
    '(?<h>\\d{1,2}):(?<m>\\d{2})(?::(?<s>\\d{2}))?(?!\\d|:\\d)(?:[ \\t]?(?<mer>[ap])\\.?[ \\t]?m\\.?(?![a-z])|[ \\t]?(?<hrs>hrs|hours|hr|h)(?![a-z]))?' +
    // '15.25 PST', '7.45 pm': a dot for the colon, read as a time only when a zone or am/pm follows.
    `|(?<hd>\\d{1,2})\\.(?<md>\\d{2})(?=[ \\t]?(?:[ap]\\.?m\\b|(?:${ABBREVIATIONS})\\b))(?:[ \\t]?(?<merd>[ap])\\.?[ \\t]?m\\.?(?![a-z]))?` +
    // '12: 48pm': a stray space after the colon, read as a time only when am/pm follows.
    '|(?<hs>\\d{1,2}):[ \\t](?<ms>\\d{2})[ \\t]?(?<mers>[ap])\\.?[ \\t]?m\\.?(?![a-z])' +
    '|(?<ho>\\d{1,2})[ \\t]?(?<mero>[ap])\\.?[ \\t]?m\\.?(?![a-z])' +
    '|(?<hh>[01]\\d|2[0-3])(?<mm>[0-5]\\d)[ \\t]?(?:hrs|hours|hr|h)(?![a-z])' +
  ')',
  'iy',
);
/**
 * '15.25 - engineers ...': where a timeline entry starts, a dot may stand for the colon even without a zone
 * or am/pm, as long as a separator follows; anywhere else '15.25' stays a number.
 */
const DOTTED_ENTRY_TIME = /(?<hd>[01]?\d|2[0-3])\.(?<md>[0-5]\d)(?=[*_]{0,3}[ \t]*(?:[-\u2013\u2014:|)\]]|$))/y;
/** Runs of digits: the only places a time can start, so CLOCK is tried there and nowhere else. */
const DIGIT_RUN = /\d+/g;
const DATE_JOINERS = ' \t,*_@';
const MONTH_WORD = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$/i;

/** Words joining the two ends of a time range; a zone written once applies to both ends. */
const RANGE_JOINER = /^[\s*_]*(?:-|\u2013|\u2014|~|to|until|till|through|and)[\s*_]*$/i;

export interface Duration {
  minutes: number;
  raw: string;
  range: Range;
}

export interface DateMention {
  date: CalendarDate;
  start: number;
  end: number;
}

/** Offset from UTC in minutes of a zone name as written ('WAT', 'GMT+1', 'UTC-05:30', 'Pacific Standard Time'). */
export function zoneOffset(name: string): number | undefined {
  const trimmed = name.trim();
  const offset = /^(?:utc|gmt)\s?([+\-\u2212\u2013])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (offset) return signedOffset(offset[1], offset[2], offset[3]);
  const known = ZONE_OFFSETS[trimmed.toUpperCase()];
  if (known !== undefined) return known;
  for (const [pattern, minutes] of LONG_ZONE_NAMES) if (pattern.test(trimmed)) return minutes;
  return undefined;
}

/** Minutes since midnight; seconds count as a fraction. */
export function minuteOfDay(time: ClockTime): number {
  return time.hour * 60 + time.minute + (time.second ?? 0) / 60;
}

/** Whole days from `from` to `to`; a missing year is taken from the other date. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const year = from.year ?? to.year ?? 2000;
  return (Date.UTC(to.year ?? year, to.month - 1, to.day) - Date.UTC(year, from.month - 1, from.day)) / 86_400_000;
}

/**
 * Every time written in `text` (one line), with the date and zone written next to it. `entryStart` is
 * where a timeline entry's own text starts in `text`, when it is one.
 */
export function findTimestamps(text: string, line: number, entryStart = -1): Timestamp[] {
  const found: Timestamp[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let run = DIGIT_RUN.exec(text); run; run = DIGIT_RUN.exec(text)) {
    CLOCK.lastIndex = run.index;
    let m = CLOCK.exec(text);
    if (!m && run.index === entryStart) {
      DOTTED_ENTRY_TIME.lastIndex = run.index;
      m = DOTTED_ENTRY_TIME.exec(text);
    }
    const time = m && clockTime(m.groups!);
    if (!m || !time) continue;
    let start = m.index;
    let end = m.index + m[0].length;
    let date: CalendarDate | undefined;
    let zone: TimeZone | undefined;

    // Never reach back into the previous timestamp.
    const previousEnd = found.length ? found[found.length - 1].range.end.character : 0;
    const before = mayEndWithDate(text, start, previousEnd) && DATE_BEFORE.exec(text.slice(Math.max(previousEnd, start - 48), start));
    if (before) {
      date = calendarDate(before.groups!);
      if (date) start -= before[0].length;
    }

    // A bare '-14:00' after '09:00' is a range, not an offset: offsets only follow ISO date-times.
    const iso = time.second !== undefined || text.charCodeAt(m.index - 1) === 84; // 'T'
    const zoneMatch = zoneAt(text, end, line, iso);
    if (zoneMatch) {
      zone = zoneMatch.zone;
      end = zoneMatch.end;
    }
    if (!date) {
      DATE_AFTER.lastIndex = end;
      const after = DATE_AFTER.exec(text);
      const afterDate = after && calendarDate(after.groups!);
      if (afterDate) {
        date = afterDate;
        end = DATE_AFTER.lastIndex;
      }
    }
    found.push({ time, date, zone, range: range(line, start, line, end), raw: text.slice(start, end) });
    DIGIT_RUN.lastIndex = end;
  }
  shareZonesAcrossRanges(found, text);
  return found;
}

/**
 * Whether the text before a time can end with a date: a digit ('June 19, 2024, '), an ordinal
 * ('June 9th '), a month ('2nd May '), or the ISO 'T'. Spares the date pattern on most times.
 */
function mayEndWithDate(text: string, end: number, limit: number): boolean {
  let i = end - 1;
  if (i >= limit && text.charCodeAt(i) === 84) return true; // 'T'
  while (i >= limit && DATE_JOINERS.includes(text[i])) i--;
  if (i - 2 >= limit && (text[i] === 't' || text[i] === 'T') && (text[i - 1] === 'a' || text[i - 1] === 'A') && text[i - 2] === ' ') {
    i -= 2;
    while (i >= limit && DATE_JOINERS.includes(text[i])) i--;
  }
  if (i < limit) return false;
  if (isDigit(text.charCodeAt(i))) return true;
  let word = i;
  while (word - 1 >= limit && /[a-z.]/i.test(text[word - 1])) word--;
  const last = text.slice(word, i + 1).replace(/\.$/, '');
  return /^(?:st|nd|rd|th)$/i.test(last) ? isDigit(text.charCodeAt(word - 1)) : MONTH_WORD.test(last);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The first timestamp in `text`, for callers holding a single value such as a table cell. */
export function parseTimestamp(text: string, line = 0): Timestamp | undefined {
  return findTimestamps(text, line)[0];
}

/** Zone names anywhere in `text`, e.g. in 'Timeline (all times in WAT)'. */
export function findZoneMentions(text: string, line: number): TimeZone[] {
  const zones: TimeZone[] = [];
  ZONE_ANYWHERE.lastIndex = 0;
  for (let m = ZONE_ANYWHERE.exec(text); m; m = ZONE_ANYWHERE.exec(text)) {
    const zone = zoneFromMatch(m.groups!, m[0], m.index, line);
    if (zone) zones.push(zone);
  }
  return zones;
}

/** Calendar dates anywhere in `text`. */
export function findDates(text: string): DateMention[] {
  const dates: DateMention[] = [];
  if (!DIGIT.test(text) || !MAY_HOLD_DATE.test(text)) return dates;
  DATE_ANYWHERE.lastIndex = 0;
  for (let m = DATE_ANYWHERE.exec(text); m; m = DATE_ANYWHERE.exec(text)) {
    const date = calendarDate(m.groups!);
    if (date) dates.push({ date, start: m.index, end: m.index + m[0].length });
  }
  return dates;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, 'forty five': 45,
  fifty: 50, sixty: 60, ninety: 90, 'half a': 0.5, 'half an': 0.5,
};
const AMOUNT = '(?:\\d+(?:\\.\\d+)?|half\\s+an?|forty[- ]five|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)';
/** An amount and its unit. A bare 'm' means minutes only after hours ('1h30m'): alone it may be metres. */
const durationPart = (bareMinutes: boolean) =>
  `(?<amount>${AMOUNT})[ \\t]*-?[ \\t]*(?:(?<days>days?)|(?<hours>hours?|hrs?|h)|(?<minutes>minutes?|mins?${bareMinutes ? '|m' : ''}))(?![a-z])`;
const DURATION = new RegExp(`(?<![\\w.:])${durationPart(false)}`, 'gi');
/** A further part of the same duration: '5 days 6 hours', '2 days, 3 hours and 5 minutes', '1h30m'. */
const DURATION_MORE = new RegExp(`(?:[ \\t]*,)?[ \\t]*(?:and[ \\t]+)?${durationPart(true)}`, 'iy');
const AND_A_HALF = /[ \t]+and[ \t]+a[ \t]+half(?![a-z])/iy;
const UNIT_MINUTES = { days: 1440, hours: 60, minutes: 1 } as const;

/**
 * Duration phrases in `text`: '1 hour 41 minutes', '30 mins', '7.5 hours', '1h30m', 'an hour', '90-minute',
 * '5 days 6 hours'. Parts join in falling units, so '5 hours a day' is two phrases.
 */
export function findDurations(text: string, line: number): Duration[] {
  const durations: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) {
    // '2100hrs' is a clock time, not 2100 hours.
    if (m.groups!.hours && /^\d{4}$/.test(m.groups!.amount!)) continue;
    let unit = partUnit(m.groups!);
    let minutes = amount(m.groups!.amount!) * unit;
    let end = m.index + m[0].length;
    for (DURATION_MORE.lastIndex = end; ; DURATION_MORE.lastIndex = end) {
      const more = DURATION_MORE.exec(text);
      const next = more ? partUnit(more.groups!) : 0;
      if (!more || next >= unit || (more.groups!.minutes?.toLowerCase() === 'm' && unit !== UNIT_MINUTES.hours)) break;
      unit = next;
      minutes += amount(more.groups!.amount!) * unit;
      end = DURATION_MORE.lastIndex;
    }
    AND_A_HALF.lastIndex = end;
    if (unit > UNIT_MINUTES.minutes && AND_A_HALF.test(text)) {
      minutes += unit / 2;
      end = AND_A_HALF.lastIndex;
    }
    DURATION.lastIndex = end;
    if (!Number.isFinite(minutes) || minutes <= 0) continue;
    durations.push({ minutes, raw: text.slice(m.index, end), range: range(line, m.index, line, end) });
  }
  return durations;
}

function partUnit(g: Record<string, string | undefined>): number {
  return g.days ? UNIT_MINUTES.days : g.hours ? UNIT_MINUTES.hours : UNIT_MINUTES.minutes;
}

/** Minutes of the first duration phrase in `text`. */
export function parseDuration(text: string): number | undefined {
  return findDurations(text, 0)[0]?.minutes;
}

function amount(written: string): number {
  const word = written.toLowerCase().replace(/\s+/g, ' ');
  return NUMBER_WORDS[word] ?? Number(word);
}

function clockTime(g: Record<string, string | undefined>): ClockTime | undefined {
  if (g.hh !== undefined) return { hour: Number(g.hh), minute: Number(g.mm), valid: true };
  const written = Number(g.h ?? g.hd ?? g.hs ?? g.ho);
  const minute = Number(g.m ?? g.md ?? g.ms ?? 0);
  const second = g.s !== undefined ? Number(g.s) : undefined;
  const letter = (g.mer ?? g.merd ?? g.mers ?? g.mero)?.toLowerCase();
  const meridiem = letter === 'a' ? 'am' : letter === 'p' ? 'pm' : undefined;
  const time: ClockTime = { hour: written, minute, valid: minute < 60 && (second === undefined || second < 60) };
  if (second !== undefined) time.second = second;
  if (!meridiem) {
    time.valid &&= written < 24;
    return time;
  }
  time.meridiem = meridiem;
  if (written > 12 || (written === 0 && meridiem === 'pm')) time.valid = false;
  else time.hour = (written % 12) + (meridiem === 'pm' ? 12 : 0);
  return time;
}

function calendarDate(g: Record<string, string | undefined>): CalendarDate | undefined {
  let year: number | undefined;
  let month: number;
  let day: number;
  if (g.mn1 !== undefined || g.mn2 !== undefined) {
    month = monthNumber(g.mn1 ?? g.mn2!);
    day = Number(g.d1 ?? g.d2);
    const y = g.y1 ?? g.y2;
    if (y !== undefined) year = Number(y);
  } else if (g.y3 !== undefined) {
    year = Number(g.y3);
    month = Number(g.m3);
    day = Number(g.d3);
  } else if (g.a4 !== undefined) {
    const a = Number(g.a4);
    const b = Number(g.b4);
    // Day first unless that is impossible: most writers in the corpus use 13/10/2023.
    [day, month] = b > 12 && a <= 12 ? [b, a] : [a, b];
    year = Number(g.y4);
    if (g.y4!.length === 2) year += 2000;
  } else {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return year === undefined ? { month, day } : { year, month, day };
}

function monthNumber(name: string): number {
  return 'janfebmaraprmayjunjulaugsepoctnovdec'.indexOf(name.slice(0, 3).toLowerCase()) / 3 + 1;
}

function zoneAt(text: string, position: number, line: number, isoOffsets: boolean): { zone: TimeZone; end: number } | undefined {
  ISO_ZONE.lastIndex = position;
  const iso = ISO_ZONE.exec(text);
  if (iso && (isoOffsets || iso[0] === 'Z')) {
    const g = iso.groups!;
    const offsetMinutes = g.sign ? signedOffset(g.sign, g.oh!, g.om) : 0;
    if (offsetMinutes !== undefined) {
      const end = position + iso[0].length;
      return { zone: { name: iso[0], offsetMinutes, range: range(line, position, line, end), origin: 'entry' }, end };
    }
  }
  ZONE_AFTER.lastIndex = position;
  const m = ZONE_AFTER.exec(text);
  if (!m) return undefined;
  const g = m.groups!;
  const nameStart = position + g.lead!.length;
  const zone = zoneFromMatch(g, text.slice(nameStart, position + m[0].length), nameStart, line);
  if (!zone) return undefined;
  let end = position + m[0].length;
  if (g.long) {
    ZONE_ECHO.lastIndex = end;
    if (ZONE_ECHO.test(text)) end = ZONE_ECHO.lastIndex;
  }
  if (g.open) {
    const close = /^[ \t]?\)/.exec(text.slice(end, end + 2));
    if (close) end += close[0].length;
  }
  return { zone, end };
}

function zoneFromMatch(g: Record<string, string | undefined>, written: string, start: number, line: number): TimeZone | undefined {
  let offsetMinutes: number | undefined;
  let name = written;
  if (g.long) {
    offsetMinutes = zoneOffset(g.long);
  } else {
    const abbr = g.abbr!;
    const upper = abbr.toUpperCase();
    if (abbr !== upper && upper !== 'UTC' && upper !== 'GMT') return undefined;
    offsetMinutes = ZONE_OFFSETS[upper];
    if (g.sign) {
      const offset = signedOffset(g.sign, g.oh!, g.om);
      // 'UTC+99' is not an offset: keep the bare zone name.
      if (offset === undefined) name = abbr;
      else offsetMinutes = (offsetMinutes ?? 0) + offset;
    }
  }
  return { name, offsetMinutes, range: range(line, start, line, start + name.length), origin: 'entry' };
}

function signedOffset(sign: string, hours: string, minutes: string | undefined): number | undefined {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 14 || m % 15 !== 0 || m >= 60) return undefined;
  return (sign === '+' ? 1 : -1) * (h * 60 + m);
}

/** '10:45 to 12:15 SAST': the zone written once belongs to both ends of the range. */
function shareZonesAcrossRanges(stamps: Timestamp[], text: string): void {
  for (let i = 1; i < stamps.length; i++) {
    const a = stamps[i - 1];
    const b = stamps[i];
    if (!a.zone === !b.zone) continue;
    if (!RANGE_JOINER.test(text.slice(a.range.end.character, b.range.start.character))) continue;
    if (a.zone) b.zone = { ...a.zone };
    else a.zone = { ...b.zone! };
  }
}
