// Shared practice against the number of examples: store reads and time for one part's first page of
// examples ("practice on inclusion", or See examples on a topic card) and for a topic card's count, in
// an organisation with 10, 1,000 and 10,000 approved examples (spread over the parts, another
// organisation's beside them), on a local store in a temporary directory. Aim: one read for the page
// at every size, and the 10,000-example page under 1.5x the time of the 10-example one.
// Run: npm run build && node dist/bench/practiceBench.js
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPractice } from '../src/practice';
import { openLocalStore } from '../src/store/local/openLocalStore';
import type { PracticeExample } from '../src/store/practicePort';
import type { TurnContextInfo } from '../src/turns/types';
import { countingReads } from './countingStore';

const TENANT = 'bench-tenant';
const OTHER_TENANT = 'bench-other-tenant';
const SIZES = [10, 1000, 10_000];
const RUNS = 200;
const WARM_UP = 20;
const PARTS = ['outcome:inclusion', 'outcome:data', 'enabler:data', 'principle:inclusive', 'outcome:services'];
const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

function example(tenantId: string, index: number): PracticeExample {
  const at = new Date(NOW - index * 60_000).toISOString();
  return {
    id: createHash('sha256').update(`${tenantId}|${index}`).digest('hex').slice(0, 32),
    tenantId,
    teamId: `bench-team-${index % 40}`,
    teamName: `Team ${index % 40}`,
    authorId: `person-${index % 400}`,
    text: `Bench win ${index}: we moved a form online and checked it with residents`,
    parts: [PARTS[index % PARTS.length] ?? 'outcome:data', PARTS[(index + 2) % PARTS.length] ?? 'enabler:data'],
    status: 'approved',
    source: { mission: 'digitally-enabled-councils', week: '2026-W48' },
    offeredAt: at,
    decidedAt: at,
  };
}

interface Result {
  size: number;
  pageReads: number;
  pageMs: number;
  countReads: number;
  countMs: number;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await run();
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) await run();
  return (performance.now() - start) / RUNS;
}

async function measure(size: number): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-practice-bench-'));
  const store = await openLocalStore({ dataDir: dir, clock: () => NOW, purgeIntervalMs: 0 });
  try {
    for (let index = 0; index < size; index++) {
      await store.practice.offerExample(example(TENANT, index));
      if (index % 10 === 0) await store.practice.offerExample(example(OTHER_TENANT, index));
    }
    const counting = countingReads(store);
    const practice = createPractice({
      store: counting.store,
      teams: { teamFor: async () => undefined },
      notes: { send: async () => false },
      adminObjectIds: new Set(),
    });
    const context: TurnContextInfo = {
      activityId: 'bench',
      tenantId: TENANT,
      conversationId: 'a:bench',
      conversationKind: 'personal',
      userId: 'reader',
    };
    const page = () => practice.list(context, { part: 'outcome:inclusion' });
    const count = () => practice.countFor(TENANT, 'outcome:inclusion');
    counting.reset();
    await page();
    const pageReads = counting.reads();
    counting.reset();
    await count();
    const countReads = counting.reads();
    return { size, pageReads, pageMs: await timed(page), countReads, countMs: await timed(count) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  for (const size of SIZES) results.push(await measure(size));
  console.log(`Shared practice, one part's first page and its count, ${RUNS} runs each (local store)`);
  for (const result of results)
    console.log(
      `${String(result.size).padStart(6)} examples: page ${result.pageReads} read(s), mean ${result.pageMs.toFixed(3)} ms; count ${result.countReads} read(s), mean ${result.countMs.toFixed(3)} ms`,
    );
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last) {
    const ratio = last.pageMs / first.pageMs;
    console.log(
      `${last.size} / ${first.size} examples: page reads ${last.pageReads}/${first.pageReads}, time ratio ${ratio.toFixed(2)} (aim: one read each, under 1.5)`,
    );
    if (last.pageReads !== 1 || first.pageReads !== 1 || ratio >= 1.5) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
