// What one answer adds to its team's weekly roll-up, and how the roll-up is kept equal to the
// answers behind it.
//
// Why the mutator rebuilds from the week's answers rather than adding a delta: a delta ("take the
// previous answer off, put the new one on") is only right if it is applied exactly once, and the
// store cannot promise that. After a StoreUnavailableError from applyToRollup the change may or may
// not have landed (the port says so), and two presses of "submit" handled at the same moment both
// see the same previous answer. Rebuilding inside the mutator removes the previous contribution
// of a re-submitted answer and adds the new one in one step, and applying it twice changes
// nothing, so a retry is always safe. The answers are read inside the mutator: when another
// writer's roll-up update lands between our read and our write, the store runs the mutator again
// and it reads the answers again, so the last roll-up written always counts every stored answer.
import { emptyRollup } from '../store/defaults';
import type { CheckInAnswers, IsoWeek, Mission, WeeklyRollup } from '../domain';
import type { CheckInSubmission, FrameworkStore } from '../store/port';

type Counts = Record<string, number>;

function bump(counts: Counts, key: string, by: number): void {
  const next = (counts[key] ?? 0) + by;
  // Zero counts are dropped so a roll-up reads the same whichever way it was reached.
  if (next === 0) delete counts[key];
  else counts[key] = next;
}

/** Adds (sign 1) or removes (sign -1) one answer's contribution, in place. */
export function applyContribution(rollup: WeeklyRollup, answers: CheckInAnswers, sign: 1 | -1): WeeklyRollup {
  rollup.responses += sign;
  rollup.progressSum += sign * answers.progress;
  rollup.progressHistogram[answers.progress - 1] = (rollup.progressHistogram[answers.progress - 1] ?? 0) + sign;
  for (const outcome of new Set(answers.outcomes)) bump(rollup.outcomes, outcome, sign);
  if (answers.enabler !== null) bump(rollup.enablers, answers.enabler, sign);
  for (const principle of new Set(answers.principles)) bump(rollup.principles, principle, sign);
  return rollup;
}

/** The roll-up of a set of answers, built from scratch. */
export function rollupOf(
  teamId: string,
  mission: Mission,
  week: IsoWeek,
  answers: readonly CheckInAnswers[],
): WeeklyRollup {
  const rollup = emptyRollup(teamId, mission, week);
  for (const each of answers) applyContribution(rollup, each, 1);
  return rollup;
}

/**
 * Brings the week's roll-up in line with the stored answers (including one just submitted or
 * changed). Idempotent: safe to call again after any failure, and after a duplicate submit.
 */
export async function reconcileRollup(
  store: Pick<FrameworkStore, 'applyToRollup' | 'listTeamCheckIns'>,
  teamId: string,
  mission: Mission,
  week: IsoWeek,
): Promise<WeeklyRollup> {
  const result = await store.applyToRollup(teamId, mission, week, async () => {
    const records = await store.listTeamCheckIns(teamId, week, mission);
    return rollupOf(
      teamId,
      mission,
      week,
      records.map((record) => record.answers),
    );
  });
  return result.value;
}

/**
 * Saves a person's answers and the week's roll-up in one atomic write, the roll-up built from every
 * stored answer (this one included), so a crash can never leave one without the other.
 */
export async function submitWithRollup(
  store: Pick<FrameworkStore, 'submitCheckInWithRollup'>,
  submission: CheckInSubmission,
): Promise<WeeklyRollup> {
  const { teamId, mission, week } = submission;
  const saved = await store.submitCheckInWithRollup(submission, (answers) => rollupOf(teamId, mission, week, answers));
  return saved.rollup.value;
}
