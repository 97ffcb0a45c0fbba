// Rebuilding roll-ups from the raw answers: for a store restored from backup, a roll-up bug fixed,
// or a check that the incremental roll-ups (written as people submit) still match the answers.
// It uses the check-ins capability's own reconcile, so "rebuilt" and "incremental" are the same
// computation and can only differ if something went wrong.
import { reconcileRollup } from '../checkins/rollupContribution';
import { MISSIONS, type IsoWeek, type WeeklyRollup } from '../domain';
import { type FrameworkStore } from '../store/port';

export interface RebuildResult {
  /** Roll-ups written (one per mission and week that has answers or had a non-empty roll-up). */
  rebuilt: number;
  /** Of those, how many disagreed with the answers before (a write lost, or a bug). */
  corrected: number;
}

export async function rebuildRollups(
  store: Pick<FrameworkStore, 'listTeamCheckIns' | 'getRollup' | 'applyToRollup'>,
  teamId: string,
  weeks: readonly IsoWeek[],
): Promise<RebuildResult> {
  let rebuilt = 0;
  let corrected = 0;
  for (const week of weeks) {
    const answered = new Set((await store.listTeamCheckIns(teamId, week)).map((record) => record.mission));
    for (const mission of MISSIONS) {
      // A mission nobody answered gets no roll-up, as incremental writing would leave it, unless a
      // stale one exists: then it is brought back to the (empty) answers.
      const before = (await store.getRollup(teamId, mission, week))?.value;
      const needed = answered.has(mission) || (before?.responses ?? 0) !== 0;
      if (!needed) continue;
      const after = await reconcileRollup(store, teamId, mission, week);
      rebuilt += 1;
      if (!before || !sameRollup(before, after)) corrected += 1;
    }
  }
  return { rebuilt, corrected };
}

/** Same counts, whatever the order the keys were written in. */
function sameRollup(a: WeeklyRollup, b: WeeklyRollup): boolean {
  const canonical = (rollup: WeeklyRollup) =>
    JSON.stringify([
      rollup.responses,
      rollup.progressSum,
      rollup.progressHistogram,
      ...[rollup.outcomes, rollup.enablers, rollup.principles].map((counts) => Object.entries(counts).sort()),
    ]);
  return canonical(a) === canonical(b);
}
