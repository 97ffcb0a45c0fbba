// Progress card cost against history length: store reads and time for the team overview of a
// 40-person team with 4, 52 and 260 weeks of history, on a local store in a temporary directory.
// Aim: the same reads at every length, and the 260-week card under 1.5x the time of the 4-week one.
//
// History older than the retention period (two years by default) has no check-ins left, only
// roll-ups, as in a real store; so roll-ups are written for every week and check-ins for the
// current week. Run: npm run build && node dist/bench/progressBench.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rollupOf } from '../src/checkins/rollupContribution';
import { currentWeek } from '../src/calendar/weeks';
import { DEFAULT_MIN_RESPONSES } from '../src/config';
import { createProgress } from '../src/progress';
import { weeksBefore } from '../src/progress/weekWindow';
import { openLocalStore } from '../src/store/local/openLocalStore';
import { answerFor } from './benchAnswers';
import { countingReads } from './countingStore';
import { MISSIONS } from '../src/domain';
import type { TurnContextInfo } from '../src/turns/types';
import { submitWithRollup } from '../src/checkins/rollupContribution';

const TEAM = 'bench-team';
const PEOPLE = 40;
const HISTORIES = [4, 52, 260];
const RUNS = 200;
const WARM_UP = 20;
const NOW = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));

async function measure(weeks: number): Promise<{ weeks: number; reads: number; meanMs: number; p95Ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-progress-bench-'));
  const store = await openLocalStore({ dataDir: dir, clock: () => NOW.getTime(), purgeIntervalMs: 0 });
  try {
    await store.updateTeamSettings(TEAM, (current) => ({ ...current, leads: ['lead'] }));
    const thisWeek = currentWeek(NOW, 'Europe/London');
    for (let back = weeks - 1; back >= 0; back--) {
      const week = weeksBefore(thisWeek, back);
      // Each person answers for one mission a week, so the 40 spread over the three missions.
      for (const [index, mission] of MISSIONS.entries()) {
        const people = Array.from({ length: PEOPLE }, (_, person) => person).filter(
          (person) => person % MISSIONS.length === index,
        );
        const given = people.map((person) => answerFor(person, back));
        if (back === 0) {
          for (const person of people)
            await submitWithRollup(store, {
              teamId: TEAM,
              userId: `person-${person}`,
              mission,
              week,
              answers: answerFor(person, back),
              retentionDays: 730,
            });
        }
        await store.applyToRollup(TEAM, mission, week, () => rollupOf(TEAM, mission, week, given));
      }
    }
    const counting = countingReads(store);
    const progress = createProgress({ store: counting.store, now: () => NOW, minResponses: DEFAULT_MIN_RESPONSES });
    const context: TurnContextInfo = {
      activityId: 'bench',
      conversationId: TEAM,
      conversationKind: 'channel',
      teamId: TEAM,
      userId: 'lead',
    };
    for (let i = 0; i < WARM_UP; i++) await progress.overview(context, TEAM, { prompted: PEOPLE });
    counting.reset();
    await progress.overview(context, TEAM, { prompted: PEOPLE });
    const reads = counting.reads();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await progress.overview(context, TEAM, { prompted: PEOPLE });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const meanMs = times.reduce((sum, t) => sum + t, 0) / times.length;
    return { weeks, reads, meanMs, p95Ms: times[Math.floor(times.length * 0.95)] ?? meanMs };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const weeks of HISTORIES) results.push(await measure(weeks));
  console.log(`Progress overview, ${PEOPLE}-person team, ${RUNS} runs each (local store)`);
  for (const result of results) {
    console.log(
      `${String(result.weeks).padStart(4)} weeks: ${result.reads} store reads, mean ${result.meanMs.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms`,
    );
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last) {
    const ratio = last.meanMs / first.meanMs;
    console.log(
      `260 / 4 weeks: reads ${last.reads}/${first.reads}, time ratio ${ratio.toFixed(2)} (aim: equal reads, under 1.5)`,
    );
    if (last.reads !== first.reads || ratio >= 1.5) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
