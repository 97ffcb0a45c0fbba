// Progress through the real HTTP endpoint: the person who adds the app to a team becomes its lead and
// sees the team's progress; another member sees only the team summary; a personal chat is pointed to
// the team. Figures themselves are tested in test/progress.
import { botAddedActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { cardOf, pressInChannel, startBot, type BotHarness } from '../support/botHarness';
import { buttonsIn } from '../support/cardButtons';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const TEAM = '19:progress-team@thread.tacv2';
const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Progress team' } };
let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot();
  bot.connector.teams.set(TEAM, { name: 'Progress team', members: ['29:officer-1', '29:officer-2'] });
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), channelData });
});
afterAll(async () => {
  await bot.close();
});

async function progressAs(userId: string) {
  const activity = {
    ...mentionActivity(bot.connector.url, 'progress'),
    channelData,
    from: { id: userId, name: 'Someone' },
  };
  const replies = await bot.ask(activity);
  const card = cardOf(replies[0]);
  expectValidCard(card);
  return card;
}

it('makes the person who added the app the team lead', async () => {
  expect((await bot.store.getTeamSettings(TEAM))?.value.leads).toEqual(['29:officer-1']);
});

it('shows the lead the team overview', async () => {
  const card = await progressAs('29:officer-1');
  expect(firstTextBlock(card)).toMatch(/progress/i);
  expect(JSON.stringify(card)).not.toMatch(/Only the team.s leads/);
});

it('shows another member the team summary only', async () => {
  const card = await progressAs('29:officer-2');
  expect(JSON.stringify(card)).toMatch(/Only the team.s leads/);
});

it('points a personal chat to the team', async () => {
  const replies = await bot.ask(messageActivity(bot.connector.url, 'progress'));
  expect(firstTextBlock(cardOf(replies[0]))).toBe('Progress is shown in your team');
});

it("opens progress from the team's settings card: the overview for the lead, the summary for a member", async () => {
  const settingsReplies = await bot.ask({ ...mentionActivity(bot.connector.url, 'settings'), channelData });
  const settings = cardOf(settingsReplies[0]);
  const press = buttonsIn(settings).find((found) => found.title === 'Team progress');
  expect(press).toBeDefined();
  const open = (userId: string) =>
    pressInChannel(bot, press?.data ?? {}, { channelData, from: { id: userId, name: 'Someone' } });
  expect(firstTextBlock(await open('29:officer-1'))).toBe('Team progress overview');
  expect(firstTextBlock(await open('29:officer-2'))).toMatch(/^Only the team.s leads can see/);
});

it('says so when Teams does not give the roster, posts no apology into the channel, and works once Teams answers', async () => {
  const overviewReplies = await bot.ask({ ...mentionActivity(bot.connector.url, 'progress'), channelData });
  const teamLeads = buttonsIn(cardOf(overviewReplies[0])).find((found) => found.title === 'Team leads');
  expect(teamLeads).toBeDefined();
  const press = () => pressInChannel(bot, teamLeads?.data ?? {}, { channelData });
  const sentBefore = bot.connector.sent.length;
  bot.connector.failNextReads(20, 500);
  expect(firstTextBlock(await press())).toBe('The team’s members could not be read just now');
  bot.connector.failNextReads(0, 500);
  // Nothing else went to the channel: the failure was the notice's to tell, not an apology's.
  const sentSince = bot.connector.sent.slice(sentBefore).map((sent) => JSON.stringify(sent.activity));
  expect(sentSince).toHaveLength(1);
  expect(sentSince.join()).not.toContain('something went wrong');
  expect(firstTextBlock(await press())).toBe('Team leads');
});

it('lets only a lead switch the weekly summary post on and off, from the lead roster card', async () => {
  const pressAs = (userId: string, data: Record<string, unknown>) =>
    pressInChannel(bot, data, { channelData, from: { id: userId, name: 'Someone' } });
  const setting = async () => (await bot.store.getTeamSettings(TEAM))?.value.postWeeklySummary;
  const overviewReplies = await bot.ask({ ...mentionActivity(bot.connector.url, 'progress'), channelData });
  const teamLeads = buttonsIn(cardOf(overviewReplies[0])).find((found) => found.title === 'Team leads');
  const roster = await pressAs('29:officer-1', teamLeads?.data ?? {});
  expect(firstTextBlock(roster)).toBe('Team leads');
  expect(JSON.stringify(roster)).toContain('Weekly summary post: off');
  const switchOn = buttonsIn(roster).find((found) => found.title === 'Post the weekly summary');
  expect(switchOn?.data).toEqual({ action: 'progressLeads', op: 'weeklySummary', teamId: TEAM, on: true });

  // A member pressing the lead's button (a forwarded or shared card) is refused, and nothing changes.
  expect(firstTextBlock(await pressAs('29:officer-2', switchOn?.data ?? {}))).toBe(
    "Only the team's leads can change the weekly summary post",
  );
  expect(await setting()).toBeUndefined();

  const on = await pressAs('29:officer-1', switchOn?.data ?? {});
  expect(firstTextBlock(on)).toBe('Team leads');
  expect(JSON.stringify(on)).toContain('Weekly summary post: on');
  expect(JSON.stringify(on)).toContain(
    'The weekly summary will be posted where the weekly prompt goes, after each check-in week closes.',
  );
  expect(await setting()).toBe(true);
  const switchOff = buttonsIn(on).find((found) => found.title === 'Stop the weekly summary');
  expect(switchOff?.data).toEqual({ action: 'progressLeads', op: 'weeklySummary', teamId: TEAM, on: false });

  expect(firstTextBlock(await pressAs('29:officer-2', switchOff?.data ?? {}))).toBe(
    "Only the team's leads can change the weekly summary post",
  );
  expect(await setting()).toBe(true);
  // Pressing "on" again from the stale card leaves it on rather than flipping it.
  expect(JSON.stringify(await pressAs('29:officer-1', switchOn?.data ?? {}))).toContain('Weekly summary post: on');
  expect(JSON.stringify(await pressAs('29:officer-1', switchOff?.data ?? {}))).toContain('Weekly summary post: off');
  expect(await setting()).toBe(false);
});
