// "export progress" for leads: every team the person leads (an admin: every team) as one CSV file,
// offered in the person's personal chat only, through the same file flow as "my data" (Teams' file
// consent card, or a short-lived download link in the Playground). The file is built again when the
// offer is accepted, so it is current. Typed in a team's channel or group chat, it is that team's
// export, and the offer goes to the person's personal chat at once (the conversation gets the short
// notice), as a check-in started there does. Finding the teams a person leads scans the
// installations, so the answer is kept per person for a minute: a repeat within it (however often,
// by anyone) is answered from the first, and costs no scan.
import { boundedCache } from '../boundedCache';
import { currentWeek } from '../calendar/weeks';
import { renderPlainNotice } from '../cards/notice';
import type { TeamSettings } from '../domain';
import type { CardMessageReply, FileOfferReply, FileReply, Reply, TurnContextInfo } from '../turns/types';
import { conversationTeam } from '../turns/conversationTeam';
import type { AccessRules } from '../membership/roles';
import { EXPORT_WEEKS, progressCsv, type TeamExport } from './exportCsv';
import { reply } from './reportCard';
import type { ProgressStore } from './teamWindow';
import { windowEnding } from './weekWindow';

/** Installations are few (one per team, group chat and personal chat); the scan stops here regardless. */
const MAX_INSTALLATIONS_SCANNED = 20_000;

export interface ExportDeps {
  store: ProgressStore;
  rules: AccessRules;
  now: () => Date;
  minResponses: number;
  /** Team ids each person's export holds, by tenant and user, for a minute (ledTeamsCache). */
  ledTeams?: LedTeamsCache;
}

/** How long the teams a person leads are taken as known: a repeated export within it scans nothing. */
const LED_TEAMS_MS = 60_000;

export type LedTeamsCache = ReturnType<typeof ledTeamsCache>;

/** A bounded cache of the teams people lead, each answer kept a minute. */
export function ledTeamsCache(now: () => number = Date.now) {
  return boundedCache<string[]>({ max: 10_000, ttlMs: LED_TEAMS_MS, now });
}

/** A plain notice for the person alone: the export, its offer and its problems are theirs. */
export function personNotice(title: string, message: string): CardMessageReply {
  return reply(renderPlainNotice(title, message), title, 'new', 'person');
}

function isAdmin(rules: AccessRules, context: TurnContextInfo): boolean {
  return Boolean(context.userAadObjectId && rules.adminObjectIds.has(context.userAadObjectId.toLowerCase()));
}

/**
 * The teams in the export: in a channel or group chat, that conversation's team if the person leads it
 * (or is an admin); elsewhere those whose settings name the person as a lead, or every team for an admin.
 */
async function exportedTeams(deps: ExportDeps, context: TurnContextInfo): Promise<TeamSettings[]> {
  const admin = isAdmin(deps.rules, context);
  if (context.conversationKind !== 'personal') {
    const settings = (await deps.store.getTeamSettings(conversationTeam(context)))?.value;
    return settings && (admin || settings.leads.includes(context.userId)) ? [settings] : [];
  }
  const key = `${context.tenantId ?? ''}|${context.userId}`;
  const known = deps.ledTeams?.get(key);
  if (known) {
    const teams = await Promise.all(known.map(async (teamId) => (await deps.store.getTeamSettings(teamId))?.value));
    // Still led now: a lead handed over within the minute is not exported.
    return teams.filter(
      (each): each is TeamSettings => each !== undefined && (admin || each.leads.includes(context.userId)),
    );
  }
  const teams = await scannedTeams(deps, context, admin);
  deps.ledTeams?.set(
    key,
    teams.map((each) => each.teamId),
  );
  return teams;
}

async function scannedTeams(deps: ExportDeps, context: TurnContextInfo, admin: boolean): Promise<TeamSettings[]> {
  const teamIds = new Set<string>();
  let continuationToken: string | undefined;
  let scanned = 0;
  do {
    const page = await deps.store.listInstallations({
      pageSize: 500,
      ...(continuationToken ? { continuationToken } : {}),
    });
    for (const installation of page.items)
      if (installation.kind !== 'personal') teamIds.add(installation.teamId ?? installation.conversationId);
    scanned += page.items.length;
    continuationToken = page.continuationToken;
  } while (continuationToken && scanned < MAX_INSTALLATIONS_SCANNED);
  const teams: TeamSettings[] = [];
  for (const teamId of [...teamIds].sort()) {
    const settings = (await deps.store.getTeamSettings(teamId))?.value;
    if (settings && (admin || settings.leads.includes(context.userId))) teams.push(settings);
  }
  return teams;
}

async function exportFile(deps: ExportDeps, teams: readonly TeamSettings[]): Promise<FileReply> {
  const now = deps.now();
  const exports: TeamExport[] = [];
  for (const settings of teams) {
    const weeks = windowEnding(currentWeek(now, settings.schedule.timeZone), EXPORT_WEEKS);
    const rollups = await deps.store.listRollups(settings.teamId, {
      fromWeek: weeks[0] ?? '',
      toWeek: weeks[weeks.length - 1] ?? '',
    });
    exports.push({ settings, weeks, rollups });
  }
  const day = now.toISOString().slice(0, 10);
  return {
    kind: 'file',
    audience: 'person',
    fileName: `framework-guide-progress-${day}.csv`,
    contentType: 'text/csv',
    content: progressCsv(exports, deps.minResponses),
    summary: `Team progress for ${teams.length === 1 ? '1 team' : `${teams.length} teams`}, last ${EXPORT_WEEKS} weeks (CSV)`,
  };
}

const PERSONAL_ONLY = personNotice(
  'Exports are given in our personal chat',
  'Open your personal chat with Framework Guide and type "export progress" there, so the file reaches only you.',
);

const NOT_A_LEAD = personNotice(
  'Only team leads can export progress',
  'The export holds the progress of the teams you lead. Ask one of your team’s leads.',
);

/** "export progress" typed. */
export async function exportProgress(deps: ExportDeps, context: TurnContextInfo): Promise<Reply[]> {
  const teams = await exportedTeams(deps, context);
  if (teams.length === 0) return [NOT_A_LEAD];
  const offer: FileOfferReply = {
    about: 'your progress export',
    kind: 'fileOffer',
    audience: 'person',
    offer: 'progressExport',
    description: `Weekly progress of ${teams.length === 1 ? 'your team' : `${teams.length} teams`} over the last ${EXPORT_WEEKS} weeks, one row a week and mission, as CSV (opens in Excel and Power BI). Figures from fewer than ${deps.minResponses} people are left empty.`,
    summary: 'Your team progress export is ready to download',
    file: await exportFile(deps, teams),
  };
  return [offer];
}

/** The consent card answered: accepted builds the file afresh. */
export async function exportOfferAnswered(
  deps: ExportDeps,
  context: TurnContextInfo,
  outcome: 'accepted' | 'declined' | 'failed',
): Promise<Reply[]> {
  if (context.conversationKind !== 'personal') return [PERSONAL_ONLY];
  if (outcome === 'declined')
    return [personNotice('No file sent', 'You declined the file. Type "export progress" when you want it.')];
  if (outcome === 'failed')
    return [
      personNotice(
        'The file could not be sent',
        'Teams could not take the file just now. Type "export progress" to try again.',
      ),
    ];
  const teams = await exportedTeams(deps, context);
  if (teams.length === 0) return [NOT_A_LEAD];
  return [await exportFile(deps, teams)];
}
