// Fills the local store under DATA_DIR with a demo team: 8 people's check-ins over 12 weeks and two
// rounds of self-assessments, so the progress and maturity cards have something to show in the Agents Playground or a demo tenant. Everything is
// marked as sample data (a flag on the team that every progress card shows, and every free-text
// answer), and figures are consistent because answers go in through the store's submitCheckIn and
// roll-ups are rebuilt from them with the check-ins capability's own reconcile.
//
// Run: npm run seed-demo (then npm run dev). By default it fills the Agents Playground's team
// ('team-id') and makes the Playground's user ('user-id-0') a lead; DEMO_TEAM_ID and
// DEMO_LEAD_USER_ID choose others.
import { currentWeek } from '../src/calendar/weeks';
import { rebuildRollups } from '../src/progress';
import { windowEnding } from '../src/progress/weekWindow';
import { reconcileRound } from '../src/maturity/context';
import { previousRound, quarterOf } from '../src/maturity/rounds';
import { THEMES } from '../src/maturity/themes';
import { openLocalStore } from '../src/store/local/openLocalStore';
import type { CheckInAnswers, MaturityLevel, Mission, ProgressScore, ThemeRating } from '../src/domain';
import type { FrameworkStore } from '../src/store/port';
import { submitWithRollup } from '../src/checkins/rollupContribution';

/** The Agents Playground's team and user, so that `npm run dev` shows the demo straight away. */
export const PLAYGROUND_TEAM_ID = 'team-id';
const PLAYGROUND_USER_ID = 'user-id-0';
const PEOPLE = 8;
const WEEKS = 12;
const MISSIONS_USED: Mission[] = ['digitally-enabled-councils', 'digitally-empowered-residents'];
const OUTCOMES = [
  'outcome:data',
  'outcome:services',
  'outcome:inclusion',
  'outcome:organisational-capability',
  'outcome:value',
];
const ENABLERS = ['enabler:capabilities', 'enabler:data', 'enabler:leadership', null];
const PRINCIPLES = ['principle:inclusive', 'principle:user-centric', 'principle:ethical'];
const WINS = [
  'Launched the online form for garden waste',
  'Cleaned up the address data',
  'Ran a user research session with residents',
];
const BLOCKERS = [
  'Waiting on the supplier for an API',
  'Not enough time for training',
  'Data sharing agreement still unsigned',
];

/** A small deterministic pseudo-random sequence, so every seed gives the same demo. */
function pick<T>(list: readonly T[], n: number): T {
  return list[Math.abs(n) % list.length] as T;
}

function demoAnswers(person: number, weekIndex: number, missionIndex: number): CheckInAnswers {
  const n = person * 7 + weekIndex * 3 + missionIndex * 5;
  // The first mission drifts down over the last weeks, so "What needs attention" has a story to tell.
  const drift = missionIndex === 0 && weekIndex >= WEEKS - 3 ? -2 : 0;
  const progress = Math.min(5, Math.max(1, 3 + (n % 3) - 1 + drift)) as ProgressScore;
  return {
    progress,
    outcomes: [pick(OUTCOMES, n), pick(OUTCOMES, n + 2)].filter((id, index, all) => all.indexOf(id) === index),
    enabler: weekIndex >= WEEKS - 4 && person % 2 === 0 ? 'enabler:capabilities' : pick(ENABLERS, n),
    principles: n % 4 === 0 ? [] : [pick(PRINCIPLES, n)],
    ...(n % 3 === 0 ? { win: `[Sample data] ${pick(WINS, n)}` } : {}),
    ...(n % 5 === 0 ? { blocker: `[Sample data] ${pick(BLOCKERS, n)}` } : {}),
  };
}

/** Replaces any earlier demo data for the team with a fresh 12 weeks; returns the number of check-ins written. */
export async function seedDemo(store: FrameworkStore, now: Date, teamId: string, leadUserId?: string): Promise<number> {
  await store.deleteTeamData(teamId);
  await store.updateTeamSettings(teamId, (current) => ({
    ...current,
    missions: MISSIONS_USED,
    sampleData: true,
    leads: [leadUserId ?? 'demo-lead'],
  }));
  const weeks = windowEnding(currentWeek(now, 'Europe/London'), WEEKS);
  let written = 0;
  for (const [weekIndex, week] of weeks.entries()) {
    for (let person = 0; person < PEOPLE; person++) {
      // Not everyone answers every week (and nobody the odd week), as in a real team.
      if ((person + weekIndex) % 5 === 4) continue;
      for (const [missionIndex, mission] of MISSIONS_USED.entries()) {
        if (missionIndex === 1 && person % 3 === 2) continue;
        await submitWithRollup(store, {
          teamId,
          userId: `demo-person-${person + 1}`,
          mission,
          week,
          answers: demoAnswers(person, weekIndex, missionIndex),
          retentionDays: 730,
        });
        written += 1;
      }
    }
  }
  await rebuildRollups(store, teamId, weeks);
  await seedMaturity(store, now, teamId, leadUserId ?? 'demo-lead');
  return written;
}

const NOTES = ['Depends on the team', 'Better than last year', 'We talk about it more than we do it'];

/**
 * Two self-assessment rounds (last quarter's and this one's) by the same people, a little better
 * this round, with a few notes, two targets and an action plan; figures through the capability's
 * own reconcile. Returns the number of assessments written.
 */
export async function seedMaturity(
  store: FrameworkStore,
  now: Date,
  teamId: string,
  leadUserId: string,
): Promise<number> {
  const thisRound = quarterOf(now, 'Europe/London');
  let written = 0;
  for (const [roundIndex, round] of [previousRound(thisRound), thisRound].entries()) {
    for (let person = 0; person < PEOPLE; person++) {
      if (roundIndex === 1 && person === PEOPLE - 1) continue; // someone has not assessed yet this round
      const ratings: Record<string, ThemeRating> = {};
      for (const [themeIndex, theme] of THEMES.entries()) {
        const n = person * 5 + themeIndex * 3;
        if (n % 11 === 0) {
          ratings[theme.id] = { level: null };
          continue;
        }
        const level = Math.min(5, Math.max(1, 2 + (n % 3) + roundIndex - (themeIndex === 3 ? 1 : 0))) as MaturityLevel;
        ratings[theme.id] = n % 4 === 0 ? { level, note: `[Sample data] ${pick(NOTES, n)}` } : { level };
      }
      await store.submitAssessment({ teamId, userId: `demo-person-${person + 1}`, round, ratings });
      written += 1;
    }
    await reconcileRound(store, teamId, round);
  }
  const today = now.toISOString().slice(0, 10);
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  await store.updateTeamMaturity(teamId, (current) => ({
    ...current,
    targets: { 'enabler:data': 4, 'enabler:capabilities': 3 },
    actions: [
      {
        id: 'a-000000000000de01',
        title: '[Sample data] Agree how we share data with partners',
        theme: 'enabler:data',
        outcome: 'outcome:data',
        ownerUserId: leadUserId,
        ownerName: 'Sample owner',
        due: inDays(-7),
        status: 'open',
        createdAt: `${today}T09:00:00.000Z`,
      },
      {
        id: 'a-000000000000de02',
        title: '[Sample data] Book digital skills training for the team',
        theme: 'enabler:capabilities',
        ownerUserId: leadUserId,
        ownerName: 'Sample owner',
        due: inDays(30),
        status: 'open',
        createdAt: `${today}T09:00:00.000Z`,
      },
    ],
  }));
  return written;
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? './data';
  const store = await openLocalStore({ dataDir });
  try {
    const teamId = process.env.DEMO_TEAM_ID || PLAYGROUND_TEAM_ID;
    const lead = process.env.DEMO_LEAD_USER_ID || PLAYGROUND_USER_ID;
    const written = await seedDemo(store, new Date(), teamId, lead);
    console.log(
      `Sample data: ${written} check-ins by ${PEOPLE} people over ${WEEKS} weeks, and two self-assessment rounds, written to ${dataDir} for team ${teamId}, led by ${lead}.`,
    );
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
