// The store on a local SQLite file (better-sqlite3), for development and single-instance use.
// WAL journaling and transactions keep the file consistent if the process dies mid-write; version
// columns give the same optimistic concurrency as Cosmos DB's ETags, so two processes sharing the
// file (or two async callers in one) never lose an update.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError, StoreUnavailableError, StoreValidationError } from '../errors';
import { DEFAULT_DRAFT_TTL_SECONDS } from '../defaults';
import { DEFAULT_CONFLICT_POLICY, LOST_RACE, retryOnConflict, type ConflictPolicy } from '../optimisticRetry';
import type {
  CheckInDraft,
  CheckInKey,
  CheckInRecord,
  Installation,
  IsoWeek,
  Mission,
  PersonRecords,
  TeamSettings,
  WeeklyRollup,
  AwayInput,
  AwayRecord,
  IsoDate,
} from '../../domain';
import type {
  CheckInSubmission,
  DeleteInstallationCondition,
  DraftInput,
  FrameworkStore,
  InstallationInput,
  KnownTeam,
  ListInstallationsOptions,
  Mutator,
  Page,
  RollupBuilder,
  SubmittedCheckIn,
  Versioned,
  WeekRange,
} from '../port';
import { MAX_KNOWN_TEAMS } from '../port';
import {
  awayExpiresAt,
  awayRecord,
  builtRollup,
  keyOf,
  refreshedInstallation,
  removedInstallation,
  rollupChange,
  settingsChange,
} from '../records';
import * as valid from '../validation';
import type {
  AssessmentDraft,
  AssessmentDraftInput,
  AssessmentKey,
  AssessmentRecord,
  AssessmentSubmission,
  PersonAssessments,
  RoundId,
  TeamMaturity,
} from '../../domain';
import * as validMaturity from '../maturityValidation';
import { LocalPracticeRecords } from './practiceRecords';
import { migrate } from './schema';
import { toStoreError } from './sqliteErrors';

export interface LocalStoreOptions {
  /** Directory for the database file; created if missing. */
  dataDir: string;
  fileName?: string;
  /** How long a write waits for another process's lock before failing. Default 5000. */
  busyTimeoutMs?: number;
  /** How often expired rows are deleted (they are invisible from the moment they expire). Default 1 hour; 0 turns it off. */
  purgeIntervalMs?: number;
  /** Attempts at a read-modify-write before ConflictError. Default 10. */
  conflictAttempts?: number;
  /** Epoch ms; for tests. */
  clock?: () => number;
}

export const LOCAL_STORE_FILE = 'framework-guide.sqlite';
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_PURGE_INTERVAL_MS = 60 * 60 * 1000;
const SECONDS = 1000;
/** Submitted assessments have no lifetime of their own: they go when the person or the team's data is deleted. */
const KEPT_UNTIL_DELETED = Number.MAX_SAFE_INTEGER;

type SqlValue = string | number | null;

/** A table of JSON documents guarded by a version column. */
interface VersionedTable<T> {
  name: 'installations' | 'team_settings' | 'rollups' | 'team_maturity';
  keys: Record<string, string>;
  /** Columns kept beside the document for filtering. */
  columns?: (data: T) => Record<string, SqlValue>;
}

// A claim starts "in progress": it inserts, or takes over a claim whose lease ran out (its turn died).
const CLAIM_ACTIVITY = `INSERT INTO activities (activity_id, expires_at, state) VALUES (?, ?, 'in progress')
  ON CONFLICT (activity_id) DO UPDATE SET expires_at = excluded.expires_at, state = 'in progress'
  WHERE activities.expires_at <= ?`;
// The turn finished: "done" for the long lifetime (inserted again if the claim was purged meanwhile).
const FINISH_ACTIVITY = `INSERT INTO activities (activity_id, expires_at, state) VALUES (?, ?, 'done')
  ON CONFLICT (activity_id) DO UPDATE SET expires_at = excluded.expires_at, state = 'done'`;

/** An installation the app is still removed from, since before the bound time (the sweep's condition). */
const STILL_REMOVED_BEFORE = 'active = 0 AND removed_at IS NOT NULL AND removed_at < ?';

interface PendingClaim {
  statement: typeof CLAIM_ACTIVITY | typeof FINISH_ACTIVITY;
  activityId: string;
  ttlMs: number;
  resolve(claimed: boolean): void;
  reject(error: unknown): void;
}

export class LocalStore implements FrameworkStore {
  private closed = false;
  private readonly purgeTimer: NodeJS.Timeout | undefined;
  // Compiling SQL costs more than running these small statements; each distinct text is compiled once.
  private readonly statements = new Map<string, Database.Statement>();
  /** Claims waiting for this turn of the event loop's transaction (see claimActivity). */
  private readonly pendingClaims: PendingClaim[] = [];
  readonly practice: LocalPracticeRecords;

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly policy: ConflictPolicy,
    private readonly clock: () => number,
    purgeIntervalMs: number,
  ) {
    this.practice = new LocalPracticeRecords(db, (what, run) => this.call(what, run));
    if (purgeIntervalMs > 0) {
      // Unreferenced so a forgotten close() never keeps the process alive. A failed purge is
      // harmless: expired rows stay invisible and the next purge takes them.
      this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), purgeIntervalMs);
      this.purgeTimer.unref();
    }
  }

  static async open(options: LocalStoreOptions): Promise<LocalStore> {
    const file = join(options.dataDir, options.fileName ?? LOCAL_STORE_FILE);
    const clock = options.clock ?? Date.now;
    let db: Database.Database | undefined;
    try {
      mkdirSync(options.dataDir, { recursive: true });
      db = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
      // Before anything writes: a file whose header is fine but whose pages are damaged opens
      // without complaint, and would fail write after write later.
      const damage = quickCheck(db);
      if (damage) throw new StoreOpenError(damagedMessage(file, damage));
      // WAL: readers never block the writer, and a crash mid-write cannot corrupt the file.
      db.pragma('journal_mode = WAL');
      // NORMAL (with WAL): every commit stays atomic and survives a crash of the bot; only the last
      // moments before a power cut may be lost. FULL would wait for the disk on every claim of an
      // activity, the write each turn makes, and the local store is for local use (Azure uses Cosmos DB).
      db.pragma('synchronous = NORMAL');
      migrate(db);
      // A read-only file (or folder, or disk) opens and reads normally: only a write tells.
      writeProbe(db, clock());
    } catch (error) {
      db?.close();
      throw openError(file, error);
    }
    const policy = {
      ...DEFAULT_CONFLICT_POLICY,
      ...(options.conflictAttempts ? { attempts: options.conflictAttempts } : {}),
    };
    const store = new LocalStore(db, policy, clock, options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS);
    // A purge that fails (another process holding the write lock) must not stop the store opening:
    // expired rows are invisible anyway, and the next purge takes them.
    await store.purgeExpired().catch(() => undefined);
    return store;
  }

  async ping(): Promise<void> {
    await this.call('reach the database', () => this.prepare('SELECT 1').get());
  }

  async checkWritable(): Promise<void> {
    await this.call('write to the database', (now) => writeProbe(this.db, now));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.purgeTimer);
    this.db.close();
  }

  /** Deletes rows whose lifetime has passed; also run on open. */
  async purgeExpired(): Promise<number> {
    return this.call('purge expired records', (now) =>
      this.db.transaction(() => {
        let purged = 0;
        for (const table of ['check_ins', 'assessments', 'activities', 'leases', 'away']) {
          purged += this.prepare(`DELETE FROM ${table} WHERE expires_at <= ?`).run(now).changes;
        }
        return purged;
      })(),
    );
  }

  // ---- Installations ---------------------------------------------------------------------------

  async upsertInstallation(input: InstallationInput): Promise<Installation> {
    return this.writeInstallation(
      input,
      'save the installation',
      refreshedInstallation,
      'The installation was not saved',
    );
  }

  /** One read-modify-write of an installation: `change` gets the stored one (if any), the input and the time. */
  private async writeInstallation(
    input: InstallationInput,
    what: string,
    // Undefined: nothing to change, the stored one stands.
    change: (current: Installation | undefined, fresh: InstallationInput, at: string) => Installation | undefined,
    notSaved: string,
  ): Promise<Installation> {
    const fresh = valid.validInstallationInput(input);
    const result = await this.call(what, (now) =>
      this.readModifyWrite<Installation>(what, installationsTable(fresh.conversationId), async (current) =>
        change(current, fresh, new Date(now).toISOString()),
      ),
    );
    if (!result) throw new StoreUnavailableError(notSaved);
    return result.value;
  }

  async getInstallation(conversationId: string): Promise<Installation | undefined> {
    valid.validId(conversationId, 'conversation id');
    return this.call(
      'read the installation',
      () => this.readVersioned<Installation>(installationsTable(conversationId))?.value,
    );
  }

  async markInstallationInactive(conversationId: string): Promise<boolean> {
    valid.validId(conversationId, 'conversation id');
    const result = await this.call('mark the installation inactive', (now) =>
      this.readModifyWrite<Installation>(
        'mark the installation inactive',
        installationsTable(conversationId),
        async (current) =>
          current?.active ? { ...current, active: false, updatedAt: new Date(now).toISOString() } : undefined,
      ),
    );
    return result !== undefined;
  }

  async markInstallationRemoved(input: InstallationInput): Promise<Installation> {
    return this.writeInstallation(input, 'record the removal', removedInstallation, 'The removal was not saved');
  }

  async deleteInstallation(conversationId: string, condition?: DeleteInstallationCondition): Promise<boolean> {
    valid.validId(conversationId, 'conversation id');
    const before = condition ? valid.validInstant(condition.removedBefore, 'removal time') : undefined;
    // One statement: the condition is checked and the row deleted atomically, so an installation
    // added back a moment ago (active again, removed_at cleared) is never deleted by a sweep.
    return this.call('delete the installation', () => {
      const { changes } = before
        ? this.prepare(`DELETE FROM installations WHERE conversation_id = ? AND ${STILL_REMOVED_BEFORE}`).run(
            conversationId,
            before,
          )
        : this.prepare('DELETE FROM installations WHERE conversation_id = ?').run(conversationId);
      return changes === 1;
    });
  }

  async listInstallations(options?: ListInstallationsOptions): Promise<Page<Installation>> {
    const pageSize = valid.validPageSize(options);
    const after = options?.continuationToken ? decodeToken(options.continuationToken) : '';
    const removedBefore =
      options?.removedBefore !== undefined ? valid.validInstant(options.removedBefore, 'removal time') : undefined;
    return this.call('list installations', () => {
      const filters = `${options?.activeOnly ? ' AND active = 1' : ''}${removedBefore ? ` AND ${STILL_REMOVED_BEFORE}` : ''}`;
      // Keyset paging on the primary key: stable while rows are added, and no OFFSET scans.
      const rows = this.prepare(
        `SELECT conversation_id, data FROM installations WHERE conversation_id > ?${filters} ORDER BY conversation_id LIMIT ?`,
      ).all(after, ...(removedBefore ? [removedBefore] : []), pageSize + 1) as {
        conversation_id: string;
        data: string;
      }[];
      const page = rows.slice(0, pageSize);
      const items = page.map((row) => JSON.parse(row.data) as Installation);
      const last = page.at(-1);
      return rows.length > pageSize && last
        ? { items, continuationToken: encodeToken(last.conversation_id) }
        : { items };
    });
  }

  // ---- Team settings ---------------------------------------------------------------------------

  async getTeamSettings(teamId: string): Promise<Versioned<TeamSettings> | undefined> {
    valid.validId(teamId, 'team id');
    return this.call('read team settings', () => this.readVersioned<TeamSettings>(settingsTable(teamId)));
  }

  async updateTeamSettings(teamId: string, mutate: Mutator<TeamSettings>): Promise<Versioned<TeamSettings>> {
    valid.validId(teamId, 'team id');
    const result = await this.call('update team settings', () =>
      this.readModifyWrite<TeamSettings>('update team settings', settingsTable(teamId), settingsChange(teamId, mutate)),
    );
    if (!result) throw new StoreUnavailableError('The team settings were not saved');
    return result;
  }

  async deleteTeamData(teamId: string): Promise<number> {
    valid.validId(teamId, 'team id');
    return this.call("delete a team's data", () =>
      this.db.transaction(() => {
        let deleted = 0;
        for (const table of ['team_settings', 'check_ins', 'rollups', 'assessments', 'team_maturity', 'away']) {
          deleted += this.prepare(`DELETE FROM ${table} WHERE team_id = ?`).run(teamId).changes;
        }
        return deleted;
      })(),
    );
  }

  // ---- Check-ins and drafts --------------------------------------------------------------------

  async submitCheckIn(submission: CheckInSubmission): Promise<CheckInRecord> {
    const input = valid.validSubmission(submission);
    const ttl = input.retentionDays * 24 * 3600;
    return this.call('save the check-in', (now) => {
      const key = keyOf(input);
      const record: CheckInRecord = {
        ...key,
        kind: 'answer',
        answers: input.answers,
        submittedAt: new Date(now).toISOString(),
        ttl,
      };
      // One transaction: the answer replaces any earlier one for the same key and the draft goes.
      this.db.transaction(() => {
        this.writeCheckIn(key, 'answer', record, now + ttl * SECONDS);
        this.deleteCheckIn(key, 'draft');
      })();
      return record;
    });
  }

  async submitCheckInWithRollup(submission: CheckInSubmission, build: RollupBuilder): Promise<SubmittedCheckIn> {
    const input = valid.validSubmission(submission);
    const ttl = input.retentionDays * 24 * 3600;
    return this.call('save the check-in and its roll-up', (now) => {
      const key = keyOf(input);
      const checkIn: CheckInRecord = {
        ...key,
        kind: 'answer',
        answers: input.answers,
        submittedAt: new Date(now).toISOString(),
        ttl,
      };
      // One transaction, holding the write lock from its start (IMMEDIATE): the answers the roll-up
      // is built from are the ones committed with it, and a crash leaves both or neither.
      return this.db
        .transaction((): SubmittedCheckIn => {
          this.writeCheckIn(key, 'answer', checkIn, now + ttl * SECONDS);
          this.deleteCheckIn(key, 'draft');
          const answers = (
            this.prepare(
              "SELECT data FROM check_ins WHERE team_id = ? AND week = ? AND mission = ? AND kind = 'answer' AND expires_at > ?",
            ).all(key.teamId, key.week, key.mission, now) as { data: string }[]
          ).map((row) => (JSON.parse(row.data) as CheckInRecord).answers);
          const rollup = builtRollup(key, build, answers);
          const { version } = this.prepare(
            `INSERT INTO rollups (team_id, mission, week, data, version) VALUES (?, ?, ?, ?, 1)
               ON CONFLICT (team_id, mission, week) DO UPDATE SET data = excluded.data, version = rollups.version + 1
               RETURNING version`,
          ).get(key.teamId, key.mission, key.week, JSON.stringify(rollup)) as { version: number };
          return { checkIn, rollup: { value: rollup, etag: String(version) } };
        })
        .immediate();
    });
  }

  async getCheckIn(key: CheckInKey): Promise<CheckInRecord | undefined> {
    const k = keyOf(valid.validCheckInKey(key));
    return this.call('read the check-in', (now) => this.readCheckIn<CheckInRecord>(k, 'answer', now));
  }

  async listTeamCheckIns(teamId: string, week: IsoWeek, mission?: Mission): Promise<CheckInRecord[]> {
    valid.validId(teamId, 'team id');
    valid.validWeek(week);
    if (mission !== undefined) valid.validMission(mission);
    return this.call("list the team's check-ins", (now) => {
      const rows = this.prepare(
        `SELECT data FROM check_ins WHERE team_id = ? AND week = ? AND kind = 'answer' AND expires_at > ?${mission ? ' AND mission = ?' : ''} ORDER BY user_id, mission`,
      ).all(teamId, week, now, ...(mission ? [mission] : [])) as { data: string }[];
      return rows.map((row) => JSON.parse(row.data) as CheckInRecord);
    });
  }

  async saveDraft(input: DraftInput): Promise<CheckInDraft> {
    const checked = valid.validDraftInput(input);
    const ttl = checked.ttlSeconds ?? DEFAULT_DRAFT_TTL_SECONDS;
    return this.call('save the draft', (now) => {
      const key = keyOf(checked);
      const draft: CheckInDraft = {
        ...key,
        kind: 'draft',
        draft: checked.draft,
        updatedAt: new Date(now).toISOString(),
        ttl,
      };
      this.writeCheckIn(key, 'draft', draft, now + ttl * SECONDS);
      return draft;
    });
  }

  async getDraft(key: CheckInKey): Promise<CheckInDraft | undefined> {
    const k = keyOf(valid.validCheckInKey(key));
    return this.call('read the draft', (now) => this.readCheckIn<CheckInDraft>(k, 'draft', now));
  }

  async deleteDraft(key: CheckInKey): Promise<boolean> {
    const k = keyOf(valid.validCheckInKey(key));
    // An expired draft is already gone as far as callers can tell.
    return this.call('delete the draft', (now) => {
      const live = this.readCheckIn<CheckInDraft>(k, 'draft', now) !== undefined;
      this.deleteCheckIn(k, 'draft');
      return live;
    });
  }

  async listPersonRecords(userId: string): Promise<PersonRecords> {
    valid.validId(userId, 'user id');
    return this.call("list a person's records", (now) => {
      const rows = this.prepare(
        'SELECT kind, data FROM check_ins WHERE user_id = ? AND expires_at > ? ORDER BY team_id, week, mission',
      ).all(userId, now) as { kind: 'answer' | 'draft'; data: string }[];
      const records: PersonRecords = { checkIns: [], drafts: [] };
      for (const row of rows) {
        if (row.kind === 'answer') records.checkIns.push(JSON.parse(row.data) as CheckInRecord);
        else records.drafts.push(JSON.parse(row.data) as CheckInDraft);
      }
      const away = this.prepare('SELECT data FROM away WHERE user_id = ? AND expires_at > ? ORDER BY team_id').all(
        userId,
        now,
      ) as { data: string }[];
      if (away.length > 0) records.away = away.map((row) => JSON.parse(row.data) as AwayRecord);
      return records;
    });
  }

  async deletePersonRecords(userId: string): Promise<number> {
    valid.validId(userId, 'user id');
    // One transaction, so all of the person's rows go or none do.
    return this.call("delete a person's records", () =>
      this.db.transaction(() => {
        this.prepare('DELETE FROM person_teams WHERE user_id = ?').run(userId);
        return (
          this.prepare('DELETE FROM check_ins WHERE user_id = ?').run(userId).changes +
          this.prepare('DELETE FROM away WHERE user_id = ?').run(userId).changes
        );
      })(),
    );
  }

  // ---- Time away -------------------------------------------------------------------------------

  async saveAway(input: AwayInput): Promise<AwayRecord> {
    const checked = valid.validAway(input);
    return this.call('save the time away', (now) => {
      const record: AwayRecord = awayRecord(checked, new Date(now).toISOString());
      this.prepare(
        `INSERT INTO away (team_id, user_id, from_date, until_date, data, expires_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (team_id, user_id) DO UPDATE SET from_date = excluded.from_date, until_date = excluded.until_date,
             data = excluded.data, expires_at = excluded.expires_at`,
      ).run(
        record.teamId,
        record.userId,
        record.from,
        record.until,
        JSON.stringify(record),
        awayExpiresAt(record.until),
      );
      return record;
    });
  }

  async listTeamAway(teamId: string, from: IsoDate, until: IsoDate): Promise<AwayRecord[]> {
    valid.validId(teamId, 'team id');
    valid.validDate(from, 'first day');
    valid.validDate(until, 'last day');
    return this.call("list the team's time away", (now) => {
      const rows = this.prepare(
        'SELECT data FROM away WHERE team_id = ? AND from_date <= ? AND until_date >= ? AND expires_at > ? ORDER BY user_id',
      ).all(teamId, until, from, now) as { data: string }[];
      return rows.map((row) => JSON.parse(row.data) as AwayRecord);
    });
  }

  async deleteAway(teamId: string, userId: string): Promise<boolean> {
    valid.validId(teamId, 'team id');
    valid.validId(userId, 'user id');
    return this.call(
      'delete the time away',
      (now) =>
        this.prepare('DELETE FROM away WHERE team_id = ? AND user_id = ? AND expires_at > ?').run(teamId, userId, now)
          .changes === 1,
    );
  }

  // ---- The person → teams index ----------------------------------------------------------------

  async noteTeamMembers(teamId: string, tenantId: string, userIds: readonly string[]): Promise<void> {
    valid.validId(teamId, 'team id');
    valid.validId(tenantId, 'tenant id');
    userIds.forEach((userId) => valid.validId(userId, 'user id'));
    await this.call('note team members', (now) => {
      const seenAt = new Date(now).toISOString();
      const upsert = this.prepare(
        'INSERT INTO person_teams (user_id, team_id, tenant_id, seen_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (user_id, team_id) DO UPDATE SET tenant_id = excluded.tenant_id, seen_at = excluded.seen_at',
      );
      // Beyond the limit, the teams a person was seen in longest ago make room.
      const trim = this.prepare(
        'DELETE FROM person_teams WHERE user_id = ? AND team_id NOT IN ' +
          '(SELECT team_id FROM person_teams WHERE user_id = ? ORDER BY seen_at DESC, team_id LIMIT ?)',
      );
      this.db.transaction(() => {
        for (const userId of new Set(userIds)) {
          upsert.run(userId, teamId, tenantId, seenAt);
          trim.run(userId, userId, MAX_KNOWN_TEAMS);
        }
      })();
    });
  }

  async knownTeamsOf(userId: string): Promise<KnownTeam[]> {
    valid.validId(userId, 'user id');
    return this.call("read a person's teams", () =>
      (
        this.prepare(
          'SELECT team_id, tenant_id, seen_at FROM person_teams WHERE user_id = ? ORDER BY seen_at DESC, team_id',
        ).all(userId) as Array<{ team_id: string; tenant_id: string; seen_at: string }>
      ).map((row) => ({ teamId: row.team_id, tenantId: row.tenant_id, seenAt: row.seen_at })),
    );
  }

  async forgetTeamMember(teamId: string, userId: string): Promise<void> {
    valid.validId(teamId, 'team id');
    valid.validId(userId, 'user id');
    await this.call('forget a team member', () => {
      this.prepare('DELETE FROM person_teams WHERE user_id = ? AND team_id = ?').run(userId, teamId);
    });
  }

  // ---- Weekly roll-ups -------------------------------------------------------------------------

  async getRollup(teamId: string, mission: Mission, week: IsoWeek): Promise<Versioned<WeeklyRollup> | undefined> {
    checkRollupKey(teamId, mission, week);
    return this.call('read the roll-up', () => this.readVersioned<WeeklyRollup>(rollupsTable(teamId, mission, week)));
  }

  async applyToRollup(
    teamId: string,
    mission: Mission,
    week: IsoWeek,
    mutate: Mutator<WeeklyRollup>,
  ): Promise<Versioned<WeeklyRollup>> {
    checkRollupKey(teamId, mission, week);
    const result = await this.call('update the roll-up', () =>
      this.readModifyWrite<WeeklyRollup>(
        'update the roll-up',
        rollupsTable(teamId, mission, week),
        rollupChange(teamId, mission, week, mutate),
      ),
    );
    if (!result) throw new StoreUnavailableError('The roll-up was not saved');
    return result;
  }

  async listRollups(teamId: string, range: WeekRange): Promise<WeeklyRollup[]> {
    valid.validId(teamId, 'team id');
    const { fromWeek, toWeek, mission } = valid.validWeekRange(range);
    return this.call('list roll-ups', () => {
      const rows = this.prepare(
        `SELECT data FROM rollups WHERE team_id = ? AND week BETWEEN ? AND ?${mission ? ' AND mission = ?' : ''} ORDER BY week, mission`,
      ).all(teamId, fromWeek, toWeek, ...(mission ? [mission] : [])) as { data: string }[];
      return rows.map((row) => JSON.parse(row.data) as WeeklyRollup);
    });
  }

  // ---- Maturity ---------------------------------------------------------------------------------

  async getTeamMaturity(teamId: string): Promise<Versioned<TeamMaturity> | undefined> {
    valid.validId(teamId, 'team id');
    return this.call('read the team maturity', () => this.readVersioned<TeamMaturity>(maturityTable(teamId)));
  }

  async updateTeamMaturity(teamId: string, mutate: Mutator<TeamMaturity>): Promise<Versioned<TeamMaturity>> {
    valid.validId(teamId, 'team id');
    const what = 'update the team maturity';
    const result = await this.call(what, () =>
      this.readModifyWrite<TeamMaturity>(what, maturityTable(teamId), validMaturity.teamMaturityChange(teamId, mutate)),
    );
    if (!result) throw new StoreUnavailableError('The team maturity was not saved');
    return result;
  }

  async listTeamMaturity(request?: { pageSize?: number; continuationToken?: string }): Promise<Page<TeamMaturity>> {
    const pageSize = valid.validPageSize(request);
    const after = request?.continuationToken ? decodeToken(request.continuationToken) : '';
    return this.call('list team maturity', () => {
      const rows = this.prepare(
        'SELECT team_id, data FROM team_maturity WHERE team_id > ? ORDER BY team_id LIMIT ?',
      ).all(after, pageSize + 1) as { team_id: string; data: string }[];
      const page = rows.slice(0, pageSize);
      const items = page.map((row) => JSON.parse(row.data) as TeamMaturity);
      const last = page.at(-1);
      return rows.length > pageSize && last ? { items, continuationToken: encodeToken(last.team_id) } : { items };
    });
  }

  async submitAssessment(submission: AssessmentSubmission): Promise<AssessmentRecord> {
    const input = validMaturity.validAssessmentSubmission(submission);
    return this.call('save the assessment', (now) => {
      const key = validMaturity.assessmentKeyOf(input);
      const record: AssessmentRecord = {
        ...key,
        kind: 'assessment',
        ratings: input.ratings,
        submittedAt: new Date(now).toISOString(),
      };
      // One transaction: the assessment replaces any earlier one for the round and the draft goes.
      this.db.transaction(() => {
        this.writeAssessmentRow(key, 'assessment', record, KEPT_UNTIL_DELETED);
        this.prepare(
          "DELETE FROM assessments WHERE team_id = ? AND round = ? AND user_id = ? AND kind = 'assessmentDraft'",
        ).run(key.teamId, key.round, key.userId);
      })();
      return record;
    });
  }

  async getAssessment(key: AssessmentKey): Promise<AssessmentRecord | undefined> {
    const k = validMaturity.assessmentKeyOf(validMaturity.validAssessmentKey(key));
    return this.call('read the assessment', (now) => this.readAssessmentRow<AssessmentRecord>(k, 'assessment', now));
  }

  async listRoundAssessments(teamId: string, round: RoundId): Promise<AssessmentRecord[]> {
    valid.validId(teamId, 'team id');
    validMaturity.validRound(round);
    return this.call("list the round's assessments", (now) => {
      const rows = this.prepare(
        "SELECT data FROM assessments WHERE team_id = ? AND round = ? AND kind = 'assessment' AND expires_at > ? ORDER BY user_id",
      ).all(teamId, round, now) as { data: string }[];
      return rows.map((row) => JSON.parse(row.data) as AssessmentRecord);
    });
  }

  async saveAssessmentDraft(input: AssessmentDraftInput): Promise<AssessmentDraft> {
    const checked = validMaturity.validAssessmentDraftInput(input);
    return this.call('save the assessment draft', (now) => {
      const key = validMaturity.assessmentKeyOf(checked);
      const draft: AssessmentDraft = {
        ...key,
        kind: 'assessmentDraft',
        draft: checked.draft,
        updatedAt: new Date(now).toISOString(),
      };
      this.writeAssessmentRow(key, 'assessmentDraft', draft, now + DEFAULT_DRAFT_TTL_SECONDS * SECONDS);
      return draft;
    });
  }

  async getAssessmentDraft(key: AssessmentKey): Promise<AssessmentDraft | undefined> {
    const k = validMaturity.assessmentKeyOf(validMaturity.validAssessmentKey(key));
    return this.call('read the assessment draft', (now) =>
      this.readAssessmentRow<AssessmentDraft>(k, 'assessmentDraft', now),
    );
  }

  async listPersonAssessments(userId: string): Promise<PersonAssessments> {
    valid.validId(userId, 'user id');
    return this.call("list a person's assessments", (now) => {
      const rows = this.prepare(
        'SELECT kind, data FROM assessments WHERE user_id = ? AND expires_at > ? ORDER BY team_id, round',
      ).all(userId, now) as { kind: 'assessment' | 'assessmentDraft'; data: string }[];
      const found: PersonAssessments = { assessments: [], drafts: [] };
      for (const row of rows) {
        if (row.kind === 'assessment') found.assessments.push(JSON.parse(row.data) as AssessmentRecord);
        else found.drafts.push(JSON.parse(row.data) as AssessmentDraft);
      }
      return found;
    });
  }

  async deletePersonAssessments(userId: string): Promise<number> {
    valid.validId(userId, 'user id');
    return this.call(
      "delete a person's assessments",
      () => this.prepare('DELETE FROM assessments WHERE user_id = ?').run(userId).changes,
    );
  }

  private readAssessmentRow<T>(key: AssessmentKey, kind: 'assessment' | 'assessmentDraft', now: number): T | undefined {
    const row = this.prepare(
      'SELECT data FROM assessments WHERE team_id = ? AND round = ? AND user_id = ? AND kind = ? AND expires_at > ?',
    ).get(key.teamId, key.round, key.userId, kind, now) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  private writeAssessmentRow(
    key: AssessmentKey,
    kind: 'assessment' | 'assessmentDraft',
    data: AssessmentRecord | AssessmentDraft,
    expiresAt: number,
  ): void {
    this.prepare(
      `INSERT INTO assessments (team_id, user_id, round, kind, data, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, round, user_id, kind) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
    ).run(key.teamId, key.userId, key.round, kind, JSON.stringify(data), expiresAt);
  }

  // ---- Activity claims and leases --------------------------------------------------------------

  /**
   * Every turn claims its activity, and a commit costs more than the row it writes, so the claims
   * that arrive in the same turn of the event loop (concurrent requests) are written together, in
   * one transaction committed before any of them is answered. Each is still decided on its own, in
   * order: a second claim of the same key in the batch finds the first.
   */
  async claimActivity(activityId: string, ttlSeconds: number): Promise<boolean> {
    return this.queueClaimWrite(CLAIM_ACTIVITY, activityId, ttlSeconds);
  }

  /** Finishing is written the same way as claiming, often in the same transaction as the next turns' claims. */
  async finishActivity(activityId: string, ttlSeconds: number): Promise<void> {
    await this.queueClaimWrite(FINISH_ACTIVITY, activityId, ttlSeconds);
  }

  private queueClaimWrite(statement: PendingClaim['statement'], activityId: string, ttlSeconds: number) {
    valid.validId(activityId, 'activity id');
    const ttl = valid.validTtlSeconds(ttlSeconds);
    return new Promise<boolean>((resolve, reject) => {
      this.pendingClaims.push({ statement, activityId, ttlMs: ttl * SECONDS, resolve, reject });
      if (this.pendingClaims.length === 1) setImmediate(() => this.writeClaims());
    });
  }

  private writeClaims(): void {
    const claims = this.pendingClaims.splice(0);
    this.call('claim the activity', (now) =>
      this.db
        .transaction(() =>
          // One statement decides each claim: it inserts, or takes over an expired claim, or changes nothing.
          claims.map(({ statement, activityId, ttlMs }) =>
            statement === CLAIM_ACTIVITY
              ? this.prepare(CLAIM_ACTIVITY).run(activityId, now + ttlMs, now).changes === 1
              : this.prepare(FINISH_ACTIVITY).run(activityId, now + ttlMs).changes === 1,
          ),
        )
        .immediate(),
    ).then(
      (claimed) => claims.forEach((claim, index) => claim.resolve(claimed[index] === true)),
      (error: unknown) => claims.forEach((claim) => claim.reject(error)),
    );
  }

  async tryAcquireLease(name: string, owner: string, ttlSeconds: number): Promise<boolean> {
    valid.validLeaseName(name);
    valid.validId(owner, 'lease owner');
    const ttl = valid.validTtlSeconds(ttlSeconds);
    // The conditional upsert is SQLite's If-Match: it writes only if the lease is free, expired, or already ours.
    return this.call('acquire the lease', (now) => {
      const { changes } = this.prepare(
        `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
           WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`,
      ).run(name, owner, now + ttl * SECONDS, now);
      return changes === 1;
    });
  }

  async releaseLease(name: string, owner: string): Promise<boolean> {
    valid.validLeaseName(name);
    valid.validId(owner, 'lease owner');
    return this.call('release the lease', (now) => {
      const row = this.prepare('DELETE FROM leases WHERE name = ? AND owner = ? RETURNING expires_at').get(
        name,
        owner,
      ) as { expires_at: number } | undefined;
      return row !== undefined && row.expires_at > now;
    });
  }

  // ---- Internals -------------------------------------------------------------------------------

  /** Runs one store call and maps SQLite failures to the port's errors. */
  private async call<T>(what: string, run: (now: number) => T | Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`Cannot ${what}: the store is closed`);
    try {
      return await run(this.clock());
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  private readVersioned<T>(table: VersionedTable<T>): Versioned<T> | undefined {
    const where = Object.keys(table.keys)
      .map((column) => `${column} = ?`)
      .join(' AND ');
    const row = this.prepare(`SELECT data, version FROM ${table.name} WHERE ${where}`).get(
      ...Object.values(table.keys),
    ) as { data: string; version: number } | undefined;
    return row ? { value: JSON.parse(row.data) as T, etag: String(row.version) } : undefined;
  }

  /**
   * Read, change, and write only if the version is still the one read; the change may await (a
   * Mutator can be async), so another writer can get in between, and then we try again.
   */
  private async readModifyWrite<T>(
    what: string,
    table: VersionedTable<T>,
    change: (current: T | undefined) => Promise<T | undefined>,
  ) {
    return retryOnConflict<Versioned<T> | undefined>(what, this.policy, async () => {
      const found = this.readVersioned(table);
      const next = await change(found?.value);
      if (next === undefined) return found;
      const columns: Record<string, SqlValue> = { ...table.columns?.(next), data: JSON.stringify(next) };
      if (!found) {
        const names = [...Object.keys(table.keys), ...Object.keys(columns), 'version'];
        const { changes } = this.prepare(
          `INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
        ).run(...Object.values(table.keys), ...Object.values(columns), 1);
        return changes === 1 ? { value: next, etag: '1' } : LOST_RACE;
      }
      const version = Number(found.etag);
      const assignments = Object.keys(columns).map((column) => `${column} = ?`);
      const where = Object.keys(table.keys).map((column) => `${column} = ?`);
      const { changes } = this.prepare(
        `UPDATE ${table.name} SET ${assignments.join(', ')}, version = version + 1 WHERE ${where.join(' AND ')} AND version = ?`,
      ).run(...Object.values(columns), ...Object.values(table.keys), version);
      return changes === 1 ? { value: next, etag: String(version + 1) } : LOST_RACE;
    });
  }

  private readCheckIn<T>(key: CheckInKey, kind: 'answer' | 'draft', now: number): T | undefined {
    const row = this.prepare(
      'SELECT data FROM check_ins WHERE team_id = ? AND user_id = ? AND mission = ? AND week = ? AND kind = ? AND expires_at > ?',
    ).get(key.teamId, key.userId, key.mission, key.week, kind, now) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  private writeCheckIn(
    key: CheckInKey,
    kind: 'answer' | 'draft',
    data: CheckInRecord | CheckInDraft,
    expiresAt: number,
  ): void {
    this.prepare(
      `INSERT INTO check_ins (team_id, user_id, mission, week, kind, data, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, user_id, mission, week, kind) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
    ).run(key.teamId, key.userId, key.mission, key.week, kind, JSON.stringify(data), expiresAt);
  }

  private deleteCheckIn(key: CheckInKey, kind: 'answer' | 'draft'): void {
    this.prepare(
      'DELETE FROM check_ins WHERE team_id = ? AND user_id = ? AND mission = ? AND week = ? AND kind = ?',
    ).run(key.teamId, key.userId, key.mission, key.week, kind);
  }
}

/** SQLite's own page-level check; undefined when the file is sound, else what it found (first problem). */
function quickCheck(db: Database.Database): string | undefined {
  const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
  const result = rows[0]?.quick_check ?? 'no answer';
  return result === 'ok' ? undefined : result;
}

function writeProbe(db: Database.Database, now: number): void {
  db.prepare(
    'INSERT INTO write_probe (id, written_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at',
  ).run(now);
}

function damagedMessage(file: string, detail: string): string {
  return `The local store file ${file} is damaged (${oneLine(detail)}). Stop the bot, move the file aside (keep it for recovery), and restore the latest backup to that path, or start without it for an empty store.`;
}

/** What stops the store opening, as one line naming the file and what to do. */
function openError(file: string, error: unknown): Error {
  if (error instanceof StoreOpenError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = oneLine((error as Error).message ?? String(error));
  if (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT_'))
  )
    return new StoreOpenError(damagedMessage(file, detail), { cause: error });
  if (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_READONLY') ||
      code.startsWith('SQLITE_CANTOPEN') ||
      code === 'EACCES' ||
      code === 'EPERM' ||
      code === 'EROFS')
  )
    return new StoreOpenError(
      `The local store file ${file} cannot be written (${detail}). Make the file, its folder and the -wal and -shm files beside it writable by the user the bot runs as, or set DATA_DIR to a writable folder.`,
      { cause: error },
    );
  return new StoreUnavailableError(`Cannot open the local store at ${file}: ${detail}`, { cause: error });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function installationsTable(conversationId: string): VersionedTable<Installation> {
  return {
    name: 'installations',
    keys: { conversation_id: conversationId },
    columns: (data) => ({ active: data.active ? 1 : 0, removed_at: data.removedAt ?? null }),
  };
}

function settingsTable(teamId: string): VersionedTable<TeamSettings> {
  return { name: 'team_settings', keys: { team_id: teamId } };
}

function rollupsTable(teamId: string, mission: Mission, week: IsoWeek): VersionedTable<WeeklyRollup> {
  return { name: 'rollups', keys: { team_id: teamId, mission, week } };
}

function maturityTable(teamId: string): VersionedTable<TeamMaturity> {
  return { name: 'team_maturity', keys: { team_id: teamId } };
}

function checkRollupKey(teamId: string, mission: Mission, week: IsoWeek): void {
  valid.validId(teamId, 'team id');
  valid.validMission(mission);
  valid.validWeek(week);
}

// Continuation tokens are opaque to callers; inside, the last key of the previous page.
function encodeToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through
  }
  throw new StoreValidationError('Invalid continuation token');
}
