// The last lead: a team's only lead cannot delete their data (and with it their lead role) until
// someone else leads the team; the delete card says so and opens the lead roster. An admin can
// appoint a lead for a team that has none; nobody becomes lead by adding the app again.
import { botAddedActivity, executeActivity, messageActivity, TENANT_ID } from '../support/activities';
import { buttonsIn, buttonData } from '../support/cardButtons';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const TEAM = '19:last-lead@thread.tacv2';
const LEAD = '29:officer-1';
const MEMBER = '29:officer-2';
const ADMIN_AAD = 'aaaaaaaa-0000-0000-0000-00000000ad01';
const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Last lead team' } };

let bot: BotHarness;

const as = (from: string, aad = `aaaaaaaa-0000-0000-0000-${from.slice(-12).padStart(12, '0')}`) => ({
  from: { id: from, aadObjectId: aad, name: 'Someone' },
});

async function say(text: string, from = LEAD): Promise<Record<string, unknown>> {
  return cardOf((await bot.ask({ ...messageActivity(bot.connector.url, text), ...as(from) })).at(-1));
}

/** Presses a button (Action.Execute) and returns the card put in its place, or the new one sent. */
async function press(
  data: Record<string, unknown>,
  from = LEAD,
  kind: 'personal' | 'channel' = 'personal',
  aad?: string,
): Promise<Record<string, unknown>> {
  const activity = {
    ...executeActivity(bot.connector.url, data, kind),
    ...as(from, aad),
    ...(kind === 'channel' ? { channelData } : {}),
  };
  const sentBefore = bot.connector.sent.length;
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const value = ((await response.json()) as { value: unknown }).value;
  // Pressed in the channel, the answer goes to the presser's personal chat (private by design).
  const toPersonalChat = bot.connector.sent
    .slice(sentBefore)
    .filter((sent) => sent.conversationId === `a:personal-${from}`)
    .at(-1);
  const card =
    kind === 'channel' && toPersonalChat
      ? cardOf(toPersonalChat.activity)
      : typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)
        : cardOf(bot.connector.sent.filter((sent) => sent.replyToId === activity.id).at(-1)?.activity);
  expectValidCard(card);
  return card;
}

const button = buttonData;
const titles = (card: unknown) => buttonsIn(card).map((each) => each.title);
const leads = async () => (await bot.store.getTeamSettings(TEAM))?.value.leads;

beforeAll(async () => {
  bot = await startBot({ ADMIN_OBJECT_IDS: ADMIN_AAD });
  bot.connector.teams.set(TEAM, { name: 'Last lead team', members: [LEAD, MEMBER, '29:officer-3'] });
  // LEAD adds the app to the team and so leads it.
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), ...as(LEAD), channelData });
});
afterAll(async () => {
  await bot.close();
});

it('refuses "delete my data" from the only lead, says why and offers the lead roster; nothing is deleted', async () => {
  expect(await leads()).toEqual([LEAD]);
  const card = await say('delete my data');
  expectValidCard(card);
  expect(firstTextBlock(card)).toBe('Choose another lead first');
  expect(JSON.stringify(card)).toMatch(/only check-in lead/);
  expect(titles(card)).not.toContain('Yes, delete my data');
  expect(button(card, 'Choose a new lead')).toEqual({ action: 'progressLeads', op: 'open', teamId: TEAM });
  expect(await leads()).toEqual([LEAD]);

  // The roster opens from the personal chat, and the lead adds a successor there.
  const roster = await press(button(card, 'Choose a new lead'));
  expect(firstTextBlock(roster)).toBe('Team leads');
  await press({ ...button(roster, 'Add as lead'), leadUserId: MEMBER });
  expect(await leads()).toEqual([LEAD, MEMBER]);

  // Now the delete goes ahead, and the team keeps its other lead.
  const confirm = await say('delete my data');
  expect(firstTextBlock(confirm)).toBe('Delete your Framework Guide data?');
  const deleted = await press(button(confirm, 'Yes, delete my data'));
  expect(firstTextBlock(deleted)).toBe('Your data has been deleted');
  expect(await leads()).toEqual([MEMBER]);
});

it('checks again on confirmation: a lead who became the only one meanwhile is refused', async () => {
  // MEMBER leads alone now; LEAD is made a lead again, MEMBER asks to delete (two leads: the confirm card).
  await press({ action: 'progressLeads', op: 'add', teamId: TEAM, leadUserId: LEAD }, MEMBER, 'channel');
  expect(await leads()).toEqual([MEMBER, LEAD]);
  const confirm = await say('delete my data', MEMBER);
  expect(firstTextBlock(confirm)).toBe('Delete your Framework Guide data?');
  // Before MEMBER confirms, LEAD steps down, leaving MEMBER the only lead.
  await press({ action: 'progressLeads', op: 'remove', teamId: TEAM, userId: LEAD }, MEMBER, 'channel');
  expect(await leads()).toEqual([MEMBER]);
  const refused = await press(button(confirm, 'Yes, delete my data'), MEMBER);
  expect(firstTextBlock(refused)).toBe('Choose another lead first');
  expect(await leads()).toEqual([MEMBER]);
});

it('never makes whoever adds the app next the lead of a team that has none; an admin appoints one', async () => {
  // A team left without a lead (from before this rule): its settings exist, with no leads.
  await bot.store.updateTeamSettings(TEAM, (settings) => ({ ...settings, leads: [] }));
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), ...as('29:officer-3'), channelData });
  expect(await leads()).toEqual([]);
  // A member asking to change leads is told an admin can appoint one.
  const refused = await press({ action: 'progressLeads', op: 'open', teamId: TEAM }, '29:officer-3', 'channel');
  expect(firstTextBlock(refused)).toBe('This team has no lead');
  // The admin opens the roster in the team's channel and appoints a lead.
  const roster = await press(
    { action: 'progressLeads', op: 'open', teamId: TEAM },
    '29:officer-9',
    'channel',
    ADMIN_AAD,
  );
  expect(firstTextBlock(roster)).toBe('Team leads');
  await press({ ...button(roster, 'Add as lead'), leadUserId: '29:officer-3' }, '29:officer-9', 'channel', ADMIN_AAD);
  expect(await leads()).toEqual(['29:officer-3']);
});
