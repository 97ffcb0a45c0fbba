// CosmosStore through the real @azure/cosmos SDK against @vercel/cosmosdb-server on loopback, over
// TLS with a certificate made for the run (verification stays on). Runs the shared contract, then
// what only Cosmos DB has: the items as written (ttl, ids, partition keys), the container
// definitions, and endpoints that hang or refuse.
import { CosmosClient } from '@azure/cosmos';
import { CosmosStore, type CosmosStoreOptions } from '../../src/store/cosmos/cosmosStore';
import { StoreError, StoreUnavailableError } from '../../src/store/errors';
import { closedPortEndpoint, startSilentServer, type SilentServer } from '../support/cosmosFaults';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';
import { rollupOf } from '../../src/checkins/rollupContribution';
import type { CheckInAnswers } from '../../src/domain';
import { channelInstallation, submission, TestClock, uniqueId } from './fixtures';
import { defineMaturityContract } from './maturityContract';
import { definePracticeContract } from './practiceContract';
import { defineStoreContract, type StoreHarness } from './storeContract';

let server: LoopbackCosmos;
let databaseCount = 0;
const opened: CosmosStore[] = [];

beforeAll(async () => {
  server = await startCosmosServer();
});

afterAll(async () => {
  await server.stop();
});

async function openCosmos(
  databaseId: string,
  clock: TestClock,
  extra: Partial<CosmosStoreOptions> = {},
): Promise<CosmosStore> {
  const store = await CosmosStore.open({
    endpoint: server.endpoint,
    key: server.key,
    agent: server.agent,
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

/** A raw SDK client on the same server, to look at items exactly as the store wrote them. */
function rawClient(): CosmosClient {
  return new CosmosClient({
    endpoint: server.endpoint,
    key: server.key,
    agent: server.agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}

/**
 * The loopback server ignores the partition key of a query and searches every partition, so
 * partition-scoped queries also say which team they mean (as the store's own queries do).
 */
function inTeam(select: string, teamId: string) {
  return { query: `${select} WHERE c.teamId = @teamId`, parameters: [{ name: '@teamId', value: teamId }] };
}

const harness: StoreHarness = {
  name: 'CosmosStore',
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

describe('CosmosStore: what is written to Cosmos DB', () => {
  const databaseId = 'layout';
  let store: CosmosStore;
  let raw: CosmosClient;

  beforeAll(async () => {
    store = await openCosmos(databaseId, new TestClock());
    raw = rawClient();
  });
  afterAll(async () => {
    raw.dispose();
    await closeAll();
  });

  it('creates the containers partitioned by team, conversation and id, with TTL switched on where items carry ttl', async () => {
    const database = raw.database(databaseId);
    const definitions = await Promise.all(
      ['teams', 'installations', 'activities', 'leases'].map(
        async (id) => (await database.container(id).read()).resource,
      ),
    );
    expect(definitions.map((d) => [d?.id, d?.partitionKey?.paths, d?.defaultTtl])).toEqual([
      ['teams', ['/teamId'], -1],
      ['installations', ['/conversationId'], undefined],
      ['activities', ['/id'], -1],
      ['leases', ['/id'], -1],
    ]);
  });

  it('writes ttl (from the team retention) and expiresAt on answers and drafts, with ids Cosmos DB accepts', async () => {
    const teamId = uniqueId('19');
    const userId = '29:1a/b\\c?d#e';
    await store.submitCheckIn(submission(teamId, userId, '2026-W48', 'digitally-enabled-councils', 3, 30));
    await store.saveDraft({ ...submission(teamId, userId, '2026-W49'), draft: { step: 1 }, ttlSeconds: 600 });
    await store.updateTeamSettings(teamId, (s) => s);
    await store.applyToRollup(teamId, 'digitally-enabled-councils', '2026-W48', (r) => r);

    const { resources } = await raw
      .database(databaseId)
      .container('teams')
      .items.query<{ id: string; type: string; teamId: string; ttl?: number; expiresAt?: number }>(
        inTeam('SELECT * FROM c', teamId),
        { partitionKey: teamId },
      )
      .fetchAll();
    const byType = Object.fromEntries(resources.map((item) => [item.type, item]));
    expect(byType.answer).toMatchObject({ teamId, ttl: 30 * 24 * 3600, expiresAt: expect.any(Number) });
    expect(byType.draft).toMatchObject({ teamId, ttl: 600 });
    expect(byType.settings).toMatchObject({ id: 'settings' });
    expect(byType.settings?.ttl).toBeUndefined();
    expect(byType.rollup).toMatchObject({ id: 'rollup|digitally-enabled-councils|2026-W48' });
    for (const item of resources) {
      expect(item.id).not.toMatch(/[/\\?#]/);
      expect(item.id.length).toBeLessThanOrEqual(255);
    }
  });

  it('writes the same id for the same check-in key, so retries overwrite', async () => {
    const teamId = uniqueId('19');
    await store.submitCheckIn(submission(teamId, '29:sam'));
    await store.submitCheckIn(submission(teamId, '29:sam'));
    const { resources } = await raw
      .database(databaseId)
      .container('teams')
      .items.query(inTeam('SELECT c.id FROM c', teamId), { partitionKey: teamId })
      .fetchAll();
    expect(resources).toHaveLength(1);
  });

  it('writes ttl on activity claims and leases, so Cosmos DB deletes them by itself', async () => {
    await store.claimActivity('1:activity-with/odd?chars#', 90);
    await store.tryAcquireLease('scheduler', 'instance-a', 45);
    const activities = await raw
      .database(databaseId)
      .container('activities')
      .items.query<{ ttl: number; id: string }>('SELECT * FROM c')
      .fetchAll();
    expect(activities.resources.map((item) => item.ttl)).toEqual([90]);
    expect(activities.resources[0]?.id).toMatch(/^activity-[0-9a-f]{64}$/);
    const { resource: lease } = await raw
      .database(databaseId)
      .container('leases')
      .item('scheduler', 'scheduler')
      .read<{ ttl: number; data: unknown }>();
    expect(lease).toMatchObject({ ttl: 45, data: { owner: 'instance-a' } });
  });

  it('shows what the loopback server lacks: a failed transactional batch is not rolled back', async () => {
    // Azure Cosmos DB applies a transactional batch all or nothing. The loopback server runs the
    // operations one by one and keeps those before the one that failed. So the store's check-in batch
    // puts its conditional operation (the roll-up, If-Match on its ETag) first: when it fails,
    // nothing has been applied on either. Only an operation failing after it would differ, and the
    // batch's only other operation is an upsert into the same partition.
    const teamId = uniqueId('19');
    const teams = raw.database(databaseId).container('teams');
    const response = await teams.items.batch(
      [
        { operationType: 'Upsert', partitionKey: teamId, resourceBody: { id: 'first', teamId, type: 'probe' } },
        { operationType: 'Replace', partitionKey: teamId, id: 'absent', resourceBody: { id: 'absent', teamId } },
      ],
      teamId,
    );
    expect(response.result?.map((result) => result.statusCode)).toEqual([201, 404]);
    const kept = (await teams.item('first', teamId).read()).resource;
    expect(kept).toBeDefined(); // Azure Cosmos DB would have rolled it back: this is the gap
    await teams.item('first', teamId).delete();
  });

  it('writes a check-in and its roll-up as items of the team partition, through the batch', async () => {
    const teamId = uniqueId('19');
    const built = (given: readonly CheckInAnswers[]) =>
      rollupOf(teamId, 'digitally-enabled-councils', '2026-W48', given);
    await store.submitCheckInWithRollup(submission(teamId, '29:sam'), built);
    const teams = raw.database(databaseId).container('teams');
    const rollup = (await teams.item('rollup|digitally-enabled-councils|2026-W48', teamId).read()).resource;
    expect(rollup).toMatchObject({ teamId, type: 'rollup', data: { responses: 1 } });
    const { resources } = await teams.items
      .query({
        query: "SELECT * FROM c WHERE c.teamId = @t AND c.type = 'answer'",
        parameters: [{ name: '@t', value: teamId }],
      })
      .fetchAll();
    expect(resources).toEqual([
      expect.objectContaining({ teamId, ttl: 730 * 24 * 3600, data: expect.objectContaining({ userId: '29:sam' }) }),
    ]);
  });

  it('shows why expiresAt is checked on read: the loopback server never expires items by ttl', async () => {
    // Real Cosmos DB deletes items after `ttl`; @vercel/cosmosdb-server ignores it. The store's own
    // expiresAt check is what the contract's retention test exercises here.
    const container = raw.database(databaseId).container('activities');
    await container.items.create({ id: 'short-lived', ttl: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { resource } = await container.item('short-lived', 'short-lived').read();
    expect(resource).toBeDefined();
  });
});

describe('CosmosStore: an account that is down or slow', () => {
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

  async function openAt(endpoint: string): Promise<CosmosStore> {
    const store = await CosmosStore.open({
      endpoint,
      key: 'k',
      agent: server.agent,
      databaseId: 'down',
      createIfMissing: false,
      requestTimeoutMs: TIMEOUT_MS,
    });
    opened.push(store);
    return store;
  }

  async function expectUnavailableWithin(call: Promise<unknown>, boundMs = BOUND_MS): Promise<void> {
    const started = Date.now();
    await expect(call).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(boundMs);
  }

  it('fails every kind of call within its bound when the endpoint accepts connections but never answers', async () => {
    const store = await openAt(silent.endpoint);
    await expectUnavailableWithin(store.ping());
    await expectUnavailableWithin(store.getTeamSettings('19:team'));
    await expectUnavailableWithin(store.updateTeamSettings('19:team', (s) => s));
    await expectUnavailableWithin(store.listInstallations({ pageSize: 10 }));
    await expectUnavailableWithin(store.claimActivity('1:a', 60));
  });

  it('fails fast when nothing listens on the port', async () => {
    const store = await openAt(await closedPortEndpoint());
    await expectUnavailableWithin(store.ping());
    await expectUnavailableWithin(store.submitCheckIn(submission('19:team', '29:sam')));
    await expectUnavailableWithin(store.upsertInstallation(channelInstallation('19:team')));
  });

  it('fails to open within its bound when asked to create containers on a silent endpoint', async () => {
    const started = Date.now();
    await expect(
      CosmosStore.open({
        endpoint: silent.endpoint,
        key: 'k',
        agent: server.agent,
        databaseId: 'down',
        createIfMissing: true,
        requestTimeoutMs: TIMEOUT_MS,
      }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4 + 1200);
  });

  it('fails reads too while the real server is stalled, and recovers when it answers again', async () => {
    const clock = new TestClock();
    const store = await openCosmos('stall-reads', clock, { requestTimeoutMs: TIMEOUT_MS });
    const teamId = uniqueId('19');
    await store.updateTeamSettings(teamId, (s) => ({ ...s, paused: true }));
    server.setStalled(true);
    try {
      await expectUnavailableWithin(store.getTeamSettings(teamId));
      await expectUnavailableWithin(store.listRollups(teamId, { fromWeek: '2026-W01', toWeek: '2026-W52' }));
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

  it('fails ping with StoreUnavailableError when the database was never created (createIfMissing off)', async () => {
    const store = await CosmosStore.open({
      endpoint: server.endpoint,
      key: server.key,
      agent: server.agent,
      databaseId: 'never-created',
      createIfMissing: false,
      requestTimeoutMs: TIMEOUT_MS,
    });
    opened.push(store);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses a server whose certificate it was not told to trust (TLS verification stays on)', async () => {
    const store = await CosmosStore.open({
      endpoint: server.endpoint,
      key: server.key,
      databaseId: 'layout',
      createIfMissing: false,
      requestTimeoutMs: TIMEOUT_MS,
    });
    opened.push(store);
    const error = await store.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/SELF_SIGNED|CERT/);
  });
});
