// Weekly prompts through the real HTTP surface: the trigger route an external scheduler calls, and the
// prompt card reaching the team's channel through the Connector stand-in. Scheduling rules, leases and
// limits are tested in test/prompts.
import { DateTime } from 'luxon';
import { botAddedActivity, TENANT_ID } from '../support/activities';
import { cardOf, pressInChannel, startBot, type BotHarness } from '../support/botHarness';
import { buttonsIn } from '../support/cardButtons';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const TEAM = '19:prompted-team@thread.tacv2';
const SECRET = 'a-trigger-secret-of-some-length';
let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot({ PROMPTS_TRIGGER_SECRET: SECRET });
  // The team's roster: only the roster makes someone a member (a shared channel holds outsiders too).
  bot.connector.teams.set(TEAM, { name: 'Prompted team', members: ['29:officer-1', '29:someone-else'] });
  await bot.ask({
    ...botAddedActivity(bot.connector.url, 'channel'),
    channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Prompted team' } },
  });
  // Due a minute ago, in the team's own time zone.
  const due = DateTime.now().setZone('Europe/London').minus({ minutes: 1 });
  await bot.store.updateTeamSettings(TEAM, (settings) => ({
    ...settings,
    schedule: { day: due.weekday as 1, time: due.toFormat('HH:mm'), timeZone: 'Europe/London' },
  }));
  // One action on the team's maturity plan is past its due date.
  await bot.store.updateTeamMaturity(TEAM, (maturity) => ({
    ...maturity,
    actions: [
      {
        id: 'a-0000000000000001',
        title: 'Agree a data sharing plan',
        theme: 'enabler:data',
        ownerUserId: '29:officer-1',
        ownerName: 'Test Officer',
        due: '2020-01-31',
        status: 'open',
        createdAt: '2020-01-01T09:00:00.000Z',
      },
    ],
  }));
});
afterAll(async () => {
  await bot.close();
});

const trigger = (authorization?: string) =>
  fetch(`${bot.baseUrl}/api/prompts/run`, { method: 'POST', headers: authorization ? { authorization } : {} });

it('refuses a caller without the secret, and one with a wrong secret', async () => {
  expect((await trigger()).status).toBe(401);
  expect((await trigger('Bearer not-the-secret-at-all-no')).status).toBe(401);
  expect(bot.connector.sent.filter((sent) => sent.conversationId === TEAM)).toHaveLength(0);
});

it('runs a pass for the right secret and posts the prompt card to the team, once', async () => {
  expect((await trigger(`Bearer ${SECRET}`)).status).toBe(202);
  const deadline = Date.now() + 5000;
  // The welcome went to the channel the bot was added in; only prompts go to the team's own conversation.
  const prompts = () => bot.connector.sent.filter((sent) => sent.conversationId === TEAM && sent.method === 'POST');
  while (prompts().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(prompts()).toHaveLength(1);
  const card = cardOf(prompts()[0]?.activity);
  expectValidCard(card);
  expect(JSON.stringify(card)).toContain('checkinStart');
  // The team's maturity: the open self-assessment round, and the count of overdue actions (no titles, no names).
  expect(JSON.stringify(card)).toMatch(/The self-assessment round for \w+ to \w+ \d{4} is open/);
  expect(JSON.stringify(card)).toContain('1 action on the team’s plan is overdue');
  expect(JSON.stringify(card)).not.toContain('Agree a data sharing plan');

  // A second pass in the same week sends nothing more.
  expect((await trigger(`Bearer ${SECRET}`)).status).toBe(202);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(prompts()).toHaveLength(1);
});

it("opens the team's progress from the prompt card's Team progress button: the overview for the lead, the summary for a member", async () => {
  const posted = bot.connector.sent.find((sent) => sent.conversationId === TEAM && sent.method === 'POST');
  const press = buttonsIn(cardOf(posted?.activity)).find((found) => found.title === 'Team progress');
  expect(press?.data).toEqual({ action: 'progress', view: 'overview', teamId: TEAM });
  const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Prompted team' } };
  const open = (userId: string) =>
    pressInChannel(bot, press?.data ?? {}, { channelData, from: { id: userId, name: 'Someone' } });
  // Whoever added the app leads the team. The prompt stays as it is; each view goes to the presser's
  // personal chat, and the press is answered to the presser alone.
  const lead = await open('29:officer-1');
  expect(lead).toMatchObject({ here: [], presserText: expect.stringMatching(/^I’ve sent the lead view/) });
  expect(lead.personal.map(firstTextBlock)).toEqual(['Team progress overview']);
  // A member (pressing in the team's channel): the summary, with why, in their personal chat.
  const member = await open('29:someone-else');
  expect(member.here).toEqual([]);
  expect(member.inPlace).toBeUndefined();
  expect(member.personal.map(firstTextBlock)).toEqual([expect.stringMatching(/^Only the team.s leads can see/)]);
});

describe('without a secret configured', () => {
  it('keeps the route off', async () => {
    const other = await startBot();
    try {
      expect((await fetch(`${other.baseUrl}/api/prompts/run`, { method: 'POST' })).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
