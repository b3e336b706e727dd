import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  daysBetween,
  findDates,
  findDurations,
  findTimestamps,
  findZoneMentions,
  minuteOfDay,
  parseDuration,
  parseTimestamp,
  zoneOffset,
} from '../../../server/src/postmortem/time';

/** The single timestamp in `text`, with the text its range covers. */
function only(text: string) {
  const stamps = findTimestamps(text, 3);
  assert.equal(stamps.length, 1, `expected one time in ${JSON.stringify(text)}, got ${stamps.map((s) => s.raw).join(', ')}`);
  const [stamp] = stamps;
  assert.equal(stamp.range.start.line, 3);
  assert.equal(text.slice(stamp.range.start.character, stamp.range.end.character), stamp.raw);
  return stamp;
}

describe('clock times', () => {
  it('reads 24-hour times, with and without seconds', () => {
    assert.deepEqual(only('At 14:00 the alert fired').time, { hour: 14, minute: 0, valid: true });
    assert.deepEqual(only('09:05').time, { hour: 9, minute: 5, valid: true });
    assert.deepEqual(only('- 13:00:56: Monitoring alert').time, { hour: 13, minute: 0, second: 56, valid: true });
  });

  it('converts 12-hour times written every usual way', () => {
    const cases: Array<[string, number, number]> = [
      ['2:00 PM', 14, 0],
      ['2pm', 14, 0],
      ['2 p.m.', 14, 0],
      ['12:00 p.m.', 12, 0],
      ['12:30 AM', 0, 30],
      ['8:00AM', 8, 0],
      ['6 PM', 18, 0],
      ['11:48 PM', 23, 48],
      ['12: 48pm', 12, 48],
    ];
    for (const [text, hour, minute] of cases) {
      const { time } = only(`at ${text} sharp`);
      assert.equal(time.hour, hour, text);
      assert.equal(time.minute, minute, text);
      assert.equal(time.valid, true, text);
      assert.ok(time.meridiem, text);
    }
  });

  it("reads military '2100hrs' and '10:00 hours'", () => {
    const hrs = only('On 13/10/2023 at 2100hrs WAT, the site was down');
    assert.deepEqual(hrs.time, { hour: 21, minute: 0, valid: true });
    assert.equal(hrs.raw, '13/10/2023 at 2100hrs WAT');
    assert.equal(only('on Saturday at 10:00 hours').time.hour, 10);
  });

  it('keeps impossible times, marked invalid, so rules can report them', () => {
    const pm = only('13:06 PM: restarted');
    assert.equal(pm.time.valid, false);
    assert.equal(pm.time.hour, 13);
    assert.equal(pm.time.meridiem, 'pm');
    assert.equal(only('25:00').time.valid, false);
    assert.equal(only('10:75').time.valid, false);
    assert.equal(only('0:30 PM').time.valid, false);
    assert.equal(only('13:20pm ~ later').time.valid, false);
  });

  it('ignores numbers that are not times', () => {
    for (const text of ['curl 127.0.0.1:8080', 'pi is 3.14', 'version 1.2.3', 'aspect 16:9', 'offset UTC+05:30 only', 'sha256:58d0da8bc2f4', 'nginx[31101]: failed']) {
      assert.deepEqual(findTimestamps(text, 0), [], text);
    }
  });

  it("reads '15.25' as a time before a zone or am/pm, or where a timeline entry starts", () => {
    const pst = only('* 15.25 PST 29 april 2022 - engineers still trying');
    assert.deepEqual([pst.time.hour, pst.time.minute, pst.zone?.name], [15, 25, 'PST']);
    assert.equal(only('at 7.45 pm we paged').time.hour, 19);
    // At the start of an entry ('- ' is 2 characters), followed by a separator.
    const entry = findTimestamps('- 15.25 - engineers check the logs', 3, 2);
    assert.deepEqual(entry.map((s) => [s.raw, s.time.hour, s.time.minute]), [['15.25', 15, 25]]);
    assert.equal(findTimestamps('| 09.05 | alert fired |', 0, 2)[0]?.raw, '09.05');
    assert.equal(findTimestamps('- **15.25**: paged', 0, 4)[0]?.raw, '15.25');
  });

  it('keeps decimals in prose as numbers', () => {
    const cases: Array<[string, number]> = [
      ['- 15.25 - engineers', -1], // not an entry
      ['latency rose 15.25 - 3 ms', 2], // an entry starts elsewhere
      ['- 15.25 percent of users', 2], // no separator after it
      ['- 99.50 - the price', 2], // no such time
      ['- 3.14 is pi', 2],
    ];
    for (const [text, entryStart] of cases) assert.deepEqual(findTimestamps(text, 0, entryStart), [], text);
  });

  it('finds the time inside bold and italic markup', () => {
    const bold = only('- **14:00 WAT**: Issue detected');
    assert.equal(bold.raw, '14:00 WAT');
    assert.deepEqual([bold.range.start.character, bold.range.end.character], [4, 13]);
    assert.equal(only('* *14:51 PST* - Engineer discovered').raw, '14:51 PST');
    assert.equal(only('**14:00** WAT').zone?.name, 'WAT');
  });

  it('finds several times on one line, in order', () => {
    const stamps = findTimestamps('12:00pm EAT: Issue was detected. 12:06pm EAT: While using curl 12:09pm EAT: handled', 0);
    assert.deepEqual(stamps.map((s) => s.raw), ['12:00pm EAT', '12:06pm EAT', '12:09pm EAT']);
    assert.deepEqual(stamps.map((s) => s.time.hour * 60 + s.time.minute), [720, 726, 729]);
  });
});

describe('dates next to times', () => {
  it('takes the date written before the time into the timestamp', () => {
    const cases: Array<[string, { year?: number; month: number; day: number }]> = [
      ['June 19, 2024, 14:00 WAT', { year: 2024, month: 6, day: 19 }],
      ['Jun 28, 2023 6:00 AM', { year: 2023, month: 6, day: 28 }],
      ['2024-06-19 14:00', { year: 2024, month: 6, day: 19 }],
      ['2019-1-17 14:51', { year: 2019, month: 1, day: 17 }],
      ['13/10/2023 21:00', { year: 2023, month: 10, day: 13 }],
      ['Thursday, May 9, 2024, 17:30 PST', { year: 2024, month: 5, day: 9 }],
      ['May 12, 2024, at 10:00 AM', { year: 2024, month: 5, day: 12 }],
      ['September 11th, 2018, 00:00', { year: 2018, month: 9, day: 11 }],
      ['January 10, 7:00 AM', { month: 1, day: 10 }],
      ['Saturday 2nd May 10:00 hours', { month: 5, day: 2 }],
    ];
    for (const [text, date] of cases) {
      const stamp = only(text);
      assert.deepEqual(stamp.date, date, text);
      assert.equal(stamp.range.start.character, 0, text);
    }
  });

  it('reads ambiguous numeric dates day first, unless that is impossible', () => {
    assert.deepEqual(only('04-12-2022 7:23 AM GMT+1').date, { year: 2022, month: 12, day: 4 });
    assert.deepEqual(only('12/25/2023 10:00').date, { year: 2023, month: 12, day: 25 });
    assert.deepEqual(only('9/11/18 12:00pm').date, { year: 2018, month: 11, day: 9 });
  });

  it('takes a date written right after the time and zone', () => {
    const stamp = only('* 13:15 PST 29 april 2022 - a customer complained');
    assert.deepEqual(stamp.date, { year: 2022, month: 4, day: 29 });
    assert.equal(stamp.raw, '13:15 PST 29 april 2022');
  });

  it("takes a date after 'on', so the ends of a range over midnight keep their days", () => {
    const [from, to] = findTimestamps('From 23:40 on June 19, 2024 to 00:40 WAT on June 20, users could not log in.', 0);
    assert.deepEqual([from.raw, from.date], ['23:40 on June 19, 2024', { year: 2024, month: 6, day: 19 }]);
    assert.deepEqual([to.raw, to.date], ['00:40 WAT on June 20', { month: 6, day: 20 }]);
    assert.equal(from.zone?.name, 'WAT');
  });

  it('reads ISO 8601 date-times with their zone', () => {
    const z = only('2024-06-19T14:00:00Z');
    assert.deepEqual(z.date, { year: 2024, month: 6, day: 19 });
    assert.equal(z.zone?.offsetMinutes, 0);
    const plus = only('at 2024-06-19T14:00:00+05:30 the deploy ran');
    assert.equal(plus.zone?.offsetMinutes, 330);
    assert.equal(plus.raw, '2024-06-19T14:00:00+05:30');
  });

  it('does not read a range end as an ISO offset', () => {
    const stamps = findTimestamps('09:00-14:00', 0);
    assert.deepEqual(stamps.map((s) => [s.raw, s.zone]), [['09:00', undefined], ['14:00', undefined]]);
  });

  it('finds dates on their own', () => {
    assert.deepEqual(findDates('Timeline for 2019-10-21 (all times UTC)').map((d) => d.date), [{ year: 2019, month: 10, day: 21 }]);
    assert.deepEqual(findDates('#### August 15, 2024').map((d) => [d.date, d.start, d.end]), [[{ year: 2024, month: 8, day: 15 }, 5, 20]]);
    assert.deepEqual(findDates('from May 1st to May 31st').map((d) => d.date.day), [1, 31]);
    assert.deepEqual(findDates('Ubuntu 14.04 on 10.0.0.1'), []);
  });
});

describe('time zones', () => {
  it('reads abbreviations with their offsets', () => {
    const cases: Array<[string, number]> = [
      ['WAT', 60], ['UTC', 0], ['GMT', 0], ['PST', -480], ['EST', -300], ['CET', 60], ['EAT', 180], ['IST', 330],
      ['CAT', 120], ['SAST', 120], ['PDT', -420], ['CST', -360], ['PT', -480],
    ];
    for (const [zone, offset] of cases) {
      const stamp = only(`10:00 ${zone}`);
      assert.equal(stamp.zone?.name, zone);
      assert.equal(stamp.zone?.offsetMinutes, offset, zone);
      assert.equal(stamp.zone?.origin, 'entry');
    }
  });

  it('reads explicit offsets', () => {
    const cases: Array<[string, string, number]> = [
      ['9:55 AM GMT+1', 'GMT+1', 60],
      ['12:00 PM (UTC-5)', 'UTC-5', -300],
      ['14:00 UTC+05:30', 'UTC+05:30', 330],
      ['12pm GMT +1', 'GMT +1', 60],
      ['10:00 AM (UTC+0)', 'UTC+0', 0],
    ];
    for (const [text, name, offset] of cases) {
      const { zone } = only(text);
      assert.equal(zone?.name, name, text);
      assert.equal(zone?.offsetMinutes, offset, text);
      assert.equal(text.slice(zone!.range!.start.character, zone!.range!.end.character), name, text);
    }
  });

  it("reads the 'UTC+01:00' our snippets write from VS Code's $CURRENT_TIMEZONE_OFFSET", () => {
    for (const [offset, minutes] of [['+01:00', 60], ['-05:00', -300], ['+00:00', 0], ['+05:45', 345], ['-03:30', -210]] as const) {
      const stamp = only(`- **09:05 UTC${offset}**: what happened`);
      assert.deepEqual([stamp.raw, stamp.zone?.name, stamp.zone?.offsetMinutes], [`09:05 UTC${offset}`, `UTC${offset}`, minutes], offset);
      assert.deepEqual(only(`- **Start**: 2024-06-19, 09:05 UTC${offset}`).date, { year: 2024, month: 6, day: 19 });
      assert.deepEqual(findZoneMentions(`Timeline (all times UTC${offset})`, 0).map((z) => z.offsetMinutes), [minutes], offset);
    }
  });

  it('includes a parenthesized zone in the timestamp, but not in the zone range', () => {
    const stamp = only('10:45 AM (UTC): Issue Detected');
    assert.equal(stamp.raw, '10:45 AM (UTC)');
    assert.deepEqual([stamp.zone!.range!.start.character, stamp.zone!.range!.end.character], [10, 13]);
  });

  it('reads spelled-out zones, with an echoed abbreviation', () => {
    const cat = only('approximately 06:05 Central African Time (CAT) here');
    assert.equal(cat.zone?.name, 'Central African Time');
    assert.equal(cat.zone?.offsetMinutes, 120);
    assert.equal(cat.raw, '06:05 Central African Time (CAT)');
    assert.equal(only('00:07 Pacific Standard Time').zone?.offsetMinutes, -480);
    assert.equal(only('10:00 hours (East Africa Time)').zone?.offsetMinutes, 180);
  });

  it('does not take lower-case words for zones, except utc and gmt', () => {
    assert.equal(only('at 10:00 cat food was served').zone, undefined);
    assert.equal(only('10:00 ist').zone, undefined);
    assert.equal(only('10:00 utc').zone?.offsetMinutes, 0);
  });

  it('shares a zone written once across the two ends of a range', () => {
    const [from, to] = findTimestamps('from 10:45 to 12:15 SAST, then 13:00', 0);
    assert.equal(from.zone?.name, 'SAST');
    assert.equal(to.zone?.name, 'SAST');
    const between = findTimestamps('between 03:45 AM (UTC) and 11:30 AM', 0);
    assert.equal(between[1].zone?.name, 'UTC');
    const unrelated = findTimestamps('at 10:00 WAT we paged. At 11:00 it recovered', 0);
    assert.equal(unrelated[1].zone, undefined);
  });

  it('finds zone mentions anywhere in a line', () => {
    assert.deepEqual(findZoneMentions('Timeline (all times in West African Time)', 0).map((z) => [z.name, z.offsetMinutes]), [['West African Time', 60]]);
    assert.deepEqual(findZoneMentions('- **Timezone:** PST', 0).map((z) => z.name), ['PST']);
    assert.deepEqual(findZoneMentions('we eat at the cat cafe', 0), []);
  });

  it('looks zones up by name', () => {
    assert.equal(zoneOffset('WAT'), 60);
    assert.equal(zoneOffset('wat'), 60);
    assert.equal(zoneOffset('GMT+1'), 60);
    assert.equal(zoneOffset('UTC-05:30'), -330);
    assert.equal(zoneOffset('Pacific Standard Time'), -480);
    assert.equal(zoneOffset('Mars Time'), undefined);
    assert.equal(zoneOffset('UTC+99'), undefined);
  });
});

describe('durations', () => {
  it('reads the phrases people use', () => {
    const cases: Array<[string, number, string]> = [
      ['Duration: 1 hour 41 minutes', 101, '1 hour 41 minutes'],
      ['lasted for 1 hour and 45 minutes, starting', 105, '1 hour and 45 minutes'],
      ['**Duration: 30 mins** (13:20pm ~ 13:30pm EAT)', 30, '30 mins'],
      ['Friday, May 10, 2024, 01:00 PST (7.5 hours)', 450, '7.5 hours'],
      ['fixed in 1h30m', 90, '1h30m'],
      ['down for an hour', 60, 'an hour'],
      ['half an hour later', 30, 'half an hour'],
      ['an hour and a half', 90, 'an hour and a half'],
      ['a 90-minute outage', 90, '90-minute'],
      ['2 hours, 15 minutes', 135, '2 hours, 15 minutes'],
      ['for 2 days', 2880, '2 days'],
      ['approximately three hours', 180, 'three hours'],
      ['lasted 5 days 6 hours', 7560, '5 days 6 hours'],
      ['2 days, 3 hours and 5 minutes', 3065, '2 days, 3 hours and 5 minutes'],
      ['1 day and 2 hours in all', 1560, '1 day and 2 hours'],
      ['2 days and a half', 3600, '2 days and a half'],
    ];
    for (const [text, minutes, raw] of cases) {
      const [duration] = findDurations(text, 5);
      assert.ok(duration, text);
      assert.equal(duration.minutes, minutes, text);
      assert.equal(duration.raw, raw, text);
      assert.equal(text.slice(duration.range.start.character, duration.range.end.character), raw);
      assert.equal(duration.range.start.line, 5);
    }
  });

  it('joins parts only in falling units', () => {
    assert.deepEqual(findDurations('5 hours a day', 0).map((d) => [d.raw, d.minutes]), [['5 hours', 300], ['a day', 1440]]);
    assert.deepEqual(findDurations('30 minutes 2 hours', 0).map((d) => [d.raw, d.minutes]), [['30 minutes', 30], ['2 hours', 120]]);
    assert.deepEqual(findDurations('3 days 5m', 0).map((d) => d.raw), ['3 days']);
  });

  it('does not read clock times as durations', () => {
    assert.deepEqual(findDurations('at 2100hrs WAT', 0), []);
    assert.deepEqual(findDurations('at 10:00 hours', 0), []);
    assert.equal(parseDuration('no length here'), undefined);
    assert.equal(parseDuration('(7.5 hours)'), 450);
  });
});

describe('helpers', () => {
  it('counts minutes of the day and days between dates', () => {
    assert.equal(minuteOfDay({ hour: 14, minute: 30, valid: true }), 870);
    assert.equal(minuteOfDay({ hour: 0, minute: 0, second: 30, valid: true }), 0.5);
    assert.equal(daysBetween({ year: 2024, month: 6, day: 30 }, { year: 2024, month: 7, day: 1 }), 1);
    assert.equal(daysBetween({ year: 2023, month: 12, day: 31 }, { month: 1, day: 1, year: 2024 }), 1);
    assert.equal(daysBetween({ month: 2, day: 28 }, { year: 2024, month: 3, day: 1 }), 2);
  });

  it('parses a single timestamp', () => {
    assert.equal(parseTimestamp('| 16:51 |')?.raw, '16:51');
    assert.equal(parseTimestamp('no time'), undefined);
  });
});

describe('properties', () => {
  it('reads every valid 24-hour time back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.string({ maxLength: 20 }), (hour, minute, tail) => {
        const written = `${hour}:${String(minute).padStart(2, '0')}`;
        // The dash keeps the tail from reading as the time's am/pm ('0:00 Pm').
        const [stamp] = findTimestamps(`at ${written} - ${tail.replace(/[\d:]/g, '')}`, 0);
        assert.equal(stamp.time.valid, true);
        assert.equal(stamp.time.hour, hour);
        assert.equal(stamp.time.minute, minute);
      }),
    );
  });

  it('reads every 12-hour time as the right 24-hour time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('am', 'pm', 'AM', 'PM', 'a.m.', 'p.m.'), fc.boolean(), (hour, minute, meridiem, space) => {
        const stamp = parseTimestamp(`${hour}:${String(minute).padStart(2, '0')}${space ? ' ' : ''}${meridiem}`)!;
        const pm = meridiem.toLowerCase().startsWith('p');
        assert.equal(stamp.time.hour, (hour % 12) + (pm ? 12 : 0));
        assert.equal(stamp.time.valid, true);
      }),
    );
  });

  it('never throws, and every range covers exactly its raw text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120, unit: fc.constantFrom(...'0123456789:apmAPM .,-()+TZ*_UTCGMTWATJune2024hrs'.split('')) }), (text) => {
        for (const stamp of findTimestamps(text, 0)) {
          assert.equal(text.slice(stamp.range.start.character, stamp.range.end.character), stamp.raw);
          assert.ok(stamp.range.start.character <= stamp.range.end.character);
        }
        for (const duration of findDurations(text, 0)) assert.ok(duration.minutes > 0);
        findZoneMentions(text, 0);
        findDates(text);
      }),
      { numRuns: 500 },
    );
  });
});
