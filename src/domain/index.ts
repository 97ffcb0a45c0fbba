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

/**
 * Just enough of a Bot Framework conversation reference to message the conversation later.
 * Our own plain type, so it serialises the same everywhere and the store never imports botbuilder.
 */
export interface StoredConversationReference {
  serviceUrl: string;
  channelId: string;
  conversation: { id: string; tenantId?: string; conversationType?: string };
  bot: { id: string };
  user: { id: string };
}

export interface Installation {
  /** Key: the conversation id of the team, group chat or personal chat. */
  conversationId: string;
  tenantId: string;
  kind: InstallationKind;
  teamId?: string;
  reference: StoredConversationReference;
  /** False after uninstall, removal, or Teams answering 403 to a proactive message. */
  active: boolean;
  installedAt: string;
  updatedAt: string;
  /**
   * When the app was removed from the conversation (uninstalled, or the bot removed), which starts
   * the grace period after which the team's data is deleted. Absent while installed: a message
   * from the conversation (the app added back) clears it. Also set when a proactive send is answered
   * 403 BotNotInConversationRoster (a removal the bot missed); not by any other 403.
   */
  removedAt?: string;
}

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

export interface TeamSettings {
  /** The conversation id of the team or chat. */
  teamId: string;
  missions: Mission[];
  schedule: CheckInSchedule;
  /**
   * Where the schedule's time zone came from: 'settingsCard' when someone saved it, 'clientInfo' when
   * it was taken from the Teams client of the person who set the team up. Absent: nobody has set
   * it yet, and the zone is the default (see src/calendar/timeZoneDefault.ts).
   */
  timeZoneSetBy?: 'settingsCard' | 'clientInfo';
  reminder?: ReminderSetting;
  /** Set only by the demo seed command, so that every progress card says its figures are sample data. */
  sampleData?: boolean;
  /**
   * Post the team summary of each check-in week to the team's channel or chat once the week has
   * closed. Only leads (and admins) switch it, on the lead roster card. Absent: off.
   */
  postWeeklySummary?: boolean;
  /**
   * The team's latest weekly prompt message, so its count of check-ins can be updated in place as
   * people check in that week (src/prompts/promptUpdates.ts). Written by the prompt pass after each
   * prompt is sent; `conversationId` is the conversation it was posted in (for a channel the team's
   * own conversation, for a group chat the chat) and `activityId` the id Teams gave the message.
   */
  lastPrompt?: { week: IsoWeek; conversationId: string; activityId: string };
  /** The team's bank holidays. Absent: England and Wales, prompts moved (src/calendar/holidays.ts). */
  bankHolidays?: BankHolidaySetting;
  /** Weeks a lead marked off (Christmas, a restructure): no prompt, no reminder, "week off" on progress. */
  weeksOff?: IsoWeek[];
  /** User ids of the people who lead check-ins for the team. */
  leads: string[];
  paused: boolean;
  /** How long check-in answers are kept, in whole days. */
  retentionDays: number;
  focusOutcomes: string[];
}

// ---- Check-ins -------------------------------------------------------------------------------

export interface CheckInKey {
  teamId: string;
  userId: string;
  mission: Mission;
  week: IsoWeek;
}

export type ProgressScore = 1 | 2 | 3 | 4 | 5;

/** One person's answers for one mission and week. */
export interface CheckInAnswers {
  progress: ProgressScore;
  outcomes: string[];
  enabler: string | null;
  principles: string[];
  win?: string;
  blocker?: string;
}

export interface CheckInRecord extends CheckInKey {
  kind: 'answer';
  answers: CheckInAnswers;
  submittedAt: string;
  /** Seconds the record lives after its last write. */
  ttl: number;
}

export interface CheckInDraft extends CheckInKey {
  kind: 'draft';
  draft: JsonObject;
  updatedAt: string;
  ttl: number;
}

// ---- Time away -------------------------------------------------------------------------------

/** Calendar date 'yyyy-MM-dd', in the team's time zone where it matters. Sorts correctly as a string. */
export type IsoDate = string;

/**
 * A person's time away as one team sees it: no reminders while away, and progress counts them as
 * away rather than missing. Kept per team (in the team's partition, like check-ins) so that a
 * team's progress and reminders read one team's records; a person saying "away" sets it for each
 * of their teams. One record per team and person: a new period replaces the old.
 */
export interface AwayInput {
  teamId: string;
  userId: string;
  /** First day away. */
  from: IsoDate;
  /** Last day away (inclusive). */
  until: IsoDate;
}

export interface AwayRecord extends AwayInput {
  kind: 'away';
  setAt: string;
}

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

export interface WeeklyRollup {
  teamId: string;
  mission: Mission;
  week: IsoWeek;
  responses: number;
  progressSum: number;
  progressHistogram: ProgressHistogram;
  outcomes: Record<string, number>;
  enablers: Record<string, number>;
  principles: Record<string, number>;
}

export * from './maturity';
