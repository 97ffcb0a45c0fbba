// Every card of the quarterly report, with each kind of data its template receives: the request card
// for a team (a name with Markdown and template marks in it, which must show as typed) and for the
// organisation.
import { requestCard } from '../../src/report/requestCard';
import type { CardMessageReply } from '../../src/turns/types';

export function everyReportReplyForCoverage(): CardMessageReply[] {
  return [
    requestCard(
      { kind: 'team', teamId: '19:coverage@thread.tacv2', teamName: 'The *best* [team](https://x.test) <b>&amp;</b>' },
      '2026-Q4',
    ),
    requestCard({ kind: 'team', teamId: '19:coverage@thread.tacv2', teamName: 'T'.repeat(300) }, '2026-Q1'),
    requestCard({ kind: 'organisation' }, '2026-Q4'),
  ];
}
