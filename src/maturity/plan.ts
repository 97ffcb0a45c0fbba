// What leads change: the target level per theme, the action plan (add an action, change its owner
// or due date, mark it done) and the round (close it, or open the next one early). Every change is
// a read-modify-write of the team's one maturity record, and each says what the press means rather
// than toggling, so a stale card or a double press does what it says once.
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { cleanText, cutText } from '../cards/plainText';
import { renderCard } from '../cards/render';
import { OUTCOME_IDS } from '../checkins/validation';
import { topicById } from '../knowledge/framework';
import type { TeamMember } from '../membership/roles';
import type { ActionItem, MaturityLevel, TeamMaturity } from '../domain';
import { actionShown, planPayload, targetsShown, viewPayload } from './actions';
import { button, reply, type CardButton, type MaturityReply } from './replies';
import { nextRound, quarterOf } from './rounds';
import { ATTRIBUTION, THEME_IDS, THEMES, levelLabel, themeById } from './themes';
import type { CardPlacement } from '../turns/types';

export const TITLE_LIMIT = 200;
/** The choice for "no target" (a choice's value may not be empty). */
const NO_TARGET = 'none';

export function targetsCard(teamId: string, maturity: TeamMaturity, delivery: CardPlacement): MaturityReply {
  const themes = THEMES.map((theme, index) => ({
    inputId: `target_${index}`,
    name: theme.name,
    selected: maturity.targets[theme.id] ? String(maturity.targets[theme.id]) : NO_TARGET,
    choices: [
      { title: 'No target', value: NO_TARGET },
      ...theme.levels.map((each) => ({ title: levelLabel(theme, each.level), value: String(each.level) })),
    ],
  }));
  const card = renderCard('maturityTargets', {
    title: 'Target levels',
    intro: 'The level the team aims for in each theme. The maturity card shows each target beside the team’s median.',
    themes,
    attribution: ATTRIBUTION,
    buttons: [
      button('Save targets', planPayload('targetsSave', teamId, { shown: targetsShown(maturity.targets) }), {
        primary: true,
        withInputs: true,
      }),
      button('Cancel', viewPayload('team', teamId)),
    ],
  });
  return reply(card, 'Target levels for the team', delivery, 'leads');
}

/** The targets from the card's inputs, or the reason they cannot be used. */
export function parseTargets(
  data: Record<string, unknown>,
): { ok: true; targets: Record<string, MaturityLevel> } | { ok: false; problem: string } {
  const targets: Record<string, MaturityLevel> = {};
  for (const [index, id] of THEME_IDS.entries()) {
    const raw = data[`target_${index}`];
    if (raw === undefined || raw === null || raw === '' || raw === NO_TARGET) continue;
    const value = typeof raw === 'string' ? Number(raw) : raw;
    if (value !== 1 && value !== 2 && value !== 3 && value !== 4 && value !== 5)
      return { ok: false, problem: 'A target must be a level from 1 to 5, or none.' };
    targets[id] = value;
  }
  return { ok: true, targets };
}

/** A new action's id, made when the form is drawn: saving the same form twice adds it once. */
export function newActionId(): string {
  return `a-${randomBytes(8).toString('hex')}`;
}

export function actionCard(
  teamId: string,
  members: readonly TeamMember[],
  today: string,
  delivery: CardPlacement,
): MaturityReply {
  return actionForm(teamId, members, delivery, {
    title: 'Add an action',
    intro: 'An action the team will take to improve a theme, with an owner from the team and a due date.',
    due: today,
    save: button('Save action', planPayload('actionSave', teamId, { actionId: newActionId() }), {
      primary: true,
      withInputs: true,
    }),
    summary: 'Add an action to the team’s plan',
  });
}

/**
 * The same form for an action already on the plan: only its owner (the current one chosen, none if
 * they deleted their data or left the roster) and its due date, prefilled. Its title is shown as typed.
 */
export function actionEditCard(
  teamId: string,
  action: ActionItem,
  members: readonly TeamMember[],
  delivery: CardPlacement,
): MaturityReply {
  return actionForm(teamId, members, delivery, {
    title: 'Change an action',
    intro: 'Choose who owns this action and when it is due. Its title and theme stay as they are.',
    editing: {
      actionTitle: action.title,
      owner: members.some((member) => member.userId === action.ownerUserId) ? (action.ownerUserId as string) : '',
    },
    due: action.due,
    save: button(
      'Save changes',
      planPayload('actionChange', teamId, { actionId: action.id, shown: actionShown(action) }),
      {
        primary: true,
        withInputs: true,
      },
    ),
    summary: 'Change an action’s owner or due date',
  });
}

function actionForm(
  teamId: string,
  members: readonly TeamMember[],
  delivery: CardPlacement,
  form: {
    title: string;
    intro: string;
    editing?: { actionTitle: string; owner: string };
    due: string;
    save: CardButton;
    summary: string;
  },
): MaturityReply {
  const card = renderCard('maturityAction', {
    title: form.title,
    intro: form.intro,
    adding: !form.editing,
    editing: Boolean(form.editing),
    actionTitle: form.editing?.actionTitle ?? '',
    titleLimit: TITLE_LIMIT,
    selectedTheme: '',
    themes: THEMES.map((theme) => ({ title: theme.name, value: theme.id })),
    outcomes: OUTCOME_IDS.map((id) => ({ title: topicById(id)?.name ?? id, value: id })),
    selectedOwner: form.editing?.owner ?? '',
    members: members.map((member) => ({ title: member.name, value: member.userId })),
    due: form.due,
    buttons: [form.save, button('Cancel', viewPayload('team', teamId))],
  });
  return reply(card, form.summary, delivery, 'leads');
}

/** What changing an action sets: an owner from the roster and a due date. */
export type ActionOwnerAndDue = Required<Pick<ActionItem, 'ownerUserId' | 'ownerName' | 'due'>>;

/** The owner (from the roster) and due date from a card's inputs, as the add and change forms both send them. */
export function parseOwnerAndDue(
  data: Record<string, unknown>,
  members: readonly TeamMember[],
  /** The team's today ("yyyy-MM-dd"): a due date before it would be overdue the moment it is saved. */
  today?: string,
): { ok: true; change: ActionOwnerAndDue } | { ok: false; problem: string } {
  const owner = members.find((member) => member.userId === data.owner);
  if (!owner) return { ok: false, problem: 'Choose an owner from the team’s members.' };
  const due = typeof data.due === 'string' ? DateTime.fromISO(data.due, { zone: 'UTC' }) : undefined;
  if (!due?.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(String(data.due)))
    return { ok: false, problem: 'Choose a due date.' };
  if (today !== undefined && String(data.due) < today)
    return { ok: false, problem: 'The due date has passed: choose today or a later date.' };
  return {
    ok: true,
    change: {
      ownerUserId: owner.userId,
      ownerName: cutText(cleanText(owner.name), 200) || 'Team member',
      due: String(data.due),
    },
  };
}

/** The action from the card's inputs (owner checked against the roster), or the reason it cannot be saved. */
export function parseAction(
  id: string,
  data: Record<string, unknown>,
  members: readonly TeamMember[],
  now: Date,
  today?: string,
): { ok: true; action: ActionItem } | { ok: false; problem: string } {
  // Kept as text only: control, bidi and zero-width characters go (cards/plainText).
  const title = typeof data.title === 'string' ? cleanText(data.title) : '';
  if (title === '') return { ok: false, problem: 'Say what is to be done.' };
  if (title.length > TITLE_LIMIT)
    return { ok: false, problem: `The action is ${title.length} characters; the most it can be is ${TITLE_LIMIT}.` };
  const theme = typeof data.theme === 'string' && themeById(data.theme) ? data.theme : undefined;
  if (!theme) return { ok: false, problem: 'Choose the theme the action serves.' };
  const outcome = data.outcome === undefined || data.outcome === '' ? undefined : data.outcome;
  if (outcome !== undefined && (typeof outcome !== 'string' || !OUTCOME_IDS.includes(outcome)))
    return { ok: false, problem: 'The card sent an outcome the framework does not have.' };
  const ownerAndDue = parseOwnerAndDue(data, members, today);
  if (!ownerAndDue.ok) return ownerAndDue;
  return {
    ok: true,
    action: {
      id,
      title,
      theme,
      ...(outcome ? { outcome } : {}),
      ...ownerAndDue.change,
      status: 'open',
      createdAt: now.toISOString(),
    },
  };
}

/** Adds the action unless it is already there (the same form saved twice). */
export function withAction(maturity: TeamMaturity, action: ActionItem): TeamMaturity {
  if (maturity.actions.some((each) => each.id === action.id)) return maturity;
  return { ...maturity, actions: [...maturity.actions, action] };
}

export function withActionDone(maturity: TeamMaturity, actionId: string): TeamMaturity {
  return {
    ...maturity,
    actions: maturity.actions.map((action) => (action.id === actionId ? { ...action, status: 'done' } : action)),
  };
}

/**
 * Gives an open action its new owner and due date. Setting, not toggling: the same save twice, or
 * a retry, leaves it as the first left it; an action done (or gone) since the form was drawn is left alone.
 */
export function withActionChanged(maturity: TeamMaturity, actionId: string, change: ActionOwnerAndDue): TeamMaturity {
  return {
    ...maturity,
    actions: maturity.actions.map((action) =>
      action.id === actionId && action.status === 'open' ? { ...action, ...change } : action,
    ),
  };
}

/** Closes `round` (only the one open now; an older card's press changes nothing). */
export function withRoundClosed(maturity: TeamMaturity, round: string): TeamMaturity {
  if (maturity.closedRounds.includes(round)) return maturity;
  return { ...maturity, closedRounds: [...maturity.closedRounds, round].sort() };
}

/** Opens the quarter after this one now; this quarter's round closes. Only from the current quarter. */
export function withNextRoundOpened(maturity: TeamMaturity, now: Date, timeZone: string): TeamMaturity {
  return withRoundAfterOpened(maturity, quarterOf(now, timeZone));
}

/** Opens the round after `round` now; `round` closes. The round comes from the card that was pressed. */
export function withRoundAfterOpened(maturity: TeamMaturity, round: string): TeamMaturity {
  const next = nextRound(round);
  if (maturity.openedEarly === next) return maturity;
  return { ...withRoundClosed(maturity, round), openedEarly: next };
}
