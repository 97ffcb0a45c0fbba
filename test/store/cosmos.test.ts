// The Cosmos DB store (openCosmosStore: the record modules on CosmosEngine) through the real
// @azure/cosmos SDK against @vercel/cosmosdb-server on loopback, over TLS with a certificate made for
// the run (verification stays on). Runs the shared contract, then what only Cosmos DB has: records
// as the items written, the move of the earlier layout's four containers into `items`, and
// endpoints that hang or refuse.
import { createHash } from 'node:crypto';
import { CosmosClient, type Container } from '@azure/cosmos';
import { ITEMS_CONTAINER, type ItemDocument } from '../../src/store/cosmos/cosmosItems';
import { openCosmosStore, type CosmosStoreOptions } from '../../src/store/cosmos/openCosmosStore';
import { StoreError, StoreUnavailableError } from '../../src/store/errors';
import type { FrameworkStore } from '../../src/store/port';
import { closedPortEndpoint, startSilentServer, type SilentServer } from '../support/cosmosFaults';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';
import { submitAnswers } from '../support/submitAnswers';
import { rollupOf } from '../../src/checkins/rollupContribution';
import { defaultTeamSettings } from '../../src/store/defaults';
import { answers, channelInstallation, DAY_MS, submission, TestClock, uniqueId } from './fixtures';
import { defineMaturityContract } from './maturityContract';
import { definePracticeContract } from './practiceContract';
import { defineStoreContract, type StoreHarness } from './storeContract';

let server: LoopbackCosmos;
/** A raw SDK client on the same server, to look at items exactly as the store wrote them. */
let raw: CosmosClient;
let databaseCount = 0;
const opened: FrameworkStore[] = [];

beforeAll(async () => {
  server = await startCosmosServer();
  raw = new CosmosClient({ ...connection(), connectionPolicy: { enableEndpointDiscovery: false } });
});

afterAll(async () => {
  raw.dispose();
  await server.stop();
});

const connection = () => ({ endpoint: server.endpoint, key: server.key, agent: server.agent });

async function openCosmos(databaseId: string, clock: TestClock, extra: Partial<CosmosStoreOptions> = {}) {
  const store = await openCosmosStore({
    ...connection(),
    databaseId,
    createIfMissing: true,
    clock: clock.now,
    ...extra,
  });
  opened.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  server.setStalled(false);
  server.failNext(0, 0);
  for (const store of opened.splice(0)) await store.close();
}

/** How record modules hash ids that are not theirs (user ids, activity ids). */
function sha256(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The items of one partition. The loopback server ignores a query's partition key option and
 * searches every partition, so the query names the partition itself.
 */
async function itemsIn(items: Container, partition: string): Promise<ItemDocument[]> {
  const query = { query: 'SELECT * FROM c WHERE c.partition = @p', parameters: [{ name: '@p', value: partition }] };
  return (await items.items.query<ItemDocument>(query, { partitionKey: partition }).fetchAll()).resources;
}

const harness: StoreHarness = {
  name: 'Cosmos DB store',
  closeAll,
  async open(options) {
    // Each test gets its own database on the in-memory server, so tests never see each other's data.
    databaseCount += 1;
    const databaseId = `contract-${databaseCount}`;
    const clock = new TestClock();
    const timeout = options?.timeoutMs ? { requestTimeoutMs: options.timeoutMs } : {};
    return {
      store: await openCosmos(databaseId, clock, timeout),
      clock,
      openAnother: () => openCosmos(databaseId, clock, { ...timeout, createIfMissing: false }),
      async stall() {
        server.setStalled(true);
        return async () => server.setStalled(false);
      },
    };
  },
};

defineStoreContract(harness);
defineMaturityContract(harness);
definePracticeContract(harness);

describe('Cosmos DB store: what is written to Cosmos DB', () => {
  const databaseId = 'layout';
  const clock = new TestClock();
  let store: FrameworkStore;
  let items: Container;

  beforeAll(async () => {
    store = await openCosmos(databaseId, clock);
    items = raw.database(databaseId).container('items');
  });
  afterAll(closeAll);

  it('keeps every record in one items container partitioned by /partition (hash v2), TTL on, nothing else', async () => {
    const { resource } = await items.read();
    expect(resource).toMatchObject({
      id: 'items',
      partitionKey: { paths: ['/partition'], kind: 'Hash', version: 2 },
      defaultTtl: -1,
    });
    const { resources } = await raw.database(databaseId).containers.readAll().fetchAll();
    expect(resources.map((container) => container.id)).toEqual(['items']);
  });

  it("files a team's records in its partition: kind, kind|id ids Cosmos DB accepts, ttl from each expiry", async () => {
    const teamId = uniqueId('19');
    const userId = '29:1a/b\\c?d#e';
    await submitAnswers(store, submission(teamId, userId, '2026-W48', 'digitally-enabled-councils', 3, 30));
    await store.saveDraft({ ...submission(teamId, userId, '2026-W49'), draft: { step: 1 }, ttlSeconds: 600 });
    await store.updateTeamSettings(teamId, (s) => s);

    const written = await itemsIn(items, `team:${teamId}`);
    const byKind = Object.fromEntries(written.map((item) => [item.kind, item]));
    expect(Object.keys(byKind).sort()).toEqual(['answer', 'draft', 'rollup', 'settings']);
    expect(byKind.answer).toMatchObject({
      ttl: 30 * 24 * 3600,
      expiresAt: clock.now() + 30 * 24 * 3600 * 1000,
      value: { teamId, userId, kind: 'answer' },
    });
    expect(byKind.draft).toMatchObject({ ttl: 600, expiresAt: clock.now() + 600_000 });
    expect(byKind.settings).toMatchObject({ id: 'settings|settings', value: { teamId } });
    expect([byKind.settings?.ttl, byKind.settings?.expiresAt]).toEqual([undefined, undefined]);
    expect(byKind.rollup?.id).toMatch(/^rollup\|/);
    for (const item of written) {
      expect(item.id).toBe(`${item.kind}|${item.key}`);
      expect(item.id).not.toMatch(/[/\\?#]/);
      expect(item.id.length).toBeLessThanOrEqual(255);
    }
    // The user id is hashed into the ids, not written into them.
    expect(byKind.answer?.key).toContain(sha256(userId));
  });

  it('writes the same item for the same check-in key, so retries overwrite', async () => {
    const teamId = uniqueId('19');
    await submitAnswers(store, submission(teamId, '29:sam'));
    await submitAnswers(store, submission(teamId, '29:sam'));
    expect((await itemsIn(items, `team:${teamId}`)).filter((item) => item.kind === 'answer')).toHaveLength(1);
  });

  it('gives activity claims and leases partitions of their own and a ttl, so Cosmos DB deletes them by itself', async () => {
    const activityId = '1:activity-with/odd?chars#';
    await store.claimActivity(activityId, 90);
    await store.tryAcquireLease('scheduler', 'instance-a', 45);
    const [claim, ...otherClaims] = await itemsIn(items, `activity:${sha256(activityId)}`);
    expect(otherClaims).toEqual([]);
    expect(claim).toMatchObject({ kind: 'claim', ttl: 90, expiresAt: clock.now() + 90_000 });
    const { resource: lease } = await items.item('lease|lease', 'lease:scheduler').read<ItemDocument>();
    expect(lease).toMatchObject({ kind: 'lease', ttl: 45, value: { owner: 'instance-a' } });
  });
});

describe("Cosmos DB store: the earlier layout's four containers move into items on open", () => {
  const databaseId = 'legacy';
  const [TEAM, USER, TENANT, AT] = ['19:old@thread.tacv2', '29:old/person?', 'tenant-old', '2026-11-23T09:00:00.000Z'];
  const key = { teamId: TEAM, userId: USER, mission: 'digitally-enabled-councils', week: '2026-W48' } as const;
  const round = { teamId: TEAM, userId: USER, round: '2026-Q4' };
  const EXAMPLE_ID = 'a'.repeat(32);
  const OLD_CONTAINERS = { teams: '/teamId', installations: '/conversationId', activities: '/id', leases: '/id' };
  const clock = new TestClock();
  const later = clock.now() + 30 * DAY_MS;
  const given = answers(4, { win: 'Forms live' });
  const example = {
    ...{ id: EXAMPLE_ID, tenantId: TENANT, teamId: TEAM, teamName: 'Digital team', authorId: USER, text: 'Forms live' },
    ...{ parts: ['outcome:shared-data'], status: 'approved', source: { mission: key.mission, week: key.week } },
    ...{ offeredAt: AT, decidedAt: AT, decidedBy: USER },
  };

  afterAll(closeAll);

  /** An envelope as the old store wrote it: the record under `data`, the expiry beside it. */
  const old = (id: string, type: string, data: unknown, expiresAt?: number) => ({
    ...{ id, type, data },
    ...(expiresAt === undefined ? {} : { expiresAt, ttl: Math.ceil((expiresAt - clock.now()) / 1000) }),
  });
  const inTeam = (...envelope: Parameters<typeof old>) => ['teams', { ...old(...envelope), teamId: TEAM }] as const;

  /** One envelope of every type the old store wrote, each in its own container. */
  async function writeOldContainers(into = databaseId): Promise<void> {
    const { database } = await raw.databases.createIfNotExists({ id: into });
    const containers = new Map<string, Container>();
    for (const [id, path] of Object.entries(OLD_CONTAINERS)) {
      const ttl = id === 'installations' ? {} : { defaultTtl: -1 };
      const { container } = await database.containers.createIfNotExists({
        id,
        partitionKey: { paths: [path] },
        ...ttl,
      });
      containers.set(id, container);
    }
    const installation = { ...channelInstallation(TEAM), active: true, installedAt: AT, updatedAt: AT };
    const envelopes: (readonly [string, object])[] = [
      ['installations', { ...old('installation', 'installation', installation), conversationId: TEAM }],
      inTeam('settings', 'settings', { ...defaultTeamSettings(TEAM), leads: [USER] }),
      inTeam('answer-1', 'answer', { ...key, kind: 'answer', answers: given, submittedAt: AT, ttl: 63072000 }, later),
      inTeam('draft-1', 'draft', { ...key, kind: 'draft', draft: { step: 2 }, updatedAt: AT, ttl: 1209600 }, later),
      inTeam(`rollup|${key.mission}|${key.week}`, 'rollup', rollupOf(TEAM, key.mission, key.week, [given])),
      inTeam('away-1', 'away', { ...round, from: '2026-12-01', until: '2026-12-05', kind: 'away', setAt: AT }, later),
      inTeam('assessment-1', 'assessment', { ...round, kind: 'assessment', ratings: {}, submittedAt: AT }),
      inTeam(
        'assessmentDraft-1',
        'assessmentDraft',
        { ...round, kind: 'assessmentDraft', draft: {}, updatedAt: AT },
        later,
      ),
      inTeam('maturity', 'maturity', {
        teamId: TEAM,
        rollups: {},
        closedRounds: [],
        targets: { 'enabler:data': 4 },
        actions: [],
      }),
      ['teams', { ...old(`practice-${EXAMPLE_ID}`, 'practiceExample', example), teamId: `practice|${TENANT}` }],
      [
        'activities',
        old(`person-teams-${sha256(USER)}`, 'personTeams', [{ teamId: TEAM, tenantId: TENANT, seenAt: AT }]),
      ],
      ['activities', old('activity-1', 'activity', { activityId: 'msteams|done', state: 'done' }, later)],
      ['leases', old('prompts:tenant', 'lease', { owner: 'old' }, later)],
    ];
    for (const [id, envelope] of envelopes) await containers.get(id)?.items.create(envelope);
  }

  async function oldContainerCounts(of = databaseId): Promise<number[]> {
    const database = raw.database(of);
    return Promise.all(
      Object.keys(OLD_CONTAINERS).map(
        async (id) => (await database.container(id).items.readAll().fetchAll()).resources.length,
      ),
    );
  }

  it('reads every old record back through the port and empties the old containers; opening again moves nothing', async () => {
    await writeOldContainers();
    expect(await oldContainerCounts()).toEqual([9, 1, 2, 1]);
    const store = await openCosmos(databaseId, clock);
    expect((await store.getInstallation(TEAM))?.reference.conversation.id).toBe(TEAM);
    expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([USER]);
    expect((await store.getCheckIn(key))?.answers).toEqual(given);
    expect((await store.getDraft(key))?.draft).toEqual({ step: 2 });
    expect((await store.getRollup(TEAM, key.mission, key.week))?.value.progressSum).toBe(4);
    expect(await store.listTeamAway(TEAM, '2026-12-01', '2026-12-31')).toHaveLength(1);
    expect((await store.getAssessment(round))?.submittedAt).toBe(AT);
    expect((await store.getAssessmentDraft(round))?.updatedAt).toBe(AT);
    expect((await store.getTeamMaturity(TEAM))?.value.targets).toEqual({ 'enabler:data': 4 });
    expect((await store.knownTeamsOf(USER)).map((team) => team.teamId)).toEqual([TEAM]);
    // The claim moved: a resend of that activity is still recognised. Leases last minutes and are not moved.
    expect(await store.claimActivity('msteams|done', 60)).toBe(false);
    expect(await store.tryAcquireLease('prompts:tenant', 'new', 60)).toBe(true);
    expect((await store.practice.getExample(TENANT, EXAMPLE_ID))?.value.text).toBe('Forms live');
    const page = await store.practice.listExamples(TENANT, { part: 'outcome:shared-data' });
    expect(page.items.map((listed) => listed.id)).toEqual([EXAMPLE_ID]);
    expect(await oldContainerCounts()).toEqual([0, 0, 0, 0]);

    // A later change stays: opening again finds the old containers empty and writes nothing.
    await store.updateTeamSettings(TEAM, (settings) => ({ ...settings, paused: true }));
    const items = raw.database(databaseId).container('items');
    const before = (await items.items.readAll().fetchAll()).resources;
    const again = await openCosmos(databaseId, clock, { createIfMissing: false });
    expect((await again.getTeamSettings(TEAM))?.value.paused).toBe(true);
    expect((await items.items.readAll().fetchAll()).resources).toEqual(before);
  });

  it('opens while the account does not answer, and moves the old records before the first call that gets through', async () => {
    const laterDatabase = 'legacy-down-at-start';
    await writeOldContainers(laterDatabase);
    // The deployment template made the items container; the store itself is not asked to.
    await raw.database(laterDatabase).containers.createIfNotExists(ITEMS_CONTAINER);
    server.setStalled(true);
    let store: FrameworkStore;
    try {
      // The bot starts (and answers what needs no store); calls fail as unavailable meanwhile.
      store = await openCosmos(laterDatabase, clock, { createIfMissing: false, requestTimeoutMs: 300 });
      await expect(store.getTeamSettings(TEAM)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      server.setStalled(false);
    }
    // Never the items without the old records: the first call that gets through moves them first.
    expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([USER]);
    expect((await store.practice.getExample(TENANT, EXAMPLE_ID))?.value.text).toBe('Forms live');
    expect(await oldContainerCounts(laterDatabase)).toEqual([0, 0, 0, 0]);
  });
});

describe('Cosmos DB store: an account that is down or slow', () => {
  const TIMEOUT_MS = 300;
  // Generous slack for a loaded CI machine; without the deadline the SDK would take ~a minute.
  const BOUND_MS = TIMEOUT_MS + 1200;
  let silent: SilentServer;

  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => {
    server.setStalled(false);
    server.failNext(0, 0);
  });
  afterAll(async () => {
    await closeAll();
    await silent.stop();
  });

  function openAt(endpoint: string, extra: Partial<CosmosStoreOptions> = {}): Promise<FrameworkStore> {
    return openCosmosStore({
      endpoint,
      key: 'k',
      agent: server.agent,
      databaseId: 'down',
      createIfMissing: false,
      requestTimeoutMs: TIMEOUT_MS,
      ...extra,
    });
  }

  async function expectUnavailableWithin(call: Promise<unknown>, boundMs = BOUND_MS): Promise<void> {
    const started = Date.now();
    await expect(call).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(boundMs);
  }

  it('opens within its bound when the endpoint never answers, then fails every kind of call within it', async () => {
    const started = Date.now();
    const store = await openAt(silent.endpoint);
    opened.push(store);
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
    await expectUnavailableWithin(store.checkWritable());
    await expectUnavailableWithin(store.getTeamSettings('19:team'));
    await expectUnavailableWithin(store.updateTeamSettings('19:team', (s) => s));
    await expectUnavailableWithin(store.listInstallations({ pageSize: 10 }));
    await expectUnavailableWithin(store.claimActivity('1:a', 60));
  });

  it('fails fast when nothing listens on the port', async () => {
    const store = await openAt(await closedPortEndpoint());
    opened.push(store);
    await expectUnavailableWithin(store.checkWritable());
    await expectUnavailableWithin(submitAnswers(store, submission('19:team', '29:sam')));
    await expectUnavailableWithin(store.upsertInstallation(channelInstallation('19:team')));
  });

  it('fails to open within its bound when asked to create the items container on a silent endpoint', async () => {
    const started = Date.now();
    await expect(openAt(silent.endpoint, { createIfMissing: true })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4 + 1200);
  });

  it('fails every kind of call within its bound while the server hangs, and answers again once it does', async () => {
    const store = await openCosmos('stalled', new TestClock(), { requestTimeoutMs: TIMEOUT_MS });
    const teamId = uniqueId('19');
    await store.updateTeamSettings(teamId, (s) => ({ ...s, paused: true }));
    server.setStalled(true);
    try {
      await expectUnavailableWithin(store.checkWritable());
      await expectUnavailableWithin(store.getTeamSettings(teamId));
      await expectUnavailableWithin(store.updateTeamSettings(teamId, (s) => s));
      await expectUnavailableWithin(store.listRollups(teamId, { fromWeek: '2026-W01', toWeek: '2026-W52' }));
      await expectUnavailableWithin(store.listInstallations({ pageSize: 10 }));
      await expectUnavailableWithin(submitAnswers(store, submission(teamId, '29:sam')));
      await expectUnavailableWithin(store.claimActivity('1:a', 60));
    } finally {
      server.setStalled(false);
    }
    expect((await store.getTeamSettings(teamId))?.value.paused).toBe(true);
  });

  it("retries throttled requests (429) as the SDK's retry options allow, then gives up with StoreUnavailableError", async () => {
    const store = await openCosmos('throttled', new TestClock(), { requestTimeoutMs: 1000 });
    const teamId = uniqueId('19');
    await store.updateTeamSettings(teamId, (s) => ({ ...s, paused: true }));

    server.failNext(2, 429);
    let before = server.requestCount();
    expect((await store.getTeamSettings(teamId))?.value.paused).toBe(true);
    expect(server.requestCount() - before).toBe(3);

    server.failNext(1000, 429);
    before = server.requestCount();
    await expectUnavailableWithin(store.getTeamSettings(teamId));
    // One try and maxRetryAttemptCount (3) retries.
    expect(server.requestCount() - before).toBe(4);
  });

  it('reports 5xx answers as unavailable and a rejected request (400) as a plain StoreError, writing nothing', async () => {
    const store = await openCosmos('outage', new TestClock(), { requestTimeoutMs: 1000 });
    const teamId = uniqueId('19');
    await store.updateTeamSettings(teamId, (s) => ({ ...s, paused: true }));
    for (const status of [500, 503]) {
      server.failNext(1000, status);
      await expectUnavailableWithin(store.updateTeamSettings(teamId, (s) => ({ ...s, paused: false })));
    }
    server.failNext(1, 400);
    const rejected = await store.getTeamSettings(teamId).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(StoreError);
    expect(rejected).not.toBeInstanceOf(StoreUnavailableError);
    server.failNext(0, 0);
    expect((await store.getTeamSettings(teamId))?.value.paused).toBe(true);
  });

  it('fails checkWritable with StoreUnavailableError when the database was never created (createIfMissing off)', async () => {
    const options = { createIfMissing: false, requestTimeoutMs: TIMEOUT_MS };
    const store = await openCosmos('never-created', new TestClock(), options);
    await expect(store.checkWritable()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses a server whose certificate it was not told to trust (TLS verification stays on)', async () => {
    const store = await openAt(server.endpoint, { agent: undefined });
    opened.push(store);
    const error = await store.getTeamSettings('19:team').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/SELF_SIGNED|CERT/);
  });
});
