// Progress through the real HTTP endpoint: the person who adds the app to a team becomes its lead;
// "progress" in the channel posts the team summary there for everyone, and the lead also gets the
// overview in their personal chat; in the personal chat it opens the person's team. Figures
// themselves are tested in test/progress.
import { botAddedActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { cardOf, press, pressInChannel, startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';
import { buttonsIn } from '../support/cardButtons';
import { firstTextBlock } from '../support/cardValidation';

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

/** Typed "progress" in the channel: the cards shown in the channel, and those sent to the person elsewhere. */
async function progressAs(userId: string) {
  const activity = {
    ...mentionActivity(bot.connector.url, 'progress'),
    channelData,
    from: { id: userId, name: 'Someone' },
  };
  const { here: channel, personal } = await typedInSharedChat(bot, activity);
  return { channel, personal };
}

it('makes the person who added the app the team lead', async () => {
  expect((await bot.store.getTeamSettings(TEAM))?.value.leads).toEqual(['29:officer-1']);
});

it('posts the team summary in the channel for a lead, and sends the lead the overview in the personal chat', async () => {
  const { channel, personal } = await progressAs('29:officer-1');
  expect(channel.map(firstTextBlock)).toEqual([
    'Team progress summary',
    'I’ve sent the lead view of team progress to our personal chat',
  ]);
  expect(personal.map(firstTextBlock)).toEqual(['Team progress overview']);
});

it('posts the team summary in the channel for a member, and nothing more', async () => {
  const { channel, personal } = await progressAs('29:officer-2');
  expect(channel.map(firstTextBlock)).toEqual(['Team progress summary']);
  expect(JSON.stringify(channel)).not.toMatch(/Only the team.s leads/);
  expect(personal).toEqual([]);
});

it('opens the person’s one team in the personal chat: the overview for the lead, the summary for a member', async () => {
  const asLead = await bot.ask(messageActivity(bot.connector.url, 'progress'));
  expect(firstTextBlock(cardOf(asLead[0]))).toBe('Team progress overview');
  const asMember = await bot.ask({ ...messageActivity(bot.connector.url, 'progress'), from: { id: '29:officer-2' } });
  expect(firstTextBlock(cardOf(asMember[0]))).toBe('Team progress summary');
});

it('asks which team in the personal chat when the person is in several, and opens the one chosen', async () => {
  const OTHER = '19:second-team@thread.tacv2';
  bot.connector.teams.set(OTHER, { name: 'Second team', members: ['29:officer-3'] });
  bot.connector.teams.set(TEAM, { name: 'Progress team', members: ['29:officer-1', '29:officer-2', '29:officer-3'] });
  await bot.ask({
    ...botAddedActivity(bot.connector.url, 'channel'),
    channelData: { tenant: { id: TENANT_ID }, team: { id: OTHER, name: 'Second team' } },
    conversation: { id: OTHER, conversationType: 'channel', tenantId: TENANT_ID },
    from: { id: '29:officer-3', name: 'Someone' },
  });
  // The bot learns who is in a team from its channel: officer-3 speaks in the first team's channel too.
  await bot.ask({
    ...mentionActivity(bot.connector.url, 'help'),
    channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Progress team' } },
    from: { id: '29:officer-3', name: 'Someone' },
  });
  const asked = await bot.ask({ ...messageActivity(bot.connector.url, 'progress'), from: { id: '29:officer-3' } });
  const chooser = cardOf(asked[0]);
  expect(firstTextBlock(chooser)).toBe('Which team’s progress?');
  const next = buttonsIn(chooser).find((found) => found.title === 'Continue');
  const chosen = await press(bot, { ...(next?.data ?? {}), teamId: TEAM }, 'personal', {
    from: { id: '29:officer-3' },
  });
  expect(firstTextBlock(chosen.card)).toBe('Team progress summary');
  // officer-3 added the app to the second team, so leads it.
  const lead = await press(bot, { ...(next?.data ?? {}), teamId: OTHER }, 'personal', { from: { id: '29:officer-3' } });
  expect(firstTextBlock(lead.card)).toBe('Team progress overview');
});

it("opens progress from the team's settings card: the overview for the lead, the summary for a member", async () => {
  const settingsReplies = await bot.ask({ ...mentionActivity(bot.connector.url, 'settings'), channelData });
  const settings = cardOf(settingsReplies[0]);
  const teamProgress = buttonsIn(settings).find((found) => found.title === 'Team progress');
  expect(teamProgress).toBeDefined();
  const open = (userId: string) =>
    pressInChannel(bot, teamProgress?.data ?? {}, { channelData, from: { id: userId, name: 'Someone' } });
  // The shared card stays as it is; each person gets their view in their personal chat.
  const lead = await open('29:officer-1');
  expect(lead).toMatchObject({ here: [], presserText: expect.stringMatching(/^I’ve sent the lead view/) });
  expect(lead.personal.map(firstTextBlock)).toEqual(['Team progress overview']);
  const member = await open('29:officer-2');
  expect(member.here).toEqual([]);
  expect(member.inPlace).toBeUndefined();
  expect(member.personal.map(firstTextBlock)).toEqual([expect.stringMatching(/^Only the team.s leads can see/)]);
});

it('says so when Teams does not give the roster, sends no apology, and works once Teams answers', async () => {
  const { personal } = await progressAs('29:officer-1');
  const teamLeads = buttonsIn(personal[0]).find((found) => found.title === 'Team leads');
  expect(teamLeads).toBeDefined();
  // The overview is in the lead's personal chat, so its buttons are pressed there.
  const pressIt = () => press(bot, teamLeads?.data ?? {}, 'personal');
  const sentBefore = bot.connector.sent.length;
  bot.connector.failNextReads(20, 500);
  expect(firstTextBlock((await pressIt()).card)).toBe('The team’s members could not be read just now');
  bot.connector.failNextReads(0, 500);
  // Nothing else was sent: the failure was the notice's to tell, not an apology's.
  const sentSince = bot.connector.sent.slice(sentBefore).map((sent) => JSON.stringify(sent.activity));
  expect(sentSince).toHaveLength(1);
  expect(sentSince.join()).not.toContain('something went wrong');
  expect(firstTextBlock((await pressIt()).card)).toBe('Team leads');
});

it('lets only a lead switch the weekly summary post on and off, from the lead roster card', async () => {
  // In the lead's personal chat, where the overview and its roster are; a member pressing a copy of
  // the lead's card in theirs is refused.
  const pressAs = async (userId: string, data: Record<string, unknown>) =>
    (await press(bot, data, 'personal', { from: { id: userId, name: 'Someone' } })).card;
  const setting = async () => (await bot.store.getTeamSettings(TEAM))?.value.postWeeklySummary;
  const { personal } = await progressAs('29:officer-1');
  const teamLeads = buttonsIn(personal[0]).find((found) => found.title === 'Team leads');
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
