// Puts timeline entries and the outage window on one scale: minutes since 00:00 of the window start's
// day, in the window start's zone. Written dates decide the day when there are any. Without them, a
// time that goes back by hours moves to the next day only when the window itself runs past midnight
// (23:00-01:30 with entries 23:10, 00:20); otherwise it stays put, so rules can report it as out of order.
import type { CalendarDate, OutageWindow, TimelineEntry, Timestamp } from './model';
import { daysBetween, minuteOfDay } from './time';

/** How far back a time must go, in minutes, before it reads as the next day. */
const ROLLOVER_GAP = 180;

export interface WindowDates {
  start?: CalendarDate;
  end?: CalendarDate;
}

/**
 * Sets `minutes` on entries with a valid time and `startMinutes`/`endMinutes` on the window.
 * `dates[i]` is the date entry i is on, when known; `fallbackOffset` is the document's zone offset.
 */
export function placeOnTimeline(entries: TimelineEntry[], dates: ReadonlyArray<CalendarDate | undefined>, window: OutageWindow | undefined, windowDates: WindowDates, fallbackOffset?: number): void {
  const reference = window?.start?.zone?.offsetMinutes ?? window?.end?.zone?.offsetMinutes ?? fallbackOffset;
  const clock = (stamp: Timestamp) => {
    const offset = stamp.zone?.offsetMinutes;
    return minuteOfDay(stamp.time) + (offset !== undefined && reference !== undefined ? reference - offset : 0);
  };
  const baseDate = windowDates.start ?? dates.find((d) => d !== undefined);

  let startMinutes: number | undefined;
  let endMinutes: number | undefined;
  if (window) {
    if (window.start?.time.valid) {
      startMinutes = clock(window.start) + (windowDates.start && baseDate ? daysBetween(baseDate, windowDates.start) * 1440 : 0);
      window.startMinutes = startMinutes;
    }
    if (window.end?.time.valid) {
      endMinutes = clock(window.end);
      if (windowDates.end && baseDate) endMinutes += daysBetween(baseDate, windowDates.end) * 1440;
      else if (startMinutes !== undefined && endMinutes < startMinutes) endMinutes += 1440;
      window.endMinutes = endMinutes;
    }
  }
  const lastDay = endMinutes !== undefined ? Math.floor(endMinutes / 1440) : 0;

  let day = 0;
  let previous = startMinutes;
  entries.forEach((entry, i) => {
    const stamp = entry.timestamp;
    if (!stamp?.time.valid) return;
    const time = clock(stamp);
    const date = dates[i];
    let minutes: number;
    if (date && baseDate) {
      day = daysBetween(baseDate, date);
      minutes = day * 1440 + time;
    } else {
      minutes = day * 1440 + time;
      if (day < lastDay && previous !== undefined && minutes < previous - ROLLOVER_GAP) {
        day++;
        minutes += 1440;
      }
    }
    entry.minutes = minutes;
    previous = minutes;
  });
}
