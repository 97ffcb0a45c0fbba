// Prompts to many conversations across tenants through a loopback Connector stand-in that enforces
// Teams' limits, using the real scheduler, edge sender (CloudAdapter) and a local store.
// Prints elapsed time against the lower bound the limits allow, plus misses and duplicates.
// The stand-in runs in a process of its own (promptsConnectorProcess.ts), as Teams' Connector is
// not in the bot's process; the pass, the store and the sends are all in this one.
//
// With --instances 2, two app instances (each its own store connection to the one file, its own
// adapter, sender and rate limiter) run their passes at the same moment, sharing the tenants through
// the store's tenant leases: Teams' limit is per tenant across instances, so they must not overdraw it.
//
//   npm run build && node dist/bench/promptsBench.js [--conversations 10000] [--tenants 10] [--rate 50] [--instances 1]
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { createPrompts } from '../src/prompts';
import { openLocalStore } from '../src/store/local/openLocalStore';
import { createAdapter } from '../src/teams/adapter';
import { TeamsProactiveSender } from '../src/teams/proactiveSender';
import { startChild } from './children';
import type { PromptsConnectorMessage } from './promptsConnectorProcess';
import { installScheduledTeams } from './scheduledTeams';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Seconds from the pass's start to the first and last message the Connector accepted, the 429s, and the slowest seconds. */
function timeline(startedAt: number, acceptedAt: number[], throttledAt: number[], perSecond: number) {
  const seconds = (at: number) => Number(((at - startedAt) / 1000).toFixed(2));
  const sorted = [...acceptedAt].sort((a, b) => a - b);
  const first = sorted[0] ?? startedAt;
  const last = sorted[sorted.length - 1] ?? startedAt;
  // Whole seconds after the first message that carried less than 95% of what the limits allow.
  const perWholeSecond = new Map<number, number>();
  for (const at of sorted)
    perWholeSecond.set(Math.floor((at - first) / 1000), (perWholeSecond.get(Math.floor((at - first) / 1000)) ?? 0) + 1);
  const slowSeconds = [...perWholeSecond]
    .filter(([second, count]) => second < Math.floor((last - first) / 1000) && count < perSecond * 0.95)
    .map(([second, count]) => `${second}s:${count}`);
  return {
    firstAcceptedS: seconds(first),
    lastAcceptedS: seconds(last),
    throttledAtS: throttledAt.map(seconds),
    slowSeconds,
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

async function main(): Promise<void> {
  const conversations = option('conversations', 10_000);
  const tenants = option('tenants', 10);
  const rate = option('rate', 50);
  const instances = option('instances', 1);
  // Loopback only, and bounded: give up rather than run on.
  const deadline = setTimeout(() => {
    console.error('promptsBench: gave up after 10 minutes');
    process.exit(2);
  }, 10 * 60_000);
  deadline.unref();

  const child = startChild('prompts connector', path.join(__dirname, 'promptsConnectorProcess.js'), {
    env: { ...process.env, PROMPTS_CONNECTOR_RATE: String(rate), PROMPTS_CONNECTOR_RETRY_AFTER: '1' },
  });
  const message = async <T extends PromptsConnectorMessage['type']>(
    type: T,
  ): Promise<Extract<PromptsConnectorMessage, { type: T }>> => {
    for (;;) {
      const [received] = (await once(child.process, 'message')) as [PromptsConnectorMessage];
      if (received.type === type) return received as Extract<PromptsConnectorMessage, { type: T }>;
    }
  };
  const connector = { serviceUrl: (await message('ready')).serviceUrl };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prompts-bench-'));
  const store = await openLocalStore({ dataDir, purgeIntervalMs: 0 });
  try {
    process.stdout.write(`setting up ${conversations} team installations in ${tenants} tenants… `);
    await installScheduledTeams(store, {
      count: conversations,
      tenants,
      serviceUrl: connector.serviceUrl,
      botId: '28:bench',
      idPrefix: 'team',
    });
    console.log('done');

    // The first instance uses the store that was set up; each further one opens its own connection.
    const stores = [store];
    for (let i = 1; i < instances; i++) stores.push(await openLocalStore({ dataDir, purgeIntervalMs: 0 }));
    const apps = stores.map((instanceStore) =>
      createPrompts({
        store: instanceStore,
        sender: new TeamsProactiveSender(
          createAdapter(parseConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' })),
          '',
        ),
        membership: { isMember: async () => false },
        logger: createLogger('warn'),
        // A Monday after 09:00 London time: every team's prompt is due.
        now: () => new Date('2026-06-08T10:00:00Z'),
        limits: { perTenantPerSecond: rate },
      }),
    );

    const loadBefore = loadavg()[0] ?? 0;
    // This process's CPU each second, and how late the event loop ran: a second with little CPU and
    // few sends means the machine gave the process no time; much CPU and few sends, that it was busy.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuPerSecond: number[] = [];
    let lastCpu = process.cpuUsage();
    const sampler = setInterval(() => {
      const used = process.cpuUsage(lastCpu);
      lastCpu = process.cpuUsage();
      cpuPerSecond.push(Number(((used.user + used.system) / 1e6).toFixed(2)));
    }, 1000);
    const cpuBefore = process.cpuUsage();
    const startedAt = Date.now();
    const started = performance.now();
    const reports = await Promise.all(apps.map((prompts) => prompts.runPromptPass()));
    const elapsedS = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    loopDelay.disable();
    // Another pass must send nothing: duplicates would show here too.
    const again = await Promise.all(apps.map((prompts) => prompts.runPromptPass()));
    for (const extra of stores.slice(1)) await extra.close();

    const boundS = conversations / (tenants * rate);
    child.process.send({ type: 'counts' });
    const counts = await message('counts');
    const delivered = new Map(counts.delivered);
    let misses = 0;
    let duplicates = 0;
    for (let i = 0; i < conversations; i++) {
      const count = delivered.get(`19:team-${i}@thread.tacv2`) ?? 0;
      if (count === 0) misses += 1;
      if (count > 1) duplicates += count - 1;
    }
    console.log(
      JSON.stringify(
        {
          conversations,
          tenants,
          instances,
          ratePerTenantPerSecond: rate,
          elapsedSeconds: Number(elapsedS.toFixed(2)),
          lowerBoundSeconds: Number(boundS.toFixed(2)),
          ratioToBound: Number((elapsedS / boundS).toFixed(3)),
          misses,
          duplicates,
          throttled429: counts.throttled,
          // Where the time went, from the Connector's side: its first and last accepted message, and the 429s.
          timeline: timeline(startedAt, counts.acceptedAt, counts.throttledAt, rate * tenants),
          pass: {
            sent: sum(reports.map((report) => report.prompts.sent)),
            failed: sum(reports.map((report) => report.prompts.failed)),
            errors: sum(reports.map((report) => report.errors)),
          },
          // Per instance: what it sent, and how many tenants it left to the other (held by its lease).
          perInstance: reports.map((report) => ({
            sent: report.prompts.sent,
            tenantsElsewhere: report.tenantsElsewhere,
          })),
          secondPassSent: sum(again.map((report) => report.prompts.sent)),
          // The bot process's CPU during the pass, and the machine's load: the sends need CPU to keep pace.
          passCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
          cpuSecondsEachSecond: cpuPerSecond,
          eventLoopDelayMs: {
            p99: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
            max: Number((loopDelay.max / 1e6).toFixed(1)),
          },
          loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number((loadavg()[0] ?? 0).toFixed(2)) },
        },
        null,
        2,
      ),
    );
  } finally {
    await store.close();
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
