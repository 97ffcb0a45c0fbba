// The settings card's bank holiday and weeks-off inputs. Each value is checked here; nothing is saved
// unless all of them are. A card from before these inputs existed sends none of them, which leaves
// the team's choices as they are.
import { z } from 'zod';
import { BANK_HOLIDAY_REGIONS, type BankHolidaySetting, type IsoWeek } from '../domain';
import type { InputResult } from './validation';

const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

const holidaySchema = z.object({
  bankHolidayRegion: z.enum(BANK_HOLIDAY_REGIONS),
  onBankHoliday: z.enum(['move', 'skip']),
});

export interface CalendarInput {
  bankHolidays?: BankHolidaySetting;
  /** Undefined when the card sent no weeks-off input (an old card): the weeks off stay as they are. */
  weeksOff?: IsoWeek[];
}

export function parseCalendarInputs(raw: Record<string, unknown>): InputResult<CalendarInput> {
  const value: CalendarInput = {};
  if ('bankHolidayRegion' in raw || 'onBankHoliday' in raw) {
    const parsed = holidaySchema.safeParse(raw);
    if (!parsed.success)
      return {
        ok: false,
        problem: 'Choose the nation whose bank holidays the team keeps, and whether to move or skip.',
      };
    value.bankHolidays = { region: parsed.data.bankHolidayRegion, onHoliday: parsed.data.onBankHoliday };
  }
  // Teams and the Playground send nothing for a multi-select with nothing ticked, so a card that
  // has the bank holiday choice (always sent) and no weeks off means none are ticked.
  if ('weeksOff' in raw || 'bankHolidayRegion' in raw) {
    const text = raw.weeksOff ?? '';
    if (typeof text !== 'string') return { ok: false, problem: 'The weeks off could not be read.' };
    const weeks = [
      ...new Set(
        text
          .split(',')
          .map((week) => week.trim())
          .filter((week) => week !== ''),
      ),
    ];
    if (weeks.some((week) => !ISO_WEEK.test(week))) return { ok: false, problem: 'The weeks off could not be read.' };
    value.weeksOff = weeks.sort();
  }
  return { ok: true, value };
}

/** True when the weeks off would change: only leads may do that. */
export function weeksOffChanged(
  current: readonly IsoWeek[] | undefined,
  next: readonly IsoWeek[] | undefined,
): boolean {
  if (next === undefined) return false;
  const before = [...(current ?? [])].sort();
  return before.length !== next.length || before.some((week, index) => week !== next[index]);
}
