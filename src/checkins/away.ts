// Time away: "away until 2 January" (or the "I'm away this week" button on the prompt and the
// reminder) marks the person away for their teams, so reminders skip them and progress counts them
// as away rather than missing; "back" ends it early. The confirmation card shows the days
// understood, so a misread date is seen at once and can be typed again.
import { DEFAULT_TIME_ZONE } from '../calendar/weeks';
import { renderCard } from '../cards/render';
import type { AwayRecord } from '../domain';
import type { TurnContextInfo } from '../turns/types';
import { awayPayload } from './actionPayloads';
import { parseAwayDates, dayBefore, spokenDate, todayIn } from './awayDates';
import type { CheckinDeps } from './context';
import { noTeamCard, notYourTeamCard, noticeCard } from './noticeCards';
import { button, newCard, type CheckinReply } from './replies';
import { resolveTeam, TeamDirectoryError, type CheckinTurnOptions, type TeamInfo } from './teamDirectory';

const HINT =
  'Not the days you meant? Type it again, for example "away from 21 December to 2 January". Type "back" to end it early.';

/** The person's teams for time away: in a channel or chat, that one; in a personal chat, every team of theirs. */
async function teamsForAway(
  deps: CheckinDeps,
  context: TurnContextInfo,
  requested: string | undefined,
  options: CheckinTurnOptions | undefined,
): Promise<Array<{ teamId: string; name?: string }> | CheckinReply> {
  if (context.conversationKind === 'personal' && requested === undefined) {
    let teams: TeamInfo[];
    try {
      teams = await deps.teams.teamsFor(context.userId, context.tenantId ?? '');
    } catch (error) {
      throw new TeamDirectoryError({ cause: error });
    }
    return teams.length > 0 ? teams : noTeamCard();
  }
  const resolution = await resolveTeam(deps.teams, context, requested, options);
  if (resolution.kind === 'team') return [resolution.team];
  return resolution.kind === 'none' ? noTeamCard() : notYourTeamCard();
}

function names(teams: ReadonlyArray<{ name?: string }>): string {
  const named = teams.map((team) => team.name).filter((name): name is string => Boolean(name));
  if (named.length === teams.length && named.length > 0) return named.join(', ');
  return teams.length === 1 ? 'This team' : `${teams.length} teams`;
}

/** The card that says back the days understood (exported for the card coverage tests). */
export function awayConfirmationCard(
  from: string,
  until: string,
  teams: ReadonlyArray<{ name?: string }>,
): CheckinReply {
  const title = from === until ? `You're away on ${spokenDate(from)}` : `You're away until ${spokenDate(until)}`;
  const message =
    "I won't send you check-in reminders on these days, and your team's progress counts you as away, not as missing.";
  const card = renderCard('awayConfirm', {
    title,
    hasDates: true,
    from: spokenDate(from),
    until: spokenDate(until),
    teams: names(teams),
    message,
    hint: HINT,
    buttons: [button("I'm back", awayPayload('back'))],
  });
  return newCard(card, `${title}. First day away ${spokenDate(from)}, last day ${spokenDate(until)}.`, 'person');
}

/** "away …" typed: `text` is what follows "away". */
export async function setAway(
  deps: CheckinDeps,
  context: TurnContextInfo,
  text: string,
  options: CheckinTurnOptions | undefined,
  requestedTeam?: string,
): Promise<CheckinReply> {
  const dates = parseAwayDates(text, deps.now(), context.timeZone ?? DEFAULT_TIME_ZONE);
  if (!dates.ok)
    return noticeCard("I couldn't tell which days you're away", dates.problem, {
      style: 'warning',
      audience: 'person',
    });
  const teams = await teamsForAway(deps, context, requestedTeam, options);
  if (!Array.isArray(teams)) return teams;
  for (const team of teams)
    await deps.store.saveAway({ teamId: team.teamId, userId: context.userId, from: dates.from, until: dates.until });
  return awayConfirmationCard(dates.from, dates.until, teams);
}

/**
 * "back" typed or pressed: time away that has started ends yesterday (so progress still counts the
 * days already away), and time away still to come is removed.
 */
export async function endAway(deps: CheckinDeps, context: TurnContextInfo): Promise<CheckinReply> {
  const today = todayIn(deps.now(), context.timeZone ?? DEFAULT_TIME_ZONE);
  const current = ((await deps.store.listPersonRecords(context.userId)).away ?? []).filter(
    (away: AwayRecord) => away.until >= today,
  );
  if (current.length === 0)
    return noticeCard('Welcome back', "You weren't marked as away, so there was nothing to change.", {
      audience: 'person',
    });
  for (const away of current) {
    if (away.from < today) await deps.store.saveAway({ ...away, until: dayBefore(today) });
    else await deps.store.deleteAway(away.teamId, away.userId);
  }
  return welcomeBackCard();
}

/** After "back" (exported for the card coverage tests). */
export function welcomeBackCard(): CheckinReply {
  const card = renderCard('awayConfirm', {
    title: 'Welcome back',
    hasDates: false,
    message: 'You are no longer marked as away. Check-in reminders start again from the next one.',
    hint: 'Going away again? Type, for example, "away until 2 January".',
    buttons: [],
  });
  return newCard(card, 'Welcome back: you are no longer marked as away.', 'person');
}
