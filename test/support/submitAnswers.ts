// A person's answers saved the way the product saves them: with the week's roll-up, in one write
// (the port has no answers-only save; tests build state through the product's own calls).
import { rollupOf } from '../../src/checkins/rollupContribution';
import type { CheckInRecord } from '../../src/domain';
import type { CheckInSubmission, FrameworkStore } from '../../src/store/port';

export async function submitAnswers(
  store: Pick<FrameworkStore, 'submitCheckInWithRollup'>,
  submission: CheckInSubmission,
): Promise<CheckInRecord> {
  const { teamId, mission, week } = submission;
  const saved = await store.submitCheckInWithRollup(submission, (answers) => rollupOf(teamId, mission, week, answers));
  return saved.checkIn;
}
