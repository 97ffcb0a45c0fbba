// The product's records and values: missions, weeks, installations, team settings, check-ins and
// weekly roll-ups. Plain TypeScript shared by every capability and both stores; how they are stored
// and read is the storage port's business (src/store/port.ts).

export const MISSIONS = [
  'digitally-enabled-councils',
  'digitally-empowered-residents',
  'digitally-equipped-places',
] as const;
export type Mission = (typeof MISSIONS)[number];

/** ISO 8601 weekday: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** ISO 8601 week, such as '2026-W48'. Sorts correctly as a string. */
export type IsoWeek = string;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// ---- Installations ---------------------------------------------------------------------------

export type InstallationKind = 'personal' | 'channel' | 'groupChat';

// ---- Team settings ---------------------------------------------------------------------------

export interface CheckInSchedule {
  day: IsoWeekday;
  /** Local time 'HH:mm' in `timeZone`. */
  time: string;
  /** IANA time zone, such as 'Europe/London'. */
  timeZone: string;
}

/** Whose bank holidays a team keeps: the UK's nations differ (Scotland has 2 January, Northern Ireland St Patrick's Day). */
export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

/**
 * What happens to a prompt or reminder due on a bank holiday: 'move' to the next working day of the
 * same week at the same local time, or 'skip' that week's prompt.
 */
export interface BankHolidaySetting {
  region: BankHolidayRegion;
  onHoliday: 'move' | 'skip';
}

/** When to nudge people who have not checked in, in the schedule's time zone. */
export interface ReminderSetting {
  day: IsoWeekday;
  time: string;
}

// ---- Check-ins -------------------------------------------------------------------------------

export type ProgressScore = 1 | 2 | 3 | 4 | 5;

// ---- Time away -------------------------------------------------------------------------------

/** Calendar date 'yyyy-MM-dd', in the team's time zone where it matters. Sorts correctly as a string. */
export type IsoDate = string;

/** Everything kept about one person's check-ins, across teams. */
export interface PersonRecords {
  checkIns: CheckInRecord[];
  drafts: CheckInDraft[];
  /** Their time away, per team; absent from stores' answers when there is none. */
  away?: AwayRecord[];
}

// ---- Weekly roll-ups -------------------------------------------------------------------------

/** Counts of progress scores 1 to 5, at indexes 0 to 4. */
export type ProgressHistogram = [number, number, number, number, number];

export * from './maturity';

// The stored records' types are inferred from their schemas (src/domain/records), so a field cannot be
// in the type and be stripped by validation. Type-only: the schemas import values from this module.
import type { Installation, StoredConversationReference } from './records/installation';
export type { Installation, StoredConversationReference };
import type { TeamSettings } from './records/teamSettings';
export type { TeamSettings };
import type { CheckInAnswers, CheckInDraft, CheckInKey, CheckInRecord, WeeklyRollup } from './records/checkIn';
export type { CheckInAnswers, CheckInDraft, CheckInKey, CheckInRecord, WeeklyRollup };
import type { AwayInput, AwayRecord } from './records/away';
export type { AwayInput, AwayRecord };
