// Hover on a timeline entry: how long after the outage started it happened ("T+25 min").
import type { Position, Range } from '../finding';
import type { PostmortemModel, TimelineEntry, TimeZone } from '../postmortem/model';
import { contains } from '../postmortem/rules/scope';

export interface HoverInfo {
  range: Range;
  /** Markdown. */
  contents: string;
}

const minutesPerDay = 24 * 60;

export function timelineHover(model: PostmortemModel, position: Position): HoverInfo | undefined {
  const at = { start: position, end: position };
  const entry = model.timeline.find((e) => contains(e.range, at));
  if (!entry || entry.minutes === undefined) return undefined;
  const origin = outageStart(model);
  if (!origin) return undefined;
  // Minutes may carry seconds as a fraction; the hover speaks in whole minutes.
  const offset = Math.round(entry.minutes - origin.minutes);
  const when = `${clock(entry.minutes)}${zoneSuffix(entry.timestamp?.zone ?? model.documentZone)}`;
  const since = `${clock(origin.minutes)}${zoneSuffix(origin.zone)}`;
  const relation =
    offset === 0 ? `the ${origin.label} itself` : `${span(Math.abs(offset))} ${offset > 0 ? 'after' : 'before'} the ${origin.label} ${since}`;
  return {
    range: entry.timestamp?.range ?? entry.range,
    contents: `**T${offset < 0 ? '-' : '+'}${Math.abs(offset)} min** (${when}, ${relation})`,
  };
}

interface Origin {
  minutes: number;
  zone?: TimeZone;
  label: string;
}

/** The stated outage start; without one, the first timed entry stands in for it. */
function outageStart(model: PostmortemModel): Origin | undefined {
  const window = model.window;
  if (window?.startMinutes !== undefined) {
    return { minutes: window.startMinutes, zone: window.start?.zone ?? model.documentZone, label: 'outage start' };
  }
  const first = model.timeline.find((e): e is TimelineEntry & { minutes: number } => e.minutes !== undefined);
  return first && { minutes: first.minutes, zone: first.timestamp?.zone ?? model.documentZone, label: 'first timeline entry' };
}

/** Minutes on the model's scale (which may run past midnight into later days) as a wall clock 'HH:MM'. */
export function clock(minutes: number): string {
  const m = ((Math.round(minutes) % minutesPerDay) + minutesPerDay) % minutesPerDay;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function zoneSuffix(zone: TimeZone | undefined): string {
  return zone ? ` ${zone.name}` : '';
}

/** 25 → '25 min', 85 → '1 h 25 min', 120 → '2 h'. */
function span(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
