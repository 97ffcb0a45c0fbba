// "My check-ins": a person's own recent answers, and any check-in they started this week and have
// not finished. In a channel or group chat only that team's are shown, so one team's conversation
// never shows what someone answered for another team.
import { renderCard } from '../cards/render';
import { MISSIONS, type CheckInDraft, type CheckInRecord } from '../domain';
import type { TurnContextInfo, CardPlacement } from '../turns/types';
import { startPayload } from './actionPayloads';
import { answerFacts, missionName } from './checkinCards';
import { settingsFor, type CheckinDeps } from './context';
import { button, newCard, updatedCard, type CheckinReply } from './replies';
import { resolveTeam, type CheckinTurnOptions } from './teamDirectory';
import { currentWeek, weekLabel } from '../calendar/weeks';
import { cleanText } from '../cards/plainText';

/** Enough to look back over the last few weeks while keeping the card well under Teams' size limit. */
const MAX_ANSWERS = 6;

function newestFirst(a: CheckInRecord, b: CheckInRecord): number {
  if (a.week !== b.week) return a.week < b.week ? 1 : -1;
  return MISSIONS.indexOf(a.mission) - MISSIONS.indexOf(b.mission);
}

/** Team names for the card; the card still works (without names) if the directory fails. */
async function teamNames(
  deps: CheckinDeps,
  context: TurnContextInfo,
  options: CheckinTurnOptions | undefined,
  scope: string | undefined,
): Promise<Map<string, string>> {
  if (scope !== undefined) return new Map(options?.teamName ? [[scope, options.teamName]] : []);
  try {
    const teams = await deps.teams.teamsFor(context.userId, context.tenantId ?? '');
    return new Map(teams.map((team) => [team.teamId, team.name]));
  } catch {
    return new Map();
  }
}

/** Drafts of the week still open in each one's team (its own time zone), so "continue" still works. */
async function openDrafts(deps: CheckinDeps, drafts: CheckInDraft[]): Promise<CheckInDraft[]> {
  const weeks = new Map<string, string>();
  for (const teamId of new Set(drafts.map((draft) => draft.teamId))) {
    weeks.set(teamId, currentWeek(deps.now(), (await settingsFor(deps.store, teamId)).schedule.timeZone));
  }
  return drafts.filter((draft) => weeks.get(draft.teamId) === draft.week);
}

export async function myCheckins(
  deps: CheckinDeps,
  context: TurnContextInfo,
  options: CheckinTurnOptions | undefined,
  delivery: CardPlacement,
): Promise<CheckinReply> {
  let scope: string | undefined;
  if (context.conversationKind !== 'personal') {
    const resolution = await resolveTeam(deps.teams, context, undefined, options);
    if (resolution.kind === 'team') scope = resolution.team.teamId;
  }
  const inScope = (record: { teamId: string }) => scope === undefined || record.teamId === scope;
  const records = await deps.store.listPersonRecords(context.userId);
  const answers = records.checkIns.filter(inScope).sort(newestFirst).slice(0, MAX_ANSWERS);
  const drafts = await openDrafts(deps, records.drafts.filter(inScope));
  const names = await teamNames(deps, context, options, scope);
  return myCheckinsCard({ answers, drafts, names, scope }, delivery);
}

/** The card itself, from what was read: answers newest first, open drafts, and team names where known. */
export function myCheckinsCard(
  found: { answers: CheckInRecord[]; drafts: CheckInDraft[]; names: ReadonlyMap<string, string>; scope?: string },
  delivery: CardPlacement,
): CheckinReply {
  const { answers, drafts, names, scope } = found;
  const teamSuffix = (teamId: string) => {
    const name = names.get(teamId);
    return name ? ` · ${cleanText(name)}` : '';
  };

  const title = 'Your recent check-ins';
  const intro =
    answers.length === 0
      ? 'You haven’t submitted a check-in yet. It takes under two minutes.'
      : `Your last ${answers.length === 1 ? 'answer' : `${answers.length} answers`}, newest first.`;
  const card = renderCard('checkinMine', {
    title,
    intro,
    hasDrafts: drafts.length > 0,
    drafts: drafts.map((draft) => ({
      label: `${missionName(draft.mission)}${teamSuffix(draft.teamId)}`,
      open: button('Continue', startPayload(draft.teamId, draft.mission), { primary: true }),
    })),
    items: answers.map((record) => ({
      heading: `${missionName(record.mission)}${teamSuffix(record.teamId)}`,
      subheading: weekLabel(record.week),
      facts: answerFacts(record.answers),
    })),
    buttons: [button('Check in', startPayload(scope), { primary: true })],
  });
  const summary = answers.length === 0 ? `${title}: none yet` : `${title}: ${answers.length} shown`;
  const about = { about: 'your check-ins' };
  return delivery === 'new' ? newCard(card, summary, 'person', about) : updatedCard(card, summary, 'person', about);
}
