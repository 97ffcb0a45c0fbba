// Maturity card cost against history length: store reads and time for the lead's maturity card of
// a 20-person team with 1 and with 20 rounds of self-assessments, on a local store in a temporary
// directory. Aim: the same reads for both, and the 20-round card under 1.5x the time of the 1-round
// one (every round's figures live in the team's one maturity record; only this round's assessments
// are read, for their notes). Run: npm run build && node dist/bench/maturityBench.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MaturityLevel, ThemeRating } from '../src/domain';
import { createMaturity } from '../src/maturity';
import { reconcileRound } from '../src/maturity/context';
import { previousRound, quarterOf } from '../src/maturity/rounds';
import { THEMES } from '../src/maturity/themes';
import { openLocalStore } from '../src/store/local/openLocalStore';
import { countingReads } from './countingStore';
import type { TurnContextInfo } from '../src/turns/types';

const TEAM = 'bench-team';
const PEOPLE = 20;
const HISTORIES = [1, 20];
const RUNS = 200;
const WARM_UP = 20;
const NOW = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));

function ratingsFor(person: number, round: number): Record<string, ThemeRating> {
  const ratings: Record<string, ThemeRating> = {};
  for (const [index, theme] of THEMES.entries()) {
    const seed = (person * 31 + round * 17 + index * 7) % 97;
    ratings[theme.id] = seed % 5 === 0 ? { level: null } : { level: (1 + (seed % 5)) as MaturityLevel };
    if (seed % 4 === 0) ratings[theme.id] = { ...ratings[theme.id], note: `Bench note ${seed}` } as ThemeRating;
  }
  return ratings;
}

async function measure(rounds: number): Promise<{ rounds: number; reads: number; meanMs: number; p95Ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-maturity-bench-'));
  const store = await openLocalStore({ dataDir: dir, clock: () => NOW.getTime(), purgeIntervalMs: 0 });
  try {
    await store.updateTeamSettings(TEAM, (current) => ({ ...current, leads: ['lead'] }));
    let round = quarterOf(NOW, 'Europe/London');
    for (let back = 0; back < rounds; back++) {
      for (let person = 0; person < PEOPLE; person++)
        await store.submitAssessment({
          teamId: TEAM,
          userId: `person-${person}`,
          round,
          ratings: ratingsFor(person, back),
        });
      await reconcileRound(store, TEAM, round);
      round = previousRound(round);
    }
    const counting = countingReads(store);
    const maturity = createMaturity({
      store: counting.store,
      teams: { teamsFor: async () => [{ teamId: TEAM, name: 'Bench team' }] },
      now: () => NOW,
      minResponses: 3,
    });
    const context: TurnContextInfo = {
      activityId: 'bench',
      conversationId: 'a:bench-lead',
      conversationKind: 'personal',
      userId: 'lead',
    };
    for (let i = 0; i < WARM_UP; i++) await maturity.maturity(context);
    counting.reset();
    const [card] = await maturity.maturity(context);
    if (card?.audience !== 'leads') throw new Error('expected the lead view');
    const reads = counting.reads();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await maturity.maturity(context);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const meanMs = times.reduce((sum, t) => sum + t, 0) / times.length;
    return { rounds, reads, meanMs, p95Ms: times[Math.floor(times.length * 0.95)] ?? meanMs };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const rounds of HISTORIES) results.push(await measure(rounds));
  console.log(`Maturity card (lead view), ${PEOPLE}-person team, ${RUNS} runs each (local store)`);
  for (const result of results)
    console.log(
      `${String(result.rounds).padStart(3)} rounds: ${result.reads} store reads, mean ${result.meanMs.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms`,
    );
  const [first, last] = [results[0], results[results.length - 1]];
  if (first && last) {
    const ratio = last.meanMs / first.meanMs;
    console.log(
      `${last.rounds} / ${first.rounds} rounds: reads ${last.reads}/${first.reads}, time ratio ${ratio.toFixed(2)} (aim: equal reads, under 1.5)`,
    );
    if (last.reads !== first.reads || ratio >= 1.5) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
