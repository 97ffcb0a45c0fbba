// Every maturity card, with each kind of data its template receives: theme cards (new, resumed,
// with evidence, editing), the summary (rated, nothing rated), saved, the team and lead views
// (figures, below the threshold, empty, sample data), targets, the action form (adding an action, and
// changing one's owner and due date), the admins' view and the weekly reminder to assess.
import type { MaturityReply } from '../../src/maturity';
import { savedCard, summaryCard, themeCard } from '../../src/maturity/assessmentCards';
import { newState } from '../../src/maturity/assessmentState';
import { goPrivateNotice } from '../../src/maturity/assessment';
import { actionCard, actionEditCard, targetsCard } from '../../src/maturity/plan';
import { renderMaturityReport, type ReportInput } from '../../src/maturity/report';
import { assessReminder } from '../../src/maturity/replies';
import { emptyTeamMaturity, type AssessmentRecord, type TeamMaturity } from '../../src/domain';

const TEAM = '19:coverage@thread.tacv2';
const target = { teamId: TEAM, round: '2026-Q4', owner: '0123456789abcdef' };

export function sampleMaturity(): TeamMaturity {
  return {
    ...emptyTeamMaturity(TEAM),
    rollups: {
      '2026-Q3': { round: '2026-Q3', responses: 3, levels: { 'enabler:data': [0, 2, 1, 0, 0] } },
      '2026-Q4': {
        round: '2026-Q4',
        responses: 4,
        levels: {
          'enabler:data': [0, 1, 2, 1, 0],
          'principle:ethical': [0, 0, 3, 0, 0],
          'enabler:value': [1, 0, 0, 0, 0],
        },
      },
    },
    targets: { 'enabler:data': 4 },
    actions: [
      {
        id: 'a-0000000000000001',
        title: 'A *starred* [link](https://example.com) title',
        theme: 'enabler:data',
        outcome: 'outcome:data',
        ownerUserId: '29:owner',
        ownerName: 'An **owner**',
        due: '2026-10-01',
        status: 'open',
        createdAt: '2026-09-01T09:00:00.000Z',
      },
      {
        id: 'a-0000000000000002',
        title: 'Later',
        theme: 'principle:ethical',
        ownerUserId: '29:owner',
        ownerName: 'Owner',
        due: '2027-01-31',
        status: 'open',
        createdAt: '2026-09-01T09:00:00.000Z',
      },
    ],
  };
}

export function reportInput(extra: Partial<ReportInput> = {}): ReportInput {
  return {
    teamId: TEAM,
    teamName: 'Coverage team',
    maturity: sampleMaturity(),
    round: { round: '2026-Q4', open: true },
    evidence: { checkIns: 40, counts: { 'enabler:data': 12, 'principle:ethical': 30 } },
    minResponses: 3,
    today: '2026-11-23',
    assessments: [
      {
        teamId: TEAM,
        userId: '29:someone',
        round: '2026-Q4',
        kind: 'assessment',
        ratings: { 'enabler:data': { level: 3, note: 'A **bold** <b>claim</b>' } },
        submittedAt: '2026-11-01T09:00:00.000Z',
      } satisfies AssessmentRecord,
    ],
    ...extra,
  };
}

export function everyMaturityReplyForCoverage(): MaturityReply[] {
  const rated = {
    ...newState(),
    step: 'summary',
    rev: 3,
    ratings: { 'enabler:data': { level: 3 as const, note: 'x' } },
  };
  return [
    themeCard(target, newState(), { delivery: 'new' }),
    themeCard(
      target,
      { ...newState(), step: 'principle:user-centric', rev: 2 },
      { delivery: 'update', notice: 'resumed', evidence: 'Named in 3 of 9.' },
    ),
    themeCard(target, { ...rated, step: 'enabler:data', editing: true }, { delivery: 'update', notice: 'submitted' }),
    summaryCard(target, rated, { delivery: 'update' }),
    summaryCard(
      target,
      { ...newState(), step: 'summary', rev: 1, ratings: { 'enabler:data': { level: null } } },
      { delivery: 'update' },
    ),
    savedCard(target, 'update'),
    goPrivateNotice(),
    renderMaturityReport(reportInput(), 'team', 'new'),
    renderMaturityReport(reportInput({ isAdmin: true, notice: 'Targets saved.' }), 'lead', 'update'),
    renderMaturityReport(
      reportInput({
        maturity: emptyTeamMaturity(TEAM),
        round: { round: '2026-Q4', open: false },
        evidence: { checkIns: 0, counts: {} },
        sampleData: true,
      }),
      'lead',
      'new',
    ),
    targetsCard(TEAM, sampleMaturity(), 'update'),
    actionCard(TEAM, [{ userId: '29:a', name: 'A member' }], '2026-11-23', 'update'),
    actionEditCard(TEAM, sampleMaturity().actions[0]!, [{ userId: '29:owner', name: 'Owner' }], 'update'),
    // An action whose owner deleted their data: no owner chosen yet.
    actionEditCard(
      TEAM,
      { ...sampleMaturity().actions[1]!, ownerUserId: undefined, ownerName: undefined },
      [{ userId: '29:a', name: 'A member' }],
      'update',
    ),
    assessReminder(TEAM, 'October to December 2026'),
  ];
}
