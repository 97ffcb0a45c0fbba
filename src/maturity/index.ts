// Digital maturity: each person rates the team privately against the framework's six enablers and
// six good practice principles once a quarter; the team sees the medians (never who said what);
// leads keep target levels and an action plan; admins see how team medians spread across the
// organisation. Plain TypeScript behind a few calls; the Teams edge turns typed commands and card
// presses into these calls and the replies (each with its audience) into messages.
import { DateTime } from 'luxon';
import { TeamDirectoryError, resolveTeam, type TeamDirectory } from '../checkins/teamDirectory';
import { parseAdminObjectIds, roleOf, seesLeadViews, type AccessRules, type TeamMembers } from '../progress/access';
import { emptyTeamMaturity } from '../domain';
import type { AdaptiveCard } from '../cards/render';
import { guarded as guardedBy } from '../turns/guarded';
import type { FrameworkStore } from '../store/port';
import { patternCommand, teamOptions, type Registration } from '../turns/registration';
import type { TurnContextInfo, CardPlacement } from '../turns/types';
import { MATURITY_ACTIONS, maturityActionSchema, viewPayload, type PlanAction } from './actions';
import { handleStep, startAssessment } from './assessment';
import { chooseTeamCard, loadTeam, teamCardOrNotice, type MaturityDeps } from './context';
import { loadEvidence } from './evidence';
import { organisationCard } from './organisation';
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
import { overdueCount, renderMaturityReport } from './report';
import { changeAction, pressRound, saveTargets } from './versionedChanges';
import { assessReminder, button, notice, type MaturityReply } from './replies';
import { roundLabel, roundState } from './rounds';

export type { MaturityReply } from './replies';

const ROUND_MOVED_ON = 'That round has already moved on; nothing was changed.';

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
  /** Any card data whose `action` is one of MATURITY_ACTIONS (inputs merged in, as Teams sends them). */
  handleAction(context: TurnContextInfo, data: unknown, options?: MaturityTurnOptions): Promise<MaturityReply[]>;
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

function today(now: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'Europe/London' })).toISODate() as string;
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
    minResponses: Math.max(1, Math.floor(deps.minResponses)),
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
          today: today(env.now(), settings.schedule.timeZone),
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

  async function plan(
    context: TurnContextInfo,
    action: PlanAction,
    data: Record<string, unknown>,
  ): Promise<MaturityReply | MaturityReply[]> {
    // The lead view and its changes live in the lead's personal chat only; a press anywhere else changes nothing.
    if (context.conversationKind !== 'personal')
      return notice(
        'Leads change the plan in their personal chat',
        'Nothing was changed. Type "maturity" in our personal chat.',
      );
    const resolution = await resolveTeam(env.teams, context, action.teamId, undefined);
    if (resolution.kind !== 'team') return teamCardOrNotice('notMember', 'new');
    const { teamId } = action;
    const teamOptions = resolution.team.name ? { teamName: resolution.team.name } : {};
    const { settings, maturity } = await loadTeam(env, teamId);
    if (!seesLeadViews(await roleOf(rules, context, settings)))
      return notice('Only the team’s leads can change this', 'Nothing was changed. Ask one of the team’s leads.', {
        audience: 'person',
      });
    const zone = settings.schedule.timeZone;
    const refused = (problem: string) =>
      notice('That couldn’t be saved', `${problem} Nothing was changed.`, { style: 'warning', audience: 'leads' });
    const changedSince = () =>
      notice(
        'This changed since you opened it',
        'Another lead saved a change first, so nothing was saved. The form shows it as it is now.',
        { style: 'warning', audience: 'leads' },
      );
    const noRoster = () =>
      notice(
        'Actions need the team’s members',
        'The app cannot read the team’s members here, so no owner can be chosen.',
      );
    const openAction = (actionId: string) =>
      maturity.actions.find((each) => each.id === actionId && each.status === 'open');
    // Done (or gone) since its card was drawn: the lead sees the plan as it is now.
    const notOpen = () =>
      teamCards(context, teamId, teamOptions, 'update', 'That action is no longer open; nothing was changed.');
    const save = async (change: Parameters<FrameworkStore['updateTeamMaturity']>[1], done: string) => {
      await env.store.updateTeamMaturity(teamId, change);
      return teamCards(context, teamId, teamOptions, 'update', done);
    };
    switch (action.op) {
      case 'targetsOpen':
        return targetsCard(teamId, maturity, 'update');
      case 'targetsSave': {
        const parsed = parseTargets(data);
        if (!parsed.ok) return refused(parsed.problem);
        const result = await saveTargets(env.store, teamId, action.shown, parsed.targets);
        if (!result.saved) return [targetsCard(teamId, result.current, 'update'), changedSince()];
        return teamCards(context, teamId, teamOptions, 'update', 'Targets saved.');
      }
      case 'actionOpen':
        if (!members) return noRoster();
        return actionCard(teamId, await members.listMembers(teamId), today(env.now(), zone), 'update');
      case 'actionEdit': {
        const open = openAction(action.actionId);
        if (!open) return notOpen();
        if (!members) return noRoster();
        return actionEditCard(teamId, open, await members.listMembers(teamId), 'update');
      }
      case 'actionChange': {
        if (!openAction(action.actionId)) return notOpen();
        const roster = members ? await members.listMembers(teamId) : [];
        const parsed = parseOwnerAndDue(data, roster, today(env.now(), zone));
        if (!parsed.ok) return refused(parsed.problem);
        const result = await changeAction(env.store, teamId, action.actionId, action.shown, parsed.change);
        if (result.kind === 'notOpen') return notOpen();
        if (result.kind === 'changedSince')
          return [actionEditCard(teamId, result.action, roster, 'update'), changedSince()];
        return teamCards(context, teamId, teamOptions, 'update', `Action changed: due ${parsed.change.due}.`);
      }
      case 'actionSave': {
        const roster = members ? await members.listMembers(teamId) : [];
        const parsed = parseAction(action.actionId, data, roster, env.now(), today(env.now(), zone));
        if (!parsed.ok) return refused(parsed.problem);
        return save((current) => withAction(current, parsed.action), `Action added: due ${parsed.action.due}.`);
      }
      case 'actionDone':
        return save((current) => withActionDone(current, action.actionId), 'Action marked done.');
      case 'roundClose':
      case 'roundOpenNext': {
        // The round the card names, only while it is still in the state the button expects.
        const applied = await pressRound(env.store, teamId, action, env.now(), zone);
        if (!applied) return teamCards(context, teamId, teamOptions, 'update', ROUND_MOVED_ON);
        const done = action.op === 'roundClose' ? 'Round closed: no more changes to it.' : 'The next round is open.';
        return teamCards(context, teamId, teamOptions, 'update', done);
      }
    }
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

  return {
    organisation: (context) => organisationView(context, 'new'),

    selfAssessment: (context) => guarded(() => startAssessment(env, context, undefined, 'new')),

    maturity: (context, options = {}) => guarded(() => viewTeam(context, undefined, options, 'new')),

    async handleAction(context, data, options = {}) {
      const parsed = maturityActionSchema.safeParse(data);
      if (!parsed.success) return [unreadable('new')];
      const action = parsed.data;
      const raw = data as Record<string, unknown>;
      switch (action.action) {
        case 'maturityStep':
          return guarded(() => handleStep(env, context, action, raw));
        case 'maturityStart':
          return guarded(() =>
            startAssessment(env, context, action.teamId, context.conversationKind === 'personal' ? 'update' : 'new'),
          );
        case 'maturityView':
          if (action.view === 'organisation')
            return organisationView(context, context.conversationKind === 'personal' ? 'update' : 'new');
          return guarded(() =>
            viewTeam(context, action.teamId, options, context.conversationKind === 'personal' ? 'update' : 'new'),
          );
        case 'maturityPlan':
          return guarded(() => plan(context, action, raw));
      }
    },

    async promptNote(teamId, timeZone) {
      const maturity = (await env.store.getTeamMaturity(teamId))?.value ?? emptyTeamMaturity(teamId);
      const round = roundState(maturity, env.now(), timeZone);
      return {
        ...(round.open ? { openRound: roundLabel(round.round) } : {}),
        overdueActions: overdueCount(maturity.actions, today(env.now(), timeZone)),
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
  actions: {
    verbs: MATURITY_ACTIONS,
    handle: (maturity, context, data) => maturity.handleAction(context, data, teamOptions(context)),
  },
};
