// CosmosEngine through the real @azure/cosmos SDK against @vercel/cosmosdb-server on loopback, over
// TLS with a certificate made for the run (verification stays on). Runs the engine contract, then
// what only Cosmos DB has: the documents as written (ids, partition, ttl), the container
// definition, what the loopback server lacks, and endpoints that hang.
import { CosmosClient } from '@azure/cosmos';
import { CosmosEngine, type CosmosEngineOptions } from '../../src/store/cosmos/cosmosEngine';
import type { BatchOperation } from '../../src/store/engine/engine';
import { StoreUnavailableError } from '../../src/store/errors';
import { startSilentServer, type SilentServer } from '../support/cosmosFaults';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';
import { defineEngineContract, type EngineHarness } from './engineContract';
import { TestClock, uniqueId } from './fixtures';

let server: LoopbackCosmos;
let databaseCount = 0;
const opened: CosmosEngine[] = [];

beforeAll(async () => {
  server = await startCosmosServer();
});

afterAll(async () => {
  await server.stop();
});

async function openEngine(
  databaseId: string,
  clock: TestClock,
  extra: Partial<CosmosEngineOptions> = {},
): Promise<CosmosEngine> {
  const engine = await CosmosEngine.open({
    endpoint: server.endpoint,
    key: server.key,
    agent: server.agent,
    databaseId,
    createIfMissing: true,
    clock: clock.now,
    ...extra,
  });
  opened.push(engine);
  return engine;
}

async function closeAll(): Promise<void> {
  server.setStalled(false);
  server.failNext(0, 0);
  for (const engine of opened.splice(0)) await engine.close();
}

/** A raw SDK client on the same server, to look at documents exactly as the engine wrote them. */
function rawClient(): CosmosClient {
  return new CosmosClient({
    endpoint: server.endpoint,
    key: server.key,
    agent: server.agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}

const harness: EngineHarness = {
  name: 'CosmosEngine',
  closeAll,
  async open() {
    // Each test gets its own database on the in-memory server, so tests never see each other's data.
    databaseCount += 1;
    const databaseId = `engine-${databaseCount}`;
    const clock = new TestClock();
    return {
      engine: await openEngine(databaseId, clock),
      clock,
      openAnother: () => openEngine(databaseId, clock, { createIfMissing: false }),
    };
  },
};

defineEngineContract(harness);

describe('CosmosEngine: what is written to Cosmos DB', () => {
  const databaseId = 'engine-layout';
  const MINUTE_MS = 60 * 1000;
  let engine: CosmosEngine;
  let clock: TestClock;
  let raw: CosmosClient;

  beforeAll(async () => {
    clock = new TestClock();
    engine = await openEngine(databaseId, clock);
    raw = rawClient();
  });
  afterAll(async () => {
    raw.dispose();
    await closeAll();
  });

  const items = () => raw.database(databaseId).container('items');

  it('creates one items container partitioned by /partition (hash, version 2), with TTL on and no default expiry', async () => {
    const { resource } = await items().read();
    expect(resource?.partitionKey).toMatchObject({ paths: ['/partition'], kind: 'Hash', version: 2 });
    expect(resource?.defaultTtl).toBe(-1);
  });

  it('writes one document per item: kind|id as its id, the partition, the id as key, ttl from expiresAt', async () => {
    const partition = uniqueId('team');
    // 90.5 s ahead: ttl is whole seconds, rounded up so Cosmos DB never deletes a live item.
    const written = await engine.upsert({
      partition,
      kind: 'answer',
      id: 'w1',
      value: { n: 1 },
      expiresAt: clock.now() + 90_500,
      refs: ['person:x'],
    });
    const { resource } = await items().item('answer|w1', partition).read();
    expect(resource).toMatchObject({
      id: 'answer|w1',
      partition,
      kind: 'answer',
      key: 'w1',
      value: { n: 1 },
      expiresAt: clock.now() + 90_500,
      ttl: 91,
      refs: ['person:x'],
    });
    expect(written.version).toBe(resource?._etag);

    await engine.upsert({ partition, kind: 'settings', id: 's', value: 1 });
    const { resource: kept } = await items().item('settings|s', partition).read();
    expect(kept).not.toHaveProperty('ttl');
    expect(kept).not.toHaveProperty('expiresAt');
    expect(kept).not.toHaveProperty('refs');
  });

  it('gives an item already past its expiry a ttl of one second (Cosmos DB refuses 0)', async () => {
    const partition = uniqueId('team');
    await engine.upsert({ partition, kind: 'k', id: 'late', value: 1, expiresAt: clock.now() - MINUTE_MS });
    expect((await items().item('k|late', partition).read()).resource?.ttl).toBe(1);
    expect(await engine.read({ partition, kind: 'k', id: 'late' })).toBeUndefined();
  });

  it("keeps kinds apart whose kind|id would read the same, by escaping '|' and '%' in the kind", async () => {
    const partition = uniqueId('team');
    await engine.create({ partition, kind: 'a|b', id: 'c', value: 'first' });
    expect(await engine.create({ partition, kind: 'a', id: 'b|c', value: 'second' })).toBeDefined();
    await engine.create({ partition, kind: 'a%7Cb', id: 'c', value: 'third' });
    expect((await engine.read({ partition, kind: 'a|b', id: 'c' }))?.value).toBe('first');
    expect((await engine.read({ partition, kind: 'a', id: 'b|c' }))?.value).toBe('second');
    expect((await engine.read({ partition, kind: 'a%7Cb', id: 'c' }))?.value).toBe('third');
    expect((await items().item('a%7Cb|c', partition).read()).resource?.kind).toBe('a|b');
  });

  it('resolves ping and checkWritable, the probe being an expiring item of its own kind', async () => {
    await engine.ping();
    await engine.checkWritable();
    const { resource } = await items().item('probe|write-probe', 'engine:probe').read();
    expect(resource).toMatchObject({ kind: 'probe', expiresAt: clock.now() + 300_000, ttl: 300 });
  });

  it('writes nothing of a failed batch, wherever the failing operation is (the test server is patched to match Cosmos DB)', async () => {
    // Azure Cosmos DB applies a transactional batch all or nothing. The loopback server on its own
    // keeps the operations before the failing one; test/support/cosmosBatchRollback.ts makes it roll
    // them back, and this checks that it does, with the failure first, in the middle and last.
    const partition = uniqueId('team');
    await engine.upsert({ partition, kind: 'k', id: 'kept', value: 'original' });
    const failAt = (index: number) => {
      const operations: BatchOperation[] = [
        { op: 'upsert', item: { partition, kind: 'k', id: `new-${index}`, value: 1 } },
        { op: 'upsert', item: { partition, kind: 'k', id: 'kept', value: 'changed' } },
        { op: 'delete', key: { kind: 'k', id: 'kept' } },
      ];
      operations.splice(index, 0, { op: 'delete', key: { kind: 'k', id: 'absent' } });
      return operations;
    };
    for (const index of [0, 1, 3]) {
      expect(await engine.batch(partition, failAt(index))).toBeUndefined();
      expect(await engine.read({ partition, kind: 'k', id: `new-${index}` })).toBeUndefined();
      expect((await engine.read({ partition, kind: 'k', id: 'kept' }))?.value).toBe('original');
    }
    // The same operations without the failing one are all written.
    const written = failAt(0).slice(1);
    const versions = await engine.batch(partition, written);
    expect(versions).toStrictEqual([expect.any(String), expect.any(String), undefined]);
    expect((await engine.read({ partition, kind: 'k', id: 'new-0' }))?.version).toBe(versions?.[0]);
    expect(await engine.read({ partition, kind: 'k', id: 'kept' })).toBeUndefined();
  });

  it('fails a batch create over an expired item that Cosmos DB has not deleted yet', async () => {
    const partition = uniqueId('team');
    await engine.create({ partition, kind: 'k', id: 'old', value: 1, expiresAt: clock.now() + MINUTE_MS });
    clock.advance(MINUTE_MS);
    expect(
      await engine.batch(partition, [{ op: 'create', item: { partition, kind: 'k', id: 'old', value: 2 } }]),
    ).toBeUndefined();
    // Outside a batch the same create takes the expired item's place.
    expect((await engine.create({ partition, kind: 'k', id: 'old', value: 2 }))?.value).toBe(2);
  });
});

describe('CosmosEngine: an account that is down or slow', () => {
  const TIMEOUT_MS = 300;
  // Generous slack for a loaded CI machine; without the deadline the SDK would take about a minute.
  const BOUND_MS = TIMEOUT_MS + 1200;
  let silent: SilentServer;

  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => {
    await closeAll();
    await silent.stop();
  });

  async function expectUnavailableWithin(call: Promise<unknown>): Promise<void> {
    const started = Date.now();
    await expect(call).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(BOUND_MS);
  }

  it('fails every kind of call within its bound when the endpoint accepts connections but never answers', async () => {
    const engine = await CosmosEngine.open({
      endpoint: silent.endpoint,
      key: 'k',
      agent: server.agent,
      databaseId: 'down',
      createIfMissing: false,
      requestTimeoutMs: TIMEOUT_MS,
    });
    opened.push(engine);
    const key = { partition: 'team:19:t', kind: 'k', id: 'a' };
    await expectUnavailableWithin(engine.ping());
    await expectUnavailableWithin(engine.read(key));
    await expectUnavailableWithin(engine.create({ ...key, value: 1 }));
    await expectUnavailableWithin(engine.batch(key.partition, [{ op: 'upsert', item: { ...key, value: 1 } }]));
    await expectUnavailableWithin(engine.query('k', key.partition));
    await expectUnavailableWithin(engine.scan('k', { pageSize: 10 }));
    await expectUnavailableWithin(engine.checkWritable());
  });

  it('fails to open within its bound when asked to create the container on a silent endpoint', async () => {
    const started = Date.now();
    await expect(
      CosmosEngine.open({
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

  it('fails while the real server is stalled, and answers again once it does', async () => {
    const clock = new TestClock();
    const engine = await openEngine('engine-stall', clock, { requestTimeoutMs: TIMEOUT_MS });
    const key = { partition: uniqueId('team'), kind: 'k', id: 'a' };
    await engine.upsert({ ...key, value: 1 });
    server.setStalled(true);
    try {
      await expectUnavailableWithin(engine.read(key));
      await expectUnavailableWithin(engine.count('k', key.partition));
    } finally {
      server.setStalled(false);
    }
    expect((await engine.read(key))?.value).toBe(1);
  });

  it('refuses calls after close', async () => {
    const engine = await openEngine('engine-closed', new TestClock());
    await engine.close();
    await expect(engine.read({ partition: 'p', kind: 'k', id: 'a' })).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
