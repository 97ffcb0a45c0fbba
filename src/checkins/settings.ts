// The team's check-in settings card: which missions the team checks in on, its focus outcomes
// (ticked for everyone at the start of the outcomes question) and its weekly prompt schedule. Everyone
// may see them (the card can stay in the channel); only leads and admins may save them. The store's
// read-modify-write keeps a concurrent change to other settings intact.
import { renderCard } from '../cards/render';
import { viewPayload } from '../cards/progressPayloads';
import { topicsOfKind } from '../knowledge/framework';
import { MISSIONS, type TeamSettings } from '../domain';
import type { TurnContextInfo, CardPlacement } from '../turns/types';
import { settingsOpenPayload, settingsSavePayload, startPayload } from './actionPayloads';
import { missionName } from './checkinCards';
import { settingsFor, type CheckinDeps } from './context';
import { digest } from './draftState';
import { invalidAnswerCard, noticeCard, notYourTeamCard } from './noticeCards';
import { button, newCard, updatedCard, type CheckinReply } from './replies';
import { resolveTeam, type CheckinTurnOptions } from './teamDirectory';
import { teamOrCard } from './teamForTurn';
import { OUTCOME_IDS, parseIdList } from './validation';
import { describeSchedule, nextPromptWords } from '../calendar/schedule';
import { DEFAULT_BANK_HOLIDAYS, REGION_NAMES } from '../calendar/holidays';
import { weekDates, weekOffChoices } from '../calendar/weeksOff';
import { BANK_HOLIDAY_REGIONS } from '../domain';
import { parseCalendarInputs, weeksOffChanged } from './calendarInputs';
import { currentWeek } from '../calendar/weeks';
import { NO_REMINDER, parseScheduleInputs } from './scheduleInputs';
import { timeZoneUnset, withClientTimeZone } from '../calendar/timeZoneDefault';
import { timeZoneChoices } from '../calendar/zoneChoices';
import { cleanText } from '../cards/plainText';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Thrown from the settings change when someone who is not a lead changes the weeks off. */
class WeeksOffRefused extends Error {}
/** A week off newly ticked that has already begun passing: too late to stop its prompt. */
class WeekOffInPast extends Error {}

/** The settings form; `saved` adds the confirmation line after a save (or `status`, another line in its place). */
export function settingsCard(
  settings: TeamSettings,
  teamName: string | undefined,
  saved: boolean,
  delivery: CardPlacement,
  now: Date,
  status = 'Saved. New check-ins use these settings from now on.',
): CheckinReply {
  const holidays = settings.bankHolidays ?? DEFAULT_BANK_HOLIDAYS;
  const title = teamName ? `Check-in settings: ${teamName}` : 'Check-in settings for this team';
  const card = renderCard('teamSettings', {
    title: teamName ? `Check-in settings: ${cleanText(teamName)}` : title,
    hasStatus: saved,
    status,
    intro:
      'Choose the missions your team checks in on each week, the outcomes it is focusing on, and when I post the weekly check-in prompt.',
    scheduleWords: describeSchedule(settings),
    nextPrompt: nextPromptWords(settings, now),
    regionChoices: BANK_HOLIDAY_REGIONS.map((region) => ({ title: REGION_NAMES[region], value: region })),
    bankHolidayRegion: holidays.region,
    onBankHoliday: holidays.onHoliday,
    weeksOff: (settings.weeksOff ?? []).join(','),
    weekOffChoices: weekOffChoices(settings, currentWeek(now, settings.schedule.timeZone)).map((week) => ({
      title: weekDates(week),
      value: week,
    })),
    days: WEEKDAYS.map((name, index) => ({ title: name, value: String(index + 1) })),
    promptDay: String(settings.schedule.day),
    promptTime: settings.schedule.time,
    timeZone: settings.schedule.timeZone,
    timeZoneChoices: timeZoneChoices(settings.schedule.timeZone),
    reminderDay: settings.reminder ? String(settings.reminder.day) : NO_REMINDER,
    noReminder: NO_REMINDER,
    reminderTime: settings.reminder?.time ?? '',
    paused: settings.paused ? 'true' : 'false',
    missions: settings.missions.join(','),
    missionChoices: MISSIONS.map((mission) => ({ title: missionName(mission), value: mission })),
    focusOutcomes: settings.focusOutcomes.join(','),
    outcomeChoices: topicsOfKind('outcome').map((topic) => ({ title: topic.name, value: topic.id })),
    footnote: `Only the team’s leads can change these. Weeks follow the ${settings.schedule.timeZone} time zone${zoneOrigin(settings)}.`,
    // Team progress opens the lead views for leads and the team summary for everyone else.
    buttons: [
      button('Save settings', settingsSavePayload(settings.teamId, settingsShown(settings)), { primary: true }),
      button('Check in', startPayload(settings.teamId)),
      button('Team progress', viewPayload('overview', settings.teamId)),
    ],
  });
  const summary = saved ? `${title}: saved` : title;
  // Team information: it may stay in the channel, where only leads and admins can save it.
  return delivery === 'new' ? newCard(card, summary, 'everyone', {}) : updatedCard(card, summary, 'everyone', {});
}

/** Says where the zone came from while nobody has saved one, so people know to check it. */
function zoneOrigin(settings: TeamSettings): string {
  if (settings.timeZoneSetBy === 'clientInfo')
    return ', taken from Teams for the person who set the team up; change it above if the team works in another';
  if (timeZoneUnset(settings)) return ' (the default until someone saves these settings)';
  return '';
}

/**
 * The team's settings for the card, first taking the person's client time zone when nobody has set
 * the team's yet (see timeZoneDefault.ts). That is written to the store at once, so the card, the
 * plain-words line and the prompts agree, and the next person sees the same zone.
 */
async function settingsForSetter(
  deps: CheckinDeps,
  teamId: string,
  clientZone: string | undefined,
): Promise<TeamSettings> {
  const settings = await settingsFor(deps.store, teamId);
  if (withClientTimeZone(settings, clientZone) === settings) return settings;
  return (await deps.store.updateTeamSettings(teamId, (current) => withClientTimeZone(current, clientZone))).value;
}

export async function openSettings(
  deps: CheckinDeps,
  context: TurnContextInfo,
  requestedTeamId: string | undefined,
  options: CheckinTurnOptions | undefined,
  delivery: CardPlacement,
): Promise<CheckinReply> {
  const found = await teamOrCard(
    deps,
    context,
    requestedTeamId,
    options,
    { purpose: 'settings', next: button('Continue', settingsOpenPayload(), { primary: true }) },
    delivery,
  );
  if ('card' in found) return found.card;
  return settingsCard(
    await settingsForSetter(deps, found.team.teamId, context.timeZone),
    found.team.name,
    false,
    delivery,
    deps.now(),
  );
}

/** What a settings form was drawn from: everything it lets a lead change. */
export function settingsShown(settings: TeamSettings): string {
  const { missions, focusOutcomes, schedule, reminder, paused, bankHolidays, weeksOff } = settings;
  return digest({ missions, focusOutcomes, schedule, reminder, paused, bankHolidays, weeksOff });
}

const CHANGED_SINCE =
  'This changed since you opened it: another save came first, so nothing was saved. These are the settings as they are now.';

/** Another save came first: the form's values are not what is stored any more. */
class ChangedSince extends Error {
  constructor(readonly current: TeamSettings) {
    super('The settings changed since the form was drawn');
  }
}

export async function saveSettings(
  deps: CheckinDeps,
  context: TurnContextInfo,
  input: { teamId: string; missions?: unknown; focusOutcomes?: unknown } & Record<string, unknown>,
  options: CheckinTurnOptions | undefined,
): Promise<CheckinReply> {
  const resolution = await resolveTeam(deps.teams, context, input.teamId, options);
  if (resolution.kind !== 'team') return notYourTeamCard();
  // Refused to the presser alone: the shared card stays as it is.
  if (deps.mayChangeSettings && !(await deps.mayChangeSettings(context, input.teamId)))
    return {
      ...noticeCard(
        'Only the team’s leads can change these settings',
        'Nothing was changed. Ask one of the team’s leads.',
        { style: 'warning' },
      ),
      brief: true,
    };
  const missions = parseIdList(input.missions, MISSIONS, 'missions');
  if (!missions.ok) return invalidAnswerCard(missions.problem);
  if (missions.value.length === 0) return invalidAnswerCard('Choose at least one mission for the team to check in on.');
  const focus = parseIdList(input.focusOutcomes, OUTCOME_IDS, 'outcomes');
  if (!focus.ok) return invalidAnswerCard(focus.problem);

  const schedule = parseScheduleInputs(input);
  if (!schedule.ok) return invalidAnswerCard(schedule.problem);
  const calendar = parseCalendarInputs(input);
  if (!calendar.ok) return invalidAnswerCard(calendar.problem);

  // The card's own zone, once saved, is the team's choice; a card without the schedule on it (from
  // before it was there) leaves the schedule alone, but may still take the saver's client zone.
  const chosen = schedule.value ? { ...schedule.value, timeZoneSetBy: 'settingsCard' as const } : {};
  const { weeksOff, bankHolidays } = calendar.value;
  // Weeks off stop the prompt for everyone, so only the team's leads change them. The check runs
  // inside the read-modify-write, on the settings being changed, and a refusal writes nothing.
  let saved;
  try {
    saved = await deps.store.updateTeamSettings(input.teamId, (current) => {
      if (weeksOffChanged(current.weeksOff, weeksOff) && !current.leads.includes(context.userId))
        throw new WeeksOffRefused();
      // A week before this one cannot be taken off any more (its prompt has gone); one already off
      // stays, so a past week marked earlier can still be kept or unticked.
      const thisWeek = currentWeek(deps.now(), current.schedule.timeZone);
      if (weeksOff?.some((week) => week < thisWeek && !(current.weeksOff ?? []).includes(week)))
        throw new WeekOffInPast();
      // Saved only over the settings the form showed: a stale form never reverts a newer save.
      if (input.shown !== settingsShown(current)) throw new ChangedSince(current);
      return {
        ...withClientTimeZone(current, context.timeZone),
        missions: missions.value,
        focusOutcomes: focus.value,
        ...chosen,
        ...(bankHolidays ? { bankHolidays } : {}),
        ...(weeksOff ? { weeksOff } : {}),
      };
    });
  } catch (error) {
    if (error instanceof ChangedSince)
      return settingsCard(error.current, resolution.team.name, true, 'update', deps.now(), CHANGED_SINCE);
    if (error instanceof WeekOffInPast)
      return invalidAnswerCard('A week off cannot be in the past: tick this week or a later one. Nothing was saved.');
    if (!(error instanceof WeeksOffRefused)) throw error;
    return invalidAnswerCard(
      "Only the team's leads can change the weeks off. Nothing was saved; ask a lead, or leave the weeks off as they were.",
    );
  }
  return settingsCard(saved.value, resolution.team.name, true, 'update', deps.now());
}
