// Every card the bot can send today, with every kind of data each template receives.
import { answerExplain } from '../../src/extension';
import * as knowledge from '../../src/knowledge/answers';
import {
  apologyReply,
  helpReply,
  noticeReply,
  personalChatNoticeReply,
  welcomeReply,
} from '../../src/turns/guideCards';
import { personalChatNotice } from '../../src/teams/deliveryPolicy';
import type { CardMessageReply, Reply } from '../../src/turns/types';
import { doneNotice, openRoster, problemNotice } from '../../src/progress/leadRoster';
import { button, renderReport } from '../../src/progress/reportCard';
import { reminderCard, weeklyPromptCard } from '../../src/prompts/promptCards';
import { defaultTeamSettings, emptyRollup } from '../../src/store/defaults';
import type { CheckInRecord, Mission, WeeklyRollup } from '../../src/domain';
import { weeklySummaryReport } from '../../src/progress/views';
import { everyCheckinReplyForCoverage } from '../checkins/everyCheckinCard';
import { everyPrivacyReplyForCoverage } from '../privacy/everyPrivacyCard';
import { everyMaturityReplyForCoverage } from '../maturity/everyMaturityCard';
import { everyReportReplyForCoverage } from '../report/everyReportCard';
import { everyPracticeReplyForCoverage } from '../practice/everyPracticeCard';

type AnyReply = CardMessageReply;

const cardsOnly = (replies: Reply[]): AnyReply[] =>
  replies.flatMap((reply) => (reply.kind === 'file' || reply.kind === 'fileOffer' ? [] : [reply]));

/** Cards from capabilities that render them asynchronously (the lead roster reads the roster port). */
async function asyncReplies(): Promise<AnyReply[]> {
  const settings = { ...defaultTeamSettings('19:coverage@thread.tacv2'), leads: ['29:lead'] };
  const members = {
    listMembers: async () => [
      { userId: '29:lead', name: 'A lead' },
      { userId: '29:member', name: 'A member' },
    ],
  };
  return cardsOnly([
    await openRoster(members, settings, 'new'),
    await openRoster(
      { listMembers: async () => [{ userId: '29:lead', name: 'A lead' }] },
      settings,
      'update',
      problemNotice('Nobody else to add.'),
    ),
    // The weekly summary post switched on, for a team that is running and for one that is paused.
    await openRoster(
      members,
      { ...settings, postWeeklySummary: true },
      'update',
      doneNotice('The weekly summary will be posted.'),
    ),
    await openRoster(members, { ...settings, postWeeklySummary: true, paused: true }, 'new'),
  ]);
}

/** The weekly summary posted after a week closes: figures shown, hidden below the threshold, nobody in, and a demo team's. */
function weeklySummaries(): AnyReply[] {
  const settings = defaultTeamSettings('19:coverage@thread.tacv2');
  const rollup = (week: string, mission: Mission, ratings: number[]): WeeklyRollup => ({
    ...emptyRollup(settings.teamId, mission, week),
    responses: ratings.length,
    progressSum: ratings.reduce((sum, rating) => sum + rating, 0),
  });
  const closed = (rollups: WeeklyRollup[], people: number, sampleData = false) => ({
    settings: { ...settings, sampleData },
    week: '2026-W47',
    weekBefore: '2026-W46',
    rollups,
    records: Array.from({ length: people }, (_, i) => ({ userId: `29:p${i}` }) as CheckInRecord),
  });
  const shown = [
    rollup('2026-W46', 'digitally-enabled-councils', [3, 3, 4]),
    rollup('2026-W47', 'digitally-enabled-councils', [4, 4, 5]),
    rollup('2026-W47', 'digitally-equipped-places', [2, 5]),
  ];
  return [
    closed(shown, 3),
    closed([rollup('2026-W47', 'digitally-enabled-councils', [1, 5])], 2),
    closed([], 0),
    closed(shown, 3, true),
  ].map((week) => renderReport(weeklySummaryReport(week, 3), 'new', 'everyone'));
}

export async function everyReplyForCoverage(): Promise<AnyReply[]> {
  const settings = defaultTeamSettings('19:coverage@thread.tacv2');
  const replies: AnyReply[] = [
    welcomeReply('personal'),
    personalChatNoticeReply(personalChatNotice([{ about: 'your check-in' }], true, 'app-id')),
    personalChatNoticeReply(personalChatNotice([{ about: 'your check-in' }], false, 'app-id')),
    personalChatNoticeReply(personalChatNotice([{}], false, undefined)),
    welcomeReply('channel'),
    welcomeReply('groupChat'),
    helpReply(),
    noticeReply('A title with "quotes" and $ signs', 'A message with <b>markup</b>, emoji 🙂 and \\ backslashes.'),
    apologyReply(),
    knowledge.answerQuestion('what is the weather like in Leeds'),
    knowledge.answerQuestion('tell me about the fourth outcome'),
  ];
  for (const topic of knowledge.allTopics()) {
    const reply = knowledge.showTopic(topic.id);
    if (reply) replies.push(reply);
  }
  for (const kind of ['outcome', 'mission', 'enabler', 'principle', 'all'] as const)
    replies.push(knowledge.showList(kind));
  replies.push(
    ...everyCheckinReplyForCoverage(),
    ...everyPrivacyReplyForCoverage(),
    ...everyMaturityReplyForCoverage(),
    ...everyReportReplyForCoverage(),
    ...everyPracticeReplyForCoverage(),
  );
  // The message action's dialog card: terms found (official text and a guide summary), none, and an unreadable action.
  const explainValue = (content: string) => ({
    commandId: 'explainTerms',
    messagePayload: { body: { contentType: 'html', content } },
  });
  replies.push(
    answerExplain(
      explainValue('<p>Our <b>data</b> enabler, digitally empowered residents and a user-centric approach</p>'),
    ),
    answerExplain(explainValue('<p>Lunch at noon?</p>')),
    answerExplain({ commandId: 'explainTerms' }),
  );
  replies.push(
    ...cardsOnly([
      renderReport(
        {
          title: 'Team progress',
          subtitle: 'Week 48',
          notice: 'Hidden: 2 people answered; figures show once at least 3 do.',
          sections: [
            {
              heading: 'Participation',
              intro: 'This week',
              rows: [
                {
                  label: 'Checked in',
                  value: '5',
                  detail: 'of 8',
                  open: button('Open', { action: 'progress', view: 'overview', teamId: 't' }),
                },
                { label: 'Trend' },
              ],
            },
            {
              heading: 'Charts, with their rows as fallback',
              rows: [],
              chart: {
                kind: 'line',
                title: 'Average "a week"',
                xAxisTitle: 'Week',
                yAxisTitle: '1 to 5',
                series: [{ legend: 'A $ mission', points: [{ x: 'W47', y: 3.5 }] }],
                fallback: [{ label: 'A $ mission', detail: 'W47: 3.5 · W48: hidden' }],
              },
            },
            {
              heading: 'Answers',
              rows: [],
              chart: {
                kind: 'verticalBar',
                title: 'Answers a week',
                xAxisTitle: 'Week',
                yAxisTitle: 'Answers',
                bars: [{ x: 'W47', y: 0 }],
                fallback: [{ label: 'Answers a week', value: '0', detail: 'W47: 0' }],
              },
            },
          ],
          footnote: 'Figures from check-ins.',
          buttons: [
            button('What needs attention', { action: 'progress', view: 'attention', teamId: 't' }, { primary: true }),
          ],
          summary: 'Team progress',
        },
        'new',
        'leads',
      ),
    ]),
  );
  for (const checkedIn of [0, 1, 4]) {
    const prompt = weeklyPromptCard(settings, '2026-W48', checkedIn);
    replies.push({ kind: 'card', audience: 'everyone', card: prompt.card, summary: prompt.summary });
  }
  const reminder = reminderCard(settings, '2026-W48');
  replies.push({ kind: 'card', audience: 'person', card: reminder.card, summary: reminder.summary });
  replies.push(...(await asyncReplies()), ...weeklySummaries());
  return replies;
}
