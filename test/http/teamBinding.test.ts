// Team binding (issue 28, fault 1): card data is whatever the client sends, so a team it names is
// checked in one place (src/membership) before any capability sees the press. Every verb of every
// registration (read from the registrations, so a new verb is covered without editing this test) is
// pressed with another team's id, as a member and as a lead, in a channel, a group chat and the
// personal chat: every press is refused, to the presser alone in a shared conversation, and nothing
// about the other team (its id, its name) is shown anywhere.
import { cardActionVerbs } from '../../src/router/handleTurn';
import { botAddedActivity, TENANT_ID } from '../support/activities';
import { press, startBot, type BotHarness } from '../support/botHarness';
import { firstTextBlock } from '../support/cardValidation';

const HOME = '19:home-team@thread.tacv2';
const CHANNEL = '19:home-channel@thread.tacv2';
const GROUP = '19:home-group@thread.v2';
const FOREIGN = '19:foreign-team@thread.tacv2';
const FOREIGN_NAME = 'Zebra Crossing Unit';
const LEAD = '29:home-lead';
const MEMBER = '29:home-member';
const FOREIGN_LEAD = '29:foreign-lead';
const REFUSED = 'That button is for another team';

const homeChannelData = { tenant: { id: TENANT_ID }, team: { id: HOME, name: 'Home team' } };
const places = {
  channel: {
    conversation: { id: CHANNEL, conversationType: 'channel', tenantId: TENANT_ID },
    channelData: homeChannelData,
  },
  groupChat: { conversation: { id: GROUP, conversationType: 'groupChat', tenantId: TENANT_ID } },
  personal: (userId: string) => ({
    conversation: { id: `a:personal-${userId}`, conversationType: 'personal', tenantId: TENANT_ID },
  }),
};

let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot();
  bot.connector.teams.set(HOME, { name: 'Home team', members: [LEAD, MEMBER] });
  bot.connector.teams.set(GROUP, { name: 'Home group', members: [LEAD, MEMBER] });
  bot.connector.teams.set(FOREIGN, { name: FOREIGN_NAME, members: [FOREIGN_LEAD] });
  const add = (userId: string, extra: Record<string, unknown>, kind: 'channel' | 'groupChat') =>
    bot.ask({ ...botAddedActivity(bot.connector.url, kind), from: { id: userId, name: 'Someone' }, ...extra });
  await add(LEAD, places.channel, 'channel');
  await add(LEAD, places.groupChat, 'groupChat');
  await add(
    FOREIGN_LEAD,
    {
      conversation: { id: FOREIGN, conversationType: 'channel', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID }, team: { id: FOREIGN, name: FOREIGN_NAME } },
    },
    'channel',
  );
  expect((await bot.store.getTeamSettings(HOME))?.value.leads).toEqual([LEAD]);
});
afterAll(async () => {
  await bot.close();
});

function pressAs(userId: string, where: 'channel' | 'groupChat' | 'personal', data: Record<string, unknown>) {
  const overrides = where === 'personal' ? places.personal(userId) : places[where];
  return press(bot, data, where, { ...overrides, from: { id: userId, name: 'Someone' } });
}

const verbs = cardActionVerbs();
const people = [
  ['a member', MEMBER],
  ['a lead', LEAD],
] as const;
const wheres = ['channel', 'groupChat', 'personal'] as const;
const cases = verbs.flatMap((verb) =>
  people.flatMap(([who, userId]) => wheres.map((where) => [verb, who, where, userId] as const)),
);

it('reads every verb from the registrations', () => {
  expect(verbs).toEqual(expect.arrayContaining(['progress', 'progressLeads', 'checkin', 'checkinSettings', 'help']));
  expect(verbs.length).toBeGreaterThan(10);
});

it.each(cases)('"%s" naming another team, pressed by %s in the %s, is refused', async (verb, _who, where, userId) => {
  const pressed = await pressAs(userId, where, { action: verb, teamId: FOREIGN });
  const shown = JSON.stringify(pressed);
  expect(shown).not.toContain(FOREIGN);
  expect(shown).not.toContain(FOREIGN_NAME);
  if (where === 'personal') expect(firstTextBlock(pressed.card)).toBe(REFUSED);
  else {
    // Said to the presser alone: nothing posted or changed in the shared conversation.
    expect(pressed.presserText).toMatch(new RegExp(`^${REFUSED}`));
    expect(pressed.here).toEqual([]);
    expect(pressed.inPlace).toBeUndefined();
  }
});

it("does not show another team's summary in a channel (the progress button of issue 28)", async () => {
  const pressed = await pressAs(MEMBER, 'channel', { action: 'progress', view: 'summary', teamId: FOREIGN });
  expect(pressed.inPlace).toBeUndefined();
  expect(pressed.here).toEqual([]);
  expect(pressed.presserText).toMatch(new RegExp(`^${REFUSED}`));
});

it("still shows the conversation's own team, and the person's own team from the personal chat", async () => {
  const inChannel = await pressAs(MEMBER, 'channel', { action: 'progress', view: 'summary', teamId: HOME });
  expect(firstTextBlock(inChannel.card)).toBe('Team progress summary');
  const inPersonal = await pressAs(MEMBER, 'personal', { action: 'progress', view: 'summary', teamId: HOME });
  expect(firstTextBlock(inPersonal.card)).toBe('Team progress summary');
});
