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
import { parseAdminObjectIds, roleOf, seesLeadViews, type AccessRules, type TeamMembers } from '../progress/access';
import { personNotice } from '../progress/exportProgress';
import { button } from '../progress/reportCard';
import { defaultTeamSettings } from '../store/defaults';
import type { FrameworkStore } from '../store/port';
import { guarded, type FailureCards } from '../turns/guarded';
import { patternCommand, teamOptions, type Registration } from '../turns/registration';
import type { FileOfferReply, FileReply, Reply, TurnContextInfo } from '../turns/types';
import { quarterDays, teamContent, type ReportContent } from './content';
import { reportDocx } from './document';
import { REPORT_ACTIONS, TITLE_LIMIT, defaultTitle, requestCard, type ReportScope } from './requestCard';

export { REPORT_ACTIONS } from './requestCard';

/** What a report reads: the figures behind the progress and maturity cards, nothing else. */
export type ReportStore = Pick<FrameworkStore, 'getTeamSettings' | 'listRollups' | 'listTeamAway' | 'getTeamMaturity'>;

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
  /** The request card's buttons, and the choice of team. */
  handleAction(context: TurnContextInfo, data: unknown): Promise<Reply[]>;
  /** The file offer answered; `details` is what the offer carried (untrusted: checked again). */
  fileOfferAnswered(
    context: TurnContextInfo,
    outcome: 'accepted' | 'declined' | 'failed',
    details: unknown,
  ): Promise<Reply[]>;
}

/** What the file offer carries, so that accepting it makes the same report again. */
const detailsSchema = z.object({
  scope: z.literal('team'),
  teamId: z.string().min(1).max(300),
  round: z.string().regex(/^\d{4}-Q[1-4]$/),
  title: z.string().max(TITLE_LIMIT * 2),
});
type Details = z.infer<typeof detailsSchema>;

const makeSchema = detailsSchema.extend({ action: z.literal('reportMake'), title: z.unknown().optional() });
const openSchema = z.object({
  action: z.literal('reportOpen'),
  quarter: z.enum(['this', 'last']),
  teamId: z.string().min(1).max(300),
});

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' as const;

const failureCards: FailureCards<Reply> = {
  storeDown: () =>
    personNotice(
      'The report could not be made just now',
      'The store did not answer in time. Please try again in a minute.',
    ),
  others: [
    [
      TeamDirectoryError,
      () =>
        personNotice(
          'Your teams couldn’t be read just now',
          'Teams did not answer in time. Please try again in a minute.',
        ),
    ],
  ],
};

const NOT_A_LEAD = personNotice(
  'Only team leads can make the quarterly report',
  'The report holds the lead views of the team’s progress and maturity. Ask one of your team’s leads.',
);
const NOT_YOUR_TEAM = personNotice(
  'That is not one of your teams',
  'Type "report" in your team’s channel or in our personal chat.',
);
const NO_TEAM = personNotice(
  'No team yet',
  'None of your teams has Framework Guide added. Add it to a team, then try again.',
);
const STALE = personNotice('That card is out of date', 'Type "report" for a fresh one.');
const PERSONAL_ONLY = personNotice(
  'Reports are made in our personal chat',
  'Nothing was made. Type "report" in our personal chat.',
);

export function createQuarterlyReport(deps: ReportDeps): QuarterlyReport {
  const now = deps.now ?? (() => new Date());
  const rules: AccessRules = {
    adminObjectIds: parseAdminObjectIds(deps.adminObjectIds),
    ...(deps.members ? { members: deps.members } : {}),
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
    const teamName = cleanText(resolution.team.name ?? context.teamName ?? '') || 'Your team';
    return { settings, scope: { kind: 'team', teamId, teamName } };
  }

  /** Four reads whatever the history: settings (already read), the quarter's roll-ups, time away and the maturity record. */
  async function content(settings: TeamSettings, details: Details, teamName: string): Promise<ReportContent> {
    const { teamId } = settings;
    const round = details.round;
    const days = quarterDays(round);
    const [rollups, away, maturity] = await Promise.all([
      deps.store.listRollups(teamId, roundWeeks(round)),
      deps.store.listTeamAway(teamId, days.from, days.until),
      deps.store.getTeamMaturity(teamId),
    ]);
    return teamContent(
      {
        settings,
        rollups,
        away,
        maturity: maturity?.value ?? emptyTeamMaturity(teamId),
      },
      { title: details.title, teamName, round, now: now(), minResponses: deps.minResponses },
    );
  }

  async function file(settings: TeamSettings, details: Details, teamName: string): Promise<FileReply> {
    const document = await reportDocx(await content(settings, details, teamName));
    return {
      kind: 'file',
      audience: 'leads',
      about: 'the quarterly report',
      fileName: `framework-guide-quarterly-report-${details.round}.docx`,
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

  async function make(context: TurnContextInfo, data: unknown): Promise<Reply[]> {
    const parsed = makeSchema.safeParse(data);
    if (!parsed.success) return [STALE];
    if (context.conversationKind !== 'personal') return [PERSONAL_ONLY];
    const team = await leadTeam(context, parsed.data.teamId);
    if (!('scope' in team)) return [team];
    const rounds = roundsOf(team.settings);
    if (parsed.data.round !== rounds.this && parsed.data.round !== rounds.last) return [STALE];
    const typed = typeof parsed.data.title === 'string' ? cleanText(parsed.data.title) : '';
    if (typed.length > TITLE_LIMIT)
      return [
        personNotice(
          'That title is too long',
          `The title is ${typed.length} characters; the most it can be is ${TITLE_LIMIT}. Nothing was made.`,
        ),
      ];
    const details: Details = {
      scope: 'team',
      teamId: team.scope.teamId,
      round: parsed.data.round,
      title: typed || defaultTitle(team.scope, parsed.data.round),
    };
    const offer: FileOfferReply = {
      kind: 'fileOffer',
      audience: 'leads',
      about: 'the quarterly report',
      offer: 'quarterlyReport',
      details,
      description: `${details.title}: a Word document of the team’s check-ins and maturity for ${roundLabel(details.round)}. Figures from fewer than ${deps.minResponses} people say "too few answers".`,
      summary: 'Your quarterly report is ready to download',
      file: await file(team.settings, details, team.scope.teamName),
    };
    return [offer];
  }

  return {
    request: (context, quarter) => guarded(() => request(context, quarter), failureCards),
    handleAction: (context, data) =>
      guarded(async () => {
        const open = openSchema.safeParse(data);
        if (open.success) {
          const team = await leadTeam(context, open.data.teamId);
          if (!('scope' in team)) return [team];
          return [requestCard(team.scope, roundsOf(team.settings)[open.data.quarter])];
        }
        return make(context, data);
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
        const team = await leadTeam(context, parsed.data.teamId);
        if (!('scope' in team)) return [team];
        const rounds = roundsOf(team.settings);
        if (parsed.data.round !== rounds.this && parsed.data.round !== rounds.last) return [STALE];
        const title = cleanText(parsed.data.title).slice(0, TITLE_LIMIT) || defaultTitle(team.scope, parsed.data.round);
        return [await file(team.settings, { ...parsed.data, title }, team.scope.teamName)];
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
  ],
  actions: {
    verbs: REPORT_ACTIONS,
    handle: (report, context, data) => report.handleAction(context, data),
  },
};
