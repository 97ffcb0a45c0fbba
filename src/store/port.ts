// What the bot keeps, as a storage port in plain TypeScript. Nothing here knows about Cosmos DB,
// SQLite or the Bot Framework, so turn handlers and the scheduler can be tested against any
// implementation, and either store can be swapped in from configuration.
import type { MaturityStore } from './maturityPort';

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
   * from the conversation (the app added back) clears it. Not set by a 403 alone.
   */
  removedAt?: string;
}

/** What a turn knows; the store adds `active`, `installedAt`, `updatedAt` and `removedAt`. */
export type InstallationInput = Omit<Installation, 'active' | 'installedAt' | 'updatedAt' | 'removedAt'>;

export interface PageRequest {
  /** At most this many items per page (default 100, at most 1000). */
  pageSize?: number;
  /** Opaque token from the previous page. */
  continuationToken?: string;
}

export interface Page<T> {
  items: T[];
  /** Present while more items may follow. */
  continuationToken?: string;
}

export interface ListInstallationsOptions extends PageRequest {
  /** Only installations still able to receive messages (for the scheduler). */
  activeOnly?: boolean;
  /** Only installations removed before this time (ISO 8601), for the sweep that deletes their data. */
  removedBefore?: string;
}

/** Guards deleteInstallation: delete only if the app is still removed and was removed before this time (ISO 8601). */
export interface DeleteInstallationCondition {
  removedBefore: string;
}

// ---- Team settings ---------------------------------------------------------------------------

export interface CheckInSchedule {
  day: IsoWeekday;
  /** Local time 'HH:mm' in `timeZone`. */
  time: string;
  /** IANA time zone, such as 'Europe/London'. */
  timeZone: string;
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
   * it yet, and the zone is the default (see src/checkins/timeZoneDefault.ts).
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
  /** User ids of the people who lead check-ins for the team. */
  leads: string[];
  paused: boolean;
  /** How long check-in answers are kept, in whole days. */
  retentionDays: number;
  focusOutcomes: string[];
}

/** A value with the opaque version it was read at. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/**
 * Computes the new value from the current one. It may run more than once (once per attempt when
 * another writer got in first), so it must not have side effects.
 */
export type Mutator<T> = (current: T) => T | Promise<T>;

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

export interface CheckInSubmission extends CheckInKey {
  answers: CheckInAnswers;
  /** The team's retention setting; the record expires this many days after its last write. */
  retentionDays: number;
}

export interface CheckInRecord extends CheckInKey {
  kind: 'answer';
  answers: CheckInAnswers;
  submittedAt: string;
  /** Seconds the record lives after its last write. */
  ttl: number;
}

/** An unfinished check-in, overwritten on every save. */
export interface DraftInput extends CheckInKey {
  draft: JsonObject;
  /** Defaults to DEFAULT_DRAFT_TTL_SECONDS. */
  ttlSeconds?: number;
}

export interface CheckInDraft extends CheckInKey {
  kind: 'draft';
  draft: JsonObject;
  updatedAt: string;
  ttl: number;
}

/** Everything kept about one person's check-ins, across teams. */
export interface PersonRecords {
  checkIns: CheckInRecord[];
  drafts: CheckInDraft[];
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

/** Inclusive range of ISO weeks. */
export interface WeekRange {
  fromWeek: IsoWeek;
  toWeek: IsoWeek;
  mission?: Mission;
}

// ---- The store -------------------------------------------------------------------------------

/**
 * Every method fails with StoreUnavailableError when the store is down or does not answer in
 * time, ConflictError when optimistic concurrency gives up, and StoreValidationError when a
 * value would break the stored shape. Errors thrown by a Mutator reach the caller unchanged.
 */
export interface FrameworkStore extends MaturityStore {
  /** Resolves when the store answers; for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Creates or refreshes an installation (reference, kind, team) and marks it active. */
  upsertInstallation(input: InstallationInput): Promise<Installation>;
  getInstallation(conversationId: string): Promise<Installation | undefined>;
  /** False when there was no such installation. */
  markInstallationInactive(conversationId: string): Promise<boolean>;
  /**
   * The app was removed from the conversation: marks it inactive and sets `removedAt` (kept from an
   * earlier removal if there was one). Creates the record from `input` when the store never saw the
   * installation, so a removal is never lost and the team's data is still deleted in time.
   */
  markInstallationRemoved(input: InstallationInput): Promise<Installation>;
  /**
   * Deletes the installation record; with `condition`, only while it is still removed and was removed
   * before the given time (so an installation added back meanwhile is kept). False when nothing was deleted.
   */
  deleteInstallation(conversationId: string, condition?: DeleteInstallationCondition): Promise<boolean>;
  listInstallations(options?: ListInstallationsOptions): Promise<Page<Installation>>;

  getTeamSettings(teamId: string): Promise<Versioned<TeamSettings> | undefined>;
  /** Read-modify-write; `mutate` gets the defaults when the team has no settings yet. */
  updateTeamSettings(teamId: string, mutate: Mutator<TeamSettings>): Promise<Versioned<TeamSettings>>;
  /** Removes a team's settings, check-ins, drafts and roll-ups. Returns how many records went. */
  deleteTeamData(teamId: string): Promise<number>;

  /** Writes (or overwrites: same key, same record) the answers and removes the draft. */
  submitCheckIn(submission: CheckInSubmission): Promise<CheckInRecord>;
  getCheckIn(key: CheckInKey): Promise<CheckInRecord | undefined>;
  listTeamCheckIns(teamId: string, week: IsoWeek, mission?: Mission): Promise<CheckInRecord[]>;
  saveDraft(input: DraftInput): Promise<CheckInDraft>;
  getDraft(key: CheckInKey): Promise<CheckInDraft | undefined>;
  deleteDraft(key: CheckInKey): Promise<boolean>;
  /** A person's check-ins and drafts across every team. */
  listPersonRecords(userId: string): Promise<PersonRecords>;
  /** Deletes a person's check-ins and drafts across every team; returns how many went. */
  deletePersonRecords(userId: string): Promise<number>;

  getRollup(teamId: string, mission: Mission, week: IsoWeek): Promise<Versioned<WeeklyRollup> | undefined>;
  /**
   * Read-modify-write; `mutate` gets an empty roll-up when there is none yet. After a
   * StoreUnavailableError the change may or may not have landed, so counting callers should be
   * able to tell (e.g. recompute from the week's answers) rather than blindly apply it again.
   */
  applyToRollup(
    teamId: string,
    mission: Mission,
    week: IsoWeek,
    mutate: Mutator<WeeklyRollup>,
  ): Promise<Versioned<WeeklyRollup>>;
  /** A team's roll-ups in a range of weeks, oldest first. */
  listRollups(teamId: string, range: WeekRange): Promise<WeeklyRollup[]>;

  /** True only for the first caller within `ttlSeconds`, across every instance. */
  claimActivity(activityId: string, ttlSeconds: number): Promise<boolean>;
  /** True when `owner` now holds the lease (newly, or renewed); false while someone else does. */
  tryAcquireLease(name: string, owner: string, ttlSeconds: number): Promise<boolean>;
  /** True when `owner` held the lease and gave it up. */
  releaseLease(name: string, owner: string): Promise<boolean>;
}
