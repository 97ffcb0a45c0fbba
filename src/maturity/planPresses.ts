// The lead view's buttons (targets, the action plan, closing or opening a round), each to a small
// named handler. A press acts on the team membership bound it to (its scope, src/membership), never
// on a team its data names; the data only says which change, and it was parsed before it gets here.
import { resolveTeam } from '../checkins/teamDirectory';
import type { TeamMaturity, TeamSettings } from '../domain';
import { roleOf, seesLeadViews, type AccessRules } from '../membership/roles';
import type { FrameworkStore } from '../store/port';
import type { CardPlacement, TurnContextInfo } from '../turns/types';
import type { PlanAction } from './actions';
import { loadTeam, teamCardOrNotice, type MaturityDeps } from './context';
import {
  actionCard,
  actionEditCard,
  parseAction,
  parseOwnerAndDue,
  parseTargets,
  targetsCard,
  withAction,
  withActionDone,
} from './plan';
import { notice, type MaturityReply } from './replies';
import { localDate } from './rounds';
import { changeAction, pressRound, saveTargets } from './versionedChanges';

const ROUND_MOVED_ON = 'That round has already moved on; nothing was changed.';

export interface PlanDeps {
  env: MaturityDeps;
  rules: AccessRules;
  /** The team's card after a change, with `change` said on it. */
  teamCards(
    context: TurnContextInfo,
    teamId: string,
    options: { teamName?: string },
    delivery: CardPlacement,
    change?: string,
  ): Promise<MaturityReply[]>;
}

type Replies = MaturityReply | MaturityReply[];

/** One press on the lead view, once the presser is known to lead the team. */
interface PlanPress {
  deps: PlanDeps;
  context: TurnContextInfo;
  teamId: string;
  teamOptions: { teamName?: string };
  settings: TeamSettings;
  maturity: TeamMaturity;
  /** The button's data with the form's inputs merged in (targets, owner, due, title …). */
  data: Record<string, unknown>;
}

type PlanHandler<Op extends PlanAction['op']> = (
  press: PlanPress,
  action: PlanAction & { op: Op },
) => Promise<Replies> | Replies;

const today = ({ deps, settings }: PlanPress) => localDate(deps.env.now(), settings.schedule.timeZone);

function refused(problem: string): MaturityReply {
  return notice('That couldn’t be saved', `${problem} Nothing was changed.`, { style: 'warning', audience: 'leads' });
}

function changedSince(): MaturityReply {
  return notice(
    'This changed since you opened it',
    'Another lead saved a change first, so nothing was saved. The form shows it as it is now.',
    { style: 'warning', audience: 'leads' },
  );
}

function noRoster(): MaturityReply {
  return notice(
    'Actions need the team’s members',
    'The app cannot read the team’s members here, so no owner can be chosen.',
  );
}

/** The team's card after a change (or a refused one), in place of the pressed card. */
function updated({ deps, context, teamId, teamOptions }: PlanPress, change: string): Promise<MaturityReply[]> {
  return deps.teamCards(context, teamId, teamOptions, 'update', change);
}

/** Done (or gone) since its card was drawn: the lead sees the plan as it is now. */
const notOpen = (press: PlanPress) => updated(press, 'That action is no longer open; nothing was changed.');

const openAction = ({ maturity }: PlanPress, actionId: string) =>
  maturity.actions.find((each) => each.id === actionId && each.status === 'open');

async function save(
  press: PlanPress,
  change: Parameters<FrameworkStore['updateTeamMaturity']>[1],
  done: string,
): Promise<MaturityReply[]> {
  await press.deps.env.store.updateTeamMaturity(press.teamId, change);
  return updated(press, done);
}

const rosterOf = async ({ deps, teamId }: PlanPress) => (deps.env.members ? deps.env.members.listMembers(teamId) : []);

const targetsOpen: PlanHandler<'targetsOpen' | 'actionOpen'> = ({ teamId, maturity }) =>
  targetsCard(teamId, maturity, 'update');

const targetsSave: PlanHandler<'targetsSave'> = async (press, action) => {
  const parsed = parseTargets(press.data);
  if (!parsed.ok) return refused(parsed.problem);
  const result = await saveTargets(press.deps.env.store, press.teamId, action.shown, parsed.targets);
  if (!result.saved) return [targetsCard(press.teamId, result.current, 'update'), changedSince()];
  return updated(press, 'Targets saved.');
};

const actionOpen: PlanHandler<'targetsOpen' | 'actionOpen'> = async (press) => {
  const { members } = press.deps.env;
  if (!members) return noRoster();
  return actionCard(press.teamId, await members.listMembers(press.teamId), today(press), 'update');
};

const actionEdit: PlanHandler<'actionSave' | 'actionDone' | 'actionEdit'> = async (press, action) => {
  const open = openAction(press, action.actionId);
  if (!open) return notOpen(press);
  const { members } = press.deps.env;
  if (!members) return noRoster();
  return actionEditCard(press.teamId, open, await members.listMembers(press.teamId), 'update');
};

const actionChange: PlanHandler<'actionChange'> = async (press, action) => {
  if (!openAction(press, action.actionId)) return notOpen(press);
  const roster = await rosterOf(press);
  const parsed = parseOwnerAndDue(press.data, roster, today(press));
  if (!parsed.ok) return refused(parsed.problem);
  const result = await changeAction(press.deps.env.store, press.teamId, action.actionId, action.shown, parsed.change);
  if (result.kind === 'notOpen') return notOpen(press);
  if (result.kind === 'changedSince')
    return [actionEditCard(press.teamId, result.action, roster, 'update'), changedSince()];
  return updated(press, `Action changed: due ${parsed.change.due}.`);
};

const actionSave: PlanHandler<'actionSave' | 'actionDone' | 'actionEdit'> = async (press, action) => {
  const parsed = parseAction(action.actionId, press.data, await rosterOf(press), press.deps.env.now(), today(press));
  if (!parsed.ok) return refused(parsed.problem);
  return save(press, (current) => withAction(current, parsed.action), `Action added: due ${parsed.action.due}.`);
};

const actionDone: PlanHandler<'actionSave' | 'actionDone' | 'actionEdit'> = (press, action) =>
  save(press, (current) => withActionDone(current, action.actionId), 'Action marked done.');

/** Closing the round, or opening the next: only while the round the card names is still as the button expects. */
const roundPress: PlanHandler<'roundClose' | 'roundOpenNext'> = async (press, action) => {
  const { env } = press.deps;
  const applied = await pressRound(env.store, press.teamId, action, env.now(), press.settings.schedule.timeZone);
  if (!applied) return updated(press, ROUND_MOVED_ON);
  return updated(
    press,
    action.op === 'roundClose' ? 'Round closed: no more changes to it.' : 'The next round is open.',
  );
};

const PLAN_PRESSES: { [Op in PlanAction['op']]: PlanHandler<Op> } = {
  targetsOpen,
  targetsSave,
  actionOpen,
  actionEdit,
  actionChange,
  actionSave,
  actionDone,
  roundClose: roundPress,
  roundOpenNext: roundPress,
};

/** A lead view button, on `teamId` (the press's scope): for the team's leads, in their personal chat. */
export async function pressPlan(
  deps: PlanDeps,
  context: TurnContextInfo,
  teamId: string,
  action: PlanAction,
  data: Record<string, unknown>,
): Promise<Replies> {
  // The lead view and its changes live in the lead's personal chat only; a press anywhere else changes nothing.
  if (context.conversationKind !== 'personal')
    return notice(
      'Leads change the plan in their personal chat',
      'Nothing was changed. Type "maturity" in our personal chat.',
    );
  const resolution = await resolveTeam(deps.env.teams, context, teamId, undefined);
  if (resolution.kind !== 'team') return teamCardOrNotice('notMember', 'new');
  const teamOptions = resolution.team.name ? { teamName: resolution.team.name } : {};
  const { settings, maturity } = await loadTeam(deps.env, teamId);
  if (!seesLeadViews(await roleOf(deps.rules, context, settings)))
    return notice('Only the team’s leads can change this', 'Nothing was changed. Ask one of the team’s leads.', {
      audience: 'person',
    });
  const press: PlanPress = { deps, context, teamId, teamOptions, settings, maturity, data };
  const handler = PLAN_PRESSES[action.op] as PlanHandler<PlanAction['op']>;
  return handler(press, action);
}
