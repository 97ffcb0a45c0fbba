// The data behind the prompt and reminder cards; the layout lives in cards/prompt*.json.
import { renderCard, type AdaptiveCard } from '../cards/render';
import { missionName } from '../checkins/checkinCards';
import { lastDayOf, weekLabel } from '../calendar/weeks';
import type { IsoWeek, TeamSettings } from '../domain';
import { describeSchedule } from '../calendar/schedule';
import type { MaturityNote } from './ports';

export interface RenderedPrompt {
  card: AdaptiveCard;
  /** The notification text Teams shows in the activity feed and on lock screens. */
  summary: string;
}

/** Week names for the cards, worked out once per week rather than once per card (a pass sends thousands). */
const weekWords = new Map<IsoWeek, { label: string; lastDay: string }>();

function wordsFor(week: IsoWeek): { label: string; lastDay: string } {
  let words = weekWords.get(week);
  if (!words) {
    if (weekWords.size >= 16) weekWords.clear();
    words = { label: weekLabel(week), lastDay: lastDayOf(week) };
    weekWords.set(week, words);
  }
  return words;
}

/**
 * A pass sends the same card, but for the team id in its button, to thousands of teams, and expanding
 * a template costs far more than the rest of a send. So each distinct card is expanded once with a
 * stand-in id and kept as JSON; each team's card is that JSON with its own id put in (JSON-escaped)
 * and parsed. The templates use the team id only as a whole string value, so the result is exactly
 * what expanding the template with the team's id gives (promptCards.test.ts checks).
 */
// Letters and digits only: the renderer leaves such a string exactly as it is (render.ts escapes and
// cleans shown strings), so it can be found again in the JSON; it is only ever a button's data, which
// the renderer keeps as given.
const TEAM_ID_STAND_IN = 'TEAMxIDxSTANDxIN4f1c9e';
const STAND_IN_IN_JSON = JSON.stringify(TEAM_ID_STAND_IN).slice(1, -1);
const expanded = new Map<string, string>();

export function renderForTeam(name: 'promptWeekly' | 'promptReminder', data: object, teamId: string): AdaptiveCard {
  const key = `${name}\n${JSON.stringify(data)}`;
  let json = expanded.get(key);
  if (json === undefined) {
    if (expanded.size >= 256) expanded.clear();
    json = JSON.stringify(renderCard(name, { ...data, teamId: TEAM_ID_STAND_IN }));
    expanded.set(key, json);
  }
  return JSON.parse(json.split(STAND_IN_IN_JSON).join(JSON.stringify(teamId).slice(1, -1))) as AdaptiveCard;
}

function checkedInWords(count: number): string {
  if (count === 0) return 'Nobody has checked in yet this week.';
  return count === 1
    ? '1 person has checked in so far this week.'
    : `${count} people have checked in so far this week.`;
}

/** The prompt's lines about the team's self-assessment round and overdue actions; nobody named. */
function maturityLines(note: MaturityNote | undefined): string[] {
  if (!note) return [];
  const lines: string[] = [];
  if (note.openRound)
    lines.push(
      `The self-assessment round for ${note.openRound} is open: type "self-assessment" in your personal chat with me.`,
    );
  if (note.overdueActions > 0)
    lines.push(
      note.overdueActions === 1
        ? '1 action on the team’s plan is overdue (type "maturity" to see it).'
        : `${note.overdueActions} actions on the team’s plan are overdue (type "maturity" to see them).`,
    );
  return lines;
}

export function weeklyPromptCard(
  settings: TeamSettings,
  week: IsoWeek,
  checkedIn: number,
  note?: MaturityNote,
): RenderedPrompt {
  const maturity = maturityLines(note);
  const missions = settings.missions.map((mission) => ({ name: missionName(mission) }));
  const card = renderForTeam(
    'promptWeekly',
    {
      title: 'Time for this week’s check-in',
      weekLabel: wordsFor(week).label,
      intro:
        missions.length === 1
          ? 'This week’s check-in covers one mission:'
          : `This week’s check-in covers ${missions.length} missions:`,
      missions,
      progress: checkedInWords(checkedIn),
      hasMaturity: maturity.length > 0,
      maturity: maturity.map((text) => ({ text })),
      scheduleText: describeSchedule(settings),
      buttonTitle: 'Check in',
      // Leads get the progress overview, everyone else the team summary (progress decides, as from the settings card).
      progressTitle: 'Team progress',
      // Marks whoever presses it away for the rest of the week: no reminder, counted as away.
      awayTitle: "I'm away this week",
    },
    settings.teamId,
  );
  return { card, summary: 'Time for this week’s check-in' };
}

export function reminderCard(settings: TeamSettings, week: IsoWeek): RenderedPrompt {
  const card = renderForTeam(
    'promptReminder',
    {
      title: 'A reminder: your team’s check-in is still open',
      message: 'You have not checked in yet this week. It takes a couple of minutes, on:',
      missions: settings.missions.map((mission) => ({ name: missionName(mission) })),
      closes: `Answers for ${wordsFor(week).label} can be given until ${wordsFor(week).lastDay}.`,
      buttonTitle: 'Check in now',
      awayTitle: "I'm away this week",
    },
    settings.teamId,
  );
  return { card, summary: 'Your team’s check-in is still open' };
}
