// The privacy capability against CosmosStore, through the real @azure/cosmos SDK, on the loopback
// Cosmos DB server; each test gets its own database.
import { CosmosStore } from '../../src/store/cosmos/cosmosStore';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';
import { definePrivacySuite } from './privacySuite';

let server: LoopbackCosmos;
let databases = 0;
const opened: CosmosStore[] = [];

beforeAll(async () => {
  server = await startCosmosServer();
});

afterAll(async () => {
  await server.stop();
});

definePrivacySuite({
  name: 'CosmosStore',
  async open() {
    databases += 1;
    const store = await CosmosStore.open({
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
