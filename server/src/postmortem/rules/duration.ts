// Rules about the outage window: its stated length agrees with its start and end, and it ends after it starts.
import { insideWord } from './edits';
import type { Rule } from './rule';

/** 101 → '1 hour 41 minutes', 7560 → '126 hours': the form the duration fix writes, and the model reads back. */
export function formatLength(minutes: number): string {
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

/** A time gap for messages: '15 minutes', '2 hours 5 minutes', or whole days past two ('31 days'). */
export function formatGap(minutes: number): string {
  return minutes >= 2 * 1440 ? `${Math.round(minutes / 1440)} days` : formatLength(minutes);
}

/** 'approximately 4 hours', '~2h', 'about 30 minutes': a rounded length that need not be exact. */
const APPROXIMATE = /(approx\w*|about|around|roughly|nearly|almost|~|circa|some|over|more than|less than|under|just)\s*$/i;

const durationMismatch: Rule = {
  meta: {
    id: 'PM012',
    name: 'duration-mismatch',
    description: 'The stated outage length does not equal its end minus its start.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, source, report }) {
    const { window, statedLength } = model;
    if (!window?.start || !window.end || !statedLength) return;
    if (window.startMinutes === undefined || window.endMinutes === undefined || window.endMinutes < window.startMinutes) return;
    const computed = window.endMinutes - window.startMinutes;
    const lineBefore = source.line(statedLength.range.start.line).slice(0, statedLength.range.start.character);
    // Lengths are stated to the minute (times may carry seconds); one said to be approximate may be rounded
    // further: allow a tenth of it, and at least 5 minutes.
    const tolerance = APPROXIMATE.test(statedLength.raw) || APPROXIMATE.test(lineBefore) ? Math.max(5, computed / 10) : 0.5;
    if (Math.abs(statedLength.minutes - computed) <= tolerance) return;
    const length = formatLength(computed);
    const stated = formatLength(statedLength.minutes);
    // A length read out of a longer word ('45 minutesª') cannot be replaced without cutting that word.
    const replaceable = !insideWord(source, source.offsetAt(statedLength.range.start)) && !insideWord(source, source.offsetAt(statedLength.range.end));
    report({
      range: statedLength.range,
      message: `Stated length "${statedLength.raw}"${stated === statedLength.raw ? '' : ` (${stated})`} does not match the outage window: ${window.start.raw} to ${window.end.raw} is ${length}.`,
      related: [
        { range: window.start.range, message: 'the outage start' },
        { range: window.end.range, message: 'the outage end' },
      ],
      // Not preferred: the start or end may be the wrong one, so "fix all" never rewrites the stated length.
      fixes: replaceable ? [{ title: `Change the length to "${length}"`, edits: [{ range: statedLength.range, newText: length }] }] : [],
    });
  },
};

const endBeforeStart: Rule = {
  meta: {
    id: 'PM013',
    name: 'end-before-start',
    description: 'The outage ends before it starts.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ model, report }) {
    const window = model.window;
    if (!window?.start || !window.end || window.startMinutes === undefined || window.endMinutes === undefined) return;
    if (window.endMinutes >= window.startMinutes) return;
    report({
      range: window.end.range,
      message: `The outage ends (${window.end.raw}) ${formatGap(window.startMinutes - window.endMinutes)} before it starts (${window.start.raw}); check the dates and times.`,
      related: [{ range: window.start.range, message: 'the outage start' }],
    });
  },
};

export const durationRules: Rule[] = [durationMismatch, endBeforeStart];
