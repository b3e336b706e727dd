// `pmkit inspect`: shows the model pmkit builds of one postmortem, to see why a rule fired, or (as CSV) to
// export the timeline to a spreadsheet.
import type { Range } from '../finding';
import type { OutageWindow, PostmortemModel, Timestamp, TimelineEntry } from '../postmortem/model';
import { analyzePostmortem } from '../service/analyze';
import type { AnalysisSettings } from '../settings';
import { displayPath, InputError, readDocument } from './inputs';

export const inspectFormats = ['text', 'json', 'csv'] as const;
export type InspectFormat = (typeof inspectFormats)[number];

const minutesPerDay = 24 * 60;

/** 1-based, as printed everywhere by pmkit. */
interface Span {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function span(range: Range): Span {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A point in time as ISO 8601, and the day of the outage it falls on (0 = the day it started). */
export interface Moment {
  /** '2024-06-19T14:05+01:00' with a known date; '14:05+01:00' (time of day) without one. */
  iso: string;
  day?: number;
}

function pad(n: number, width = 2): string {
  return String(Math.trunc(n)).padStart(width, '0');
}

function offset(minutes: number | undefined): string {
  if (minutes === undefined) return '';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(abs / 60)}:${pad(abs % 60)}`;
}

/**
 * The date comes from the timestamp itself when written (its year, if missing, from the window), else from
 * the window's start date moved by the days the timeline rolled over midnight. Without any date, only the
 * time of day and the relative day are known.
 */
export function moment(timestamp: Timestamp | undefined, minutes: number | undefined, window: OutageWindow | undefined): Moment | undefined {
  if (!timestamp) return undefined;
  const { time } = timestamp;
  if (minutes === undefined && !time.valid) return undefined;
  const day = minutes === undefined ? undefined : Math.floor(minutes / minutesPerDay);
  const ofDay = minutes === undefined ? time.hour * 60 + time.minute : minutes - (day as number) * minutesPerDay;
  const clock = `${pad(ofDay / 60)}:${pad(ofDay % 60)}${time.second === undefined ? '' : `:${pad(time.second)}`}`;
  const zone = offset(timestamp.zone?.offsetMinutes);
  const windowDate = window?.start?.date;
  let date: string | undefined;
  const own = timestamp.date;
  const year = own?.year ?? windowDate?.year;
  if (own && year !== undefined) {
    date = `${pad(year, 4)}-${pad(own.month)}-${pad(own.day)}`;
  } else if (!own && windowDate?.year !== undefined) {
    const shifted = new Date(Date.UTC(windowDate.year, windowDate.month - 1, windowDate.day + (day ?? 0)));
    date = shifted.toISOString().slice(0, 10);
  }
  return { iso: date ? `${date}T${clock}${zone}` : `${clock}${zone}`, ...(day === undefined ? {} : { day }) };
}

export interface InspectedEntry {
  line: number;
  time?: string;
  day?: number;
  zone?: string;
  zoneOrigin?: 'entry' | 'section' | 'document';
  layout: TimelineEntry['layout'];
  text: string;
}

export interface Inspection {
  file: string;
  profile: string;
  title?: { text: string; line: number };
  sections: Array<{ title: string; key?: string; recognisedAs: 'heading' | 'HTML heading' | 'bold line' | 'plain line'; level: number; titleRange: Span; bodyRange: Span; empty: boolean }>;
  window?: { start?: string; end?: string; range: Span };
  statedLength?: { minutes: number; text: string; line: number };
  impact?: { percent?: number; users?: number; text: string; line: number };
  timeline: InspectedEntry[];
}

const recognised = { heading: 'heading', html: 'HTML heading', bold: 'bold line', plain: 'plain line' } as const;

export function inspectModel(file: string, profile: string, model: PostmortemModel): Inspection {
  const { window } = model;
  return {
    file,
    profile,
    ...(model.title ? { title: { text: model.title.text, line: model.title.range.start.line + 1 } } : {}),
    sections: model.sections.map((s) => ({
      title: s.title,
      ...(s.key ? { key: s.key } : {}),
      recognisedAs: recognised[s.style],
      level: s.level,
      titleRange: span(s.range),
      bodyRange: span(s.bodyRange),
      empty: s.empty,
    })),
    ...(window
      ? {
          window: {
            start: moment(window.start, window.startMinutes, window)?.iso,
            end: moment(window.end, window.endMinutes, window)?.iso,
            range: span(window.range),
          },
        }
      : {}),
    ...(model.statedLength
      ? { statedLength: { minutes: model.statedLength.minutes, text: model.statedLength.raw, line: model.statedLength.range.start.line + 1 } }
      : {}),
    ...(model.impact
      ? { impact: { percent: model.impact.percent, users: model.impact.users, text: model.impact.text, line: model.impact.range.start.line + 1 } }
      : {}),
    timeline: model.timeline.map((entry) => {
      const when = moment(entry.timestamp, entry.minutes, window);
      const zone = entry.timestamp?.zone;
      return {
        line: entry.range.start.line + 1,
        ...(when ? { time: when.iso, ...(when.day === undefined ? {} : { day: when.day }) } : {}),
        ...(zone ? { zone: zone.name, zoneOrigin: zone.origin } : {}),
        layout: entry.layout,
        text: entry.text,
      };
    }),
  };
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function inspectionCsv(inspection: Inspection): string {
  const rows = [['line', 'time', 'zone', 'day', 'text'], ...inspection.timeline.map((e) => [e.line, e.time, e.zone, e.day, e.text])];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function inspectionText(inspection: Inspection): string {
  const out: string[] = [`${inspection.file} (profile: ${inspection.profile})`];
  if (inspection.title) out.push(`Title (line ${inspection.title.line}): ${inspection.title.text}`);
  out.push('', `Sections (${inspection.sections.length}):`);
  for (const s of inspection.sections) {
    const lines = `${s.titleRange.startLine}-${Math.max(s.titleRange.startLine, s.bodyRange.endLine)}`;
    const what = `${s.recognisedAs}${s.recognisedAs.endsWith('heading') ? ` h${s.level}` : ''}`;
    out.push(`  ${lines.padEnd(9)} ${what.padEnd(11)} ${s.title}${s.key ? ` [${s.key}]` : ''}${s.empty ? ' (empty)' : ''}`);
  }
  if (inspection.window) out.push('', `Window: ${inspection.window.start ?? '?'} to ${inspection.window.end ?? '?'} (line ${inspection.window.range.startLine})`);
  if (inspection.statedLength) out.push(`Stated length: "${inspection.statedLength.text}" = ${inspection.statedLength.minutes} min (line ${inspection.statedLength.line})`);
  if (inspection.impact) {
    const { percent, users, text, line } = inspection.impact;
    const amount = [percent === undefined ? '' : `${percent}%`, users === undefined ? '' : `${users} users`].filter(Boolean).join(', ');
    out.push(`Impact (line ${line}): ${amount || text}`);
  }
  out.push('', `Timeline (${inspection.timeline.length} entries):`);
  for (const e of inspection.timeline) {
    out.push(`  ${String(e.line).padStart(4)}  ${(e.time ?? '(no time)').padEnd(22)} ${(e.zone ?? '').padEnd(6)} ${e.text}`);
  }
  return out.join('\n') + '\n';
}

export function inspectCommand(file: string, format: InspectFormat, settings: AnalysisSettings): string {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readDocument(file).text;
  } catch (error) {
    throw error instanceof InputError ? new InputError(`${shown}: ${error.message}`) : error;
  }
  const { profile, model } = analyzePostmortem(text, settings);
  const inspection = inspectModel(shown, profile.name, model);
  switch (format) {
    case 'json':
      return JSON.stringify(inspection, null, 2) + '\n';
    case 'csv':
      return inspectionCsv(inspection);
    case 'text':
      return inspectionText(inspection);
  }
}
