// The built bot as `npm start` runs it, configured for Cosmos DB only through its environment
// (COSMOS_ENDPOINT, COSMOS_KEY), trusting the loopback server's certificate the way production code
// is told to trust a CA (NODE_EXTRA_CA_CERTS): it records its installations in Cosmos DB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCosmosStore } from '../../src/store/cosmos/openCosmosStore';
import { botAddedActivity } from '../support/activities';
import { startBuiltBot, type BuiltBot } from '../support/builtBot';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';

let cosmos: LoopbackCosmos;
let connector: ConnectorStub;
let bot: BuiltBot;
let workDir: string;

beforeAll(async () => {
  cosmos = await startCosmosServer();
  connector = await startConnectorStub();
  workDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-cosmos-process-'));
  const caFile = path.join(workDir, 'loopback-ca.pem');
  writeFileSync(caFile, cosmos.certificatePem);
  bot = await startBuiltBot({
    dataDir: workDir,
    env: {
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: 'process-test',
      COSMOS_CREATE_IF_MISSING: 'true',
      NODE_EXTRA_CA_CERTS: caFile,
    },
  });
});

afterAll(async () => {
  await bot?.stop();
  await connector.close();
  await cosmos.stop();
  rmSync(workDir, { recursive: true, force: true });
});

it('records an installation in Cosmos DB when started with COSMOS_ENDPOINT set', async () => {
  const response = await fetch(`${bot.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(botAddedActivity(connector.url, 'personal')),
  });
  expect(response.status).toBe(200);
  await connector.waitForSent(1);

  const reader = await openCosmosStore({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    agent: cosmos.agent,
    databaseId: 'process-test',
    createIfMissing: false,
  });
  try {
    expect(await reader.getInstallation('a:personal-chat-1')).toMatchObject({
      kind: 'personal',
      active: true,
      reference: { serviceUrl: connector.url },
    });
  } finally {
    await reader.close();
  }
});
