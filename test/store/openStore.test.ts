// openStore picks Cosmos DB when an endpoint is configured and the local file otherwise.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosStore } from '../../src/store/cosmos/cosmosStore';
import { LOCAL_STORE_FILE, LocalStore } from '../../src/store/local/localStore';
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
  expect(store).toBeInstanceOf(LocalStore);
  await store.ping();
  expect(existsSync(join(dataDir, 'a', LOCAL_STORE_FILE))).toBe(true);
});

it('treats an empty endpoint as not configured', async () => {
  const store = await open({
    dataDir: join(dataDir, 'b'),
    cosmos: { endpoint: '', databaseId: 'x', createIfMissing: false },
  });
  expect(store).toBeInstanceOf(LocalStore);
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
  expect(store).toBeInstanceOf(CosmosStore);
  await store.ping();
  expect(existsSync(join(dataDir, 'c'))).toBe(false);
});
