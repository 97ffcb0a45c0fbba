// Every card the privacy capability can send, rendered without a store, for the project-wide card
// coverage test (test/cards/everyReply.ts can add `...everyPrivacyReplyForCoverage()`).
import {
  confirmDeleteCard,
  deletedCard,
  handOverFirstCard,
  myDataCard,
  noticeCard,
  cancelledCard,
  personalChatOnlyCard,
  staleConfirmationCard,
  storeDownCard,
  unreadableCard,
  fileDeclinedCard,
  fileFailedCard,
  fileLinkCard,
  fileUnavailableCard,
} from '../../src/privacy/privacyCards';
import type { PersonData } from '../../src/privacy/personData';
import { noticeReply, privacyNotice } from '../../src/privacy/notice';
import type { CardReply, CardUpdateReply } from '../../src/turns/types';

const someone: PersonData = {
  userId: '29:someone',
  checkIns: Array.from({ length: 14 }, (_, i) => ({
    teamId: `19:team-${i % 3}@thread.tacv2`,
    userId: '29:someone',
    mission: 'digitally-enabled-councils' as const,
    week: `2026-W${String(30 + i).padStart(2, '0')}`,
    kind: 'answer' as const,
    answers: { progress: 3 as const, outcomes: [], enabler: null, principles: [] },
    submittedAt: '2026-11-23T09:00:00.000Z',
    ttl: 63072000,
  })),
  drafts: [
    {
      teamId: '19:team-1@thread.tacv2',
      userId: '29:someone',
      mission: 'digitally-equipped-places',
      week: '2026-W48',
      kind: 'draft',
      draft: {},
      updatedAt: '2026-11-23T09:00:00.000Z',
      ttl: 1209600,
    },
  ],
  away: [
    {
      teamId: '19:team-1@thread.tacv2',
      userId: '29:someone',
      from: '2026-12-21',
      until: '2027-01-02',
      kind: 'away',
      setAt: '2026-11-23T09:00:00.000Z',
    },
  ],
  assessments: [
    {
      teamId: '19:team-1@thread.tacv2',
      userId: '29:someone',
      round: '2026-Q4',
      kind: 'assessment',
      ratings: { 'enabler:data': { level: 3, note: 'A **note**' } },
      submittedAt: '2026-11-23T09:00:00.000Z',
    },
  ],
  assessmentDrafts: [
    {
      teamId: '19:team-2@thread.tacv2',
      userId: '29:someone',
      round: '2026-Q4',
      kind: 'assessmentDraft',
      draft: {},
      updatedAt: '2026-11-23T09:00:00.000Z',
    },
  ],
  ownedActions: [
    {
      teamId: '19:team-1@thread.tacv2',
      actionId: 'a-0000000000000001',
      title: 'A *starred* [link](https://example.com) title',
      theme: 'enabler:data',
      due: '2026-12-01',
      status: 'open',
    },
  ],
  personalChats: [
    {
      conversationId: 'a:1',
      tenantId: 't',
      active: true,
      installedAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
    },
  ],
  leadOf: ['19:team-1@thread.tacv2'],
  knownTeams: [{ teamId: '19:team-1@thread.tacv2', seenAt: '2026-11-23T09:00:00.000Z' }],
  sharedExamples: [
    {
      id: 'c'.repeat(32),
      tenantId: 't',
      teamId: '19:team-1@thread.tacv2',
      teamName: 'Digital team',
      authorId: '29:someone',
      text: 'Our **forms** work on [phones](https://example.com) now',
      parts: ['outcome:inclusion'],
      status: 'approved',
      source: { mission: 'digitally-enabled-councils', week: '2026-W48' },
      offeredAt: '2026-11-23T09:00:00.000Z',
      decidedAt: '2026-11-24T09:00:00.000Z',
    },
  ],
};

const nobody: PersonData = {
  userId: '29:nobody',
  checkIns: [],
  drafts: [],
  away: [],
  assessments: [],
  assessmentDrafts: [],
  ownedActions: [],
  personalChats: [],
  leadOf: [],
  knownTeams: [],
  sharedExamples: [],
};

export function everyPrivacyReplyForCoverage(): (CardReply | CardUpdateReply)[] {
  return [
    myDataCard(someone, new Map([['19:team-1@thread.tacv2', 'Digital team']]), 'new'),
    myDataCard(nobody, new Map(), 'update'),
    confirmDeleteCard(someone, 'a'.repeat(32), Date.UTC(2026, 10, 23), 'new'),
    confirmDeleteCard(nobody, 'b'.repeat(32), Date.UTC(2026, 10, 23), 'update'),
    handOverFirstCard(['19:team-1@thread.tacv2'], 'new'),
    handOverFirstCard(['19:team-1@thread.tacv2', '19:team-2@thread.tacv2'], 'update'),
    deletedCard(
      {
        checkIns: 14,
        drafts: 1,
        recordsDeleted: 15,
        leadRolesRemoved: ['x'],
        actionsUnassigned: 1,
        rollupsRebuilt: [],
        assessments: 1,
        assessmentDrafts: 0,
        sharedExamples: 1,
        roundsRecounted: 1,
        personalChats: 1,
      },
      'update',
    ),
    noticeCard('A title with "quotes", $ signs and {braces}', 'A message with <b>markup</b> and \\ backslashes'),
    staleConfirmationCard(),
    cancelledCard(),
    personalChatOnlyCard(),
    unreadableCard(),
    storeDownCard(),
    noticeReply(privacyNotice({ graceDays: 30, minResponses: 3 })),
    fileDeclinedCard(),
    fileFailedCard(),
    fileLinkCard('http://localhost:3978/api/exports/' + 'A'.repeat(43), 10),
    fileLinkCard('http://localhost:3978/api/exports/' + 'B'.repeat(43), 10, 'framework-guide-progress-2026-11-23.csv'),
    fileLinkCard(
      'http://localhost:3978/api/exports/' + 'C'.repeat(43),
      10,
      'framework-guide-quarterly-report-2026-Q4.docx',
    ),
    fileUnavailableCard(),
  ];
}
