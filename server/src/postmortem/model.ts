// The postmortem model: built once per document version from markdown-it tokens.
// Everything downstream (rules, fixes, preview, manifest, CLI) reads this; nothing re-parses text.
import type { Range } from '../finding';

/**
 * How a section title was written in the source. 'html' is a title inside an HTML block ('<h3>Timeline</h3>',
 * or a '## Timeline' the block swallowed): read like a heading, but its lines are HTML to markdown-it, so no
 * fix rewrites them.
 */
export type SectionStyle = 'heading' | 'html' | 'bold' | 'plain';

export interface Section {
  /** Canonical key from the profile (e.g. 'summary', 'timeline'), or undefined for a heading the profile does not know. */
  key?: string;
  /** Title text as written, markup stripped. */
  title: string;
  style: SectionStyle;
  /** Heading level (1-6); for a pseudo-heading, the level it should have as a real heading. */
  level: number;
  /** The title line. */
  range: Range;
  /**
   * From the line after the title to the line before the next section of the same or higher level (or end of
   * document). A named section also ends where the next named section starts, whatever its level, and keeps
   * the unnamed headings written right under its title ('**Corrective Measures:**' then '# Improvements:').
   * An empty range at the start of the next line when there is no body line.
   */
  bodyRange: Range;
  /** True when the body has no content other than blank lines, titles of subsections and HTML comments. */
  empty: boolean;
  /** For '#Title' written without the space after '#'. */
  missingHashSpace?: boolean;
}

export interface ClockTime {
  hour: number; // 0-23 after 12h conversion; as written when invalid
  minute: number;
  second?: number;
  /** 'am'|'pm' when written in 12-hour form. */
  meridiem?: 'am' | 'pm';
  /** False for times such as '13:06 PM' or '25:00'. */
  valid: boolean;
}

export interface CalendarDate {
  year?: number;
  month: number; // 1-12
  day: number;
}

export interface TimeZone {
  /** As written, e.g. 'WAT', 'GMT+1', 'UTC-5'. */
  name: string;
  /** Offset from UTC in minutes when known. */
  offsetMinutes?: number;
  range?: Range;
  /** Where the zone came from: on the entry itself, or inherited from the section heading/preamble or document. */
  origin: 'entry' | 'section' | 'document';
}

export interface Timestamp {
  time: ClockTime;
  date?: CalendarDate;
  zone?: TimeZone;
  /** The text span of the time (and date/zone when adjacent). */
  range: Range;
  raw: string;
}

export interface TimelineEntry {
  /** The entry's whole source span (list item, line or table row). */
  range: Range;
  /** Layout it was found in. */
  layout: 'bullet' | 'numbered' | 'plain' | 'table' | 'heading';
  /** Event description, markup stripped. */
  text: string;
  /** Undefined when no time could be parsed. */
  timestamp?: Timestamp;
  /**
   * Minutes since the window start's day at 00:00 (day rollover applied: explicit dates win,
   * otherwise inferred from the outage window / monotonic order). Undefined when no valid time.
   */
  minutes?: number;
}

export interface OutageWindow {
  start?: Timestamp;
  end?: Timestamp;
  /** Start and end as absolute minutes on the same scale as TimelineEntry.minutes. */
  startMinutes?: number;
  endMinutes?: number;
  range: Range;
}

export interface StatedLength {
  minutes: number;
  raw: string;
  range: Range;
}

export interface Impact {
  /** Percentage of users affected, when stated. */
  percent?: number;
  percentRange?: Range;
  /** A count of users, when stated. */
  users?: number;
  /** The digits of that count ('1,200'). */
  usersRange?: Range;
  text: string;
  range: Range;
}

export interface ActionItem {
  text: string;
  range: Range;
  /** '- [ ]' style task. */
  task: boolean;
  done?: boolean;
}

export interface CodeFence {
  info: string;
  /** Language id from the info string ('puppet', 'pp', ...), lower-cased. */
  lang: string;
  /** The whole fence including markers. */
  range: Range;
  /** The code lines only. */
  contentRange: Range;
  content: string;
  /** Column of the fence's indentation, removed from content lines. */
  indent: number;
  unterminated: boolean;
  /** The opening marker, e.g. '```' or '~~~~'. */
  marker: string;
}

export interface PostmortemModel {
  title?: { text: string; range: Range };
  sections: Section[];
  timeline: TimelineEntry[];
  window?: OutageWindow;
  statedLength?: StatedLength;
  impact?: Impact;
  rootCause?: { text: string; range: Range };
  actionItems: ActionItem[];
  fences: CodeFence[];
  /** Zone the document states most often (in headings, preambles or entries), for fixes. */
  documentZone?: TimeZone;
  frontMatter?: Record<string, string>;
  /** First and last line of each HTML block: an edit inside one would end it early or turn its lines into Markdown. */
  htmlBlocks: Array<{ line: number; endLine: number }>;
  lineCount: number;
}
