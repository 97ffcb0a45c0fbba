// The weekly prompt schedule as the settings card sends it back: day, time, IANA time zone, an
// optional reminder and pause. Each value is checked here; nothing is saved unless all of them are.
import { z } from 'zod';
import { isZoneName } from '../calendar/zoneNames';
import type { TeamSettings } from '../domain';
import type { InputResult } from './validation';

/** The reminder choice meaning "none" (a choice needs a non-empty value). */
export const NO_REMINDER = 'none';

const SCHEDULE_FIELDS = ['promptDay', 'promptTime', 'timeZone', 'reminderDay', 'reminderTime', 'paused'];

const day = z
  .enum(['1', '2', '3', '4', '5', '6', '7'])
  .transform((value) => Number(value) as 1 | 2 | 3 | 4 | 5 | 6 | 7);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const scheduleInputSchema = z.object({
  promptDay: day,
  promptTime: time,
  timeZone: z.string().trim().refine(isZoneName),
  reminderDay: z.union([z.literal(NO_REMINDER), z.literal(''), day]).optional(),
  reminderTime: z.union([z.literal(''), time]).optional(),
  paused: z.enum(['true', 'false']).optional(),
});

export type ScheduleInput = Pick<TeamSettings, 'schedule' | 'reminder' | 'paused'>;

/** What each input means to a person, for the answer when it cannot be used. */
const FIELD_PROBLEMS: Record<string, string> = {
  promptDay: 'Choose the day of the week for the prompt.',
  promptTime: 'Give the prompt time as hours and minutes, for example 09:30.',
  timeZone: 'Choose the team’s time zone from the list.',
  reminderDay: 'Choose the reminder day, or "No reminder".',
  reminderTime: 'Give the reminder time as hours and minutes, for example 14:00.',
  paused: 'The pause switch sent a value it should not.',
};

/** Minutes from the start of the ISO week (Monday 00:00) to `day` (1 = Monday) at `time` ("HH:mm"). */
function minuteOfWeek(day: string | number, time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (Number(day) - 1) * 24 * 60 + (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * The schedule from the card's inputs; undefined when the card sent none of them (a settings card
 * from before the schedule was on it), which leaves the schedule as it is.
 */
export function parseScheduleInputs(raw: Record<string, unknown>): InputResult<ScheduleInput | undefined> {
  if (!SCHEDULE_FIELDS.some((field) => field in raw)) return { ok: true, value: undefined };
  const parsed = scheduleInputSchema.safeParse(raw);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    return { ok: false, problem: FIELD_PROBLEMS[field] ?? 'The schedule could not be read.' };
  }
  const { promptDay, promptTime, timeZone, reminderDay, reminderTime, paused } = parsed.data;
  const remind =
    reminderDay !== undefined && reminderDay !== '' && reminderDay !== NO_REMINDER ? reminderDay : undefined;
  if (remind && !reminderTime) return { ok: false, problem: FIELD_PROBLEMS.reminderTime ?? '' };
  // A reminder is for those who have not checked in since the prompt: at or before it, it makes no sense.
  if (remind && minuteOfWeek(remind, reminderTime || promptTime) <= minuteOfWeek(promptDay, promptTime))
    return {
      ok: false,
      problem: 'The reminder must come after the weekly prompt: choose a later day or time for it, or "No reminder".',
    };
  return {
    ok: true,
    value: {
      schedule: { day: promptDay, time: promptTime, timeZone },
      reminder: remind ? { day: remind, time: reminderTime || promptTime } : undefined,
      paused: paused === 'true',
    },
  };
}
