// The progress and lead roster cards' buttons, each to a small named handler. A press acts on the team
// membership bound it to (its scope, src/membership), never on a team its data names: the data only
// says which view or which change, and it is parsed here before anything acts on it.
import type { Mission } from '../domain';
import { progressActionSchema, type ProgressAction } from '../cards/progressPayloads';
import { noticeReply } from '../turns/guideCards';
import type { CardMessageReply, CardPlacement, TeamScope, TurnContextInfo } from '../turns/types';
import { roleOf, seesLeadViews, type AccessRules, type TeamMembers } from '../membership/roles';
import { addLead, openRoster, removeLead, setWeeklySummary } from './leadRoster';
import { loadSettings, type ProgressStore } from './teamWindow';
import type { ViewOptions } from './views';

/** The views a progress button opens, for one team; `delivery` says whether the card replaces the pressed one. */
export interface ProgressViews {
  overview(context: TurnContextInfo, teamId: string, options: ViewOptions, delivery: CardPlacement): Promise<Replies>;
  attention(context: TurnContextInfo, teamId: string, options: ViewOptions, delivery: CardPlacement): Promise<Replies>;
  summary(context: TurnContextInfo, teamId: string, options: ViewOptions, delivery: CardPlacement): Promise<Replies>;
  mission(
    context: TurnContextInfo,
    teamId: string,
    mission: Mission,
    options: ViewOptions,
    delivery: CardPlacement,
  ): Promise<Replies>;
  outcome(
    context: TurnContextInfo,
    teamId: string,
    outcomeId: string,
    options: ViewOptions,
    delivery: CardPlacement,
  ): Promise<Replies>;
  /** "progress" for a chosen team: the overview for its leads, the summary for its members. */
  team(context: TurnContextInfo, teamId: string, options: ViewOptions): Promise<Replies>;
}

type Replies = CardMessageReply[];
type ViewAction = Extract<ProgressAction, { action: 'progress' }>;
type LeadsAction = Extract<ProgressAction, { action: 'progressLeads' }>;

/** What a lead roster button asks for, without the team (which is the scope's). */
export type LeadsRequest = Partial<Pick<LeadsAction, 'userId' | 'leadUserId' | 'on'>> & { op: LeadsAction['op'] };

/** One press: who pressed, the team it was bound to, and how the views are drawn. */
interface Press {
  context: TurnContextInfo;
  teamId: string;
  options: ViewOptions;
}

const unreadableCard = (): CardMessageReply =>
  noticeReply(
    'That card could not be read',
    'It may be from an older version of the app. Type "progress" for a fresh one.',
  );
const unreadable = async (): Promise<Replies> => [unreadableCard()];

/** Each view button, by its `view`; a mission or outcome button without its mission or outcome is unreadable. */
const VIEW_PRESSES: Record<
  ViewAction['view'],
  (views: ProgressViews, press: Press, action: ViewAction) => Promise<Replies>
> = {
  overview: (views, { context, teamId, options }) => views.overview(context, teamId, options, 'update'),
  attention: (views, { context, teamId, options }) => views.attention(context, teamId, options, 'update'),
  summary: (views, { context, teamId, options }) => views.summary(context, teamId, options, 'update'),
  team: (views, { context, teamId, options }) => views.team(context, teamId, options),
  mission: (views, { context, teamId, options }, { mission }) =>
    mission ? views.mission(context, teamId, mission, options, 'update') : unreadable(),
  outcome: (views, { context, teamId, options }, { outcomeId }) =>
    outcomeId ? views.outcome(context, teamId, outcomeId, options, 'update') : unreadable(),
};

export interface LeadsDeps {
  store: ProgressStore;
  rules: AccessRules;
  /** The team's roster (failures already told apart from bugs); without it leads cannot be changed here. */
  roster?: TeamMembers;
  /** Runs a change with the capability's failure cards (the store or the roster being unavailable). */
  guard(run: () => Promise<CardMessageReply>): Promise<Replies>;
}

type LeadsChange = (
  deps: LeadsDeps & { roster: TeamMembers },
  settings: Awaited<ReturnType<typeof loadSettings>>,
  request: LeadsRequest,
  delivery: CardPlacement,
) => Promise<CardMessageReply> | CardMessageReply;

/** Each lead roster button, by its `op`, once the presser is known to lead the team. */
const LEADS_CHANGES: Record<LeadsRequest['op'], LeadsChange> = {
  open: ({ roster }, settings, _request, delivery) => openRoster(roster, settings, delivery),
  add: ({ store, roster }, settings, { leadUserId }) => addLead(store, roster, settings, leadUserId),
  remove: ({ store, roster }, settings, { userId }) => removeLead(store, roster, settings, userId),
  weeklySummary: ({ store, roster }, settings, { on }) =>
    on === undefined ? unreadableCard() : setWeeklySummary(store, roster, settings, on),
};

/** Why someone who does not lead the team cannot use a lead roster button. */
function leadsRefusal(request: LeadsRequest, leads: readonly string[]): CardMessageReply {
  if (request.op === 'weeklySummary')
    return noticeReply("Only the team's leads can change the weekly summary post", 'Ask one of the team’s leads.');
  if (leads.length === 0)
    return noticeReply(
      'This team has no lead',
      'Your organisation’s Framework Guide admin can appoint one from the team’s members: ask them to type "progress" here and open Team leads.',
    );
  return noticeReply("Only the team's leads can change its leads", 'Ask one of the team’s leads to add you.');
}

/** The lead roster: opened, or changed, by the team's leads (and admins) alone. */
export async function leadsPress(
  deps: LeadsDeps,
  context: TurnContextInfo,
  teamId: string,
  request: LeadsRequest,
  delivery: CardPlacement,
): Promise<Replies> {
  const { roster } = deps;
  if (!roster)
    return [
      noticeReply(
        'Team leads are not available here',
        'The app cannot read the team’s members, so leads cannot be changed from this chat.',
      ),
    ];
  return deps.guard(async () => {
    const settings = await loadSettings(deps.store, teamId);
    if (!seesLeadViews(await roleOf(deps.rules, context, settings)))
      return { ...leadsRefusal(request, settings.leads), brief: true };
    return LEADS_CHANGES[request.op]({ ...deps, roster }, settings, request, delivery);
  });
}

/** Any press whose `action` is one of PROGRESS_ACTIONS, on the team its scope names. */
export function pressProgress(
  views: ProgressViews,
  leads: LeadsDeps,
  press: { context: TurnContextInfo; scope: TeamScope | undefined; data: unknown; options: ViewOptions },
): Promise<Replies> {
  const parsed = progressActionSchema.safeParse(press.data);
  // Every progress button names its team, so one bound to none is as unreadable as bad data.
  if (!parsed.success || !press.scope) return unreadable();
  const action = parsed.data;
  const { context, options } = press;
  const { teamId } = press.scope;
  if (action.action === 'progressLeads') return leadsPress(leads, context, teamId, action, 'update');
  return VIEW_PRESSES[action.view](views, { context, teamId, options }, action);
}
