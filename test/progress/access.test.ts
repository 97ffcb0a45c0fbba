// Who sees what: leads and admins see the lead views; members get a clear refusal and the team
// summary; people outside the team see nothing. The lead roster adds and removes leads.
import { DEFAULT_MIN_RESPONSES } from '../../src/config';
import { ensureFirstLead, parseAdminObjectIds, PROGRESS_ACTIONS, type Progress } from '../../src/progress';
import type { TurnContextInfo } from '../../src/turns/types';
import type { FrameworkStore } from '../../src/store/port';
import {
  ADMIN,
  ADMIN_OID,
  answers,
  channelContext,
  checkIn,
  closeStores,
  LEAD,
  makeLead,
  MEMBER,
  MISSION,
  only,
  openStore,
  personalContext,
  progressFor,
  TEAM,
  textOf,
  THIS_WEEK,
  titleOf,
} from './support';
import { boundScope } from '../support/boundScope';
import { buttonsIn } from '../support/cardButtons';

let store: FrameworkStore;

/** A press as the router hands it over: with the team membership bound it to (see test/support/boundScope.ts). */
function press(progress: Progress, context: TurnContextInfo, data: unknown) {
  return progress.handleAction(context, boundScope(data), data);
}

beforeEach(async () => {
  store = await openStore();
  await makeLead(store);
  for (const user of ['A', 'B', 'C'])
    await checkIn(store, user, THIS_WEEK, answers(4, { outcomes: ['outcome:data'], win: `Win by ${user}` }));
});

afterEach(closeStores);

test('a lead sees the overview, with buttons to every lead view', async () => {
  const reply = only(await progressFor(store).overview(channelContext(LEAD), TEAM));
  expect(titleOf(reply)).toBe('Team progress overview');
  const titles = buttonsIn(reply.card).map((each) => each.title);
  expect(titles).toEqual(expect.arrayContaining(['Details', 'What needs attention', 'Team leads']));
});

test('an org-wide admin (by Entra object id, any case) sees lead views from a personal chat', async () => {
  const progress = progressFor(store);
  const reply = only(
    await progress.attention(personalContext(ADMIN, { userAadObjectId: ADMIN_OID.toLowerCase() }), TEAM),
  );
  expect(titleOf(reply)).toBe('What needs attention');
  const fromConfigString = progressFor(store, { adminObjectIds: `other, ${ADMIN_OID}` });
  expect(
    titleOf(only(await fromConfigString.overview(personalContext(ADMIN, { userAadObjectId: ADMIN_OID }), TEAM))),
  ).toBe('Team progress overview');
});

test.each([
  ['overview', 'the progress overview'],
  ['mission', 'progress by mission'],
  ['outcome', 'progress by outcome'],
  ['attention', 'what needs attention'],
] as const)(
  'a member asking for the %s gets a refusal and the team summary, with no breakdown or free text',
  async (view, what) => {
    const progress = progressFor(store);
    const context = channelContext(MEMBER);
    const replies =
      view === 'mission'
        ? await progress.mission(context, TEAM, MISSION)
        : view === 'outcome'
          ? await progress.outcome(context, TEAM, 'outcome:data')
          : view === 'attention'
            ? await progress.attention(context, TEAM)
            : await progress.overview(context, TEAM);
    const reply = only(replies);
    expect(titleOf(reply)).toBe(`Only the team's leads can see ${what}`);
    const text = textOf(reply);
    expect(text).toContain('Here is the team summary that everyone in the team can see.');
    expect(text).toContain('4.0 this week');
    expect(text).not.toContain('Win by');
    expect(text).not.toContain('Data');
    expect(buttonsIn(reply.card).map((each) => each.data)).toEqual([{ action: 'checkinMine' }]);
  },
);

test('a member in a personal chat is recognised from the roster; someone outside the team sees nothing', async () => {
  const progress = progressFor(store);
  expect(titleOf(only(await progress.summary(personalContext(MEMBER), TEAM)))).toBe('Team progress summary');
  const outsider = only(await progress.overview(personalContext('29:stranger'), TEAM));
  expect(titleOf(outsider)).toBe('You can only see progress for a team you are in');
  expect(textOf(outsider)).not.toContain('this week');
});

test('ensureFirstLead makes the first person to set up the team its lead, and only the first', async () => {
  const team = '19:new-team@thread.tacv2';
  expect((await ensureFirstLead(store, team, 'first')).leads).toEqual(['first']);
  expect((await ensureFirstLead(store, team, 'second')).leads).toEqual(['first']);
});

test('the lead roster adds a member as lead, removes a lead, and never removes the last one', async () => {
  const progress = progressFor(store);
  const roster = only(await progress.leads(channelContext(LEAD), TEAM));
  expect(titleOf(roster)).toBe('Team leads');
  expect(textOf(roster)).toContain('Lee Lead');
  const add = buttonsIn(roster.card).find((each) => each.title === 'Add as lead');
  expect(add).toBeDefined();

  const added = only(await press(progress, channelContext(LEAD), { ...add?.data, leadUserId: MEMBER }));
  expect(added.kind).toBe('updateCard');
  expect(textOf(added)).toContain('Mo Member is now a lead.');
  expect(noticeStyleOf(added.card)).toBe('good');
  expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([LEAD, MEMBER]);
  // The new lead now sees lead views.
  expect(titleOf(only(await progress.overview(channelContext(MEMBER), TEAM)))).toBe('Team progress overview');

  const remove = buttonsIn(added.card).find((each) => each.title === 'Remove' && each.data.userId === LEAD);
  const removed = only(await press(progress, channelContext(MEMBER), remove?.data));
  expect(textOf(removed)).toContain('Lee Lead is no longer a lead.');
  expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([MEMBER]);
  expect(buttonsIn(removed.card).some((each) => each.title === 'Remove')).toBe(false);

  const last = only(
    await press(progress, channelContext(MEMBER), {
      action: 'progressLeads',
      op: 'remove',
      teamId: TEAM,
      userId: MEMBER,
    }),
  );
  expect(textOf(last)).toContain('A team needs at least one lead');
  expect(noticeStyleOf(last.card)).toBe('attention');
  expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([MEMBER]);
});

test('a member cannot change leads, even with a forged card', async () => {
  const reply = only(
    await press(progressFor(store), channelContext(MEMBER), {
      action: 'progressLeads',
      op: 'add',
      teamId: TEAM,
      leadUserId: MEMBER,
    }),
  );
  expect(titleOf(reply)).toBe("Only the team's leads can change its leads");
  expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([LEAD]);
});

test('card buttons round-trip through handleAction and replace the card', async () => {
  const progress = progressFor(store);
  const overview = only(await progress.overview(channelContext(LEAD), TEAM));
  for (const pressed of buttonsIn(overview.card)) {
    const reply = only(await press(progress, channelContext(LEAD), pressed.data));
    expect(reply.kind).toBe('updateCard');
  }
  expect(
    titleOf(only(await press(progress, channelContext(LEAD), { action: 'progress', view: 'mission', teamId: TEAM }))),
  ).toBe('That card could not be read');
  expect(titleOf(only(await press(progress, channelContext(LEAD), { nonsense: true })))).toBe(
    'That card could not be read',
  );
});

test('every button on every lead card sends one of PROGRESS_ACTIONS (or opens "my check-ins")', async () => {
  const progress = progressFor(store);
  const cards = [
    await progress.overview(channelContext(LEAD), TEAM),
    await progress.mission(channelContext(LEAD), TEAM, MISSION),
    await progress.outcome(channelContext(LEAD), TEAM, 'outcome:data'),
    await progress.attention(channelContext(LEAD), TEAM),
    await progress.leads(channelContext(LEAD), TEAM),
  ].map(only);
  const actions = new Set(cards.flatMap((reply) => buttonsIn(reply.card).map((each) => String(each.data.action))));
  expect([...actions].every((action) => (PROGRESS_ACTIONS as readonly string[]).includes(action))).toBe(true);
});

test('configuration: admin ids parse from a list or a string, and the threshold defaults to 3', () => {
  expect([...parseAdminObjectIds(' A-1, b-2;c-3 ')]).toEqual(['a-1', 'b-2', 'c-3']);
  expect(parseAdminObjectIds(undefined).size).toBe(0);
  expect(DEFAULT_MIN_RESPONSES).toBe(3);
});

/** The style of the roster card's notice box: green for a change made, red for one refused. */
function noticeStyleOf(card: unknown): unknown {
  const body = (card as { body: Array<{ type: string; style?: string; items?: Array<{ text?: string }> }> }).body;
  return body.find(
    (element) => element.type === 'Container' && element.style !== undefined && element.items?.length === 1,
  )?.style;
}
