// A team's settings: which missions it checks in on, when, who leads, how long answers are kept.
// The schema is the stored shape; the type is inferred from it.
import { z } from 'zod';
import { BANK_HOLIDAY_REGIONS, MISSIONS } from '../index';

const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const id = z.string().min(1).max(1024);
const mission = z.enum(MISSIONS);
const week = z.string().regex(ISO_WEEK, "must be an ISO week like '2026-W48'");
/** ISO 8601 weekday: 1 is Monday, 7 is Sunday. */
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);
const time = z.string().regex(HH_MM, "must be 'HH:mm'");
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone');

function isTimeZone(value: string): boolean {
  // A name, not a UTC offset, which Intl on Node.js 24 also takes (as src/calendar/zoneNames.ts says).
  if (!/^[A-Za-z]/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const teamSettingsSchema = z.object({
  /** The conversation id of the team or chat. */
  teamId: id,
  missions: z.array(mission).refine((list) => new Set(list).size === list.length, 'must not repeat a mission'),
  /** Local time 'HH:mm' in `timeZone`, an IANA zone such as 'Europe/London'. */
  schedule: z.object({ day: weekday, time, timeZone }),
  /** Who set the zone: someone on the settings card, or the Teams client of whoever set the team up. */
  timeZoneSetBy: z.enum(['settingsCard', 'clientInfo']).optional(),
  /** When to nudge people who have not checked in, in the schedule's time zone. */
  reminder: z.object({ day: weekday, time }).optional(),
  /** Set only by the demo seed command, so every progress card says its figures are sample data. */
  sampleData: z.boolean().optional(),
  postWeeklySummary: z.boolean().optional(),
  /** The latest weekly prompt message, so its count of check-ins can be updated in place. */
  lastPrompt: z.object({ week, conversationId: id, activityId: id }).optional(),
  bankHolidays: z.object({ region: z.enum(BANK_HOLIDAY_REGIONS), onHoliday: z.enum(['move', 'skip']) }).optional(),
  weeksOff: z
    .array(week)
    .max(60)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a week')
    .optional(),
  /** User ids of the people who lead check-ins for the team. */
  leads: z.array(id),
  paused: z.boolean(),
  /** How long check-in answers are kept, in whole days. */
  retentionDays: z.number().int().min(1).max(36500),
  focusOutcomes: z.array(z.string().min(1)),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;
