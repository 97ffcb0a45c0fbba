// The guided check-in against the store: opening (or resuming) a person's check-in for a mission,
// and handling each press of its cards. Every press is checked against the stored draft before
// anything is written, so an old card, a repeated press or a forged one changes nothing.
import type { CheckInAnswers, CheckInKey, Mission, TeamSettings } from '../domain';
import type { TurnContextInfo, CardPlacement } from '../turns/types';
import type { CheckinTarget } from './actionPayloads';
import { questionCard, savedCard, summaryCard, type StepNotice } from './checkinCards';
import { announceCheckIn, settingsFor, type CheckinDeps } from './context';
import {
  answersToken,
  digest,
  draftJson,
  newState,
  ownerOf,
  stateFromDraft,
  stateFromRecord,
  type CheckinState,
} from './draftState';
import {
  invalidAnswerCard,
  notYourTeamCard,
  outOfOrderCard,
  someoneElsesCard,
  staleCard,
  unreadableCard,
  weekEndedCard,
} from './noticeCards';
import type { CheckinReply } from './replies';
import { reconcileRollup, submitWithRollup } from './rollupContribution';
import { pressIdentity, transition } from './stepTransition';
import { resolveTeam, type CheckinTurnOptions } from './teamDirectory';
import type { StepAction } from './validation';
import { currentWeek } from '../calendar/weeks';

function cardFor(
  target: CheckinTarget,
  state: CheckinState,
  focusOutcomes: readonly string[],
  delivery: CardPlacement,
  notice: StepNotice = 'none',
): CheckinReply {
  return state.step === 'summary'
    ? summaryCard(target, state, { notice, delivery })
    : questionCard(state.step, target, state, focusOutcomes, { notice, delivery });
}

interface Loaded {
  state: CheckinState;
  /** True when the state is a draft this code wrote (not a submitted answer, nor nothing). */
  fromDraft: boolean;
  /** This week's stored answer, if there is one. */
  recordAnswers?: CheckInAnswers;
}

async function loadState(deps: CheckinDeps, key: CheckInKey): Promise<Loaded> {
  const [draft, record] = await Promise.all([deps.store.getDraft(key), deps.store.getCheckIn(key)]);
  const fromDraft = draft ? stateFromDraft(draft) : undefined;
  if (fromDraft) return { state: fromDraft, fromDraft: true, ...(record ? { recordAnswers: record.answers } : {}) };
  if (record) return { state: stateFromRecord(record), fromDraft: false, recordAnswers: record.answers };
  return { state: newState(), fromDraft: false };
}

/** Shows the person's check-in for `mission` this week: resumed, reopened for changes, or new. */
export async function openCheckin(
  deps: CheckinDeps,
  userId: string,
  settings: TeamSettings,
  mission: Mission,
  delivery: CardPlacement,
): Promise<CheckinReply> {
  const teamId = settings.teamId;
  const target: CheckinTarget = {
    teamId,
    mission,
    week: currentWeek(deps.now(), settings.schedule.timeZone),
    owner: ownerOf(userId),
  };
  const { state, fromDraft } = await loadState(deps, { ...target, userId });
  const notice: StepNotice = fromDraft ? 'resumed' : state.origin === 'submitted' ? 'submitted' : 'none';
  return cardFor(target, state, settings.focusOutcomes, delivery, notice);
}

/** One press of a question, summary or "saved" card. */
export async function handleStep(
  deps: CheckinDeps,
  context: TurnContextInfo,
  action: StepAction,
  data: Record<string, unknown>,
  options: CheckinTurnOptions | undefined,
): Promise<CheckinReply> {
  // In a channel everyone sees the card; a colleague pressing it must not move this person's check-in.
  if (action.owner !== ownerOf(context.userId)) return someoneElsesCard(action.teamId, action.mission);
  const resolution = await resolveTeam(deps.teams, context, action.teamId, options);
  if (resolution.kind !== 'team') return notYourTeamCard();

  const target: CheckinTarget = {
    teamId: action.teamId,
    mission: action.mission,
    week: action.week,
    owner: action.owner,
  };
  const settings = await settingsFor(deps.store, target.teamId);
  const thisWeek = currentWeek(deps.now(), settings.schedule.timeZone);
  if (target.week < thisWeek) return weekEndedCard(target);
  // A week that has not started yet never came from one of our cards.
  if (target.week > thisWeek) return unreadableCard();

  const key: CheckInKey = { ...target, userId: context.userId };
  const { state, fromDraft, recordAnswers } = await loadState(deps, key);

  // "Submit" again after the answer is stored (a double press, Teams retrying, or pressing again
  // after "couldn't save"): one answer is kept, and the roll-up is brought in line, which also
  // finishes the job if the first attempt stopped between storing the answer and the roll-up.
  if (action.op === 'submit' && !fromDraft && recordAnswers && action.token === answersToken(recordAnswers)) {
    await reconcileRollup(deps.store, target.teamId, target.mission, target.week);
    // Also here, in case the first attempt stopped before telling: a count that has not changed costs nothing.
    announceCheckIn(deps, target.teamId, target.week);
    return savedCard(target, recordAnswers, 'update');
  }

  const press = digest(pressIdentity(action, data));
  if (action.rev !== state.rev) {
    // The press that made the current state, arriving again: show the result again, change nothing.
    if (fromDraft && action.rev === state.rev - 1 && state.lastAction === press)
      return cardFor(target, state, settings.focusOutcomes, 'update');
    return staleCard(target);
  }
  if (action.step !== state.step) return outOfOrderCard(target);

  const result = transition(state, action, data);
  switch (result.kind) {
    case 'invalid':
      return invalidAnswerCard(result.problem);
    case 'outOfOrder':
      return outOfOrderCard(target);
    case 'stale':
      return staleCard(target);
    case 'move': {
      const next: CheckinState = { ...result.state, rev: state.rev + 1, lastAction: press, origin: 'draft' };
      // One write: the draft is the whole of the person's progress, so it is saved or it is not.
      await deps.store.saveDraft({ ...key, draft: draftJson(next) });
      return cardFor(target, next, settings.focusOutcomes, 'update');
    }
    case 'submit': {
      // The answer (replacing any earlier one for the week) and the roll-up rebuilt from the stored
      // answers, in one atomic write: it never counts one twice, and a crash leaves both or neither.
      await submitWithRollup(deps.store, { ...key, answers: result.answers, retentionDays: settings.retentionDays });
      announceCheckIn(deps, target.teamId, target.week);
      return savedCard(target, result.answers, 'update');
    }
  }
}
