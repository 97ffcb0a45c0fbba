// Prompts to many conversations across tenants through a loopback Connector stand-in that enforces
// Teams' limits, using the real scheduler, edge sender (CloudAdapter) and a LocalStore.
// Prints elapsed time against the lower bound the limits allow, plus misses and duplicates.
//
//   npm run build && node dist/bench/promptsBench.js [--conversations 10000] [--tenants 10] [--rate 50]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { createPrompts } from '../src/prompts';
import { LocalStore } from '../src/store/local/localStore';
import { createAdapter } from '../src/teams/adapter';
import { TeamsProactiveSender } from '../src/teams/proactiveSender';
import { startPromptsConnector } from './promptsConnector';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const conversations = option('conversations', 10_000);
  const tenants = option('tenants', 10);
  const rate = option('rate', 50);
  // Loopback only, and bounded: give up rather than run on.
  const deadline = setTimeout(() => {
    console.error('promptsBench: gave up after 10 minutes');
    process.exit(2);
  }, 10 * 60_000);
  deadline.unref();

  const connector = await startPromptsConnector({ perTenantPerSecond: rate, retryAfterSeconds: 1 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prompts-bench-'));
  const store = await LocalStore.open({ dataDir, purgeIntervalMs: 0 });
  try {
    process.stdout.write(`setting up ${conversations} team installations in ${tenants} tenants… `);
    for (let i = 0; i < conversations; i++) {
      const tenantId = `tenant-${i % tenants}`;
      const conversationId = `19:team-${i}@thread.tacv2`;
      await store.upsertInstallation({
        conversationId,
        tenantId,
        kind: 'channel',
        teamId: conversationId,
        reference: { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: conversationId, tenantId, conversationType: 'channel' }, bot: { id: '28:bench' }, user: { id: '29:installer' } },
      });
      await store.updateTeamSettings(conversationId, (current) => ({ ...current, schedule: { day: 1, time: '09:00', timeZone: 'Europe/London' } }));
    }
    console.log('done');

    const adapter = createAdapter(parseConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }));
    const prompts = createPrompts({
      store,
      sender: new TeamsProactiveSender(adapter, ''),
      membership: { isMember: async () => false },
      logger: createLogger('warn'),
      // A Monday after 09:00 London time: every team's prompt is due.
      now: () => new Date('2026-06-08T10:00:00Z'),
      limits: { perTenantPerSecond: rate },
    });

    const started = performance.now();
    const report = await prompts.runPromptPass();
    const elapsedS = (performance.now() - started) / 1000;
    // Another pass must send nothing: duplicates would show here too.
    const again = await prompts.runPromptPass();

    const boundS = conversations / (tenants * rate);
    let misses = 0;
    let duplicates = 0;
    for (let i = 0; i < conversations; i++) {
      const count = connector.delivered.get(`19:team-${i}@thread.tacv2`) ?? 0;
      if (count === 0) misses += 1;
      if (count > 1) duplicates += count - 1;
    }
    console.log(
      JSON.stringify(
        {
          conversations,
          tenants,
          ratePerTenantPerSecond: rate,
          elapsedSeconds: Number(elapsedS.toFixed(2)),
          lowerBoundSeconds: Number(boundS.toFixed(2)),
          ratioToBound: Number((elapsedS / boundS).toFixed(3)),
          misses,
          duplicates,
          throttled429: connector.throttled,
          pass: { sent: report.prompts.sent, failed: report.prompts.failed, errors: report.errors },
          secondPassSent: again.prompts.sent,
        },
        null,
        2,
      ),
    );
  } finally {
    await store.close();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
