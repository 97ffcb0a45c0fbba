// The quarterly report: a Word document a team lead can take to their management team or digital
// board, with the figures the progress and maturity cards show for one quarter. "report" (or "report
// last quarter") asks for it on a card in the lead's personal chat, where the cover title can be
// changed; "Make the report" offers the file through the same flow as the progress export (Teams'
// file consent card, or a short-lived link in local mode), and the file is made again, from the
// store, when the offer is accepted. Leads and admins only; the team on a card is checked again on
// every press, as everywhere.
import { z } from 'zod';
import { cleanText } from '../cards/plainText';
import { resolveTeam, TeamDirectoryError, type TeamDirectory } from '../checkins/teamDirectory';
import { emptyTeamMaturity, type RoundId, type TeamSettings } from '../domain';
import { chooseTeamCard } from '../maturity/context';
import { previousRound, quarterOf, roundLabel, roundWeeks } from '../maturity/rounds';
import { roleOf, seesLeadViews, type AccessRules, type TeamMembers } from '../membership/roles';
import { parseAdminObjectIds } from '../progress/access';
import { button } from '../progress/reportCard';
import { defaultTeamSettings } from '../store/defaults';
import type { FrameworkStore } from '../store/port';
import { personNotice } from '../progress/exportProgress';
import { guarded } from '../turns/guarded';
import { actionTable, patternCommand, teamOptions, type Registration } from '../turns/registration';
import type { FileOfferReply, FileReply, Reply, TeamScope, TurnContextInfo } from '../turns/types';
import { failureCards, NO_TEAM, NOT_A_LEAD, NOT_AN_ADMIN, NOT_YOUR_TEAM, PERSONAL_ONLY, STALE } from './notices';
import { quarterDays, teamContent, type ReportContent } from './content';
import { reportDocx } from './document';
import { organisationReport } from './organisation';
import { REPORT_ACTIONS, TITLE_LIMIT, defaultTitle, requestCard, type ReportScope } from './requestCard';

/** What a report reads: the figures behind the progress and maturity cards, nothing else. */
export type ReportStore = Pick<
  FrameworkStore,
  | 'getTeamSettings'
  | 'listRollups'
  | 'listTeamAway'
  | 'getTeamMaturity'
  | 'listTeamMaturity'
  | 'listInstallations'
  | 'practice'
>;

export interface ReportDeps {
  store: ReportStore;
  /** The person's teams (a personal chat's "report", and the check of a team a card names). */
  teams: TeamDirectory;
  members?: TeamMembers;
  now?: () => Date;
  /** MIN_RESPONSES, as for the cards. */
  minResponses: number;
  adminObjectIds?: readonly string[] | string;
}

export type Quarter = 'this' | 'last';

export interface QuarterlyReport {
  /** "report" or "report last quarter" typed. */
  request(context: TurnContextInfo, quarter: Quarter): Promise<Reply[]>;
  /** "organisation report" typed: admins only. */
  organisationRequest(context: TurnContextInfo, quarter: Quarter): Promise<Reply[]>;
  /**
   * The request card's buttons, and the choice of team: on the team membership bound the press to
   * (`scope`), never on a team the data names.
   */
  handleAction(context: TurnContextInfo, scope: TeamScope | undefined, data: unknown): Promise<Reply[]>;
  /** The file offer answered; `details` is what the offer carried (untrusted: checked again). */
  fileOfferAnswered(
    context: TurnContextInfo,
    outcome: 'accepted' | 'declined' | 'failed',
    details: unknown,
  ): Promise<Reply[]>;
}

const round = z.string().regex(/^\d{4}-Q[1-4]$/);
const teamDetails = z.object({ scope: z.literal('team'), teamId: z.string().min(1).max(300), round });
const organisationDetails = z.object({ scope: z.literal('organisation'), round });

/** What the file offer carries, so that accepting it makes the same report again. */
const detailsSchema = z.discriminatedUnion('scope', [
  teamDetails.extend({ title: z.string().max(TITLE_LIMIT * 2) }),
  organisationDetails.extend({ title: z.string().max(TITLE_LIMIT * 2) }),
]);
type Details = z.infer<typeof detailsSchema>;
type TeamDetails = Extract<Details, { scope: 'team' }>;

/** The card's button: the title is the card's input, checked before use. */
const makeSchema = z.discriminatedUnion('scope', [
  teamDetails.extend({ action: z.literal('reportMake'), title: z.unknown().optional() }),
  organisationDetails.extend({ action: z.literal('reportMake'), title: z.unknown().optional() }),
]);
const openSchema = z.object({
  action: z.literal('reportOpen'),
  quarter: z.enum(['this', 'last']),
  teamId: z.string().min(1).max(300),
});

/** The organisation's newest approved examples read for a report: one page. */
const EXAMPLES_READ = 100;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' as const;

export function createQuarterlyReport(deps: ReportDeps): QuarterlyReport {
  const now = deps.now ?? (() => new Date());
  // Teams' roster failing is "try again" (TeamDirectoryError is answered with a card), not a bug.
  const roster = deps.members;
  const unavailable = (error: unknown): never => {
    throw new TeamDirectoryError({ cause: error });
  };
  const isMember = roster?.isMember?.bind(roster);
  const rules: AccessRules = {
    adminObjectIds: parseAdminObjectIds(deps.adminObjectIds),
    ...(roster
      ? {
          members: {
            listMembers: (teamId: string) => roster.listMembers(teamId).catch(unavailable),
            ...(isMember
              ? { isMember: (teamId: string, userId: string) => isMember(teamId, userId).catch(unavailable) }
              : {}),
          },
        }
      : {}),
  };
  const isAdmin = (context: TurnContextInfo) =>
    Boolean(context.userAadObjectId && rules.adminObjectIds.has(context.userAadObjectId.toLowerCase()));
  /** The organisation's quarters follow the organisation maturity view's clock. */
  const organisationRounds = () => {
    const current = quarterOf(now(), 'Europe/London');
    return { this: current, last: previousRound(current) };
  };

  async function settingsOf(teamId: string): Promise<TeamSettings> {
    return (await deps.store.getTeamSettings(teamId))?.value ?? defaultTeamSettings(teamId);
  }

  /** The quarter a card may ask for: this one or the one before, where the team works. */
  function roundsOf(settings: TeamSettings): { this: RoundId; last: RoundId } {
    const current = quarterOf(now(), settings.schedule.timeZone);
    return { this: current, last: previousRound(current) };
  }

  /**
   * The team a turn or card names, checked: this conversation's team, or (in the personal chat) one
   * on the person's roster; and the person must lead it or be an admin. A reply when not.
   */
  async function leadTeam(
    context: TurnContextInfo,
    requested: string | undefined,
  ): Promise<{ settings: TeamSettings; scope: ReportScope & { kind: 'team' } } | Reply> {
    const resolution = await resolveTeam(deps.teams, context, requested, teamOptions(context));
    if (resolution.kind === 'none') return NO_TEAM;
    if (resolution.kind === 'notMember') return NOT_YOUR_TEAM;
    if (resolution.kind === 'choose') return STALE;
    const { teamId } = resolution.team;
    const settings = await settingsOf(teamId);
    if (!seesLeadViews(await roleOf(rules, context, settings))) return NOT_A_LEAD;
    const teamName = cleanText(resolution.team.name ?? context.teamName ?? (await nameOf(context, teamId)) ?? '');
    return { settings, scope: { kind: 'team', teamId, teamName: teamName || 'Your team' } };
  }

  /**
   * The team's name when the turn did not carry one (a channel message need not): the directory's,
   * as in the personal chat. The report is made either way, so a directory that cannot say is no error.
   */
  async function nameOf(context: TurnContextInfo, teamId: string): Promise<string | undefined> {
    try {
      return (await deps.teams.teamFor?.(teamId, context.userId, context.tenantId ?? ''))?.name;
    } catch {
      return undefined;
    }
  }

  /**
   * Five reads whatever the history: settings (already read), the quarter's roll-ups, time away, the
   * maturity record and one page of the organisation's shared practice.
   */
  async function content(
    context: TurnContextInfo,
    settings: TeamSettings,
    details: TeamDetails,
    teamName: string,
  ): Promise<ReportContent> {
    const { teamId } = settings;
    const round = details.round;
    const days = quarterDays(round);
    const [rollups, away, maturity, examples] = await Promise.all([
      deps.store.listRollups(teamId, roundWeeks(round)),
      deps.store.listTeamAway(teamId, days.from, days.until),
      deps.store.getTeamMaturity(teamId),
      // One page of the organisation's newest approved examples, whatever their number: a quarter's
      // approvals by one team are a few of these.
      context.tenantId
        ? deps.store.practice.listExamples(context.tenantId, { pageSize: EXAMPLES_READ }).then((page) => page.items)
        : Promise.resolve([]),
    ]);
    return teamContent(
      {
        settings,
        rollups,
        away,
        examples,
        maturity: maturity?.value ?? emptyTeamMaturity(teamId),
      },
      { title: details.title, teamName, round, now: now(), minResponses: deps.minResponses },
    );
  }

  /** The admin's own organisation only: the tenant of the turn, never another's teams. */
  async function organisationFile(context: TurnContextInfo, details: Details): Promise<FileReply> {
    const options = { title: details.title, round: details.round, now: now(), minResponses: deps.minResponses };
    return fileReply(details, await organisationReport(deps.store, context.tenantId, options));
  }

  async function file(
    context: TurnContextInfo,
    settings: TeamSettings,
    details: TeamDetails,
    teamName: string,
  ): Promise<FileReply> {
    return fileReply(details, await reportDocx(await content(context, settings, details, teamName)));
  }

  function fileReply(details: Details, document: Buffer): FileReply {
    return {
      kind: 'file',
      audience: 'leads',
      about: 'the quarterly report',
      fileName: `framework-guide-${details.scope === 'organisation' ? 'organisation' : 'quarterly'}-report-${details.round}.docx`,
      contentType: DOCX,
      content: document,
      summary: `Quarterly report, ${roundLabel(details.round)} (Word)`,
    };
  }

  async function request(context: TurnContextInfo, quarter: Quarter): Promise<Reply[]> {
    const resolution = await resolveTeam(deps.teams, context, undefined, teamOptions(context));
    if (resolution.kind === 'choose')
      return [
        chooseTeamCard(
          resolution.teams,
          'Which team’s quarterly report do you want?',
          button('Continue', { action: 'reportOpen', quarter }, { primary: true, withInputs: true }),
          'new',
        ),
      ];
    const team = await leadTeam(context, resolution.kind === 'team' ? resolution.team.teamId : undefined);
    if (!('scope' in team)) return [team];
    return [requestCard(team.scope, roundsOf(team.settings)[quarter])];
  }

  /** The card's title, cleaned; or why it cannot be used. */
  function titleFrom(raw: unknown): string | Reply {
    const typed = typeof raw === 'string' ? cleanText(raw) : '';
    if (typed.length <= TITLE_LIMIT) return typed;
    return personNotice(
      'That title is too long',
      `The title is ${typed.length} characters; the most it can be is ${TITLE_LIMIT}. Nothing was made.`,
    );
  }

  /** The checked scope of a card or offer, with its file: the team's (a lead's) or the organisation's (an admin's). */
  async function checked(
    context: TurnContextInfo,
    asked: { scope: 'team'; teamId: string; round: string } | { scope: 'organisation'; round: string },
    title: string,
  ): Promise<{ details: Details; make: () => Promise<FileReply> } | Reply> {
    if (asked.scope === 'organisation') {
      if (!isAdmin(context)) return NOT_AN_ADMIN;
      const rounds = organisationRounds();
      if (asked.round !== rounds.this && asked.round !== rounds.last) return STALE;
      const details: Details = {
        scope: 'organisation',
        round: asked.round,
        title: title || defaultTitle({ kind: 'organisation' }, asked.round),
      };
      return { details, make: () => organisationFile(context, details) };
    }
    const team = await leadTeam(context, asked.teamId);
    if (!('scope' in team)) return team;
    const rounds = roundsOf(team.settings);
    if (asked.round !== rounds.this && asked.round !== rounds.last) return STALE;
    const details: TeamDetails = {
      scope: 'team',
      teamId: team.scope.teamId,
      round: asked.round,
      title: title || defaultTitle(team.scope, asked.round),
    };
    return { details, make: () => file(context, team.settings, details, team.scope.teamName) };
  }

  /** A team chosen on the choice card: its request card, for a lead of that team (the scope's). */
  async function openRequest(context: TurnContextInfo, scope: TeamScope | undefined, data: unknown): Promise<Reply[]> {
    const open = openSchema.safeParse(data);
    if (!open.success || !scope) return [STALE];
    const team = await leadTeam(context, scope.teamId);
    if (!('scope' in team)) return [team];
    return [requestCard(team.scope, roundsOf(team.settings)[open.data.quarter])];
  }

  /** "Make the report": the file offer, once the scope and the quarter are checked. */
  async function make(context: TurnContextInfo, scope: TeamScope | undefined, data: unknown): Promise<Reply[]> {
    const parsed = makeSchema.safeParse(data);
    if (!parsed.success) return [STALE];
    if (context.conversationKind !== 'personal') return [PERSONAL_ONLY];
    const title = titleFrom(parsed.data.title);
    if (typeof title !== 'string') return [title];
    // A team's report is for the team membership bound the press to, not the one the data names.
    if (parsed.data.scope === 'team' && !scope) return [STALE];
    const asked = parsed.data.scope === 'team' && scope ? { ...parsed.data, teamId: scope.teamId } : parsed.data;
    const report = await checked(context, asked, title);
    if (!('make' in report)) return [report];
    const { details } = report;
    const what =
      details.scope === 'team'
        ? 'the team’s check-ins and maturity'
        : 'check-ins and digital maturity across the organisation';
    const offer: FileOfferReply = {
      kind: 'fileOffer',
      audience: 'leads',
      about: 'the quarterly report',
      offer: 'quarterlyReport',
      details,
      description: `${details.title}: a Word document of ${what} for ${roundLabel(details.round)}. Figures from fewer than ${deps.minResponses} people say "too few answers".`,
      summary: 'Your quarterly report is ready to download',
      file: await report.make(),
    };
    return [offer];
  }

  return {
    request: (context, quarter) => guarded(() => request(context, quarter), failureCards),
    organisationRequest: async (context, quarter) =>
      isAdmin(context) ? [requestCard({ kind: 'organisation' }, organisationRounds()[quarter])] : [NOT_AN_ADMIN],
    handleAction: (context, scope, data) =>
      guarded(() => {
        const action = (data as { action?: unknown } | null)?.action;
        return (action === 'reportOpen' ? openRequest : make)(context, scope, data);
      }, failureCards),
    fileOfferAnswered: (context, outcome, raw) =>
      guarded(async () => {
        if (outcome === 'declined')
          return [personNotice('No file sent', 'You declined the file. Type "report" when you want it.')];
        if (outcome === 'failed')
          return [
            personNotice(
              'The file could not be sent',
              'Teams could not take the file just now. Type "report" to try again.',
            ),
          ];
        const parsed = detailsSchema.safeParse(raw);
        if (!parsed.success || context.conversationKind !== 'personal') return [STALE];
        const report = await checked(context, parsed.data, cleanText(parsed.data.title).slice(0, TITLE_LIMIT));
        return 'make' in report ? [await report.make()] : [report];
      }, failureCards),
  };
}

/** "report" and "report last quarter" typed, and the request card's buttons. */
export const reportRegistration: Registration<QuarterlyReport> = {
  commands: [
    patternCommand(
      /^((make|get|show|send|the|our|my|team|team's|a) )*(quarterly )?report( (for )?(this|the current) quarter)?$/,
      // Typed only: Teams' command menus hold ten a scope and are full; the help card names it.
      (report, context) => report.request(context, 'this'),
    ),
    patternCommand(
      /^((make|get|show|send|the|our|my|team|team's|a) )*(quarterly )?report (for )?(last|the last|the previous|previous) quarter$|^last quarter'?s report$/,
      (report, context) => report.request(context, 'last'),
    ),
    // Admins only; anyone else is told so.
    patternCommand(
      /^(the )?(organisation|organization|org)(-wide| wide)? (quarterly )?report( (for )?(this|the current) quarter)?$/,
      (report, context) => report.organisationRequest(context, 'this'),
    ),
    patternCommand(
      /^(the )?(organisation|organization|org)(-wide| wide)? (quarterly )?report (for )?(last|the last|the previous|previous) quarter$/,
      (report, context) => report.organisationRequest(context, 'last'),
    ),
  ],
  actions: actionTable<QuarterlyReport>(REPORT_ACTIONS, (report, context, scope, data) =>
    report.handleAction(context, scope, data),
  ),
};
