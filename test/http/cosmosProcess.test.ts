// The built bot as `npm start` runs it, configured for Cosmos DB only through its environment
// (COSMOS_ENDPOINT, COSMOS_KEY), trusting the loopback server's certificate the way production code
// is told to trust a CA (NODE_EXTRA_CA_CERTS): it records its installations in Cosmos DB.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CosmosStore } from '../../src/store/cosmos/cosmosStore';
import { botAddedActivity } from '../support/activities';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';

const main = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
let cosmos: LoopbackCosmos;
let connector: ConnectorStub;
let bot: ChildProcess;
let baseUrl: string;
let workDir: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  cosmos = await startCosmosServer();
  connector = await startConnectorStub();
  workDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-cosmos-process-'));
  const caFile = path.join(workDir, 'loopback-ca.pem');
  writeFileSync(caFile, cosmos.certificatePem);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  bot = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: workDir,
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: 'process-test',
      COSMOS_CREATE_IF_MISSING: 'true',
      PROMPTS_ENABLED: 'false',
      NODE_EXTRA_CA_CERTS: caFile,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const deadline = Date.now() + 20000;
  for (;;) {
    const ready = await fetch(`${baseUrl}/readyz`).then((response) => response.status === 200).catch(() => false);
    if (ready) break;
    if (Date.now() > deadline || bot.exitCode !== null) throw new Error('the bot did not become ready with Cosmos DB');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  if (bot.exitCode === null) {
    const exited = new Promise((resolve) => bot.once('exit', resolve));
    bot.kill('SIGTERM');
    await exited;
  }
  await connector.close();
  await cosmos.stop();
  rmSync(workDir, { recursive: true, force: true });
});

it('records an installation in Cosmos DB when started with COSMOS_ENDPOINT set', async () => {
  const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(botAddedActivity(connector.url, 'personal')) });
  expect(response.status).toBe(200);
  await connector.waitForSent(1);

  const reader = await CosmosStore.open({ endpoint: cosmos.endpoint, key: cosmos.key, agent: cosmos.agent, databaseId: 'process-test', createIfMissing: false });
  try {
    expect(await reader.getInstallation('a:personal-chat-1')).toMatchObject({ kind: 'personal', active: true, reference: { serviceUrl: connector.url } });
  } finally {
    await reader.close();
  }
});
