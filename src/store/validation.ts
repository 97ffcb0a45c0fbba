// Checks every value before it is written, so neither store ever holds a record the other could
// not, and a bad value fails fast with StoreValidationError instead of surfacing weeks later.
import { z } from 'zod';
import { StoreValidationError } from './errors';
import {
  BANK_HOLIDAY_REGIONS,
  MISSIONS,
  type AwayInput,
  type CheckInKey,
  type IsoDate,
  type IsoWeek,
  type JsonObject,
  type Mission,
  type TeamSettings,
  type WeeklyRollup,
} from '../domain';
import {
  type CheckInSubmission,
  type DraftInput,
  type InstallationInput,
  type ListInstallationsOptions,
  type WeekRange,
} from './port';

const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

const id = z.string().min(1).max(1024);
const mission = z.enum(MISSIONS);
const week = z.string().regex(ISO_WEEK, "must be an ISO week like '2026-W48'");
const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);
const time = z.string().regex(HH_MM, "must be 'HH:mm'");
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone');
const counts = z.record(z.string(), z.number().int().min(0));

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

const referenceSchema = z.object({
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  conversation: z.object({ id, tenantId: z.string().optional(), conversationType: z.string().optional() }),
  bot: z.object({ id }),
  user: z.object({ id }),
});

const installationInputSchema: z.ZodType<InstallationInput> = z.object({
  conversationId: id,
  tenantId: z.string().min(1),
  kind: z.enum(['personal', 'channel', 'groupChat']),
  teamId: id.optional(),
  reference: referenceSchema,
});

const teamSettingsSchema: z.ZodType<TeamSettings> = z.object({
  teamId: id,
  missions: z.array(mission).refine((list) => new Set(list).size === list.length, 'must not repeat a mission'),
  schedule: z.object({ day: weekday, time, timeZone }),
  timeZoneSetBy: z.enum(['settingsCard', 'clientInfo']).optional(),
  reminder: z.object({ day: weekday, time }).optional(),
  sampleData: z.boolean().optional(),
  postWeeklySummary: z.boolean().optional(),
  lastPrompt: z.object({ week, conversationId: id, activityId: id }).optional(),
  bankHolidays: z.object({ region: z.enum(BANK_HOLIDAY_REGIONS), onHoliday: z.enum(['move', 'skip']) }).optional(),
  weeksOff: z
    .array(week)
    .max(60)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a week')
    .optional(),
  leads: z.array(id),
  paused: z.boolean(),
  retentionDays: z.number().int().min(1).max(36500),
  focusOutcomes: z.array(z.string().min(1)),
});

const keyShape = { teamId: id, userId: id, mission, week };
const checkInKeySchema: z.ZodType<CheckInKey> = z.object(keyShape);

const submissionSchema: z.ZodType<CheckInSubmission> = z.object({
  ...keyShape,
  answers: z.object({
    progress: z.literal([1, 2, 3, 4, 5]),
    outcomes: z.array(z.string().min(1)),
    enabler: z.string().min(1).nullable(),
    principles: z.array(z.string().min(1)),
    win: z.string().optional(),
    blocker: z.string().optional(),
  }),
  retentionDays: z.number().int().min(1).max(36500),
});

const draftInputSchema: z.ZodType<DraftInput> = z.object({
  ...keyShape,
  draft: z.record(z.string(), z.json()) as z.ZodType<JsonObject>,
  ttlSeconds: z.number().int().min(1).optional(),
});

const rollupSchema: z.ZodType<WeeklyRollup> = z.object({
  teamId: id,
  mission,
  week,
  responses: z.number().int().min(0),
  progressSum: z.number().int().min(0),
  progressHistogram: z.tuple([
    z.number().int().min(0),
    z.number().int().min(0),
    z.number().int().min(0),
    z.number().int().min(0),
    z.number().int().min(0),
  ]),
  outcomes: counts,
  enablers: counts,
  principles: counts,
});

const isoDate = z.iso.date();
const awaySchema: z.ZodType<AwayInput> = z
  .object({ teamId: id, userId: id, from: isoDate, until: isoDate })
  .refine((away) => away.from <= away.until, 'must not end before it starts');

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(value)'} ${issue.message}`);
  throw new StoreValidationError(`Invalid ${what}: ${problems.join('; ')}`);
}

export const validInstallationInput = (value: InstallationInput) =>
  parse(installationInputSchema, value, 'installation');
export const validTeamSettings = (value: TeamSettings) => parse(teamSettingsSchema, value, 'team settings');
export const validCheckInKey = (value: CheckInKey) => parse(checkInKeySchema, value, 'check-in key');
export const validSubmission = (value: CheckInSubmission) => parse(submissionSchema, value, 'check-in');
export const validDraftInput = (value: DraftInput) => parse(draftInputSchema, value, 'draft');
export const validRollup = (value: WeeklyRollup) => parse(rollupSchema, value, 'roll-up');
export const validId = (value: string, what: string) => parse(id, value, what);
export const validWeek = (value: IsoWeek): IsoWeek => parse(week, value, 'week');
export const validAway = (value: AwayInput): AwayInput => parse(awaySchema, value, 'time away');
export const validDate = (value: IsoDate, what: string): IsoDate => parse(isoDate, value, what);
export const validMission = (value: Mission): Mission => parse(mission, value, 'mission');

export function validWeekRange(range: WeekRange): WeekRange {
  const checked = parse(weekRange, range, 'week range');
  if (checked.fromWeek > checked.toWeek)
    throw new StoreValidationError(`Invalid week range: ${checked.fromWeek} is after ${checked.toWeek}`);
  return checked;
}

/** Lifetimes are whole seconds, as Cosmos DB's `ttl` is. */
// Built once: zod schemas are costly to build, and claims check a ttl on every turn.
const ttlSeconds = z
  .number()
  .int()
  .min(1)
  .max(10 * 365 * 24 * 3600);
const weekRange = z.object({ fromWeek: week, toWeek: week, mission: mission.optional() });
const leaseName = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be 1-200 of A-Z a-z 0-9 . _ : -');
const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE);

export function validTtlSeconds(value: number): number {
  return parse(ttlSeconds, value, 'ttl in seconds');
}

/** Lease names become Cosmos DB ids as they are, so they keep to characters any id may hold. */
export function validLeaseName(value: string): string {
  return parse(leaseName, value, 'lease name');
}

export function validPageSize(options: ListInstallationsOptions | undefined): number {
  return parse(pageSize, options?.pageSize ?? DEFAULT_PAGE_SIZE, 'page size');
}

const instant = z.iso.datetime({ offset: true });

/**
 * A time to compare with stored ISO timestamps, in the one form the stores write (toISOString, UTC),
 * so that comparing the strings compares the times.
 */
export function validInstant(value: string, what: string): string {
  return new Date(parse(instant, value, what)).toISOString();
}
