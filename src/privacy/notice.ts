// The privacy notice: what Framework Guide keeps, why, for how long, and who sees it. This is its
// one source. The bot serves it as a web page (GET /privacy, the manifest's privacyUrl) and as a
// card ("privacy", and the Privacy button on the help card), both with the settings it runs with;
// docs/privacy.md is generated from it with the default settings (npm run build && node
// dist/scripts/privacy-notice.js), and a test keeps the file and this source the same.
//
// Every period in it comes from the constant the code uses, so the notice cannot promise what the
// code does not do.
import { renderCard } from '../cards/render';
import { SENT_SECONDS } from '../prompts';
import { DEFAULT_DRAFT_TTL_SECONDS, DEFAULT_RETENTION_DAYS } from '../store/defaults';
import { AWAY_KEPT_DAYS_AFTER } from '../store/records/rules';
import { ACTIVITY_CLAIM_SECONDS } from '../turns/activityClaims';
import type { CardReply } from '../turns/types';

/** The settings the notice depends on, from configuration. */
export interface NoticeSettings {
  /** TEAM_DATA_GRACE_DAYS */
  graceDays: number;
  /** MIN_RESPONSES */
  minResponses: number;
}

export interface NoticeSection {
  heading: string;
  items: string[];
}

export interface PrivacyNotice {
  title: string;
  intro: string[];
  sections: NoticeSection[];
}

const DAY_SECONDS = 24 * 3600;

function days(count: number): string {
  const text = `${count} ${count === 1 ? 'day' : 'days'}`;
  if (count >= 365 && count % 365 === 0) return `${text} (${count === 365 ? 'a year' : `${count / 365} years`})`;
  return text;
}

function minutes(seconds: number): string {
  const count = Math.round(seconds / 60);
  return `${count} ${count === 1 ? 'minute' : 'minutes'}`;
}

export function privacyNotice({ graceDays, minResponses }: NoticeSettings): PrivacyNotice {
  const grace = days(graceDays);
  return {
    title: 'Framework Guide privacy notice',
    intro: [
      'Framework Guide is a Microsoft Teams app that explains the local government digitalisation framework and runs short weekly check-ins. Your organisation runs it, in its own Microsoft Azure subscription or on its own server, and is responsible for the data it keeps: ask your organisation’s data protection officer about anything here.',
      'This notice says what the app keeps, why, for how long, and who sees it.',
    ],
    sections: [
      {
        heading: 'What it keeps, and why',
        items: [
          'Your check-in answers: for each team, mission and week, your progress score, the outcomes, enabler and principles you chose, and any win or blocker you wrote, under your Teams user id. So that you can see and change your answers, and your team can see how its work is going.',
          'Check-ins you started and did not finish, so that you can carry on where you stopped.',
          'Time away you tell it about ("away until 2 January"): the first and last day, for each of your teams, under your Teams user id. So that you get no reminders while away and your team’s progress counts you as away, not missing.',
          'Your self-assessments: for each team and quarterly round, the level (1 to 5) you gave each enabler and good practice principle and any note you wrote, under your Teams user id; and any self-assessment you started and did not finish. So that you can change it until the round closes, and your team can see where it stands.',
          'Each team’s maturity record: counts of the levels given for each theme and round (no names or user ids), the rounds its leads closed or opened early, its target levels, and its action plan: each action’s title, theme, outcome, due date and whether it is done, with the Teams user id and name of the team member who owns it. The action belongs to the team’s plan, not to its owner.',
          'Each team’s check-in settings: its missions, focus outcomes, prompt day, time and time zone, and the Teams user ids of its check-in leads. To run the team’s check-ins.',
          'Weekly team totals: counts of the answers for each team, mission and week, with no names or user ids. For the team’s progress cards.',
          'Where the app is installed: for each team, group chat and personal chat, the address Teams needs to send a message there, which includes the Teams user id of the last person who messaged the app in it. For the weekly prompts and reminders.',
          'The teams you were seen in (a message from you in the team, or the team’s member list): team ids and when, under your Teams user id. So that "check in" in your chat with the app finds your teams without asking Teams about every team that has the app.',
          'Wins you share with your organisation ("Share this win with the council" on a saved check-in): the text as you wrote or edited it, the parts of the framework it shows, your team’s id and name, your name only if you chose to show it, your Teams user id, when you offered it and whether a lead of your team approved or declined it (with their user id and any reason they gave). So that other teams in your organisation can learn from it and know whom to ask.',
          'Short-lived markers of the messages it has answered and the prompts and reminders it has sent, so that nothing is answered or sent twice.',
          'It does not keep the questions you ask it, or anything else you type outside a check-in or self-assessment, and it does not keep names, except the owner’s name on an action in a team’s action plan, and a team’s name (and yours, if you chose to show it) on a win it shared: people’s and teams’ names are read from Teams when a card needs them.',
          'Its logs record technical events (ids, times, errors), not what you wrote or your name. If your organisation turns on Application Insights, request timings and failures are sent there with message text, user ids and names removed.',
        ],
      },
      {
        heading: 'For how long',
        items: [
          `Check-in answers: ${days(DEFAULT_RETENTION_DAYS)} after you last changed them, then they are deleted.`,
          `Unfinished check-ins: ${days(DEFAULT_DRAFT_TTL_SECONDS / DAY_SECONDS)} after you last changed them. Unfinished self-assessments: the same.`,
          `Time away: ${days(AWAY_KEPT_DAYS_AFTER)} after its last day, or until you delete your data.`,
          'Self-assessments: until you delete your data, or the team’s data is deleted (below), so that the team can compare each round with the last.',
          'Your name and user id on an action you own: until you delete your data (the action stays in the team’s plan, without an owner), or the team’s data is deleted.',
          `Markers of answered messages: ${minutes(ACTIVITY_CLAIM_SECONDS)}. Markers of prompts and reminders sent: ${days(SENT_SECONDS / DAY_SECONDS)}.`,
          'A win you shared: until you or a lead of your team withdraw it, an admin removes it, you delete your data, or the team’s data is deleted (below). One a lead declined is kept the same way, shown to nobody but you, so that you can see the outcome.',
          'The teams you were seen in: until you delete your data, or Teams says you are no longer in a team (that team goes); each person keeps at most the 100 teams seen most recently.',
          `Team settings, weekly totals, the team’s maturity record and the record of where the app is installed: while the app is in the team or chat. When the app is removed, these and the team’s check-in answers, self-assessments, unfinished ones and shared wins are deleted ${grace} later, unless the app is added back before then.`,
          `The record of your personal chat with the app: while the app is in it. It is deleted ${grace} after you remove the app, or at once when you delete your data.`,
        ],
      },
      {
        heading: 'Who sees it',
        items: [
          'You: your own answers ("my check-ins") and everything the app keeps about you ("my data"), only in your personal chat with the app. A check-in started in a team’s channel or group chat (typed, or from a card’s Check in button) runs in your personal chat too: the channel or chat is told only that it was sent there.',
          `Your team: the team summary, in the team’s channel or chat: how many people checked in, and progress by mission, shown only once at least ${minResponses} people have answered. If the team’s leads switch it on, the same summary of each closed week is posted in the channel. No card names anyone’s answers.`,
          `The team’s check-in leads and your organisation’s Framework Guide admins, each in their own personal chat with the app: the team’s progress over time, by mission and outcome, and the week’s wins and blockers without names, each shown only once at least ${minResponses} people have answered. Nothing for leads only is posted in a channel or group chat. The admins’ organisation report adds up every team’s check-in figures in your organisation (how many checked in, progress by mission, outcomes, what held work back), under the same rule and without team names or free text.`,
          `Self-assessments: your team sees, for each theme, the median level and how far ratings differ, only once at least ${minResponses} people have rated it; never who gave which rating. The team’s leads also see the notes people wrote, without names and under the same rule, in their personal chat with the app. Everyone in the team sees the target levels and the action plan, with each action’s owner. Your organisation’s admins see, for each theme, how many teams have each median level, without team names.`,
          'A win you offer: first only you and the leads of your team, in their personal chats. Once a lead approves it, everyone in your organisation (your Microsoft 365 tenant) who uses the app can find it, with your team’s name and, only if you chose, your name: beside the parts of the framework it shows, in "practice" lists and searches, and in the message extension, from which they may share it into a chat. It is never shown to another organisation. Your organisation’s Framework Guide admins can remove any shared win; you and the team’s leads are told why.',
          'The IT administrators who run the app for your organisation can reach the stored data, as with its other systems. Microsoft carries the messages, as part of Teams and Azure.',
        ],
      },
      {
        heading: 'Your choices',
        items: [
          'Type "my data" in your personal chat with the app to see what it keeps about you, including the actions on your teams’ plans that you own, and to download it as a file.',
          'Type "delete my data" to delete your answers, self-assessments, unfinished check-ins and self-assessments, time away, lead roles and the record of your personal chat, in every team. Your teams’ weekly totals and maturity figures are recounted without your answers. Actions you own stay in your teams’ action plans, because they are the team’s, but your name and user id are taken off them, for a lead to give them to someone else. The app keeps only what it needs to answer you: when you next message it, it records your personal chat again.',
          'Withdraw a win you shared at any time, from the card that told you it was shared or from the "practice" list. "delete my data" deletes your shared wins too.',
          `Removing the app from a team or group chat deletes that team’s data ${grace} later.`,
        ],
      },
    ],
  };
}

// ---- Renderings ------------------------------------------------------------------------------

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A small standalone page: no scripts, no external resources. */
export function noticeHtml(notice: PrivacyNotice): string {
  const sections = notice.sections
    .map(
      (section) =>
        `<h2>${escapeHtml(section.heading)}</h2>\n<ul>\n${section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(notice.title)}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}h2{margin-top:2rem}li{margin:.5rem 0}</style>
</head>
<body>
<h1>${escapeHtml(notice.title)}</h1>
${notice.intro.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${sections}
</body>
</html>
`;
}

/** Markdown that renders the text as it is: characters Markdown would read as formatting are escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function noticeMarkdown(notice: PrivacyNotice, footer?: string): string {
  const lines = [`# ${escapeMarkdown(notice.title)}`, ''];
  for (const paragraph of notice.intro) lines.push(escapeMarkdown(paragraph), '');
  for (const section of notice.sections) {
    lines.push(`## ${escapeMarkdown(section.heading)}`, '');
    for (const item of section.items) lines.push(`- ${escapeMarkdown(item)}`);
    lines.push('');
  }
  if (footer) lines.push(footer, '');
  return lines.join('\n');
}

/** The notice as a card, from cards/privacyStatement.json. */
export function noticeReply(notice: PrivacyNotice): CardReply {
  return {
    kind: 'card',
    audience: 'everyone',
    card: renderCard('privacyStatement', notice),
    summary: `${notice.title}: what is kept, why, for how long, and who sees it`,
  };
}
