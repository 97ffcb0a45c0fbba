// Forms carry the version they showed. A lead's form (the targets, an action's owner and due date)
// and a round button (close this round, open the next) act only on the state they were drawn from:
// each change is made inside the store's conditional update, so a stale form, a second lead's form
// or an old round card pressed in a later quarter changes nothing, and the lead sees it as it is now.
import type { ActionItem, TeamMaturity } from '../domain';
import type { FrameworkStore } from '../store/port';
import { actionShown, targetsShown } from './actions';
import { withActionChanged, withRoundAfterOpened, withRoundClosed, type ActionOwnerAndDue } from './plan';
import { roundState } from './rounds';

type MaturityStore = Pick<FrameworkStore, 'updateTeamMaturity'>;

/** The targets, saved only over those the form showed; otherwise the targets as they are now. */
export async function saveTargets(
  store: MaturityStore,
  teamId: string,
  shown: string,
  targets: TeamMaturity['targets'],
): Promise<{ saved: true } | { saved: false; current: TeamMaturity }> {
  const result = await store.updateTeamMaturity(teamId, (current) =>
    targetsShown(current.targets) === shown ? { ...current, targets } : current,
  );
  return targetsShown(result.value.targets) === targetsShown(targets)
    ? { saved: true }
    : { saved: false, current: result.value };
}

const openAction = (maturity: TeamMaturity, actionId: string): ActionItem | undefined =>
  maturity.actions.find((each) => each.id === actionId && each.status === 'open');

/** An open action's owner and due date, changed only from those the form showed. */
export async function changeAction(
  store: MaturityStore,
  teamId: string,
  actionId: string,
  shown: string,
  change: ActionOwnerAndDue,
): Promise<{ kind: 'saved' } | { kind: 'notOpen' } | { kind: 'changedSince'; action: ActionItem }> {
  const result = await store.updateTeamMaturity(teamId, (current) => {
    const now = openAction(current, actionId);
    return now && actionShown(now) === shown ? withActionChanged(current, actionId, change) : current;
  });
  const after = openAction(result.value, actionId);
  if (!after) return { kind: 'notOpen' };
  return actionShown(after) === actionShown(change) ? { kind: 'saved' } : { kind: 'changedSince', action: after };
}

/** Whether a round button still applies: its round is the current one, open (to close) or closed (to open the next). */
export function roundButtonApplies(
  maturity: TeamMaturity,
  press: { op: 'roundClose' | 'roundOpenNext'; round: string },
  now: Date,
  timeZone: string,
): boolean {
  const state = roundState(maturity, now, timeZone);
  return state.round === press.round && state.open === (press.op === 'roundClose');
}

/** Closes the card's round, or opens the one after it, if the button still applies when the change is made. */
export async function pressRound(
  store: MaturityStore,
  teamId: string,
  press: { op: 'roundClose' | 'roundOpenNext'; round: string },
  now: Date,
  timeZone: string,
): Promise<boolean> {
  let applied = false;
  await store.updateTeamMaturity(teamId, (current) => {
    applied = roundButtonApplies(current, press, now, timeZone);
    if (!applied) return current;
    return press.op === 'roundClose'
      ? withRoundClosed(current, press.round)
      : withRoundAfterOpened(current, press.round);
  });
  return applied;
}
