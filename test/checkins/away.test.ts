// Time away: the dates people type (British English first), the confirmation card, "back", and the
// "I'm away this week" button. The clock is 09:00 on Monday 23 November 2026 (see harness.ts).
import { parseAwayDates } from '../../src/checkins/awayDates';
import { handleTurn } from '../../src/router/handleTurn';
import {
  cardText,
  channelContext,
  DAY_MS,
  expectGoodReply,
  harnessPerTest,
  OTHER_TEAM,
  personalContext,
  TEAM,
  titleOf,
  USER,
} from './harness';
import type { CheckinReply } from '../../src/checkins';
import { buttonsIn } from '../support/cardButtons';
import { boundScope } from '../support/boundScope';

const h = harnessPerTest();

describe('parseAwayDates, in en-GB', () => {
  const now = new Date('2026-12-05T10:00:00Z'); // a Saturday
  const parse = (text: string) => parseAwayDates(text, now, 'Europe/London');

  it.each([
    ['until 2 January', '2026-12-05', '2027-01-02'],
    ['till 2/1', '2026-12-05', '2027-01-02'], // day first: 2 January, not 1 February
    ['from 21 December to 2 January', '2026-12-21', '2027-01-02'],
    ['21/12 - 2/1', '2026-12-21', '2027-01-02'],
    // A range written backwards is read in order.
    ['from 9 January 2027 to 21 December 2026', '2026-12-21', '2027-01-09'],
    ['on 3 March', '2027-03-03', '2027-03-03'],
    ['tomorrow', '2026-12-06', '2026-12-06'],
    ['next week', '2026-12-07', '2026-12-13'],
    ['this week', '2026-12-05', '2026-12-06'],
    ['', '2026-12-05', '2026-12-06'],
  ])('"away %s" is %s to %s', (text, from, until) => {
    expect(parse(text)).toEqual({ ok: true, from, until });
  });

  it.each([
    ['whenever', "I couldn't find the dates"],
    ['until 2 January 2028', 'up to a year ahead'],
    ['from 1 October 2026 to 3 October 2026', 'already passed'],
  ])('"away %s" is refused: %s', (text, problem) => {
    const result = parseAwayDates(text, now, 'Europe/London');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(problem);
  });
});

function only(replies: CheckinReply[]): CheckinReply {
  expect(replies).toHaveLength(1);
  const reply = replies[0] as CheckinReply;
  expectGoodReply(reply);
  return reply;
}

describe('saying you are away', () => {
  it('in a personal chat, marks the person away in each of their teams and shows the dates understood', async () => {
    h.directory.memberships.set(USER, [
      { teamId: TEAM, name: 'Digital team' },
      { teamId: OTHER_TEAM, name: 'Planning team' },
    ]);
    const reply = only(await h.checkins.away(personalContext(), 'until 2 January'));
    expect(titleOf(reply)).toBe("You're away until Saturday 2 January 2027");
    expect(cardText(reply)).toContain('Monday 23 November 2026');
    expect(cardText(reply)).toContain('Digital team, Planning team');
    expect(reply.card.speak).toContain('away until Saturday 2 January 2027');
    for (const team of [TEAM, OTHER_TEAM])
      expect(await h.local.listTeamAway(team, '2026-12-25', '2026-12-25')).toEqual([
        expect.objectContaining({ userId: USER, from: '2026-11-23', until: '2027-01-02' }),
      ]);
  });

  it('is reached by the typed command, with the dates as typed, through the router', async () => {
    const capabilities = { checkins: h.checkins } as unknown as Parameters<typeof handleTurn>[1];
    const replies = await handleTurn(
      { kind: 'message', text: "I'm away from 21 December to 2 January.", context: channelContext() },
      capabilities,
    );
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0])).toContain('Monday 21 December 2026');
    const back = await handleTurn({ kind: 'message', text: 'back', context: channelContext() }, capabilities);
    expect(JSON.stringify(back[0])).toContain('Welcome back');
  });

  it('refuses dates it cannot read, saving nothing', async () => {
    const reply = only(await h.checkins.away(channelContext(), 'for a bit'));
    expect(titleOf(reply)).toBe("I couldn't tell which days you're away");
    expect(await h.local.listTeamAway(TEAM, '2026-01-01', '2027-12-31')).toEqual([]);
  });

  it('"back" ends time away that has started yesterday, removes time to come, and says so', async () => {
    h.directory.memberships.set(USER, [{ teamId: TEAM, name: 'Digital team' }]);
    await h.local.saveAway({ teamId: TEAM, userId: USER, from: '2026-11-20', until: '2026-11-30' });
    await h.local.saveAway({ teamId: OTHER_TEAM, userId: USER, from: '2026-12-21', until: '2026-12-24' });
    const reply = only(await h.checkins.back(personalContext()));
    expect(titleOf(reply)).toBe('Welcome back');
    expect(await h.local.listTeamAway(TEAM, '2026-11-01', '2026-12-31')).toEqual([
      expect.objectContaining({ from: '2026-11-20', until: '2026-11-22' }),
    ]);
    expect(await h.local.listTeamAway(OTHER_TEAM, '2026-11-01', '2026-12-31')).toEqual([]);
    expect(cardText(only(await h.checkins.back(personalContext())))).toContain("weren't marked as away");
  });

  it('"I\'m away this week" on the prompt marks the presser away until Sunday for that team only, and "I\'m back" undoes it', async () => {
    const reply = only(
      await h.checkins.handleAction(
        channelContext(),
        { teamId: TEAM },
        { action: 'checkinAway', op: 'thisWeek', teamId: TEAM },
        {
          teamId: TEAM,
        },
      ),
    );
    expect(titleOf(reply)).toBe("You're away until Sunday 29 November 2026");
    expect(await h.local.listTeamAway(TEAM, '2026-11-23', '2026-11-29')).toHaveLength(1);
    // A card forged for another team, pressed in this channel, changes nothing.
    const forged = only(
      await h.checkins.handleAction(
        channelContext(),
        { teamId: OTHER_TEAM },
        { action: 'checkinAway', op: 'thisWeek', teamId: OTHER_TEAM },
        {
          teamId: TEAM,
        },
      ),
    );
    expect(titleOf(forged)).toBe("That team isn't available");
    expect(await h.local.listTeamAway(OTHER_TEAM, '2026-11-23', '2026-11-29')).toEqual([]);
    const back = buttonsIn(reply.card).find((button) => button.title === "I'm back");
    h.clock.advance(DAY_MS);
    only(await h.checkins.handleAction(channelContext(), boundScope(back?.data), back?.data, { teamId: TEAM }));
    expect(await h.local.listTeamAway(TEAM, '2026-11-23', '2026-11-29')).toEqual([
      expect.objectContaining({ from: '2026-11-23', until: '2026-11-23' }),
    ]);
  });
});
