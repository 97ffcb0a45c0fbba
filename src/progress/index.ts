// Progress cards for team leads: how the team's check-ins add up, week by week, without showing
// anyone's answers by name. Plain TypeScript behind a few calls; the Teams edge turns typed
// commands ("progress") and card presses into these calls and the replies into messages.
//
// Reads per card are fixed: the team's settings, one listRollups over a 12-week window, and at most
// one week's check-ins. The length of the team's history never changes the cost of a card.
import type { IsoWeek, Mission, TeamSettings } from '../domain';
import type { ProgressStore } from './teamWindow';
import type { Addressed, CardMessageReply, Reply, TeamScope, TurnContextInfo, CardPlacement } from '../turns/types';
import { exportOfferAnswered, exportProgress, ledTeamsCache, personNotice, type ExportDeps } from './exportProgress';
import { PROGRESS_ACTIONS, teamProgressPayload } from '../cards/progressPayloads';
import { conversationTeam } from '../turns/conversationTeam';
import { guarded, type FailureCards } from '../turns/guarded';
import { noticeReply } from '../turns/guideCards';
import { actionTable, patternCommand, type Registration } from '../turns/registration';
import { roleOf, seesLeadViews, type AccessRules, type TeamMembers } from '../membership/roles';
import { parseAdminObjectIds } from './access';
import { isOutcome } from './measures';
import { leadsPress, pressProgress, type LeadsDeps, type ProgressViews } from './actions';
import { button, renderReport, type CardButton, type Report } from './reportCard';
import { loadClosedWeek, loadSettings, loadWeekAnswers, loadWindow, type TeamWindow } from './teamWindow';
import {
  attentionReport,
  missionReport,
  outcomeReport,
  outsiderReport,
  overviewReport,
  summaryReport,
  weeklySummaryReport,
  type ViewOptions,
} from './views';

export { PROGRESS_ACTIONS } from '../cards/progressPayloads';
export { ensureFirstLead, parseAdminObjectIds } from './access';
export type { TeamMember, TeamMembers } from '../membership/roles';
export { rebuildRollups } from './rebuildRollups';
export { createRollupReconciler, type RollupReconciler } from './rollupReconciler';
export type { ViewOptions } from './views';

export interface ProgressDeps {
  store: ProgressStore;
  now?: () => Date;
  /** Fewest people whose answers a figure may be made from: MIN_RESPONSES, whose default and bounds live in config.ts. */
  minResponses: number;
  /** Entra object ids of org-wide admins (ADMIN_OBJECT_IDS), who see every team's lead views. */
  adminObjectIds?: readonly string[] | string;
  /** The team roster, from the edge: for the lead roster and membership checks outside the team's channel. */
  members?: TeamMembers;
  /**
   * The team a personal chat's "progress" is about (the check-ins' team directory): the person's one
   * team, or the card asking which, whose Continue button is `next`. Without it, the personal chat
   * is pointed to the team's channel.
   */
  pickTeam?: (
    context: TurnContextInfo,
    next: CardButton,
  ) => Promise<{ teamId: string; name?: string } | CardMessageReply[]>;
}

export interface Progress {
  overview(context: TurnContextInfo, teamId: string, options?: ViewOptions): Promise<CardMessageReply[]>;
  mission(
    context: TurnContextInfo,
    teamId: string,
    mission: Mission,
    options?: ViewOptions,
  ): Promise<CardMessageReply[]>;
  outcome(
    context: TurnContextInfo,
    teamId: string,
    outcomeId: string,
    options?: ViewOptions,
  ): Promise<CardMessageReply[]>;
  attention(context: TurnContextInfo, teamId: string, options?: ViewOptions): Promise<CardMessageReply[]>;
  /** What every member may see; also what non-leads get with a refusal. */
  summary(context: TurnContextInfo, teamId: string, options?: ViewOptions): Promise<CardMessageReply[]>;
  /** The lead roster card (leads and admins). */
  leads(context: TurnContextInfo, teamId: string): Promise<CardMessageReply[]>;
  /**
   * "progress" for one team: the overview for its leads and admins, the team summary for its members.
   * `withSummary`: leads get the summary too (in a channel or group chat it is what everyone sees,
   * while the overview goes to the lead's personal chat).
   */
  teamProgress(
    context: TurnContextInfo,
    teamId: string,
    options?: ViewOptions & { withSummary?: boolean },
  ): Promise<CardMessageReply[]>;
  /**
   * Typed "progress": in a channel or group chat, that team's summary (and for a lead the overview);
   * in a personal chat the person's team, asking which when there are several.
   */
  progressCommand(context: TurnContextInfo): Promise<CardMessageReply[]>;
  /** True for the team's leads and org-wide admins: who may change the team's settings. */
  leadsTeam(context: TurnContextInfo, teamId: string): Promise<boolean>;
  /**
   * The team summary for `week`, once it has closed, to post to the whole team: what every member may
   * see, marked with its week. Three store reads whatever the history. Store failures are thrown (the
   * caller retries later), never turned into a card: this goes to a channel, not to one person.
   */
  weeklySummary(teamId: string, week: IsoWeek): Promise<CardMessageReply>;
  /**
   * Any card data whose `action` is one of PROGRESS_ACTIONS (inputs merged in, as Teams sends them), on
   * the team membership bound the press to (`scope`), never on a team the data names.
   */
  handleAction(
    context: TurnContextInfo,
    scope: TeamScope | undefined,
    data: unknown,
    options?: ViewOptions,
  ): Promise<CardMessageReply[]>;
  /** "export progress" typed: a CSV of the teams the person leads (an admin: every team), in the personal chat. */
  exportProgress(context: TurnContextInfo): Promise<Reply[]>;
  /** The export's file offer answered (Teams' consent card). */
  exportOfferAnswered(context: TurnContextInfo, outcome: 'accepted' | 'declined' | 'failed'): Promise<Reply[]>;
}

/** Lead views: in a shared conversation they go to the lead's personal chat, which the notice left there names so. */
const FOR_LEADS: Addressed = { about: 'the lead view of team progress' };
/**
 * The summary with a refusal on it ("Only the team's leads can see …") answers one person: pressed on a
 * shared card it must not replace that card for everyone, so it is the person's, in their personal chat.
 */
const FOR_THE_PERSON = { audience: 'person', about: 'the team summary' } as const;

/** Teams did not give the team's roster (it failed or timed out): worth a card, like the store being down. */
class RosterUnavailableError extends Error {}

/** The roster from the edge, with any failure to read it told apart from a bug. */
function readableRoster(members: TeamMembers): TeamMembers {
  const unavailable = (error: unknown): never => {
    throw new RosterUnavailableError(`the roster could not be read: ${(error as Error)?.message ?? String(error)}`);
  };
  const isMember = members.isMember?.bind(members);
  return {
    listMembers: (teamId) => members.listMembers(teamId).catch(unavailable),
    ...(isMember ? { isMember: (teamId, userId) => isMember(teamId, userId).catch(unavailable) } : {}),
  };
}

/** The store or Teams' roster being unavailable is worth a card (try again): see guarded. */
const failureCards: FailureCards<CardMessageReply> = {
  storeDown: () =>
    noticeReply(
      'Progress could not be loaded just now',
      'The store did not answer in time. Please try again in a minute.',
    ),
  others: [
    [
      RosterUnavailableError,
      () =>
        noticeReply(
          'The team’s members could not be read just now',
          'Teams did not answer in time. Please try again in a minute.',
        ),
    ],
  ],
};

type LeadView = (window: TeamWindow) => Promise<Report>;

export function createProgress(deps: ProgressDeps): Progress {
  const store = deps.store;
  const now = deps.now ?? (() => new Date());
  const { minResponses } = deps;
  const roster = deps.members ? readableRoster(deps.members) : undefined;
  const rules: AccessRules = {
    adminObjectIds: parseAdminObjectIds(deps.adminObjectIds),
    ...(roster ? { members: roster } : {}),
  };

  async function summaryFor(
    settings: TeamSettings,
    options: ViewOptions,
    delivery: CardPlacement,
    refused?: string,
  ): Promise<CardMessageReply> {
    const window = await loadWindow(store, settings, now());
    const thisWeek = await loadWeekAnswers(store, settings.teamId, window.week);
    // The summary is everyone's; with a refusal on it, it answers one person (see FOR_THE_PERSON).
    return {
      ...renderReport(summaryReport(window, thisWeek, minResponses, options, refused), delivery, 'everyone'),
      ...(refused ? FOR_THE_PERSON : {}),
    };
  }

  /** Settings, role, then either the lead view or the members' summary with the reason. */
  function leadOnly(
    context: TurnContextInfo,
    teamId: string,
    what: string,
    options: ViewOptions,
    delivery: CardPlacement,
    mission: Mission | undefined,
    view: LeadView,
  ): Promise<CardMessageReply[]> {
    return guarded(async () => {
      const settings = await loadSettings(store, teamId);
      const role = await roleOf(rules, context, settings);
      if (role === 'outsider') return { ...renderReport(outsiderReport(), delivery, 'person'), brief: true };
      if (!seesLeadViews(role)) return summaryFor(settings, options, delivery, what);
      return {
        ...renderReport(await view(await loadWindow(store, settings, now(), mission)), delivery, 'leads'),
        ...FOR_LEADS,
      };
    }, failureCards);
  }

  const views = {
    overview: (context: TurnContextInfo, teamId: string, options: ViewOptions = {}, delivery: CardPlacement = 'new') =>
      leadOnly(context, teamId, 'the progress overview', options, delivery, undefined, async (window) =>
        overviewReport(window, await loadWeekAnswers(store, teamId, window.week), minResponses, options),
      ),
    mission: (
      context: TurnContextInfo,
      teamId: string,
      mission: Mission,
      options: ViewOptions = {},
      delivery: CardPlacement = 'new',
    ) =>
      leadOnly(context, teamId, 'progress by mission', options, delivery, mission, async (window) =>
        missionReport(window, mission, minResponses, options),
      ),
    outcome: async (
      context: TurnContextInfo,
      teamId: string,
      outcomeId: string,
      options: ViewOptions = {},
      delivery: CardPlacement = 'new',
    ) =>
      // An id the framework does not have (a stale or forged card) gets a plain answer, not a card about nothing.
      !isOutcome(outcomeId)
        ? [
            noticeReply(
              'That outcome is not in the framework',
              'Type "progress" for the team overview and pick an outcome there.',
            ),
          ]
        : leadOnly(context, teamId, 'progress by outcome', options, delivery, undefined, async (window) =>
            outcomeReport(window, outcomeId, minResponses, options),
          ),
    attention: (context: TurnContextInfo, teamId: string, options: ViewOptions = {}, delivery: CardPlacement = 'new') =>
      leadOnly(context, teamId, 'what needs attention', options, delivery, undefined, async (window) => {
        const lastWeek = window.weeks[window.weeks.length - 2];
        const records = lastWeek ? await loadWeekAnswers(store, teamId, lastWeek) : [];
        return attentionReport(window, records, minResponses, options);
      }),
    summary: (context: TurnContextInfo, teamId: string, options: ViewOptions = {}, delivery: CardPlacement = 'new') =>
      guarded(async () => {
        const settings = await loadSettings(store, teamId);
        const role = await roleOf(rules, context, settings);
        if (role === 'outsider') return { ...renderReport(outsiderReport(), delivery, 'person'), brief: true };
        return summaryFor(settings, options, delivery);
      }, failureCards),
  };

  async function teamProgress(
    context: TurnContextInfo,
    teamId: string,
    options: ViewOptions & { withSummary?: boolean } = {},
  ): Promise<CardMessageReply[]> {
    const { withSummary, ...viewOptions } = options;
    let role;
    try {
      role = await roleOf(rules, context, await loadSettings(store, teamId));
    } catch (error) {
      // The same cards as any view for the store or roster being unavailable; anything else is a bug.
      return guarded(() => Promise.reject(error), failureCards);
    }
    if (!seesLeadViews(role)) return views.summary(context, teamId, viewOptions);
    const overview = await views.overview(context, teamId, viewOptions);
    return withSummary ? [...(await views.summary(context, teamId, viewOptions)), ...overview] : overview;
  }

  const leadsDeps: LeadsDeps = {
    store,
    rules,
    ...(roster ? { roster } : {}),
    guard: (run) => guarded(run, failureCards),
  };
  const pressedViews: ProgressViews = { ...views, team: teamProgress };

  const exportDeps: ExportDeps = { store, rules, now, minResponses, ledTeams: ledTeamsCache(() => now().getTime()) };
  // The store down: a card for the person alone, like the rest of the export.
  const exportFailure: FailureCards<Reply> = {
    storeDown: () =>
      personNotice(
        'The export could not be made just now',
        'The store did not answer in time. Please try again in a minute.',
      ),
  };
  const guardedExport = (run: () => Promise<Reply[]>): Promise<Reply[]> => guarded(run, exportFailure);

  return {
    exportProgress: (context) => guardedExport(() => exportProgress(exportDeps, context)),
    exportOfferAnswered: (context, outcome) => guardedExport(() => exportOfferAnswered(exportDeps, context, outcome)),
    overview: (context, teamId, options) => views.overview(context, teamId, options),
    mission: (context, teamId, mission, options) => views.mission(context, teamId, mission, options),
    outcome: (context, teamId, outcomeId, options) => views.outcome(context, teamId, outcomeId, options),
    attention: (context, teamId, options) => views.attention(context, teamId, options),
    summary: (context, teamId, options) => views.summary(context, teamId, options),
    leads: (context, teamId) => leadsPress(leadsDeps, context, teamId, { op: 'open' }, 'new'),
    teamProgress,
    async progressCommand(context) {
      if (context.conversationKind !== 'personal')
        return teamProgress(context, conversationTeam(context), { teamName: context.teamName, withSummary: true });
      if (!deps.pickTeam)
        return [
          noticeReply(
            'Progress is shown in your team',
            'Type "progress" in your team\'s channel (mention me first) or in the group chat, and I will show that team\'s progress.',
          ),
        ];
      const team = await deps.pickTeam(
        context,
        button('Continue', teamProgressPayload(), { primary: true, withInputs: true }),
      );
      if (Array.isArray(team)) return team;
      return teamProgress(context, team.teamId, team.name ? { teamName: team.name } : {});
    },
    leadsTeam: async (context, teamId) =>
      seesLeadViews(await roleOf(rules, context, await loadSettings(store, teamId))),
    weeklySummary: async (teamId, week) => {
      const settings = await loadSettings(store, teamId);
      return renderReport(
        weeklySummaryReport(await loadClosedWeek(store, settings, week), minResponses),
        'new',
        'everyone',
      );
    },

    handleAction: (context, scope, data, options = {}) =>
      pressProgress(pressedViews, leadsDeps, { context, scope, data, options }),
  };
}

/** What progress answers: "progress" typed, and the progress and lead roster cards' buttons. */
export const progressRegistration: Registration<Progress> = {
  commands: [
    // "progress": in a channel or group chat, the team summary for everyone there and, for a lead, the
    // overview (sent to their personal chat by the edge); in a personal chat, the person's team.
    patternCommand(/^((show|team|our) )?progress$/, (progress, context) => progress.progressCommand(context), {
      title: 'progress',
      description: "Your team's check-in progress: the summary for everyone, and the full picture for leads, privately",
      scopes: ['personal', 'team', 'groupChat'],
    }),
    // The file reaches only the lead, so the command is listed in the personal chat alone.
    patternCommand(
      /^export (the |team |my team'?s? |our )?progress( as csv| to csv)?$/,
      (progress, context) => progress.exportProgress(context),
      {
        title: 'export progress',
        description: "Leads: your teams' weekly progress over the last year as a CSV file for Excel or Power BI",
        scopes: ['personal'],
      },
    ),
  ],
  actions: actionTable<Progress>(PROGRESS_ACTIONS, (progress, context, scope, data) =>
    progress.handleAction(context, scope, data, { teamName: context.teamName }),
  ),
};
