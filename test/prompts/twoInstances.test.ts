// Two app instances on one store run prompt passes at the same moment, through the real edge sender,
// against a Connector stand-in that enforces Teams' per-tenant limit and answers 429 over it. Each
// tenant is worked by one instance at a time (a tenant lease in the store), so the instances together
// stay within the limit: no 429, every team prompted once, none twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPromptsConnector, type PromptsConnector } from '../../bench/promptsConnector';
import { installScheduledTeams } from '../../bench/scheduledTeams';
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import type { FrameworkStore } from '../../src/store/port';

const TENANTS = 2;
const PER_TENANT = 120;
// A Monday after 09:00 London time: every team's prompt is due.
const DUE = new Date('2026-06-08T10:00:00Z');

let connector: PromptsConnector;
let dataDir: string;
const stores: FrameworkStore[] = [];
const apps: App[] = [];

beforeAll(async () => {
  connector = await startPromptsConnector({ perTenantPerSecond: 50, retryAfterSeconds: 1 });
  dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-two-instances-'));
  for (let instance = 0; instance < 2; instance++) {
    const store = await openLocalStore({ dataDir, purgeIntervalMs: 0 });
    stores.push(store);
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, PROMPTS_ENABLED: 'false' });
    apps.push(createApp(config, createLogger('silent'), { store }));
  }
  await installScheduledTeams(stores[0] as FrameworkStore, {
    count: TENANTS * PER_TENANT,
    tenants: TENANTS,
    serviceUrl: connector.serviceUrl,
    botId: '28:bot',
    idPrefix: 'two',
  });
}, 60000);

afterAll(async () => {
  for (const app of apps) await app.close();
  for (const store of stores) await store.close();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sends every prompt once, one instance per tenant at a time, with no 429', async () => {
  const reports = await Promise.all(apps.map((app) => app.prompts.runPromptPass(DUE)));
  expect(connector.throttled).toBe(0);
  const counts = [...Array(TENANTS * PER_TENANT).keys()].map(
    (i) => connector.delivered.get(`19:two-${i}@thread.tacv2`) ?? 0,
  );
  expect(counts.filter((count) => count === 0)).toHaveLength(0);
  expect(counts.filter((count) => count > 1)).toHaveLength(0);
  expect(reports.reduce((sum, report) => sum + report.prompts.sent, 0)).toBe(TENANTS * PER_TENANT);
  // Each tenant was left by one instance to the other: worked by exactly one of them.
  expect(reports.reduce((sum, report) => sum + report.tenantsElsewhere, 0)).toBe(TENANTS);
  // And the next passes, on either instance, send nothing more.
  const again = await Promise.all(apps.map((app) => app.prompts.runPromptPass(DUE)));
  expect(again.map((report) => report.prompts.sent)).toEqual([0, 0]);
}, 60000);
