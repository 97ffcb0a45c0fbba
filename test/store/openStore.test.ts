// openStore picks Cosmos DB when an endpoint is configured and the local file otherwise.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { LOCAL_STORE_FILE } from '../../src/store/local/openLocalStore';
import { openStore } from '../../src/store/openStore';
import type { FrameworkStore } from '../../src/store/port';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';

let server: LoopbackCosmos;
let dataDir: string;
const opened: FrameworkStore[] = [];

beforeAll(async () => {
  server = await startCosmosServer();
  dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-open-'));
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(...args: Parameters<typeof openStore>): Promise<FrameworkStore> {
  const store = await openStore(...args);
  opened.push(store);
  return store;
}

it('opens the local store in DATA_DIR when no Cosmos DB endpoint is configured', async () => {
  const store = await open({ dataDir: join(dataDir, 'a') });
  await store.checkWritable();
  expect(existsSync(join(dataDir, 'a', LOCAL_STORE_FILE))).toBe(true);
});

it('treats an empty endpoint as not configured', async () => {
  const store = await open({
    dataDir: join(dataDir, 'b'),
    cosmos: { endpoint: '', databaseId: 'x', createIfMissing: false },
  });
  await store.checkWritable();
  expect(existsSync(join(dataDir, 'b', LOCAL_STORE_FILE))).toBe(true);
});

it('opens Cosmos DB when an endpoint is configured, creating what is missing if asked', async () => {
  const store = await open({
    dataDir: join(dataDir, 'c'),
    requestTimeoutMs: 2000,
    cosmos: {
      endpoint: server.endpoint,
      key: server.key,
      agent: server.agent,
      databaseId: 'opened',
      createIfMissing: true,
    },
  });
  await store.checkWritable();
  // The records went to Cosmos DB: its items container exists, and holds what was written.
  await store.updateTeamSettings('19:opened@thread.tacv2', (settings) => ({ ...settings, paused: true }));
  const raw = new CosmosClient({
    endpoint: server.endpoint,
    key: server.key,
    agent: server.agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const { resources } = await raw.database('opened').container('items').items.readAll().fetchAll();
  expect(resources.map((item) => (item as { partition?: string }).partition)).toContain('team:19:opened@thread.tacv2');
  raw.dispose();
  expect(existsSync(join(dataDir, 'c'))).toBe(false);
});
