// The data behind the prompt and reminder cards; the layout lives in cards/prompt*.json.
import { renderCard, type AdaptiveCard } from '../cards/render';
import { missionName } from '../checkins/checkinCards';
import { lastDayOf, weekLabel } from '../checkins/weeks';
import type { IsoWeek, TeamSettings } from '../store/port';
import { describeSchedule } from './schedule';

export interface RenderedPrompt {
  card: AdaptiveCard;
  /** The notification text Teams shows in the activity feed and on lock screens. */
  summary: string;
}

function checkedInWords(count: number): string {
  if (count === 0) return 'Nobody has checked in yet this week.';
  return count === 1 ? '1 person has checked in so far this week.' : `${count} people have checked in so far this week.`;
}

export function weeklyPromptCard(settings: TeamSettings, week: IsoWeek, checkedIn: number): RenderedPrompt {
  const missions = settings.missions.map((mission) => ({ name: missionName(mission) }));
  const card = renderCard('promptWeekly', {
    title: 'Time for this week’s check-in',
    weekLabel: weekLabel(week),
    intro: missions.length === 1 ? 'This week’s check-in covers one mission:' : `This week’s check-in covers ${missions.length} missions:`,
    missions,
    progress: checkedInWords(checkedIn),
    scheduleText: describeSchedule(settings),
    buttonTitle: 'Check in',
    teamId: settings.teamId,
  });
  return { card, summary: 'Time for this week’s check-in' };
}

export function reminderCard(settings: TeamSettings, week: IsoWeek): RenderedPrompt {
  const card = renderCard('promptReminder', {
    title: 'A reminder: your team’s check-in is still open',
    message: 'You have not checked in yet this week. It takes a couple of minutes, on:',
    missions: settings.missions.map((mission) => ({ name: missionName(mission) })),
    closes: `Answers for ${weekLabel(week)} can be given until ${lastDayOf(week)}.`,
    buttonTitle: 'Check in now',
    teamId: settings.teamId,
  });
  return { card, summary: 'Your team’s check-in is still open' };
}
