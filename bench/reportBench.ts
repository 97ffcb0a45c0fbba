// Quarterly report cost against history length: store reads and time to make a 40-person team's
// report (the Word file, charts included) with 4, 52 and 260 weeks of check-in history and a
// maturity round a quarter, on a local store in a temporary directory. Aim: the same reads at every
// length (the report reads the quarter's roll-ups, its time away and the team's one maturity record,
// as the progress and maturity cards do, and one page of the organisation's shared practice), and the 260-week report under 1.5x the time of the 4-week
// one. Then the admins' organisation report for 10 and 100 teams of one organisation (and a team of
// another): aim, one paged scan of installations, one of maturity records, and each team's settings
// and quarter's roll-ups, so the reads grow with the teams and never with their history.
// Run: npm run build && node dist/bench/reportBench.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rollupOf } from '../src/checkins/rollupContribution';
import { currentWeek } from '../src/calendar/weeks';
import { DEFAULT_MIN_RESPONSES } from '../src/config';
import { reconcileRound } from '../src/maturity/context';
import { previousRound, quarterOf } from '../src/maturity/rounds';
import { THEMES } from '../src/maturity/themes';
import { weeksBefore } from '../src/progress/weekWindow';
import { createQuarterlyReport } from '../src/report';
import { openLocalStore } from '../src/store/local/openLocalStore';
import { answerFor } from './benchAnswers';
import { countingReads } from './countingStore';
import { MISSIONS, type MaturityLevel } from '../src/domain';
import type { TurnContextInfo } from '../src/turns/types';
import type { FrameworkStore } from '../src/store/port';

const TEAM = 'bench-team';
const PEOPLE = 40;
const HISTORIES = [4, 52, 260];
/** A report draws three charts and writes a .docx: fewer runs than a card's benchmark. */
const RUNS = 20;
const WARM_UP = 3;
const NOW = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));

async function fill(store: FrameworkStore, weeks: number): Promise<void> {
  await store.updateTeamSettings(TEAM, (current) => ({ ...current, leads: ['lead'] }));
  const thisWeek = currentWeek(NOW, 'Europe/London');
  for (let back = weeks - 1; back >= 0; back--) {
    const week = weeksBefore(thisWeek, back);
    for (const [index, mission] of MISSIONS.entries()) {
      const given = Array.from({ length: PEOPLE }, (_, person) => person)
        .filter((person) => person % MISSIONS.length === index)
        .map((person) => answerFor(person, back));
      await store.applyToRollup(TEAM, mission, week, () => rollupOf(TEAM, mission, week, given));
    }
  }
  // A maturity round for every quarter of the history, ten people each.
  let round = quarterOf(NOW, 'Europe/London');
  for (let quarter = 0; quarter < Math.ceil(weeks / 13); quarter++) {
    for (let person = 0; person < 10; person++)
      await store.submitAssessment({
        teamId: TEAM,
        userId: `person-${person}`,
        round,
        ratings: Object.fromEntries(
          THEMES.map((theme, index) => [theme.id, { level: (1 + ((person + index) % 5)) as MaturityLevel }]),
        ),
      });
    await reconcileRound(store, TEAM, round);
    round = previousRound(round);
  }
}

async function measure(weeks: number): Promise<{ weeks: number; reads: number; bytes: number; meanMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-report-bench-'));
  const store = await openLocalStore({ dataDir: dir, clock: () => NOW.getTime(), purgeIntervalMs: 0 });
  try {
    await fill(store, weeks);
    const counting = countingReads(store);
    const report = createQuarterlyReport({
      store: counting.store,
      teams: { teamsFor: async () => [{ teamId: TEAM, name: 'Bench team' }] },
      now: () => NOW,
      minResponses: DEFAULT_MIN_RESPONSES,
    });
    const context: TurnContextInfo = {
      activityId: 'bench',
      conversationId: 'a:bench-lead',
      conversationKind: 'personal',
      userId: 'lead',
      tenantId: 'bench-tenant',
    };
    const press = { action: 'reportMake', scope: 'team', teamId: TEAM, round: quarterOf(NOW, 'Europe/London') };
    // The team membership binds the press to (src/membership), as the router hands it over.
    const bound = { teamId: TEAM };
    for (let i = 0; i < WARM_UP; i++) await report.handleAction(context, bound, press);
    counting.reset();
    const [offer] = await report.handleAction(context, bound, press);
    if (offer?.kind !== 'fileOffer' || !Buffer.isBuffer(offer.file.content)) throw new Error('expected the file offer');
    const reads = counting.reads();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await report.handleAction(context, bound, press);
      times.push(performance.now() - start);
    }
    const meanMs = times.reduce((sum, t) => sum + t, 0) / times.length;
    return { weeks, reads, bytes: offer.file.content.length, meanMs };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const TENANT = 'bench-tenant';
const ORGANISATION_TEAMS = [10, 100];
const ORGANISATION_RUNS = 5;

/** `count` teams of the bench tenant (each with settings and a quarter of roll-ups) and one of another tenant. */
async function fillOrganisation(store: FrameworkStore, count: number): Promise<void> {
  const thisWeek = currentWeek(NOW, 'Europe/London');
  const teams = Array.from({ length: count }, (_, index) => ({ teamId: `19:bench-${index}`, tenantId: TENANT }));
  for (const { teamId, tenantId } of [...teams, { teamId: '19:bench-elsewhere', tenantId: 'another-tenant' }]) {
    await store.upsertInstallation({
      conversationId: teamId,
      tenantId,
      kind: 'channel',
      teamId,
      reference: {
        serviceUrl: 'https://smba.trafficmanager.net/uk/',
        channelId: 'msteams',
        conversation: { id: teamId, tenantId, conversationType: 'channel' },
        bot: { id: '28:bench' },
        user: { id: '29:bench' },
      },
    });
    await store.updateTeamSettings(teamId, (current) => ({ ...current, leads: ['lead'] }));
    for (let back = 12; back >= 0; back--) {
      const week = weeksBefore(thisWeek, back);
      for (const [index, mission] of MISSIONS.entries()) {
        const given = Array.from({ length: 8 }, (_, person) => person)
          .filter((person) => person % MISSIONS.length === index)
          .map((person) => answerFor(person, back));
        await store.applyToRollup(teamId, mission, week, () => rollupOf(teamId, mission, week, given));
      }
    }
  }
}

async function measureOrganisation(teams: number): Promise<{ teams: number; reads: number; meanMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-report-bench-'));
  const store = await openLocalStore({ dataDir: dir, clock: () => NOW.getTime(), purgeIntervalMs: 0 });
  try {
    await fillOrganisation(store, teams);
    const counting = countingReads(store);
    const report = createQuarterlyReport({
      store: counting.store,
      teams: { teamsFor: async () => [] },
      now: () => NOW,
      minResponses: DEFAULT_MIN_RESPONSES,
      adminObjectIds: 'bench-admin',
    });
    const context: TurnContextInfo = {
      activityId: 'bench',
      conversationId: 'a:bench-admin',
      conversationKind: 'personal',
      userId: 'admin',
      userAadObjectId: 'bench-admin',
      tenantId: TENANT,
    };
    const press = { action: 'reportMake', scope: 'organisation', round: quarterOf(NOW, 'Europe/London') };
    await report.handleAction(context, undefined, press);
    counting.reset();
    const [offer] = await report.handleAction(context, undefined, press);
    if (offer?.kind !== 'fileOffer') throw new Error('expected the file offer');
    const reads = counting.reads();
    const start = performance.now();
    for (let i = 0; i < ORGANISATION_RUNS; i++) await report.handleAction(context, undefined, press);
    return { teams, reads, meanMs: (performance.now() - start) / ORGANISATION_RUNS };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function organisation(): Promise<void> {
  console.log(`Organisation report (.docx with 2 charts), ${ORGANISATION_RUNS} runs each (local store)`);
  for (const teams of ORGANISATION_TEAMS) {
    const result = await measureOrganisation(teams);
    // One page of installations and one of maturity records at these sizes, then two reads a team.
    const aim = 2 + 2 * teams;
    console.log(
      `${String(teams).padStart(4)} teams: ${result.reads} store reads (aim ${aim}), mean ${result.meanMs.toFixed(1)} ms`,
    );
    if (result.reads !== aim) process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const weeks of HISTORIES) results.push(await measure(weeks));
  console.log(`Quarterly report (.docx with 3 charts), ${PEOPLE}-person team, ${RUNS} runs each (local store)`);
  for (const result of results)
    console.log(
      `${String(result.weeks).padStart(4)} weeks: ${result.reads} store reads, ${Math.round(result.bytes / 1024)} KiB, mean ${result.meanMs.toFixed(1)} ms`,
    );
  const [first, last] = [results[0], results[results.length - 1]];
  if (first && last) {
    const ratio = last.meanMs / first.meanMs;
    console.log(
      `260 / 4 weeks: reads ${last.reads}/${first.reads}, time ratio ${ratio.toFixed(2)} (aim: equal reads, under 1.5)`,
    );
    if (last.reads !== first.reads || ratio >= 1.5) process.exitCode = 1;
  }
  await organisation();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
