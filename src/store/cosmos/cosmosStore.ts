// The store on Azure Cosmos DB (NoSQL API). Every call runs under one deadline that also aborts the
// SDK's requests, every read-modify-write is guarded by the item's ETag, and ids are deterministic
// so retried writes overwrite rather than duplicate. See containers.ts for the partitioning.
import type { Agent } from 'node:https';
import type { Container, CosmosClient, JSONObject, OperationInput } from '@azure/cosmos';
import { StoreUnavailableError } from '../errors';
import { DEFAULT_DRAFT_TTL_SECONDS } from '../defaults';
import { DEFAULT_CONFLICT_POLICY, LOST_RACE, retryOnConflict, type ConflictPolicy } from '../optimisticRetry';
import type {
  AwayInput,
  AwayRecord,
  CheckInAnswers,
  CheckInDraft,
  CheckInKey,
  CheckInRecord,
  Installation,
  IsoWeek,
  Mission,
  PersonRecords,
  TeamSettings,
  WeeklyRollup,
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
  removedBefore,
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
import { createCosmosClient } from './client';
import { createContainersIfMissing, containersOf, type StoreContainers } from './containers';
import { CONFLICT, NOT_FOUND, PRECONDITION_FAILED, statusOf, toStoreError } from './cosmosErrors';
import { withDeadline } from './deadline';
import { CosmosPracticeRecords } from './practiceRecords';
import {
  activityItemId,
  awayId,
  assessmentId,
  checkInId,
  MATURITY_ID,
  personTeamsId,
  INSTALLATION_ID,
  rollupId,
  SETTINGS_ID,
  type Envelope,
  type InstallationItem,
  type TeamItem,
} from './documents';
import {
  deleteItem,
  forEachLimited,
  isLive,
  queryAll,
  queryPage,
  readItem,
  readLiveData,
  readModifyWrite,
  type ItemContext,
} from './itemOps';

export interface CosmosStoreOptions {
  endpoint: string;
  /** Account key; without one, DefaultAzureCredential (managed identity in Azure) is used. */
  key?: string;
  managedIdentityClientId?: string;
  databaseId: string;
  /**
   * Create the database and containers at start. Needs control-plane rights, so production
   * identities that only have data-plane roles run with it off (the templates create them).
   */
  createIfMissing: boolean;
  /** Upper bound on any one store call, retries included. Default 5000. */
  requestTimeoutMs?: number;
  /** An https.Agent, e.g. one trusting a private CA. */
  agent?: Agent;
  /** See CosmosConnectionOptions.endpointDiscovery. Default false. */
  endpointDiscovery?: boolean;
  /** Attempts at a read-modify-write before ConflictError. Default 10. */
  conflictAttempts?: number;
  /** Epoch ms; for tests. */
  clock?: () => number;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Creating containers is a control-plane operation and much slower than data calls. */
const SETUP_TIMEOUT_FACTOR = 4;
const BULK_DELETE_CONCURRENCY = 8;
const SECONDS = 1000;
/** The readiness probe's item in the leases container, under a name no lease of the bot's uses. */
const WRITE_PROBE_ID = 'write-probe';
const WRITE_PROBE_TTL_SECONDS = 300;

type QueryParameter = { name: string; value: string | number };

export class CosmosStore implements FrameworkStore {
  private closed = false;
  readonly practice: CosmosPracticeRecords;

  private constructor(
    private readonly client: CosmosClient,
    private readonly containers: StoreContainers,
    private readonly timeoutMs: number,
    private readonly policy: ConflictPolicy,
    private readonly clock: () => number,
  ) {
    this.practice = new CosmosPracticeRecords(containers.teams, (what, run) => this.call(what, run));
  }

  static async open(options: CosmosStoreOptions): Promise<CosmosStore> {
    const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const client = createCosmosClient({
      endpoint: options.endpoint,
      key: options.key,
      managedIdentityClientId: options.managedIdentityClientId,
      requestTimeoutMs: timeoutMs,
      agent: options.agent,
      endpointDiscovery: options.endpointDiscovery ?? false,
    });
    if (options.createIfMissing) {
      const what = 'create the database and containers';
      try {
        await withDeadline(timeoutMs * SETUP_TIMEOUT_FACTOR, what, async (signal) => {
          const { database } = await client.databases.createIfNotExists(
            { id: options.databaseId },
            { abortSignal: signal },
          );
          await createContainersIfMissing(database, signal);
        });
      } catch (error) {
        client.dispose();
        throw toStoreError(error, what);
      }
    }
    const policy = {
      ...DEFAULT_CONFLICT_POLICY,
      ...(options.conflictAttempts ? { attempts: options.conflictAttempts } : {}),
    };
    return new CosmosStore(
      client,
      containersOf(client.database(options.databaseId)),
      timeoutMs,
      policy,
      options.clock ?? Date.now,
    );
  }

  async ping(): Promise<void> {
    // A metadata read of one container: proves the account answers, the identity may read, and
    // the database and containers exist, without touching any record.
    await this.call('reach the database', async ({ signal }) => {
      await this.containers.teams.read({ abortSignal: signal });
    });
  }

  async checkWritable(): Promise<void> {
    // An upsert of one small item that expires on its own: proves the identity may write and the
    // account takes writes (not throttled away, not over its storage), without touching any record.
    await this.call('write to the database', async ({ signal, now }) => {
      const probe: Envelope<{ writtenAt: number }> = {
        id: WRITE_PROBE_ID,
        type: 'lease',
        data: { writtenAt: now },
        ttl: WRITE_PROBE_TTL_SECONDS,
        expiresAt: now + WRITE_PROBE_TTL_SECONDS * SECONDS,
      };
      await this.containers.leases.items.upsert(probe, { abortSignal: signal });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
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
    const result = await this.call(what, (ctx) =>
      readModifyWrite<Installation>(
        {
          ...this.installationTarget(fresh.conversationId, what),
          change: async (current) => change(current, fresh, new Date(ctx.now).toISOString()),
        },
        ctx,
      ),
    );
    if (!result) throw new StoreUnavailableError(notSaved);
    return result.value;
  }

  async getInstallation(conversationId: string): Promise<Installation | undefined> {
    valid.validId(conversationId, 'conversation id');
    const found = await this.call('read the installation', (ctx) =>
      readLiveData<Installation>(this.containers.installations, INSTALLATION_ID, conversationId, ctx),
    );
    return found?.value;
  }

  async markInstallationInactive(conversationId: string): Promise<boolean> {
    valid.validId(conversationId, 'conversation id');
    const result = await this.call('mark the installation inactive', (ctx) =>
      readModifyWrite<Installation>(
        {
          ...this.installationTarget(conversationId, 'mark the installation inactive'),
          change: async (current) =>
            current?.active ? { ...current, active: false, updatedAt: new Date(ctx.now).toISOString() } : undefined,
        },
        ctx,
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
    const container = this.containers.installations;
    return this.call('delete the installation', async ({ signal }) => {
      if (before === undefined) return deleteItem(container, INSTALLATION_ID, conversationId, signal);
      // Checked on a read, deleted with If-Match on that read's ETag: if the app was added back in
      // between (the record rewritten), the delete fails with 412 and the installation is kept.
      const found = await readItem<InstallationItem<Installation>>(container, INSTALLATION_ID, conversationId, signal);
      if (!found || !removedBefore(found.item.data, before)) return false;
      return deleteItem(container, INSTALLATION_ID, conversationId, signal, found.etag);
    });
  }

  async listInstallations(options?: ListInstallationsOptions): Promise<Page<Installation>> {
    const pageSize = valid.validPageSize(options);
    const before =
      options?.removedBefore !== undefined ? valid.validInstant(options.removedBefore, 'removal time') : undefined;
    const filters = `${options?.activeOnly ? ' AND c.data.active = true' : ''}${before ? ' AND c.data.active = false AND IS_DEFINED(c.data.removedAt) AND c.data.removedAt < @before' : ''}`;
    const query = {
      query: `SELECT * FROM c WHERE c.type = 'installation'${filters}`,
      parameters: before ? [{ name: '@before', value: before }] : [],
    };
    // Installations are spread over one partition per conversation, so this query fans out; it
    // runs from the scheduler, not from turns.
    return this.call('list installations', ({ signal }) =>
      queryPage(
        this.containers.installations,
        query,
        { pageSize, continuationToken: options?.continuationToken },
        signal,
        (item: InstallationItem<Installation>) => item.data,
      ),
    );
  }

  // ---- Team settings ---------------------------------------------------------------------------

  async getTeamSettings(teamId: string): Promise<Versioned<TeamSettings> | undefined> {
    valid.validId(teamId, 'team id');
    return this.call('read team settings', (ctx) =>
      readLiveData<TeamSettings>(this.containers.teams, SETTINGS_ID, teamId, ctx),
    );
  }

  async updateTeamSettings(teamId: string, mutate: Mutator<TeamSettings>): Promise<Versioned<TeamSettings>> {
    valid.validId(teamId, 'team id');
    const what = 'update team settings';
    const result = await this.call(what, (ctx) =>
      readModifyWrite<TeamSettings>(
        {
          what,
          container: this.containers.teams,
          id: SETTINGS_ID,
          partitionKey: teamId,
          policy: this.policy,
          toItem: (data): TeamItem<TeamSettings> => ({ id: SETTINGS_ID, teamId, type: 'settings', data }),
          change: settingsChange(teamId, mutate),
        },
        ctx,
      ),
    );
    if (!result) throw new StoreUnavailableError('The team settings were not saved');
    return result;
  }

  async deleteTeamData(teamId: string): Promise<number> {
    valid.validId(teamId, 'team id');
    return this.call("delete a team's data", async ({ signal }) => {
      const ids = await this.teamQuery<{ id: string }>(teamId, 'SELECT c.id FROM c', '', [], signal);
      return this.deleteAll(
        this.containers.teams,
        ids.map(({ id }) => ({ id, partitionKey: teamId })),
        signal,
      );
    });
  }

  // ---- Check-ins and drafts --------------------------------------------------------------------

  async submitCheckIn(submission: CheckInSubmission): Promise<CheckInRecord> {
    const input = valid.validSubmission(submission);
    const ttl = input.retentionDays * 24 * 3600;
    return this.call('save the check-in', async ({ signal, now }) => {
      const key = keyOf(input);
      const record: CheckInRecord = {
        ...key,
        kind: 'answer',
        answers: input.answers,
        submittedAt: new Date(now).toISOString(),
        ttl,
      };
      // Upsert on a deterministic id: a repeated or retried submit overwrites the same item.
      await this.containers.teams.items.upsert(this.checkInItem('answer', key, record, ttl, now), {
        abortSignal: signal,
      });
      // The answer goes first: if the draft's removal fails the submit has still happened, and a
      // retry (idempotent) removes it.
      await deleteItem(this.containers.teams, checkInId('draft', key), key.teamId, signal);
      return record;
    });
  }

  async submitCheckInWithRollup(submission: CheckInSubmission, build: RollupBuilder): Promise<SubmittedCheckIn> {
    const input = valid.validSubmission(submission);
    const ttl = input.retentionDays * 24 * 3600;
    const what = 'save the check-in and its roll-up';
    const container = this.containers.teams;
    return this.call(what, async ({ signal, now }) => {
      const key = keyOf(input);
      const checkIn: CheckInRecord = {
        ...key,
        kind: 'answer',
        answers: input.answers,
        submittedAt: new Date(now).toISOString(),
        ttl,
      };
      const id = rollupId(key.mission, key.week);
      const saved = await retryOnConflict(
        what,
        this.policy,
        async () => {
          // The roll-up's ETag first, then the answers: any answer written since is written with a
          // roll-up change, which changes the ETag, so our batch fails and we read both again.
          const found = await readItem<TeamItem<WeeklyRollup>>(container, id, key.teamId, signal);
          const others = await this.liveAnswers(key, now, signal);
          const rollup = builtRollup(key, build, [...others, input.answers]);
          const rollupItem: TeamItem<WeeklyRollup> = { id, teamId: key.teamId, type: 'rollup', data: rollup };
          // Each operation names the partition too: the batch's own key is what Cosmos DB uses, and the
          // loopback test server reads the operations'.
          const partitionKey = key.teamId;
          // The conditional operation goes first: where it fails, nothing before it was applied,
          // even on a server that does not roll a failed batch back (see the loopback server's test).
          const operations: OperationInput[] = [
            found
              ? { operationType: 'Replace', id, partitionKey, resourceBody: asJson(rollupItem), ifMatch: found.etag }
              : { operationType: 'Create', partitionKey, resourceBody: asJson(rollupItem) },
            {
              operationType: 'Upsert',
              partitionKey,
              resourceBody: asJson(this.checkInItem('answer', key, checkIn, ttl, now)),
            },
          ];
          const written = await this.runBatch(container, key.teamId, operations, signal);
          return written === LOST_RACE ? LOST_RACE : { rollup, etag: written.etag };
        },
        signal,
      );
      // After the batch: the draft may be absent, which would fail a batch. A retried submit removes it.
      await deleteItem(container, checkInId('draft', key), key.teamId, signal);
      return { checkIn, rollup: { value: saved.rollup, etag: saved.etag } };
    });
  }

  /** The live answers of the key's team, mission and week, except the key's own person's. */
  private async liveAnswers(key: CheckInKey, now: number, signal: AbortSignal): Promise<CheckInAnswers[]> {
    const items = await this.teamQuery<TeamItem<CheckInRecord>>(
      key.teamId,
      'SELECT * FROM c',
      "c.type = 'answer' AND c.data.week = @week AND c.data.mission = @mission AND c.expiresAt > @now AND c.data.userId != @userId",
      [
        { name: '@week', value: key.week },
        { name: '@mission', value: key.mission },
        { name: '@now', value: now },
        { name: '@userId', value: key.userId },
      ],
      signal,
    );
    return items.map((item) => item.data.answers);
  }

  /**
   * One transactional batch, resolving with its first operation's new ETag; LOST_RACE when its first (conditional) operation found the item changed
   * (412), created (409) or deleted (404) since our read, so the caller reads again and retries.
   */
  private async runBatch(
    container: Container,
    partitionKey: string,
    operations: OperationInput[],
    signal: AbortSignal,
  ): Promise<{ etag: string } | typeof LOST_RACE> {
    let results: { statusCode: number; eTag?: string; resourceBody?: unknown }[];
    try {
      results = (await container.items.batch(operations, partitionKey, { abortSignal: signal })).result ?? [];
    } catch (error) {
      if (isLostRace(statusOf(error))) return LOST_RACE;
      throw error;
    }
    const first = results[0];
    if (first && isLostRace(first.statusCode)) return LOST_RACE;
    const failed = results.find((result) => result.statusCode >= 400);
    if (failed || !first || results.length !== operations.length) {
      throw new StoreUnavailableError(
        `The check-in and its roll-up were not saved (batch answered ${failed?.statusCode ?? 'incompletely'})`,
      );
    }
    return { etag: first.eTag ?? '' };
  }

  async getCheckIn(key: CheckInKey): Promise<CheckInRecord | undefined> {
    const k = keyOf(valid.validCheckInKey(key));
    const found = await this.call('read the check-in', (ctx) =>
      readLiveData<CheckInRecord>(this.containers.teams, checkInId('answer', k), k.teamId, ctx),
    );
    return found?.value;
  }

  async listTeamCheckIns(teamId: string, week: IsoWeek, mission?: Mission): Promise<CheckInRecord[]> {
    valid.validId(teamId, 'team id');
    valid.validWeek(week);
    if (mission !== undefined) valid.validMission(mission);
    return this.call("list the team's check-ins", async ({ signal, now }) => {
      const items = await this.teamQuery<TeamItem<CheckInRecord>>(
        teamId,
        'SELECT * FROM c',
        `c.type = 'answer' AND c.data.week = @week AND c.expiresAt > @now${mission ? ' AND c.data.mission = @mission' : ''}`,
        [
          { name: '@week', value: week },
          { name: '@now', value: now },
          ...(mission ? [{ name: '@mission', value: mission }] : []),
        ],
        signal,
      );
      return items.map((item) => item.data);
    });
  }

  async saveDraft(input: DraftInput): Promise<CheckInDraft> {
    const checked = valid.validDraftInput(input);
    const ttl = checked.ttlSeconds ?? DEFAULT_DRAFT_TTL_SECONDS;
    return this.call('save the draft', async ({ signal, now }) => {
      const key = keyOf(checked);
      const draft: CheckInDraft = {
        ...key,
        kind: 'draft',
        draft: checked.draft,
        updatedAt: new Date(now).toISOString(),
        ttl,
      };
      await this.containers.teams.items.upsert(this.checkInItem('draft', key, draft, ttl, now), {
        abortSignal: signal,
      });
      return draft;
    });
  }

  async getDraft(key: CheckInKey): Promise<CheckInDraft | undefined> {
    const k = keyOf(valid.validCheckInKey(key));
    const found = await this.call('read the draft', (ctx) =>
      readLiveData<CheckInDraft>(this.containers.teams, checkInId('draft', k), k.teamId, ctx),
    );
    return found?.value;
  }

  async deleteDraft(key: CheckInKey): Promise<boolean> {
    const k = keyOf(valid.validCheckInKey(key));
    return this.call('delete the draft', ({ signal }) =>
      deleteItem(this.containers.teams, checkInId('draft', k), k.teamId, signal),
    );
  }

  async listPersonRecords(userId: string): Promise<PersonRecords> {
    valid.validId(userId, 'user id');
    return this.call("list a person's records", async ({ signal, now }) => {
      // Crosses every team's partition: rare (a person asking for their data), never in a turn's hot path.
      const query = {
        query:
          "SELECT * FROM c WHERE (c.type = 'answer' OR c.type = 'draft' OR c.type = 'away') AND c.data.userId = @userId AND c.expiresAt > @now",
        parameters: [
          { name: '@userId', value: userId },
          { name: '@now', value: now },
        ],
      };
      const items = await queryAll<TeamItem<CheckInRecord | CheckInDraft | AwayRecord>>(
        this.containers.teams,
        query,
        signal,
      );
      const records: PersonRecords = { checkIns: [], drafts: [] };
      const away: AwayRecord[] = [];
      for (const { data } of items) {
        if (data.kind === 'answer') records.checkIns.push(data);
        else if (data.kind === 'draft') records.drafts.push(data);
        else away.push(data);
      }
      // Time away in the local store's order, by team.
      if (away.length > 0) records.away = away.sort((a, b) => (a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0));
      return records;
    });
  }

  async deletePersonRecords(userId: string): Promise<number> {
    valid.validId(userId, 'user id');
    return this.call("delete a person's records", async ({ signal }) => {
      const query = {
        query:
          "SELECT c.id, c.teamId FROM c WHERE (c.type = 'answer' OR c.type = 'draft' OR c.type = 'away') AND c.data.userId = @userId",
        parameters: [{ name: '@userId', value: userId }],
      };
      const found = await queryAll<{ id: string; teamId: string }>(this.containers.teams, query, signal);
      // Each delete is atomic on its own; if the call is cut short, running it again finishes the job.
      const deleted = await this.deleteAll(
        this.containers.teams,
        found.map(({ id, teamId }) => ({ id, partitionKey: teamId })),
        signal,
      );
      const indexId = personTeamsId(userId);
      await deleteItem(this.containers.activities, indexId, indexId, signal);
      return deleted;
    });
  }

  // ---- Time away -------------------------------------------------------------------------------

  async saveAway(input: AwayInput): Promise<AwayRecord> {
    const checked = valid.validAway(input);
    return this.call('save the time away', async ({ signal, now }) => {
      const record = awayRecord(checked, new Date(now).toISOString());
      const expiresAt = awayExpiresAt(record.until);
      const ttl = Math.max(1, Math.ceil((expiresAt - now) / SECONDS));
      const item: TeamItem<AwayRecord> = {
        id: awayId(record.userId),
        teamId: record.teamId,
        type: 'away',
        data: record,
        ttl,
        expiresAt,
      };
      // Upsert on a deterministic id: the new period replaces the old, and a retry lands on the same item.
      await this.containers.teams.items.upsert(item, { abortSignal: signal });
      return record;
    });
  }

  async listTeamAway(teamId: string, from: IsoDate, until: IsoDate): Promise<AwayRecord[]> {
    valid.validId(teamId, 'team id');
    valid.validDate(from, 'first day');
    valid.validDate(until, 'last day');
    return this.call("list the team's time away", async ({ signal, now }) => {
      const items = await this.teamQuery<TeamItem<AwayRecord>>(
        teamId,
        'SELECT * FROM c',
        "c.type = 'away' AND c.data['from'] <= @until AND c.data.until >= @from AND c.expiresAt > @now",
        [
          { name: '@from', value: from },
          { name: '@until', value: until },
          { name: '@now', value: now },
        ],
        signal,
      );
      return items.map((item) => item.data).sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    });
  }

  async deleteAway(teamId: string, userId: string): Promise<boolean> {
    valid.validId(teamId, 'team id');
    valid.validId(userId, 'user id');
    return this.call('delete the time away', async (ctx) => {
      const live = await readLiveData<AwayRecord>(this.containers.teams, awayId(userId), teamId, ctx);
      await deleteItem(this.containers.teams, awayId(userId), teamId, ctx.signal);
      return live !== undefined;
    });
  }

  // ---- The person → teams index ----------------------------------------------------------------

  async noteTeamMembers(teamId: string, tenantId: string, userIds: readonly string[]): Promise<void> {
    valid.validId(teamId, 'team id');
    valid.validId(tenantId, 'tenant id');
    userIds.forEach((userId) => valid.validId(userId, 'user id'));
    await this.call('note team members', async (ctx) => {
      const seenAt = new Date(ctx.now).toISOString();
      // One item per person: a few at a time, each its own read-modify-write.
      await forEachLimited([...new Set(userIds)], BULK_DELETE_CONCURRENCY, async (userId) => {
        await this.changeKnownTeams(userId, 'note team members', ctx, (teams) =>
          [{ teamId, tenantId, seenAt }, ...teams.filter((team) => team.teamId !== teamId)].slice(0, MAX_KNOWN_TEAMS),
        );
      });
    });
  }

  async knownTeamsOf(userId: string): Promise<KnownTeam[]> {
    valid.validId(userId, 'user id');
    const id = personTeamsId(userId);
    const found = await this.call("read a person's teams", (ctx) =>
      readLiveData<KnownTeam[]>(this.containers.activities, id, id, ctx),
    );
    return [...(found?.value ?? [])].sort((a, b) => (a.seenAt === b.seenAt ? 0 : a.seenAt > b.seenAt ? -1 : 1));
  }

  async forgetTeamMember(teamId: string, userId: string): Promise<void> {
    valid.validId(teamId, 'team id');
    valid.validId(userId, 'user id');
    await this.call('forget a team member', (ctx) =>
      this.changeKnownTeams(userId, 'forget a team member', ctx, (teams) =>
        teams.filter((team) => team.teamId !== teamId),
      ),
    );
  }

  private async changeKnownTeams(
    userId: string,
    what: string,
    ctx: ItemContext,
    change: (teams: KnownTeam[]) => KnownTeam[],
  ): Promise<void> {
    const id = personTeamsId(userId);
    await readModifyWrite<KnownTeam[]>(
      {
        what,
        container: this.containers.activities,
        id,
        partitionKey: id,
        change: async (current) => {
          if (current === undefined && change([]).length === 0) return undefined;
          return change(current ?? []);
        },
        toItem: (data) => ({ id, type: 'personTeams', data }),
        policy: this.policy,
      },
      ctx,
    );
  }

  // ---- Weekly roll-ups -------------------------------------------------------------------------

  async getRollup(teamId: string, mission: Mission, week: IsoWeek): Promise<Versioned<WeeklyRollup> | undefined> {
    this.checkRollupKey(teamId, mission, week);
    return this.call('read the roll-up', (ctx) =>
      readLiveData<WeeklyRollup>(this.containers.teams, rollupId(mission, week), teamId, ctx),
    );
  }

  async applyToRollup(
    teamId: string,
    mission: Mission,
    week: IsoWeek,
    mutate: Mutator<WeeklyRollup>,
  ): Promise<Versioned<WeeklyRollup>> {
    this.checkRollupKey(teamId, mission, week);
    const what = 'update the roll-up';
    const id = rollupId(mission, week);
    const result = await this.call(what, (ctx) =>
      readModifyWrite<WeeklyRollup>(
        {
          what,
          container: this.containers.teams,
          id,
          partitionKey: teamId,
          policy: this.policy,
          toItem: (data): TeamItem<WeeklyRollup> => ({ id, teamId, type: 'rollup', data }),
          change: rollupChange(teamId, mission, week, mutate),
        },
        ctx,
      ),
    );
    if (!result) throw new StoreUnavailableError('The roll-up was not saved');
    return result;
  }

  async listRollups(teamId: string, range: WeekRange): Promise<WeeklyRollup[]> {
    valid.validId(teamId, 'team id');
    const { fromWeek, toWeek, mission } = valid.validWeekRange(range);
    return this.call('list roll-ups', async ({ signal }) => {
      const items = await this.teamQuery<TeamItem<WeeklyRollup>>(
        teamId,
        'SELECT * FROM c',
        `c.type = 'rollup' AND c.data.week >= @from AND c.data.week <= @to${mission ? ' AND c.data.mission = @mission' : ''}`,
        [
          { name: '@from', value: fromWeek },
          { name: '@to', value: toWeek },
          ...(mission ? [{ name: '@mission', value: mission }] : []),
        ],
        signal,
      );
      return items.map((item) => item.data).sort(byWeekThenMission);
    });
  }

  // ---- Maturity ---------------------------------------------------------------------------------

  async getTeamMaturity(teamId: string): Promise<Versioned<TeamMaturity> | undefined> {
    valid.validId(teamId, 'team id');
    return this.call('read the team maturity', (ctx) =>
      readLiveData<TeamMaturity>(this.containers.teams, MATURITY_ID, teamId, ctx),
    );
  }

  async updateTeamMaturity(teamId: string, mutate: Mutator<TeamMaturity>): Promise<Versioned<TeamMaturity>> {
    valid.validId(teamId, 'team id');
    const what = 'update the team maturity';
    const result = await this.call(what, (ctx) =>
      readModifyWrite<TeamMaturity>(
        {
          what,
          container: this.containers.teams,
          id: MATURITY_ID,
          partitionKey: teamId,
          policy: this.policy,
          toItem: (data): TeamItem<TeamMaturity> => ({ id: MATURITY_ID, teamId, type: 'maturity', data }),
          change: validMaturity.teamMaturityChange(teamId, mutate),
        },
        ctx,
      ),
    );
    if (!result) throw new StoreUnavailableError('The team maturity was not saved');
    return result;
  }

  async listTeamMaturity(request?: { pageSize?: number; continuationToken?: string }): Promise<Page<TeamMaturity>> {
    const pageSize = valid.validPageSize(request);
    const query = { query: "SELECT * FROM c WHERE c.type = 'maturity'", parameters: [] };
    // One record per team, across every team's partition: only the admins' organisation view asks.
    return this.call('list team maturity', ({ signal }) =>
      queryPage(
        this.containers.teams,
        query,
        { pageSize, continuationToken: request?.continuationToken },
        signal,
        (item: TeamItem<TeamMaturity>) => item.data,
      ),
    );
  }

  async submitAssessment(submission: AssessmentSubmission): Promise<AssessmentRecord> {
    const input = validMaturity.validAssessmentSubmission(submission);
    return this.call('save the assessment', async ({ signal, now }) => {
      const key = validMaturity.assessmentKeyOf(input);
      const record: AssessmentRecord = {
        ...key,
        kind: 'assessment',
        ratings: input.ratings,
        submittedAt: new Date(now).toISOString(),
      };
      // Upsert on a deterministic id: a repeated submit overwrites the same item; the draft goes after.
      const item: TeamItem<AssessmentRecord> = {
        id: assessmentId('assessment', key),
        teamId: key.teamId,
        type: 'assessment',
        data: record,
      };
      await this.containers.teams.items.upsert(item, { abortSignal: signal });
      await deleteItem(this.containers.teams, assessmentId('assessmentDraft', key), key.teamId, signal);
      return record;
    });
  }

  async getAssessment(key: AssessmentKey): Promise<AssessmentRecord | undefined> {
    const k = validMaturity.assessmentKeyOf(validMaturity.validAssessmentKey(key));
    const found = await this.call('read the assessment', (ctx) =>
      readLiveData<AssessmentRecord>(this.containers.teams, assessmentId('assessment', k), k.teamId, ctx),
    );
    return found?.value;
  }

  async listRoundAssessments(teamId: string, round: RoundId): Promise<AssessmentRecord[]> {
    valid.validId(teamId, 'team id');
    validMaturity.validRound(round);
    return this.call("list the round's assessments", async ({ signal }) => {
      const items = await this.teamQuery<TeamItem<AssessmentRecord>>(
        teamId,
        'SELECT * FROM c',
        "c.type = 'assessment' AND c.data.round = @round",
        [{ name: '@round', value: round }],
        signal,
      );
      return items.map((item) => item.data).sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    });
  }

  async saveAssessmentDraft(input: AssessmentDraftInput): Promise<AssessmentDraft> {
    const checked = validMaturity.validAssessmentDraftInput(input);
    return this.call('save the assessment draft', async ({ signal, now }) => {
      const key = validMaturity.assessmentKeyOf(checked);
      const draft: AssessmentDraft = {
        ...key,
        kind: 'assessmentDraft',
        draft: checked.draft,
        updatedAt: new Date(now).toISOString(),
      };
      const item: TeamItem<AssessmentDraft> = {
        id: assessmentId('assessmentDraft', key),
        teamId: key.teamId,
        type: 'assessmentDraft',
        data: draft,
        ttl: DEFAULT_DRAFT_TTL_SECONDS,
        expiresAt: now + DEFAULT_DRAFT_TTL_SECONDS * SECONDS,
      };
      await this.containers.teams.items.upsert(item, { abortSignal: signal });
      return draft;
    });
  }

  async getAssessmentDraft(key: AssessmentKey): Promise<AssessmentDraft | undefined> {
    const k = validMaturity.assessmentKeyOf(validMaturity.validAssessmentKey(key));
    const found = await this.call('read the assessment draft', (ctx) =>
      readLiveData<AssessmentDraft>(this.containers.teams, assessmentId('assessmentDraft', k), k.teamId, ctx),
    );
    return found?.value;
  }

  async listPersonAssessments(userId: string): Promise<PersonAssessments> {
    valid.validId(userId, 'user id');
    return this.call("list a person's assessments", async ({ signal, now }) => {
      // Crosses every team's partition: rare (a person asking for their data), never in a turn's hot path.
      const query = {
        query:
          "SELECT * FROM c WHERE (c.type = 'assessment' OR c.type = 'assessmentDraft') AND c.data.userId = @userId AND (NOT IS_DEFINED(c.expiresAt) OR c.expiresAt > @now)",
        parameters: [
          { name: '@userId', value: userId },
          { name: '@now', value: now },
        ],
      };
      const items = await queryAll<TeamItem<AssessmentRecord | AssessmentDraft>>(this.containers.teams, query, signal);
      const found: PersonAssessments = { assessments: [], drafts: [] };
      const order = (a: AssessmentRecord | AssessmentDraft, b: AssessmentRecord | AssessmentDraft) =>
        `${a.teamId}|${a.round}`.localeCompare(`${b.teamId}|${b.round}`);
      for (const { data } of items.sort((a, b) => order(a.data, b.data))) {
        if (data.kind === 'assessment') found.assessments.push(data);
        else found.drafts.push(data);
      }
      return found;
    });
  }

  async deletePersonAssessments(userId: string): Promise<number> {
    valid.validId(userId, 'user id');
    return this.call("delete a person's assessments", async ({ signal }) => {
      const query = {
        query:
          "SELECT c.id, c.teamId FROM c WHERE (c.type = 'assessment' OR c.type = 'assessmentDraft') AND c.data.userId = @userId",
        parameters: [{ name: '@userId', value: userId }],
      };
      const found = await queryAll<{ id: string; teamId: string }>(this.containers.teams, query, signal);
      // Each delete is atomic on its own; if the call is cut short, running it again finishes the job.
      return this.deleteAll(
        this.containers.teams,
        found.map(({ id, teamId }) => ({ id, partitionKey: teamId })),
        signal,
      );
    });
  }

  // ---- Activity claims and leases --------------------------------------------------------------

  async claimActivity(activityId: string, ttlSeconds: number): Promise<boolean> {
    valid.validId(activityId, 'activity id');
    const ttl = valid.validTtlSeconds(ttlSeconds);
    const id = activityItemId(activityId);
    const container = this.containers.activities;
    return this.call('claim the activity', async ({ signal, now }) => {
      const claim = activityClaim(id, activityId, 'in progress', ttl, now);
      // Two rounds cover an expired claim that Cosmos DB deletes between our steps.
      for (let round = 0; round < 2; round++) {
        try {
          // Create fails with 409 when the id exists, so of two instances racing only one succeeds.
          await container.items.create(claim, { abortSignal: signal });
          return true;
        } catch (error) {
          if (statusOf(error) !== CONFLICT) throw error;
        }
        // The id exists. If its claim has expired but Cosmos DB has not deleted it yet, take it
        // over with If-Match, so again only one of several racing instances wins.
        const found = await readItem<Envelope<unknown>>(container, id, id, signal);
        if (found && isLive(found.item, now)) return false;
        if (found) {
          const outcome = await this.replaceIfUnchanged(container, id, claim, found.etag, signal);
          if (outcome !== 'gone') return outcome === 'replaced';
        }
      }
      return false;
    });
  }

  async finishActivity(activityId: string, ttlSeconds: number): Promise<void> {
    valid.validId(activityId, 'activity id');
    const ttl = valid.validTtlSeconds(ttlSeconds);
    const id = activityItemId(activityId);
    // An upsert: the claim becomes "done" for the longer lifetime, or is written again if it expired meanwhile.
    await this.call('finish the activity', async ({ signal, now }) => {
      await this.containers.activities.items.upsert(activityClaim(id, activityId, 'done', ttl, now), {
        abortSignal: signal,
      });
    });
  }

  async tryAcquireLease(name: string, owner: string, ttlSeconds: number): Promise<boolean> {
    valid.validLeaseName(name);
    valid.validId(owner, 'lease owner');
    const ttl = valid.validTtlSeconds(ttlSeconds);
    const container = this.containers.leases;
    return this.call('acquire the lease', async ({ signal, now }) => {
      const lease: Envelope<{ owner: string }> = {
        id: name,
        type: 'lease',
        data: { owner },
        ttl,
        expiresAt: now + ttl * SECONDS,
      };
      const found = await readItem<Envelope<{ owner: string }>>(container, name, name, signal);
      if (!found) {
        try {
          await container.items.create(lease, { abortSignal: signal });
          return true;
        } catch (error) {
          if (statusOf(error) === CONFLICT) return false;
          throw error;
        }
      }
      // Held by someone else and not yet expired: not ours. Otherwise (ours to renew, or expired)
      // replace it, but only if nobody else did since our read.
      if (isLive(found.item, now) && found.item.data.owner !== owner) return false;
      return (await this.replaceIfUnchanged(container, name, lease, found.etag, signal)) === 'replaced';
    });
  }

  async releaseLease(name: string, owner: string): Promise<boolean> {
    valid.validLeaseName(name);
    valid.validId(owner, 'lease owner');
    const container = this.containers.leases;
    return this.call('release the lease', async ({ signal, now }) => {
      const found = await readItem<Envelope<{ owner: string }>>(container, name, name, signal);
      if (!found || found.item.data.owner !== owner) return false;
      const deleted = await deleteItem(container, name, name, signal, found.etag);
      return deleted && isLive(found.item, now);
    });
  }

  // ---- Internals -------------------------------------------------------------------------------

  /** Runs one store call under the deadline and maps whatever the SDK threw to the port's errors. */
  private async call<T>(what: string, run: (ctx: ItemContext) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`Cannot ${what}: the store is closed`);
    try {
      return await withDeadline(this.timeoutMs, what, (signal) => run({ signal, now: this.clock() }));
    } catch (error) {
      throw toStoreError(error, what);
    }
  }

  /**
   * A query within one team's partition. The partition key option makes Cosmos DB read just that
   * partition; the `c.teamId` predicate is redundant there, but the loopback test server ignores a
   * query's partition key, and with the predicate the results are right everywhere.
   */
  private teamQuery<R>(
    teamId: string,
    select: string,
    where: string,
    parameters: QueryParameter[],
    signal: AbortSignal,
  ): Promise<R[]> {
    const query = {
      query: `${select} WHERE c.teamId = @teamId${where ? ` AND ${where}` : ''}`,
      parameters: [{ name: '@teamId', value: teamId }, ...parameters],
    };
    return queryAll<R>(this.containers.teams, query, signal, teamId);
  }

  private installationTarget(conversationId: string, what: string) {
    return {
      what,
      container: this.containers.installations,
      id: INSTALLATION_ID,
      partitionKey: conversationId,
      policy: this.policy,
      toItem: (data: Installation): InstallationItem<Installation> => ({
        id: INSTALLATION_ID,
        conversationId,
        type: 'installation',
        data,
      }),
    };
  }

  private checkInItem<T>(kind: 'answer' | 'draft', key: CheckInKey, data: T, ttl: number, now: number): TeamItem<T> {
    return { id: checkInId(kind, key), teamId: key.teamId, type: kind, data, ttl, expiresAt: now + ttl * SECONDS };
  }

  private checkRollupKey(teamId: string, mission: Mission, week: IsoWeek): void {
    valid.validId(teamId, 'team id');
    valid.validMission(mission);
    valid.validWeek(week);
  }

  /** Replace guarded by If-Match; 'changed' when someone wrote since our read, 'gone' when it was deleted. */
  private async replaceIfUnchanged(
    container: Container,
    id: string,
    body: Envelope<unknown>,
    etag: string,
    signal: AbortSignal,
  ): Promise<'replaced' | 'changed' | 'gone'> {
    try {
      await container
        .item(id, id)
        .replace(body, { accessCondition: { type: 'IfMatch', condition: etag }, abortSignal: signal });
      return 'replaced';
    } catch (error) {
      const status = statusOf(error);
      if (status === PRECONDITION_FAILED) return 'changed';
      if (status === NOT_FOUND) return 'gone';
      throw error;
    }
  }

  private async deleteAll(
    container: Container,
    targets: { id: string; partitionKey: string }[],
    signal: AbortSignal,
  ): Promise<number> {
    let deleted = 0;
    await forEachLimited(targets, BULK_DELETE_CONCURRENCY, async ({ id, partitionKey }) => {
      if (await deleteItem(container, id, partitionKey, signal)) deleted += 1;
    });
    return deleted;
  }
}

/** Our items are plain JSON already (records of strings, numbers, arrays); the batch API types its bodies so. */
function asJson(item: Envelope<unknown>): JSONObject {
  return item as unknown as JSONObject;
}

/** 412, 409 and 404 on a conditional write: someone changed, created or deleted the item since our read. */
function isLostRace(status: number | undefined): boolean {
  return status === PRECONDITION_FAILED || status === CONFLICT || status === NOT_FOUND;
}

function activityClaim(
  id: string,
  activityId: string,
  state: 'in progress' | 'done',
  ttl: number,
  now: number,
): Envelope<{ activityId: string; state: 'in progress' | 'done' }> {
  return { id, type: 'activity', data: { activityId, state }, ttl, expiresAt: now + ttl * SECONDS };
}

function byWeekThenMission(a: WeeklyRollup, b: WeeklyRollup): number {
  return a.week === b.week ? a.mission.localeCompare(b.mission) : a.week < b.week ? -1 : 1;
}
