// The built bot as `npm start` runs it, with and without APPLICATIONINSIGHTS_CONNECTION_STRING. On:
// the real Azure Monitor OpenTelemetry distro sends request, dependency and failure telemetry to a
// loopback ingestion endpoint, and none of it carries the message text, the person's ids or name,
// or a query string. Off: the distro is never loaded. A preload records which modules the process
// loaded, read when it exits.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messageActivity } from '../support/activities';
import { startBuiltBot, type BuiltBot } from '../support/builtBot';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { startIngestionStub, type Envelope, type IngestionStub } from './ingestionStub';

const ZERO_IKEY = '00000000-0000-0000-0000-000000000000';

let workDir: string;
let preload: string;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RunningBot extends Omit<BuiltBot, 'stop'> {
  /** SIGTERM (the bot flushes telemetry as it stops); resolves with the exit code and the modules it had loaded. */
  stop(): Promise<{ code: number | null; modules: string[] }>;
}

async function startBot(name: string, env: Record<string, string>): Promise<RunningBot> {
  const modulesFile = path.join(workDir, `${name}-modules.json`);
  const bot = await startBuiltBot({
    dataDir: path.join(workDir, name),
    nodeArgs: ['--require', preload],
    // The exporter keeps unsent telemetry under the temporary directory: this run's own.
    env: { LOG_LEVEL: 'info', LOADED_MODULES_FILE: modulesFile, TMPDIR: workDir, ...env },
  });
  return {
    ...bot,
    stop: async () => {
      const code = await bot.stop();
      return { code, modules: JSON.parse(readFileSync(modulesFile, 'utf8')) as string[] };
    },
  };
}

const loadsDistro = (modules: string[]) =>
  modules.some((file) => file.includes(`${path.sep}@azure${path.sep}monitor-opentelemetry${path.sep}`));
const loadsOpenTelemetry = (modules: string[]) =>
  modules.some((file) => file.includes(`${path.sep}@opentelemetry${path.sep}`));

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-telemetry-'));
  preload = path.join(workDir, 'record-modules.js');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(Object.keys(require.cache))));\n",
  );
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('with APPLICATIONINSIGHTS_CONNECTION_STRING set', () => {
  let ingestion: IngestionStub;
  let connector: ConnectorStub;
  let bot: RunningBot;
  let exit: { code: number | null; modules: string[] };
  let received: string;
  let envelopes: Envelope[];

  // Values that must never reach Application Insights.
  const marker = randomUUID().slice(0, 8);
  const secrets = {
    text: `canary message text ${marker}`,
    userId: `29:canary-user-${marker}`,
    aadObjectId: randomUUID(),
    name: `Canary Person ${marker}`,
    conversationId: `a:canary-conversation-${marker}`,
    query: `canary-query-${marker}`,
    body: `canary-body-${marker}`,
  };

  const personalMessage = (text: string) => {
    const activity = messageActivity(connector.url, text);
    return {
      ...activity,
      from: { id: secrets.userId, aadObjectId: secrets.aadObjectId, name: secrets.name },
      conversation: { ...activity.conversation, id: secrets.conversationId },
    };
  };
  const post = (body: string) =>
    fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  const requests = () => envelopes.filter((envelope) => envelope.data?.baseType === 'RequestData');
  const dependencies = () => envelopes.filter((envelope) => envelope.data?.baseType === 'RemoteDependencyData');

  beforeAll(async () => {
    ingestion = await startIngestionStub();
    connector = await startConnectorStub();
    const caFile = path.join(workDir, 'ingestion-ca.pem');
    writeFileSync(caFile, ingestion.certificatePem);
    bot = await startBot('on', {
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${ZERO_IKEY};IngestionEndpoint=${ingestion.url}`,
      NODE_EXTRA_CA_CERTS: caFile,
      // The SDK's own usage statistics go to a Microsoft endpoint, not the connection string's:
      // off here so that the test stays on loopback.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    });

    // The distro's default sampler allows 5 traces a second, smoothed over 0.1 s: requests spaced
    // out are all kept, as a quiet bot's are.
    const answered = await post(JSON.stringify(personalMessage(`what does the data outcome mean? ${secrets.text}`)));
    expect(answered.status).toBe(200);
    await connector.waitForSent(1);
    await pause(400);

    // The connector refuses the reply: a failed dependency (the bot then sends its apology).
    connector.failNext(1, 500);
    await post(JSON.stringify(personalMessage(`help ${secrets.text}`)));
    await connector.waitForSent(2);
    await pause(400);

    // A request the bot refuses: malformed JSON is a 400, a failed request.
    const malformed = await post(`{"text": "${secrets.body}", "from": {"name": "${secrets.name}"`);
    expect(malformed.status).toBe(400);
    await pause(400);

    const health = await fetch(`${bot.baseUrl}/healthz?name=${secrets.query}`);
    expect(health.status).toBe(200);

    exit = await bot.stop();
    received = ingestion.posts.map((sent) => sent.text).join('\n');
    envelopes = ingestion.envelopes();
  });

  afterAll(async () => {
    if (bot?.child.exitCode === null) await bot.stop();
    await connector?.close();
    await ingestion?.close();
  });

  it('loads the distro and says so at start', () => {
    expect(exit.code).toBe(0);
    expect(loadsDistro(exit.modules)).toBe(true);
    expect(bot.stdout()).toContain('"telemetry":"application-insights"');
  });

  it('sends to the connection string ingestion endpoint, under its instrumentation key', () => {
    expect(ingestion.posts.length).toBeGreaterThan(0);
    for (const sent of ingestion.posts) expect(sent.path).toBe('/v2.1/track');
    expect(envelopes.length).toBeGreaterThan(0);
    for (const envelope of envelopes) expect(envelope.iKey).toBe(ZERO_IKEY);
  });

  it('records each request with its route and result code, the refused one as a failure', () => {
    const summary = requests().map((envelope) => ({
      name: envelope.data?.baseData?.name,
      responseCode: envelope.data?.baseData?.responseCode,
      success: envelope.data?.baseData?.success,
    }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { name: 'POST /api/messages', responseCode: '200', success: true },
        { name: 'POST /api/messages', responseCode: '400', success: false },
        { name: 'GET /healthz', responseCode: '200', success: true },
      ]),
    );
    expect(summary.filter((request) => request.name === 'POST /api/messages')).toHaveLength(3);
    for (const envelope of requests())
      expect(String(envelope.data?.baseData?.url)).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/(api\/messages|healthz|readyz)$/,
      );
  });

  it('records the calls to the Bot Connector as dependencies, the refused one as a failure, with ids out of the path', () => {
    // The exporter names the target by host alone since 1.21 (the port went), so the calls are told
    // by their URL, which keeps the port.
    const connectorHost = new URL(connector.url).host;
    const calls = dependencies().filter((envelope) =>
      String(envelope.data?.baseData?.data).startsWith(`http://${connectorHost}/`),
    );
    const summary = calls.map((envelope) => ({
      name: envelope.data?.baseData?.name,
      resultCode: envelope.data?.baseData?.resultCode,
      success: envelope.data?.baseData?.success,
    }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { name: 'POST /v3/conversations/:id/activities/:id', resultCode: '200', success: true },
        { name: 'POST /v3/conversations/:id/activities/:id', resultCode: '500', success: false },
      ]),
    );
    for (const call of calls)
      expect(call.data?.baseData?.data).toBe(`http://${connectorHost}/v3/conversations/:id/activities/:id`);
    // Each dependency belongs to the request that caused it.
    const operations = new Set(requests().map((envelope) => envelope.tags?.['ai.operation.id']));
    for (const call of calls) expect(operations).toContain(call.tags?.['ai.operation.id']);
  });

  it('sends no message text, user id, name, conversation id, request body or query string, and no client IP', () => {
    expect(received.length).toBeGreaterThan(0);
    for (const secret of Object.values(secrets)) expect(received).not.toContain(secret);
    expect(received).not.toContain(encodeURIComponent(secrets.conversationId));
    expect(received).not.toContain(marker);
    for (const envelope of envelopes) expect(envelope.tags ?? {}).not.toHaveProperty('ai.location.ip');
    expect(received).not.toContain('"Microsoft.ApplicationInsights.Message"');
  });
});

describe('with APPLICATIONINSIGHTS_CONNECTION_STRING empty', () => {
  it('answers as usual and never loads the distro or OpenTelemetry', async () => {
    const connector = await startConnectorStub();
    const bot = await startBot('off', { APPLICATIONINSIGHTS_CONNECTION_STRING: '' });
    try {
      const response = await fetch(`${bot.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(connector.url, 'what does the data outcome mean?')),
      });
      expect(response.status).toBe(200);
      await connector.waitForSent(1);
      const exit = await bot.stop();
      expect(exit.code).toBe(0);
      expect(exit.modules.length).toBeGreaterThan(100);
      expect(exit.modules.some((file) => file.includes(`${path.sep}restify${path.sep}`))).toBe(true);
      expect(loadsDistro(exit.modules)).toBe(false);
      expect(loadsOpenTelemetry(exit.modules)).toBe(false);
      expect(bot.stdout()).toContain('"telemetry":"off"');
    } finally {
      if (bot.child.exitCode === null) await bot.stop();
      await connector.close();
    }
  });
});
