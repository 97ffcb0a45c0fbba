// The storage port: what the bot asks of its store, in plain TypeScript. Nothing here knows about
// Cosmos DB, SQLite or the Bot Framework, so turn handlers and the scheduler can be tested against any
// implementation, and either store can be swapped in from configuration. The records themselves are
// the domain's (src/domain).
import type { InstallationInput } from '../domain/records/installation';
import type { KnownTeam } from '../domain/records/knownTeam';
import type { MaturityStore } from './maturityPort';
import type { PracticeStore } from './practicePort';

import type {
  AwayInput,
  AwayRecord,
  CheckInAnswers,
  CheckInDraft,
  CheckInKey,
  CheckInRecord,
  Installation,
  IsoDate,
  IsoWeek,
  JsonObject,
  Mission,
  PersonRecords,
  TeamSettings,
  WeeklyRollup,
} from '../domain';

// ---- Installations ---------------------------------------------------------------------------

/** What a turn knows; the store adds `active`, `installedAt`, `updatedAt` and `removedAt` (the type is its schema's). */
export type { InstallationInput };

/**
 * Builds a week's roll-up from the answers behind it. Pure and synchronous, since a store may run it
 * inside a transaction, and it may run more than once (again after another writer got in first).
 */
export type RollupBuilder = (answers: readonly CheckInAnswers[]) => WeeklyRollup;

export interface SubmittedCheckIn {
  checkIn: CheckInRecord;
  rollup: Versioned<WeeklyRollup>;
}

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

// ---- Reads and writes ------------------------------------------------------------------------

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

export interface CheckInSubmission extends CheckInKey {
  answers: CheckInAnswers;
  /** The team's retention setting; the record expires this many days after its last write. */
  retentionDays: number;
}

/** An unfinished check-in, overwritten on every save. */
export interface DraftInput extends CheckInKey {
  draft: JsonObject;
  /** Defaults to DEFAULT_DRAFT_TTL_SECONDS. */
  ttlSeconds?: number;
}

// ---- Weekly roll-ups -------------------------------------------------------------------------

/** Inclusive range of ISO weeks. */
export interface WeekRange {
  fromWeek: IsoWeek;
  toWeek: IsoWeek;
  mission?: Mission;
}

// ---- The store -------------------------------------------------------------------------------

/** A team a person was seen in, in the person → teams index (the type is its schema's). */
export type { KnownTeam };

/** How many teams each person's index keeps (the most recently seen). */
export const MAX_KNOWN_TEAMS = 100;

/** Conversations the app is installed in (store/records/installations.ts). */
export interface InstallationsPort {
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
}

/** Each team's settings (store/records/teamSettings.ts), and deleting everything kept for a team. */
export interface TeamSettingsPort {
  getTeamSettings(teamId: string): Promise<Versioned<TeamSettings> | undefined>;
  /** Read-modify-write; `mutate` gets the defaults when the team has no settings yet. */
  updateTeamSettings(teamId: string, mutate: Mutator<TeamSettings>): Promise<Versioned<TeamSettings>>;
  /**
   * Removes everything kept in the team's own partition: settings, check-ins, drafts, roll-ups, time
   * away, maturity and assessments. Returns how many records went.
   */
  deleteTeamData(teamId: string): Promise<number>;
}

/** Check-in answers, drafts and weekly roll-ups (store/records/checkIns.ts). */
export interface CheckInsPort {
  /**
   * Writes (or overwrites: same key, same record) the answers and, in the same atomic write, the
   * roll-up of the submission's team, mission and week, built by `build` from every live answer
   * stored for them (this one included, any earlier one of the same person replaced). Both land or
   * neither does, so a crash between them cannot leave a roll-up that disagrees with the answers
   * (one engine batch in the team's partition, guarded by the roll-up's version). The draft is removed after.
   */
  submitCheckInWithRollup(submission: CheckInSubmission, build: RollupBuilder): Promise<SubmittedCheckIn>;
  getCheckIn(key: CheckInKey): Promise<CheckInRecord | undefined>;
  listTeamCheckIns(teamId: string, week: IsoWeek, mission?: Mission): Promise<CheckInRecord[]>;
  saveDraft(input: DraftInput): Promise<CheckInDraft>;
  getDraft(key: CheckInKey): Promise<CheckInDraft | undefined>;
  /** A person's check-ins, drafts and time away across every team. */
  listPersonRecords(userId: string): Promise<PersonRecords>;
  /** Deletes a person's check-ins, drafts and time away across every team; returns how many went. */
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
}

/** Time away, per team and person (store/records/away.ts). */
export interface AwayPort {
  /**
   * Records (or replaces) a person's time away for one team. It is kept until a year after its last
   * day, so a year of progress can still count the person as away, then it expires.
   */
  saveAway(input: AwayInput): Promise<AwayRecord>;
  /** A team's time-away records that overlap the days `from` to `until` (inclusive), by user id. */
  listTeamAway(teamId: string, from: IsoDate, until: IsoDate): Promise<AwayRecord[]>;
  /** Removes one team's time-away record for a person; false when there was none. */
  deleteAway(teamId: string, userId: string): Promise<boolean>;
}

/** The person → teams index (store/records/personTeams.ts). */
export interface PersonTeamsPort {
  /**
   * Records that each of `userIds` is in `teamId` (seen in its channel, or on its roster), so a
   * person's teams are found without asking Teams about every team with the app. Idempotent; each
   * person keeps their most recently seen MAX_KNOWN_TEAMS teams.
   */
  noteTeamMembers(teamId: string, tenantId: string, userIds: readonly string[]): Promise<void>;
  /** The teams `userId` was seen in, most recently seen first. Deleted with the person's records. */
  knownTeamsOf(userId: string): Promise<KnownTeam[]>;
  /** Teams says the person is not in the team (any more): it leaves their index. */
  forgetTeamMember(teamId: string, userId: string): Promise<void>;
}

/** Activity claims and leases (store/records/claims.ts). */
export interface ClaimsPort {
  /**
   * Claims an activity "in progress" for `ttlSeconds` (a short lease): true only for the first
   * caller, across every instance, while the claim lives. A claim whose lease ran out without being
   * finished (the process handling it died) can be claimed again.
   */
  claimActivity(activityId: string, ttlSeconds: number): Promise<boolean>;
  /** Marks a claimed activity "done", claimed for `ttlSeconds` more, so a later resend is still ignored. */
  finishActivity(activityId: string, ttlSeconds: number): Promise<void>;
  /** True when `owner` now holds the lease (newly, or renewed); false while someone else does. */
  tryAcquireLease(name: string, owner: string, ttlSeconds: number): Promise<boolean>;
  /** True when `owner` held the lease and gave it up. */
  releaseLease(name: string, owner: string): Promise<boolean>;
}

/**
 * Every kind of record, each through its own small port. Every method fails with
 * StoreUnavailableError when the store is down or does not answer in time, ConflictError when
 * optimistic concurrency gives up, and StoreValidationError when a value would break the stored
 * shape. Errors thrown by a Mutator reach the caller unchanged.
 */
export interface FrameworkStore
  extends InstallationsPort, TeamSettingsPort, CheckInsPort, AwayPort, PersonTeamsPort, ClaimsPort, MaturityStore {
  /** Practice examples shared within an organisation (store/practicePort.ts), in their own records. */
  readonly practice: PracticeStore;
  /** Resolves when the store accepted a small write (a probe record); for readiness checks. */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
