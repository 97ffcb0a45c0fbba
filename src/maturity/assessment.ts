// The self-assessment against the store: starting (or resuming) a person's assessment for a team's
// open round, and handling each press of its cards. It runs only in the person's personal chat; a
// press is checked against the stored draft before anything is written, so an old card, a
// repeated press or a forged one changes nothing.
import { resolveTeam } from '../checkins/teamDirectory';
import type { AssessmentKey, RoundId } from '../domain';
import type { TurnContextInfo, CardPlacement } from '../turns/types';
import { teamOptions } from '../turns/registration';
import { startPayload, viewPayload, type AssessmentTarget, type StepAction } from './actions';
import { savedCard, summaryCard, themeCard, type StepNotice } from './assessmentCards';
import {
  digest,
  draftJson,
  newState,
  ownerOf,
  ratingsToken,
  stateFromDraft,
  stateFromRecord,
  type AssessmentState,
} from './assessmentState';
import { evidenceLine, loadEvidence } from './evidence';
import { chooseTeamCard, teamCardOrNotice, type MaturityDeps, loadTeam, reconcileRound } from './context';
import { button, notice, type MaturityReply } from './replies';
import { roundLabel } from './rounds';
import { transition } from './steps';

/** Said in a channel or group chat: the assessment itself is only ever in the personal chat. */
export function goPrivateNotice(): MaturityReply {
  return notice(
    'Your self-assessment is private',
    'Each person’s ratings are their own, so the self-assessment happens in our personal chat, never here. Open a chat with Framework Guide and type "self-assessment"; the team’s figures appear here with "maturity", without names.',
    { audience: 'everyone' },
  );
}

async function cardFor(
  deps: MaturityDeps,
  target: AssessmentTarget,
  state: AssessmentState,
  delivery: CardPlacement,
  stepNotice: StepNotice = 'none',
): Promise<MaturityReply> {
  if (state.step === 'summary') return summaryCard(target, state, { notice: stepNotice, delivery });
  const evidence = evidenceLine(
    await loadEvidence(deps.store, target.teamId, target.round),
    state.step,
    deps.minResponses,
  );
  return themeCard(target, state, { notice: stepNotice, delivery, ...(evidence ? { evidence } : {}) });
}

async function loadState(deps: MaturityDeps, key: AssessmentKey) {
  const [draft, record] = await Promise.all([deps.store.getAssessmentDraft(key), deps.store.getAssessment(key)]);
  const fromDraft = draft ? stateFromDraft(draft) : undefined;
  if (fromDraft) return { state: fromDraft, fromDraft: true, record };
  if (record) return { state: stateFromRecord(record), fromDraft: false, record };
  return { state: newState(), fromDraft: false, record };
}

function roundClosedNotice(teamId: string, round: RoundId, delivery: CardPlacement): MaturityReply {
  return notice(
    'This round is closed',
    `The self-assessment round for ${roundLabel(round)} is closed, so nothing was changed. The next round opens with the next quarter, or earlier if a lead opens it.`,
    { delivery, audience: 'person', buttons: [button('See the team’s maturity', viewPayload('team', teamId))] },
  );
}

/**
 * "self-assessment" typed, or a button: the person's assessment for the team's open round. Started in
 * a channel or group chat, it is that conversation's team's, and its first card (for the person) goes
 * to their personal chat at once, as a check-in does; the conversation gets the short notice.
 */
export async function startAssessment(
  deps: MaturityDeps,
  context: TurnContextInfo,
  requestedTeamId: string | undefined,
  delivery: CardPlacement,
): Promise<MaturityReply> {
  const card = await assessmentCard(deps, context, requestedTeamId, delivery);
  return context.conversationKind === 'personal' ? card : { ...card, about: 'your self-assessment' };
}

async function assessmentCard(
  deps: MaturityDeps,
  context: TurnContextInfo,
  requestedTeamId: string | undefined,
  delivery: CardPlacement,
): Promise<MaturityReply> {
  const resolution = await resolveTeam(deps.teams, context, requestedTeamId, teamOptions(context));
  if (resolution.kind === 'choose')
    return chooseTeamCard(
      resolution.teams,
      'Which team are you assessing?',
      button('Continue', startPayload(), { primary: true, withInputs: true }),
      delivery,
    );
  if (resolution.kind !== 'team') return teamCardOrNotice(resolution.kind, delivery);

  const { teamId } = resolution.team;
  const { round } = await loadTeam(deps, teamId);
  if (!round.open) return roundClosedNotice(teamId, round.round, delivery);
  const target: AssessmentTarget = { teamId, round: round.round, owner: ownerOf(context.userId) };
  const { state, fromDraft } = await loadState(deps, { teamId, userId: context.userId, round: round.round });
  const stepNotice: StepNotice = fromDraft ? 'resumed' : state.origin === 'submitted' ? 'submitted' : 'none';
  return cardFor(deps, target, state, delivery, stepNotice);
}

function staleNotice(target: AssessmentTarget): MaturityReply {
  return notice(
    'This card is out of date',
    'Your self-assessment has moved on since this card was shown, so nothing was changed. Continue from where you are now.',
    {
      style: 'warning',
      audience: 'person',
      buttons: [button('Continue my self-assessment', startPayload(target.teamId), { primary: true })],
    },
  );
}

/** One press of a theme or summary card. */
export async function handleStep(
  deps: MaturityDeps,
  context: TurnContextInfo,
  action: StepAction,
  data: Record<string, unknown>,
): Promise<MaturityReply> {
  // A card from the personal chat, shown somewhere shared (forwarded) or pressed by someone else, changes nothing.
  if (context.conversationKind !== 'personal') return goPrivateNotice();
  if (action.owner !== ownerOf(context.userId))
    return notice(
      'That self-assessment card is someone else’s',
      'Nothing was changed. Type "self-assessment" to start your own.',
      {
        audience: 'person',
      },
    );
  const resolution = await resolveTeam(deps.teams, context, action.teamId, undefined);
  if (resolution.kind !== 'team') return teamCardOrNotice('notMember', 'new');

  const target: AssessmentTarget = { teamId: action.teamId, round: action.round, owner: action.owner };
  const { round } = await loadTeam(deps, target.teamId);
  if (action.round !== round.round || !round.open) return roundClosedNotice(target.teamId, action.round, 'update');

  const key: AssessmentKey = { teamId: target.teamId, userId: context.userId, round: target.round };
  const { state, fromDraft, record } = await loadState(deps, key);

  // Submit again after it is stored (a double press, Teams retrying, or again after "couldn't save"):
  // one assessment is kept and the round's figures are brought in line, which also finishes the
  // job if the first attempt stopped between storing the ratings and the roll-up.
  if (action.op === 'submit' && !fromDraft && record && action.token === ratingsToken(record.ratings)) {
    await reconcileRound(deps.store, target.teamId, target.round);
    return savedCard(target, 'update');
  }

  const press = digest({ ...action, level: data.level ?? null, note: data.note ?? null });
  if (action.rev !== state.rev) {
    if (fromDraft && action.rev === state.rev - 1 && state.lastAction === press)
      return cardFor(deps, target, state, 'update');
    return staleNotice(target);
  }
  if (action.step !== state.step) return staleNotice(target);

  const result = transition(state, action, data);
  switch (result.kind) {
    case 'invalid':
      return notice('That rating couldn’t be saved', `${result.problem} Nothing was changed.`, {
        style: 'warning',
        audience: 'person',
      });
    case 'stale':
      return staleNotice(target);
    case 'move': {
      const next: AssessmentState = { ...result.state, rev: state.rev + 1, lastAction: press, origin: 'draft' };
      await deps.store.saveAssessmentDraft({ ...key, draft: draftJson(next) });
      return cardFor(deps, target, next, 'update');
    }
    case 'submit': {
      await deps.store.submitAssessment({ ...key, ratings: result.ratings });
      await reconcileRound(deps.store, target.teamId, target.round);
      return savedCard(target, 'update');
    }
  }
}
