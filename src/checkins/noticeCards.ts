// Cards that answer something other than the next question: problems (a stale card, a week that
// has ended, the store being down), and the choices of team and mission. Each says what happened
// and offers the way on, so nobody is left with a dead button.
import { renderNotice, type NoticeStyle } from '../cards/notice';
import { renderCard } from '../cards/render';
import type { Mission } from '../domain';
import { startPayload, type CheckinTarget } from './actionPayloads';
import { missionName } from './checkinCards';
import { button, newCard, updatedCard, type CardButton, type CheckinReply } from './replies';
import { weekLabel } from '../calendar/weeks';
import type { Audience, CardPlacement } from '../turns/types';
import { cleanText } from '../cards/plainText';

export function noticeCard(
  title: string,
  message: string,
  options: { buttons?: CardButton[]; style?: NoticeStyle; delivery?: CardPlacement; audience?: Audience } = {},
): CheckinReply {
  const audience = options.audience ?? 'everyone';
  const card = renderNotice(title, message, options);
  return options.delivery === 'update'
    ? updatedCard(card, `${title}. ${message}`, audience)
    : newCard(card, `${title}. ${message}`, audience);
}

function continueButton(target: CheckinTarget): CardButton {
  return button('Continue my check-in', startPayload(target.teamId, target.mission), { primary: true });
}

/** Garbage or forged data: nothing to act on. */
export function unreadableCard(): CheckinReply {
  return noticeCard(
    "That button didn't work",
    'The card it came from may be out of date or damaged. Type "check in" to start again.',
    { style: 'warning' },
  );
}

/** A card drawn before the latest change (pressed again later, or from another window). */
export function staleCard(target: CheckinTarget): CheckinReply {
  return noticeCard(
    'This card is out of date',
    'Your check-in has moved on since this card was shown, so nothing was changed. Continue from where you are now.',
    { style: 'warning', buttons: [continueButton(target)] },
  );
}

/** A colleague pressed this person's check-in card (in a channel or group chat everyone sees it). */
export function someoneElsesCard(teamId: string, mission: Mission): CheckinReply {
  return noticeCard(
    'That check-in card is someone else’s',
    'Each person answers their own check-in, so nothing was changed. Start your own instead.',
    {
      buttons: [button('Start my check-in', startPayload(teamId, mission), { primary: true })],
    },
  );
}

/** A step's card pressed when the check-in is at another step. */
export function outOfOrderCard(target: CheckinTarget): CheckinReply {
  return noticeCard(
    'That question is not the current one',
    'Nothing was changed. Continue from the question your check-in is on now.',
    {
      style: 'warning',
      buttons: [continueButton(target)],
    },
  );
}

/** An answer the card should never have let through (a score off the scale, text too long, an unknown id). */
export function invalidAnswerCard(problem: string): CheckinReply {
  return noticeCard("That answer couldn't be saved", `${problem} Nothing was changed.`, { style: 'warning' });
}

export function weekEndedCard(target: CheckinTarget): CheckinReply {
  return noticeCard(
    'That week has ended',
    `Check-ins for ${weekLabel(target.week)} have closed, so nothing was changed. You can check in for this week instead.`,
    {
      style: 'warning',
      buttons: [button('Check in for this week', startPayload(target.teamId, target.mission), { primary: true })],
    },
  );
}

/** The store failed; what was pressed can be pressed again. */
export function couldNotSaveCard(): CheckinReply {
  return noticeCard(
    "Sorry, that couldn't be saved",
    'Something went wrong on our side, so your answer may not have been saved. Please press the same button again in a moment: nothing will be counted twice.',
    {
      style: 'attention',
    },
  );
}

export function couldNotLoadCard(): CheckinReply {
  return noticeCard(
    "Sorry, that couldn't be opened",
    'Something went wrong on our side. Please try again in a moment.',
    { style: 'attention' },
  );
}

export function noTeamCard(): CheckinReply {
  return noticeCard(
    'Add Framework Guide to a team first',
    'Check-ins belong to a team, and I could not find a team you are in that has Framework Guide. Ask a team owner to add the app to your team, then try again.',
  );
}

export function notYourTeamCard(): CheckinReply {
  return noticeCard(
    "That team isn't available",
    'The card is for a team that you are not in, or that no longer has Framework Guide. Nothing was changed.',
    {
      style: 'warning',
    },
  );
}

export function teamDirectoryDownCard(): CheckinReply {
  return noticeCard(
    "Sorry, I couldn't find your teams",
    'Something went wrong while looking up your teams. Please try again in a moment.',
    { style: 'attention' },
  );
}

/** Personal chat, several teams: which one is this about? */
export function chooseTeamCard(
  teams: { teamId: string; name: string }[],
  purpose: 'checkin' | 'settings' | 'progress',
  next: CardButton,
  delivery: CardPlacement,
): CheckinReply {
  const title =
    purpose === 'checkin'
      ? 'Which team are you checking in for?'
      : purpose === 'progress'
        ? 'Which team’s progress?'
        : 'Which team’s check-in settings?';
  const message =
    purpose === 'checkin'
      ? 'You are in more than one team with Framework Guide. Check-ins are kept per team.'
      : 'You are in more than one team with Framework Guide.';
  const card = renderCard('checkinChooseTeam', {
    title,
    message,
    // Radio buttons read best for a handful of teams; a drop-down keeps a long list short.
    choiceStyle: teams.length <= 5 ? 'expanded' : 'compact',
    selected: '',
    teams,
    buttons: [next],
  });
  const about = { about: 'a choice of your teams' };
  return delivery === 'new' ? newCard(card, title, 'person', about) : updatedCard(card, title, 'person', about);
}

export interface MissionStatus {
  mission: Mission;
  status: 'submitted' | 'draft' | 'none';
}

const STATUS_TEXT: Record<MissionStatus['status'], string> = {
  submitted: 'Done this week: open it to change your answers',
  draft: 'Started: carry on where you left off',
  none: 'Not started this week',
};

/** `teamLabel`: the team's name, or "this chat" / "your team" when the edge did not give one. */
export function chooseMissionCard(
  teamId: string,
  teamLabel: string,
  week: string,
  statuses: MissionStatus[],
  delivery: CardPlacement,
): CheckinReply {
  const title = `Check in for ${teamLabel}`;
  const message = 'Which mission are you checking in on? Each takes under two minutes.';
  const card = renderCard('checkinChooseMission', {
    title: `Check in for ${cleanText(teamLabel)}`,
    position: weekLabel(week),
    message,
    missions: statuses.map(({ mission, status }) => ({
      name: missionName(mission),
      tooltip: `Check in on ${missionName(mission)}`,
      status: STATUS_TEXT[status],
      open: button(
        status === 'submitted' ? 'Review' : status === 'draft' ? 'Continue' : 'Start',
        startPayload(teamId, mission),
        { primary: status !== 'submitted' },
      ),
    })),
    buttons: [],
  });
  return delivery === 'new'
    ? newCard(card, `${title}: choose a mission`, 'person')
    : updatedCard(card, `${title}: choose a mission`, 'person');
}
