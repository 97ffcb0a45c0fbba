// Every practice card with every kind of data it receives, for the card coverage test: the offer form
// (fresh and with an error), one example in each view and status, lists (empty, with buttons, with a
// next page), the notices, and the topic card with its count of examples. Text as hostile as people type.
import { topicById } from '../../src/knowledge/framework';
import { topicWithExamplesReply } from '../../src/knowledge/replies';
import {
  button,
  exampleCard,
  listCard,
  noticeReply,
  offerFormCard,
  reply,
  storeDownReply,
} from '../../src/practice/practiceCards';
import type { PracticeExample } from '../../src/store/practicePort';
import type { CardMessageReply } from '../../src/turns/types';

const example: PracticeExample = {
  id: 'd'.repeat(32),
  tenantId: 'tenant',
  teamId: '19:team@thread.tacv2',
  teamName: 'Digital [team](https://example.com)',
  authorId: '29:author',
  authorName: 'Sam **Jones**',
  text: 'We moved the **parking** form online: see https://example.com\n- no more paper',
  parts: ['outcome:inclusion', 'enabler:data', 'principle:user-centric'],
  status: 'offered',
  source: { mission: 'digitally-enabled-councils', week: '2026-W48' },
  offeredAt: '2026-11-23T09:00:00.000Z',
};

export function everyPracticeReplyForCoverage(): CardMessageReply[] {
  const approved: PracticeExample = { ...example, status: 'approved', decidedAt: '2026-11-24T09:00:00.000Z' };
  const declined: PracticeExample = { ...example, status: 'declined', reason: 'Not *yet*: ask [me](x)' };
  const key = { teamId: example.teamId, mission: 'digitally-enabled-councils', week: '2026-W48' };
  const withdraw = button('Withdraw', { action: 'practiceWithdraw', exampleId: example.id });
  const inclusion = topicById('outcome:inclusion')!;
  return [
    reply(offerFormCard({ teamName: example.teamName, key, text: example.text, selected: example.parts }), 'Offer'),
    reply(
      offerFormCard({ teamName: 'Team', key, text: '', selected: [], error: 'Write the win before sharing it.' }),
      'Offer',
      { delivery: 'update' },
    ),
    reply(exampleCard(example, { kind: 'offered', leadsTold: 2 }), 'Offered', { delivery: 'update' }),
    reply(exampleCard({ ...example, authorName: undefined }, { kind: 'offered', leadsTold: 0 }), 'Offered'),
    reply(exampleCard(example, { kind: 'review' }), 'Review', { audience: 'leads' }),
    reply(exampleCard(approved, { kind: 'decided', message: 'Approved.', withdraw: true }), 'Approved'),
    reply(exampleCard(declined, { kind: 'decided', message: 'Declined.', withdraw: false }), 'Declined'),
    reply(exampleCard(approved, { kind: 'remove' }), 'Remove'),
    reply(exampleCard(approved, { kind: 'shared' }), 'Shared', { audience: 'everyone' }),
    reply(exampleCard(approved, { kind: 'gone', title: 'Example removed', message: 'Gone.' }), 'Removed'),
    reply(
      listCard({ title: 'Shared in your organisation', intro: 'None yet.', examples: [], buttonsFor: () => [] }),
      'List',
    ),
    reply(
      listCard({
        title: 'Shared in your organisation: Outcome: Digital inclusion',
        intro: 'Newest first.',
        examples: [approved, { ...approved, id: 'e'.repeat(32), authorName: undefined }],
        buttonsFor: (each) => (each.authorName ? [withdraw] : []),
        more: { action: 'practiceList', part: 'outcome:inclusion', token: 'abc' },
      }),
      'List',
    ),
    noticeReply('That button didn’t work', 'Type "practice".', { brief: true }),
    storeDownReply(),
    topicWithExamplesReply(inclusion, 1),
    topicWithExamplesReply(inclusion, 12),
  ];
}
