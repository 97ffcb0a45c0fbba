// Every check-in card, rendered synchronously with every kind of data its template receives, for
// the template coverage test in test/cards (which requires every template in cards/ to be used):
// add `...everyCheckinReplyForCoverage()` to its list.
import type { CheckinTarget } from '../../src/checkins/actionPayloads';
import { awayConfirmationCard, welcomeBackCard } from '../../src/checkins/away';
import { questionCard, savedCard, summaryCard } from '../../src/checkins/checkinCards';
import { newState, ownerOf, type CheckinState } from '../../src/checkins/draftState';
import { myCheckinsCard } from '../../src/checkins/myCheckins';
import * as notices from '../../src/checkins/noticeCards';
import { button } from '../../src/checkins/replies';
import { settingsCard } from '../../src/checkins/settings';
import { QUESTION_STEPS } from '../../src/checkins/steps';
import { defaultTeamSettings } from '../../src/store/defaults';
import type { CheckInAnswers } from '../../src/domain';
import type { CardReply } from '../../src/turns/types';

const TEAM = '19:team-general@thread.tacv2';
const target: CheckinTarget = {
  teamId: TEAM,
  mission: 'digitally-empowered-residents',
  week: '2026-W48',
  owner: ownerOf('29:someone'),
};
const full: CheckInAnswers = {
  progress: 4,
  outcomes: ['outcome:data', 'outcome:inclusion'],
  enabler: 'enabler:capabilities',
  principles: ['principle:inclusive'],
  win: 'A win with "quotes", <b>markup</b> and £ signs',
  blocker: 'b'.repeat(500),
};

export function everyCheckinReplyForCoverage(): CardReply[] {
  const answered: CheckinState = { step: 'summary', rev: 7, answers: full, editing: false, origin: 'draft' };
  const editing: CheckinState = { ...answered, editing: true };
  const replies = [
    ...QUESTION_STEPS.flatMap((step) => [
      questionCard(step, target, { ...newState(), step }, ['outcome:services'], { delivery: 'new' }),
      questionCard(step, target, { ...answered, step }, [], { delivery: 'update', notice: 'resumed' }),
      questionCard(step, target, { ...editing, step }, [], { delivery: 'update' }),
    ]),
    summaryCard(target, answered, { delivery: 'update' }),
    summaryCard(target, { ...answered, answers: { outcomes: [] } }, { delivery: 'new', notice: 'submitted' }),
    savedCard(target, full, 'update'),
    savedCard(target, { progress: 1, outcomes: [], enabler: null, principles: [] }, 'update'),
    notices.unreadableCard(),
    notices.staleCard(target),
    notices.outOfOrderCard(target),
    notices.someoneElsesCard(TEAM, 'digitally-enabled-councils'),
    notices.invalidAnswerCard('Progress must be a whole number from 1 to 5.'),
    notices.weekEndedCard(target),
    notices.couldNotSaveCard(),
    notices.couldNotLoadCard(),
    notices.noTeamCard(),
    notices.notYourTeamCard(),
    notices.teamDirectoryDownCard(),
    notices.noticeCard('A notice title', 'A message', { buttons: [button('A button', { action: 'checkinMine' })] }),
    notices.chooseTeamCard(
      [
        { teamId: TEAM, name: 'Digital team' },
        { teamId: '19:other@thread.tacv2', name: 'Planning "A" team' },
      ],
      'checkin',
      button('Continue', { action: 'checkinStart' }, { primary: true }),
      'new',
    ),
    notices.chooseTeamCard(
      Array.from({ length: 8 }, (_, index) => ({ teamId: `19:team-${index}@thread.tacv2`, name: `Team ${index}` })),
      'settings',
      button('Continue', { action: 'checkinSettings', op: 'open' }, { primary: true }),
      'update',
    ),
    notices.chooseMissionCard(
      TEAM,
      'Digital team',
      '2026-W48',
      [
        { mission: 'digitally-enabled-councils', status: 'submitted' },
        { mission: 'digitally-empowered-residents', status: 'draft' },
        { mission: 'digitally-equipped-places', status: 'none' },
      ],
      'new',
    ),
    myCheckinsCard({ answers: [], drafts: [], names: new Map() }, 'new'),
    myCheckinsCard(
      {
        answers: [
          {
            teamId: TEAM,
            userId: '29:someone',
            mission: 'digitally-equipped-places',
            week: '2026-W48',
            kind: 'answer',
            answers: full,
            submittedAt: '2026-11-23T09:00:00Z',
            ttl: 1,
          },
        ],
        drafts: [
          {
            teamId: TEAM,
            userId: '29:someone',
            mission: 'digitally-enabled-councils',
            week: '2026-W48',
            kind: 'draft',
            draft: {},
            updatedAt: '2026-11-23T09:00:00Z',
            ttl: 1,
          },
        ],
        names: new Map([[TEAM, 'Digital team']]),
      },
      'new',
    ),
    settingsCard(defaultTeamSettings(TEAM), 'Digital team', false, 'new', new Date('2026-11-23T09:00:00Z')),
    awayConfirmationCard('2026-12-21', '2027-01-02', [{ name: 'Digital team' }, { name: 'Planning team' }]),
    awayConfirmationCard('2026-12-21', '2026-12-21', [{}]),
    welcomeBackCard(),
    settingsCard(
      {
        ...defaultTeamSettings(TEAM),
        missions: ['digitally-enabled-councils'],
        focusOutcomes: ['outcome:data'],
        bankHolidays: { region: 'scotland', onHoliday: 'skip' },
        weeksOff: ['2026-W52'],
      },
      undefined,
      true,
      'update',
      new Date('2026-11-23T09:00:00Z'),
    ),
  ];
  // The coverage test takes the bot's CardReply; how a reply is delivered does not matter there.
  return replies.map((reply) => ({ kind: 'card', audience: reply.audience, card: reply.card, summary: reply.summary }));
}
