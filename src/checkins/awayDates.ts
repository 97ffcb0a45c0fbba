// "away until 2 January", "away from 21 December to 2 January", "away tomorrow", "away next week":
// the days a person means, read by chrono-node in British English (day before month), on the
// person's own calendar. Dates are whole days (IsoDate), first and last day away, both inclusive.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { IsoDate } from '../domain';

/** Time away is for holidays and leave, not sabbaticals: a year ahead at most. */
export const MAX_AWAY_DAYS = 366;
/** "I was away last week" still counts for progress, a few weeks back at most. */
export const MAX_DAYS_BACK = 28;

export type AwayDates = { ok: true; from: IsoDate; until: IsoDate } | { ok: false; problem: string };

const EXAMPLES = 'For example "away until 2 January", "away from 21 December to 2 January" or "away next week".';

function isoDate(day: DateTime): IsoDate {
  return day.toISODate() ?? '';
}

function dayOf(component: chrono.ParsedComponents, zone: string): DateTime {
  return DateTime.fromObject(
    { year: component.get('year') ?? 0, month: component.get('month') ?? 1, day: component.get('day') ?? 1 },
    { zone },
  );
}

/**
 * The days in `text` (what follows "away"), seen from `now` in `zone`. A single date after "until",
 * "till", "to" or "through" is the last day away, starting today; a single date otherwise ("on 3
 * March", "tomorrow") is one day; a range is its first and last day.
 */
export function parseAwayDates(text: string, now: Date, zone: string): AwayDates {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const words = text.trim().toLowerCase();
  if (words === '' || words === 'this week')
    return { ok: true, from: isoDate(today), until: isoDate(today.endOf('week').startOf('day')) };
  if (words === 'next week') {
    const monday = today.plus({ weeks: 1 }).startOf('week');
    return { ok: true, from: isoDate(monday), until: isoDate(monday.plus({ days: 6 })) };
  }
  const found = chrono.en.GB.parse(text, { instant: now, timezone: zone }, { forwardDate: true })[0];
  if (!found) return { ok: false, problem: `I couldn't find the dates in that. ${EXAMPLES}` };
  const first = dayOf(found.start, zone);
  let from: DateTime;
  let until: DateTime;
  if (found.end) {
    from = first;
    until = dayOf(found.end, zone);
  } else if (/\b(until|till|til|to|through|thru)\s*$/.test(text.slice(0, found.index).toLowerCase())) {
    from = today;
    until = first;
  } else {
    from = first;
    until = first;
  }
  if (!from.isValid || !until.isValid) return { ok: false, problem: `I couldn't read those dates. ${EXAMPLES}` };
  if (until < from) return { ok: false, problem: `The last day comes before the first. ${EXAMPLES}` };
  if (until < today) return { ok: false, problem: 'Those days have already passed, so there is nothing to change.' };
  if (from < today.minus({ days: MAX_DAYS_BACK }))
    return { ok: false, problem: `Time away can start at most ${MAX_DAYS_BACK} days back.` };
  if (until > today.plus({ days: MAX_AWAY_DAYS }))
    return { ok: false, problem: 'Time away can be set up to a year ahead.' };
  return { ok: true, from: isoDate(from), until: isoDate(until) };
}

/** "Monday 21 December 2026": how the confirmation card says a date back to the person. */
export function spokenDate(date: IsoDate): string {
  const day = DateTime.fromISO(date, { zone: 'UTC', locale: 'en-GB' });
  return day.isValid ? day.toFormat('cccc d LLLL yyyy') : date;
}

/** The day before `date`, for ending time away early. */
export function dayBefore(date: IsoDate): IsoDate {
  return isoDate(DateTime.fromISO(date, { zone: 'UTC' }).minus({ days: 1 }));
}

/** Today on the person's (or team's) calendar. */
export function todayIn(now: Date, zone: string): IsoDate {
  return isoDate(DateTime.fromJSDate(now, { zone }));
}
