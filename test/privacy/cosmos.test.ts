// The privacy capability against the Cosmos DB store (openCosmosStore), through the real @azure/cosmos SDK,
// on the loopback Cosmos DB server; each test gets its own database.
import { openCosmosStore } from '../../src/store/cosmos/openCosmosStore';
import type { FrameworkStore } from '../../src/store/port';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';
import { definePrivacySuite } from './privacySuite';

let server: LoopbackCosmos;
let databases = 0;
const opened: FrameworkStore[] = [];

beforeAll(async () => {
  server = await startCosmosServer();
});

afterAll(async () => {
  await server.stop();
});

definePrivacySuite({
  name: 'Cosmos DB store',
  async open() {
    databases += 1;
    const store = await openCosmosStore({
      endpoint: server.endpoint,
      key: server.key,
      agent: server.agent,
      databaseId: `privacy-${databases}`,
      createIfMissing: true,
    });
    opened.push(store);
    return store;
  },
  async closeAll() {
    for (const store of opened.splice(0)) await store.close();
  },
});
