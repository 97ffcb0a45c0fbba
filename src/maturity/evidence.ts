// Evidence from the weekly check-ins behind each theme: how often the round's check-ins named an
// enabler as the one holding the work back, and how often the work was checked against a
// principle. Read from the weekly roll-ups of the round's weeks (one read, whatever the history).
import type { FrameworkStore } from '../store/port';
import type { RoundId } from '../domain';
import { roundWeeks } from './rounds';
import { themeById } from './themes';

export interface RoundEvidence {
  checkIns: number;
  /** Per theme id, how many check-ins named it. */
  counts: Record<string, number>;
}

export async function loadEvidence(store: FrameworkStore, teamId: string, round: RoundId): Promise<RoundEvidence> {
  const rollups = await store.listRollups(teamId, roundWeeks(round));
  const counts: Record<string, number> = {};
  let checkIns = 0;
  for (const rollup of rollups) {
    checkIns += rollup.responses;
    for (const [id, count] of [...Object.entries(rollup.enablers), ...Object.entries(rollup.principles)])
      counts[id] = (counts[id] ?? 0) + count;
  }
  return { checkIns, counts };
}

/** One line for a theme, or undefined when there is nothing to say; no count from fewer than `minResponses` check-ins. */
export function evidenceLine(evidence: RoundEvidence, themeId: string, minResponses: number): string | undefined {
  if (evidence.checkIns === 0) return undefined;
  if (evidence.checkIns < minResponses)
    return `Check-ins this quarter: fewer than ${minResponses} so far, so no count is shown.`;
  const count = evidence.counts[themeId] ?? 0;
  const of = `${count} of ${evidence.checkIns} check-ins this quarter`;
  return themeById(themeId)?.kind === 'enabler'
    ? `Named as holding the work back in ${of}.`
    : `The work was checked against it in ${of}.`;
}
