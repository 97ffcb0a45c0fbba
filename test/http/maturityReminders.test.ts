// The weekly self-assessment reminder through the real app: a prompt pass started on the trigger
// route sends, while the team's round is open, one reminder a week to the personal chat of each
// member who has not assessed, through the Connector stand-in; not to those who assessed, are away
// or whose team has the week off; and a failed send retried, a second pass or a second instance on
// the same store sends nobody a second one.
import { DateTime } from 'luxon';
import { botAddedActivity, TENANT_ID } from '../support/activities';
import { cardOf, press, startBot, triggerPromptPass, type BotHarness } from '../support/botHarness';
import { buttonsIn } from '../support/cardButtons';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { currentWeek } from '../../src/calendar/weeks';
import { quarterOf } from '../../src/maturity/rounds';

const SECRET = 'a-trigger-secret-of-some-length';
const TEAM = '19:assessing-team@thread.tacv2';
const TEAM_OFF = '19:resting-team@thread.tacv2';
const LEAD = '29:lead-1';
const ASSESSED = '29:assessed-1';
const PENDING = '29:pending-1';
const AWAY = '29:away-1';
const RESTING = '29:resting-1';
const REMINDER = 'A reminder: your team’s self-assessment is open';
const ZONE = 'Europe/London';

let bot: BotHarness;

const personalChat = (userId: string) => `a:personal-${userId}`;
const from = (userId: string) => ({ id: userId, name: 'Someone', aadObjectId: `aad-${userId}` });

/** The self-assessment reminders each person's personal chat has had so far. */
function remindersTo(userId: string) {
  return bot.connector.sent
    .filter((sent) => sent.conversationId === personalChat(userId) && sent.method === 'POST')
    .map((sent) => cardOf(sent.activity))
    .filter((card) => firstTextBlock(card) === REMINDER);
}

const runPass = (target: BotHarness = bot) => triggerPromptPass(target, SECRET);

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!done()) throw new Error(`timed out waiting for ${what}`);
}

/** Long enough for a pass that had anything to send to have sent it (the pass answers 202 at once). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

beforeAll(async () => {
  bot = await startBot({ PROMPTS_TRIGGER_SECRET: SECRET });
  bot.connector.teams.set(TEAM, { name: 'Assessing team', members: [LEAD, ASSESSED, PENDING, AWAY] });
  bot.connector.teams.set(TEAM_OFF, { name: 'Resting team', members: [LEAD, RESTING] });
  for (const team of [TEAM, TEAM_OFF])
    await bot.ask({
      ...botAddedActivity(bot.connector.url, 'channel'),
      from: from(LEAD),
      conversation: { id: team, conversationType: 'channel', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID }, team: { id: team, name: 'A team' } },
    });
  // Everyone has the app in their personal chat, so each could be reminded there.
  for (const userId of [LEAD, ASSESSED, PENDING, AWAY, RESTING]) {
    const response = await bot.post({
      ...botAddedActivity(bot.connector.url, 'personal'),
      from: from(userId),
      conversation: { id: personalChat(userId), conversationType: 'personal', tenantId: TENANT_ID },
    });
    expect(response.status).toBe(200);
  }
  // Both teams' prompts fell due a minute ago; the resting team has this week off.
  const due = DateTime.now().setZone(ZONE).minus({ minutes: 1 });
  const schedule = { day: due.weekday as 1, time: due.toFormat('HH:mm'), timeZone: ZONE };
  await bot.store.updateTeamSettings(TEAM, (settings) => ({ ...settings, schedule }));
  await bot.store.updateTeamSettings(TEAM_OFF, (settings) => ({
    ...settings,
    schedule,
    weeksOff: [currentWeek(new Date(), ZONE)],
  }));
  await bot.store.submitAssessment({
    teamId: TEAM,
    userId: ASSESSED,
    round: quarterOf(new Date(), ZONE),
    ratings: { 'enabler:data': { level: 3 } },
  });
  const today = DateTime.now().setZone(ZONE);
  await bot.store.saveAway({
    teamId: TEAM,
    userId: AWAY,
    from: today.toISODate() as string,
    until: today.plus({ days: 10 }).toISODate() as string,
  });
}, 30_000);
afterAll(async () => {
  await bot.close();
});

it('reminds each member who has not assessed once, in their personal chat, even when a send fails and is retried', async () => {
  // The first send of the pass fails (Teams answering 500); the pass tries it again.
  bot.connector.failNext(1, 500);
  await runPass();
  await until(() => remindersTo(PENDING).length > 0 && remindersTo(LEAD).length > 0, 'the reminders');
  await settle();
  expect(remindersTo(PENDING)).toHaveLength(1);
  expect(remindersTo(LEAD)).toHaveLength(1);
  // Not to the person who assessed, nor to the one away, nor to anyone in a team with the week off.
  expect(remindersTo(ASSESSED)).toEqual([]);
  expect(remindersTo(AWAY)).toEqual([]);
  expect(remindersTo(RESTING)).toEqual([]);

  const card = remindersTo(PENDING)[0];
  expectValidCard(card);
  expect(JSON.stringify(card)).toMatch(/You have not assessed your team for \w+ to \w+ \d{4} yet/);
  expect(buttonsIn(card).map((each) => [each.title, each.data])).toEqual([
    ['Assess now', { action: 'maturityStart', teamId: TEAM }],
  ]);
});

it('sends nobody a second reminder that week: not on a second pass, nor from a second instance on the same store', async () => {
  const before = bot.connector.sent.length;
  const second = await startBot({ PROMPTS_TRIGGER_SECRET: SECRET }, { store: bot.store });
  try {
    await Promise.all([runPass(), runPass(second)]);
    await settle();
  } finally {
    await second.close();
  }
  const sentSince = bot.connector.sent.slice(before).filter((sent) => sent.method === 'POST');
  expect(sentSince.map((sent) => firstTextBlock(cardOf(sent.activity)))).not.toContain(REMINDER);
  for (const userId of [LEAD, PENDING]) expect(remindersTo(userId)).toHaveLength(1);
});

it("starts the person's assessment for that team from the reminder's button", async () => {
  const data = buttonsIn(remindersTo(PENDING)[0]).find((each) => each.title === 'Assess now')?.data ?? {};
  const pressed = await press(bot, data, 'personal', {
    from: from(PENDING),
    conversation: { id: personalChat(PENDING), conversationType: 'personal', tenantId: TENANT_ID },
  });
  expect(firstTextBlock(pressed.card)).toBe('Self-assessment: Data');
});
