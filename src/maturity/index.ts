// Digital maturity: each person rates the team privately against the framework's six enablers and
// six good practice principles once a quarter; the team sees the medians (never who said what);
// leads keep target levels and an action plan; admins see how team medians spread across the
// organisation. Plain TypeScript behind a few calls; the Teams edge turns typed commands and card
// presses into these calls and the replies (each with its audience) into messages.
import { TeamDirectoryError, resolveTeam, type TeamDirectory } from '../checkins/teamDirectory';
import { roleOf, seesLeadViews, type AccessRules, type TeamMembers } from '../membership/roles';
import { parseAdminObjectIds } from '../progress/access';
import { emptyTeamMaturity } from '../domain';
import type { AdaptiveCard } from '../cards/render';
import { guarded as guardedBy } from '../turns/guarded';
import type { FrameworkStore } from '../store/port';
import { actionTable, patternCommand, teamOptions, type Registration } from '../turns/registration';
import type { TurnContextInfo, CardPlacement, TeamScope } from '../turns/types';
import { MATURITY_ACTIONS, maturityActionSchema, viewPayload, type MaturityAction } from './actions';
import { handleStep, startAssessment } from './assessment';
import { chooseTeamCard, loadTeam, teamCardOrNotice, type MaturityDeps } from './context';
import { loadEvidence } from './evidence';
import { organisationCard } from './organisation';
import { overdueCount, renderMaturityReport } from './report';
import { assessReminder, button, notice, type MaturityReply } from './replies';
import { localDate, roundLabel, roundState } from './rounds';
import { pressPlan, type PlanDeps } from './planPresses';

export type { MaturityReply } from './replies';

export interface MaturityTurnOptions {
  /** In a channel: the team's id (the conversation id is the channel's). */
  teamId?: string;
  teamName?: string;
}

export interface Maturity {
  /** "self-assessment" typed. */
  selfAssessment(context: TurnContextInfo, options?: MaturityTurnOptions): Promise<MaturityReply[]>;
  /** "maturity" typed. */
  maturity(context: TurnContextInfo, options?: MaturityTurnOptions): Promise<MaturityReply[]>;
  /** "organisation maturity" typed: the admins' organisation view (sent to their personal chat), or why not. */
  organisation(context: TurnContextInfo): Promise<MaturityReply[]>;
  /**
   * Any card data whose `action` is one of MATURITY_ACTIONS (inputs merged in, as Teams sends them), on
   * the team membership bound the press to (`scope`), never on a team the data names.
   */
  handleAction(
    context: TurnContextInfo,
    scope: TeamScope | undefined,
    data: unknown,
    options?: MaturityTurnOptions,
  ): Promise<MaturityReply[]>;
  /** For the weekly prompt card: the open round's label, and how many open actions are past due. One read. */
  promptNote(teamId: string, timeZone: string): Promise<{ openRound?: string; overdueActions: number }>;
  /**
   * For the weekly reminder to people who have not assessed: while the team's round is open, who has
   * submitted an assessment for it and the reminder card; undefined when no round is open. Two reads.
   * Failures are thrown: the prompt pass tries again later.
   */
  reminderRound(
    teamId: string,
    timeZone: string,
  ): Promise<{ assessed: Set<string>; card: AdaptiveCard; summary: string } | undefined>;
}

/** The roster failed to answer (Teams down or slow): worth a "try again", like the store. */
class RosterUnavailableError extends Error {}

/** The store, the team directory or the roster failing: "try again", nothing changed. */
const failureCards = {
  storeDown: () =>
    notice(
      'That couldn’t be done just now',
      'I couldn’t reach my storage, so nothing was changed. Please try again in a minute.',
      { style: 'warning' as const },
    ),
  others: [TeamDirectoryError, RosterUnavailableError].map(
    (kind) =>
      [
        kind,
        () =>
          notice(
            'Your teams couldn’t be read just now',
            'Teams did not answer in time. Please try again in a minute.',
            {
              style: 'warning',
            },
          ),
      ] as const,
  ),
};

function guarded(run: () => Promise<MaturityReply | MaturityReply[]>): Promise<MaturityReply[]> {
  return guardedBy(run, failureCards);
}

function unreadable(delivery: CardPlacement): MaturityReply {
  return notice("That button didn't work", 'The card may be out of date. Type "maturity" for a fresh one.', {
    style: 'warning',
    delivery,
  });
}

export function createMaturity(deps: {
  store: FrameworkStore;
  teams: TeamDirectory;
  members?: TeamMembers;
  now?: () => Date;
  minResponses: number;
  adminObjectIds?: readonly string[] | string;
}): Maturity {
  const roster = deps.members;
  const members: TeamMembers | undefined = roster
    ? {
        listMembers: (teamId) =>
          roster.listMembers(teamId).catch((error: unknown) => {
            throw new RosterUnavailableError(String((error as Error)?.message ?? error));
          }),
      }
    : undefined;
  const env: MaturityDeps = {
    store: deps.store,
    teams: deps.teams,
    ...(members ? { members } : {}),
    now: deps.now ?? (() => new Date()),
    minResponses: deps.minResponses,
    adminObjectIds: parseAdminObjectIds(deps.adminObjectIds),
  };
  const rules: AccessRules = { adminObjectIds: env.adminObjectIds, ...(members ? { members } : {}) };
  const isAdmin = (context: TurnContextInfo) =>
    Boolean(context.userAadObjectId && env.adminObjectIds.has(context.userAadObjectId.toLowerCase()));

  /**
   * The team's card. In a personal chat: the lead view for a lead, everyone's view for a member. In a
   * channel or group chat: everyone's view there and, for a lead, the lead view too, which the edge
   * sends to the lead's personal chat (its audience is 'leads'), as "progress" does.
   */
  async function teamCards(
    context: TurnContextInfo,
    teamId: string,
    options: MaturityTurnOptions,
    delivery: CardPlacement,
    change?: string,
  ): Promise<MaturityReply[]> {
    const { settings, maturity, round } = await loadTeam(env, teamId);
    const role = await roleOf(rules, context, settings);
    if (role === 'outsider') return [teamCardOrNotice('notMember', delivery)];
    const personal = context.conversationKind === 'personal';
    const lead = seesLeadViews(role);
    const [evidence, assessments] = await Promise.all([
      loadEvidence(env.store, teamId, round.round),
      lead ? env.store.listRoundAssessments(teamId, round.round) : Promise.resolve(undefined),
    ]);
    const render = (view: 'team' | 'lead', how: CardPlacement) =>
      renderMaturityReport(
        {
          teamId,
          ...(options.teamName ? { teamName: options.teamName } : {}),
          maturity,
          round,
          evidence,
          minResponses: env.minResponses,
          today: localDate(env.now(), settings.schedule.timeZone),
          ...(view === 'lead' && assessments ? { assessments } : {}),
          isAdmin: view === 'lead' && isAdmin(context),
          ...(change ? { notice: change } : {}),
          ...(settings.sampleData ? { sampleData: true } : {}),
        },
        view,
        how,
      );
    if (personal) return [render(lead ? 'lead' : 'team', delivery)];
    if (!lead) return [render('team', delivery)];
    return [render('team', delivery), { ...render('lead', 'new'), about: 'the lead view of the team’s maturity' }];
  }

  /** The team of a typed "maturity" or a view button: this conversation's, or (in a personal chat) one of the person's. */
  async function viewTeam(
    context: TurnContextInfo,
    requested: string | undefined,
    options: MaturityTurnOptions,
    delivery: CardPlacement,
  ): Promise<MaturityReply | MaturityReply[]> {
    const resolution = await resolveTeam(env.teams, context, requested, options);
    if (resolution.kind === 'choose')
      return chooseTeamCard(
        resolution.teams,
        'Which team’s maturity do you want to see?',
        button('Continue', viewPayload('team'), { primary: true, withInputs: true }),
        delivery,
      );
    if (resolution.kind !== 'team') return teamCardOrNotice(resolution.kind, delivery);
    const name = resolution.team.name ?? options.teamName;
    return teamCards(context, resolution.team.teamId, { ...options, ...(name ? { teamName: name } : {}) }, delivery);
  }

  /**
   * The admins' organisation view. It names no team, but it is for admins alone, so its audience is
   * 'leads': typed or pressed in a channel or group chat, the edge sends it to the admin's personal chat.
   */
  async function organisationView(context: TurnContextInfo, delivery: CardPlacement): Promise<MaturityReply[]> {
    if (!isAdmin(context))
      return [
        notice(
          'The organisation view is for admins',
          'Only your organisation’s Framework Guide admins see how team medians spread across the organisation. Type "maturity" for your own team’s card.',
          { delivery },
        ),
      ];
    return guarded(async () => ({
      ...(await organisationCard(env.store, context.tenantId, env.now(), env.minResponses, delivery)),
      about: 'the organisation view of digital maturity',
    }));
  }

  const planDeps: PlanDeps = { env, rules, teamCards };
  /** Where a button's card goes: in place of the pressed one in the personal chat, else a new message. */
  const placement = (context: TurnContextInfo): CardPlacement =>
    context.conversationKind === 'personal' ? 'update' : 'new';

  /** One press: the team is the bound scope's (undefined when the button names none), never the data's. */
  interface Press {
    context: TurnContextInfo;
    team: string | undefined;
    options: MaturityTurnOptions;
    /** The data as sent, for the form's inputs beside the action's own keys. */
    raw: Record<string, unknown>;
  }
  type PressHandler<Verb extends MaturityAction['action']> = (
    press: Press,
    action: Extract<MaturityAction, { action: Verb }>,
  ) => Promise<MaturityReply[]>;

  const PRESSES: { [Verb in MaturityAction['action']]: PressHandler<Verb> } = {
    maturityStep: ({ context, team, raw }, action) =>
      team === undefined
        ? Promise.resolve([unreadable('new')])
        : guarded(() => handleStep(env, context, { ...action, teamId: team }, raw)),
    maturityStart: ({ context, team }) => guarded(() => startAssessment(env, context, team, placement(context))),
    maturityView: ({ context, team, options }, action) =>
      action.view === 'organisation'
        ? organisationView(context, placement(context))
        : guarded(() => viewTeam(context, team, options, placement(context))),
    maturityPlan: ({ context, team, raw }, action) =>
      team === undefined
        ? Promise.resolve([unreadable('new')])
        : guarded(() => pressPlan(planDeps, context, team, action, raw)),
  };

  return {
    organisation: (context) => organisationView(context, 'new'),

    selfAssessment: (context) => guarded(() => startAssessment(env, context, undefined, 'new')),

    maturity: (context, options = {}) => guarded(() => viewTeam(context, undefined, options, 'new')),

    async handleAction(context, scope, data, options = {}) {
      const parsed = maturityActionSchema.safeParse(data);
      if (!parsed.success) return [unreadable('new')];
      const action = parsed.data;
      const press: Press = { context, team: scope?.teamId, options, raw: data as Record<string, unknown> };
      return (PRESSES[action.action] as PressHandler<MaturityAction['action']>)(press, action);
    },

    async promptNote(teamId, timeZone) {
      const maturity = (await env.store.getTeamMaturity(teamId))?.value ?? emptyTeamMaturity(teamId);
      const round = roundState(maturity, env.now(), timeZone);
      return {
        ...(round.open ? { openRound: roundLabel(round.round) } : {}),
        overdueActions: overdueCount(maturity.actions, localDate(env.now(), timeZone)),
      };
    },

    async reminderRound(teamId, timeZone) {
      const maturity = (await env.store.getTeamMaturity(teamId))?.value ?? emptyTeamMaturity(teamId);
      const round = roundState(maturity, env.now(), timeZone);
      if (!round.open) return undefined;
      const assessed = new Set((await env.store.listRoundAssessments(teamId, round.round)).map((each) => each.userId));
      const { card, summary } = assessReminder(teamId, roundLabel(round.round));
      return { assessed, card, summary };
    },
  };
}

/** What the router sends here: "self-assessment" and "maturity" typed, and every maturity card button. */
export const maturityRegistration: Registration<Maturity> = {
  commands: [
    patternCommand(
      /^((start|open|do) )?(my |a |the )?self[ -]?assess(ment)?$/,
      (maturity, context) => maturity.selfAssessment(context, teamOptions(context)),
      {
        title: 'self-assessment',
        description: "Rate your team's digital maturity against the enablers and principles, privately",
        scopes: ['personal', 'team', 'groupChat'],
      },
    ),
    patternCommand(
      /^((show|team|our|the) )?(digital )?maturity( card)?$/,
      (maturity, context) => maturity.maturity(context, teamOptions(context)),
      {
        title: 'maturity',
        description: "The team's digital maturity against last round, its targets and its action plan",
        // Where the team is; in a personal chat, the self-assessment leads to it and it can be typed.
        scopes: ['team', 'groupChat'],
      },
    ),
    // Admins only; anyone else is told so.
    patternCommand(
      /^((show|the) )?(organisation|organization|org)(-wide| wide)? (digital )?maturity( view)?$|^(digital )?maturity (across|for) the (organisation|organization)$/,
      (maturity, context) => maturity.organisation(context),
    ),
  ],
  actions: actionTable<Maturity>(MATURITY_ACTIONS, (maturity, context, scope, data) =>
    maturity.handleAction(context, scope, data, teamOptions(context)),
  ),
};
