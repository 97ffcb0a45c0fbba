// UK bank holidays, from the date-holidays package (its data ships inside the package, so nothing is
// fetched at run time and the list is kept by people who track the government's announcements).
// A prompt or reminder due on one of the team's bank holidays moves to the next working day of the
// same ISO week at the same local time, or is skipped, as the team chose. It never leaves its week:
// each week has one prompt (its delivery key is the week), and a Friday prompt moved to Monday would
// arrive in the next week beside that week's own prompt.
import Holidays from 'date-holidays';
import type { DateTime } from 'luxon';
import type { BankHolidayRegion, BankHolidaySetting } from '../domain';

/** What a team keeps until someone chooses: England and Wales, prompts moved. */
export const DEFAULT_BANK_HOLIDAYS: BankHolidaySetting = { region: 'england-and-wales', onHoliday: 'move' };

/** The name people know each region by, for cards. */
export const REGION_NAMES: Record<BankHolidayRegion, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

// England and Wales share their bank holidays; date-holidays files them under England.
const STATE_CODES: Record<BankHolidayRegion, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

/** 'yyyy-MM-dd' to the holiday's name, per region and year: a year is read once per process. */
const byRegionYear = new Map<string, Map<string, string>>();
const calendars = new Map<BankHolidayRegion, Holidays>();

function holidaysOf(region: BankHolidayRegion, year: number): Map<string, string> {
  const key = `${region}|${year}`;
  let days = byRegionYear.get(key);
  if (!days) {
    let calendar = calendars.get(region);
    if (!calendar) calendars.set(region, (calendar = new Holidays('GB', STATE_CODES[region])));
    days = new Map();
    // 'public' is what date-holidays calls a bank holiday; 'observance' (Mother's Day) is not a day off.
    for (const holiday of calendar.getHolidays(year))
      if (holiday.type === 'public' || holiday.type === 'bank') days.set(holiday.date.slice(0, 10), holiday.name);
    byRegionYear.set(key, days);
  }
  return days;
}

/** The bank holiday on `day`'s local calendar date in `region`, by name, or undefined. */
export function bankHolidayOn(day: DateTime, region: BankHolidayRegion): string | undefined {
  return holidaysOf(region, day.year).get(day.toISODate() ?? '');
}

/** A working day: Monday to Friday and not one of the region's bank holidays. */
function isWorkingDay(day: DateTime, region: BankHolidayRegion): boolean {
  return day.weekday <= 5 && bankHolidayOn(day, region) === undefined;
}

export type HolidayOutcome =
  | { kind: 'due'; at: DateTime; movedFrom?: { at: DateTime; holiday: string } }
  | { kind: 'skipped'; at: DateTime; holiday: string };

/**
 * Where a due instant lands once the team's bank holidays are applied. `due` is local (in the team's
 * zone). Not a holiday: unchanged. On a holiday, 'move' gives the next working day in the same ISO
 * week at the same wall-clock time (luxon's day arithmetic keeps the local time across a clock
 * change: 09:30 before the change is 09:30 after it), and 'skip', or no working day left in the
 * week, gives 'skipped'.
 */
export function applyBankHolidays(due: DateTime, setting: BankHolidaySetting = DEFAULT_BANK_HOLIDAYS): HolidayOutcome {
  const holiday = bankHolidayOn(due, setting.region);
  if (holiday === undefined) return { kind: 'due', at: due };
  if (setting.onHoliday === 'skip') return { kind: 'skipped', at: due, holiday };
  for (let next = due.plus({ days: 1 }); next.weekNumber === due.weekNumber; next = next.plus({ days: 1 })) {
    if (isWorkingDay(next, setting.region)) return { kind: 'due', at: next, movedFrom: { at: due, holiday } };
  }
  return { kind: 'skipped', at: due, holiday };
}
