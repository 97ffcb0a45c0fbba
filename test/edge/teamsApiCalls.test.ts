// Bounded Teams API calls: with the app in 2,000 teams of the tenant, an action costs a handful of
// calls to the Teams API (counted at the Connector stand-in), never one per team. The person's teams
// come from the person → teams index, learned from their messages in the teams' channels.
import { executeActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { buttonsIn } from '../support/cardButtons';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { firstTextBlock } from '../support/cardValidation';

const TEAMS = 2000;
const USER = '29:officer-1';
const teamId = (i: number) => `19:team-${i}@thread.tacv2`;
const MINE = [7, 1500];

let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot();
  for (let i = 0; i < TEAMS; i += 1) {
    const id = teamId(i);
    bot.connector.teams.set(id, { name: `Team ${i}`, members: MINE.includes(i) ? [USER, '29:other'] : ['29:other'] });
    await bot.store.upsertInstallation({
      conversationId: id,
      tenantId: TENANT_ID,
      kind: 'channel',
      teamId: id,
      reference: {
        serviceUrl: bot.connector.url,
        channelId: 'msteams',
        conversation: { id, tenantId: TENANT_ID, conversationType: 'channel' },
        bot: { id: '28:framework-guide-bot' },
        user: { id: USER },
      },
    });
  }
  // The person says something in two of their teams' channels: the index learns those teams.
  for (const i of MINE)
    await bot.ask({
      ...mentionActivity(bot.connector.url, 'help'),
      channelData: { tenant: { id: TENANT_ID }, team: { id: teamId(i), name: `Team ${i}` } },
    });
}, 60_000);
afterAll(async () => {
  await bot.close();
});

async function press(data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const activity = executeActivity(bot.connector.url, data);
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const value = ((await response.json()) as { value: unknown }).value;
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : cardOf(bot.connector.sent.filter((sent) => sent.replyToId === activity.id).at(-1)?.activity);
}

it('"check in" in a personal chat asks Teams about the person\'s own teams only, then nothing while cached', async () => {
  bot.connector.reads.length = 0;
  const chooser = cardOf((await bot.ask(messageActivity(bot.connector.url, 'check in')))[0]);
  expect(JSON.stringify(chooser)).toContain('Team 7');
  expect(JSON.stringify(chooser)).toContain('Team 1500');
  // One membership check per known team (and their names were learned from the channels).
  expect(bot.connector.reads.length).toBeLessThanOrEqual(4);
  const first = bot.connector.reads.length;
  await bot.ask(messageActivity(bot.connector.url, 'check in'));
  await bot.ask(messageActivity(bot.connector.url, 'my check-ins'));
  expect(bot.connector.reads.length).toBe(first);
});

it('a card naming a team the person is not in costs at most one call, never a roster read', async () => {
  bot.connector.reads.length = 0;
  const card = await press({ action: 'progress', view: 'summary', teamId: teamId(1999) });
  expect(firstTextBlock(card)).toBeDefined();
  expect(JSON.stringify(card)).not.toContain('Team 1999');
  expect(bot.connector.reads.length).toBeLessThanOrEqual(1);
  expect(bot.connector.reads.some((path) => path.includes('pagedmembers'))).toBe(false);
  // Asking to check in for it costs nothing more: the person's teams are known and cached.
  bot.connector.reads.length = 0;
  const refused = await press({ action: 'checkinStart', teamId: teamId(1999) });
  expect(buttonsIn(refused).some((button) => button.data.teamId === teamId(1999))).toBe(false);
  expect(bot.connector.reads).toEqual([]);
});

it('a card naming many teams one after another costs one call each at most, and no roster read', async () => {
  bot.connector.reads.length = 0;
  for (let i = 100; i < 120; i += 1) await press({ action: 'progress', view: 'summary', teamId: teamId(i) });
  expect(bot.connector.reads.length).toBeLessThanOrEqual(20);
  expect(bot.connector.reads.some((path) => path.includes('pagedmembers'))).toBe(false);
});
