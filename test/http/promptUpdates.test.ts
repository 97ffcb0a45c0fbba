// The count on the weekly prompt card, kept current as people check in, through the real HTTP
// surface: a pass posts the prompt (POST), members start their check-ins from it (each runs in the
// member's personal chat, on Action.Execute cards),
// and the bot replaces the prompt message in place (PUT of its activity id) with the new count.
import { DateTime } from 'luxon';
import { botAddedActivity, TENANT_ID } from '../support/activities';
import {
  cardOf,
  press as pressIn,
  pressInChannel,
  startBot,
  triggerPromptPass,
  type BotHarness,
} from '../support/botHarness';
import { buttonsIn, buttonData } from '../support/cardButtons';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { currentWeek } from '../../src/calendar/weeks';

const TEAM = '19:counted-team@thread.tacv2';
const QUIET_TEAM = '19:quiet-team@thread.tacv2';
const SECRET = 'a-trigger-secret-of-some-length';
// Short, so the test waits little: an update 100 ms after a quiet spell's first check-in, then at most one every 400 ms.
const DELAY_MS = 100;
const INTERVAL_MS = 400;
let bot: BotHarness;
let promptId: string;

const channelData = (team: string) => ({ tenant: { id: TENANT_ID }, team: { id: team, name: 'A team' } });

async function addToTeam(team: string): Promise<void> {
  // The members' check-ins carry on in their personal chats, where Teams' roster says they are in the team.
  bot.connector.teams.set(team, { name: 'A team', members: [1, 2, 3, 4, 5].map((n) => `29:member-${n}`) });
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), channelData: channelData(team) });
}

const button = buttonData;

/**
 * One person's whole check-in in the team's channel, from the prompt card's Check in button, up to
 * the summary card; returns the Submit press, so tests choose when to send it.
 */
async function checkInUpToSubmit(
  team: string,
  userId: string,
  promptCard: unknown,
): Promise<() => Promise<Record<string, unknown>>> {
  const as = {
    channelData: channelData(team),
    from: {
      id: userId,
      name: 'A member',
      aadObjectId: `aaaaaaaa-0000-0000-0000-${userId.replace(/\D/g, '').padStart(12, '0')}`,
    },
  };
  // The prompt's Check in button, pressed in the channel, leaves the prompt as it is and opens the
  // check-in in the person's personal chat, where the rest of it happens.
  const fromPrompt = await pressInChannel(bot, button(promptCard, 'Check in'), as);
  expect(fromPrompt.inPlace).toBeUndefined();
  expect(fromPrompt.here).toEqual([]);
  expect(fromPrompt.presserText).toMatch(/^I’ve sent your check-in to our personal chat/);
  const inPersonalChat = { ...as, channelData: { tenant: { id: TENANT_ID } } };
  const press = async (data: Record<string, unknown>) => (await pressIn(bot, data, 'personal', inPersonalChat)).card;
  let card = fromPrompt.card;
  const start = buttonsIn(card).find((each) => each.title === 'Start');
  if (start) card = await press(start.data);
  expect(JSON.stringify(card)).toContain('Question 1 of 5');
  card = await press({ ...button(card, 'Next'), progress: '4' });
  card = await press({ ...button(card, 'Next'), outcomes: 'outcome:data' });
  card = await press({ ...button(card, 'Next'), enabler: 'enabler:capabilities' });
  card = await press({ ...button(card, 'Next'), principles: 'principle:inclusive' });
  card = await press({ ...button(card, 'Next'), win: '', blocker: '' });
  expect(firstTextBlock(card)).toMatch(/^Check your answers/);
  const submit = button(card, 'Submit');
  return () => press(submit);
}

async function checkIn(team: string, userId: string, promptCard: unknown): Promise<void> {
  const saved = await (await checkInUpToSubmit(team, userId, promptCard))();
  expect(firstTextBlock(saved)).toMatch(/^Check-in saved/);
}

const updates = (conversationId = TEAM) =>
  bot.connector.sent.filter((sent) => sent.method === 'PUT' && sent.conversationId === conversationId);
const textOf = (sent: { activity: Record<string, unknown> } | undefined) =>
  sent ? JSON.stringify(cardOf(sent.activity)) : '';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
/** Longer than any update asked for now takes to be made: the interval, the delay and a margin. */
const settle = () => new Promise((resolve) => setTimeout(resolve, INTERVAL_MS + DELAY_MS + 400));

beforeAll(async () => {
  bot = await startBot(
    { PROMPTS_TRIGGER_SECRET: SECRET },
    { promptUpdates: { delayMs: DELAY_MS, intervalMs: INTERVAL_MS } },
  );
  await addToTeam(TEAM);
  await addToTeam(QUIET_TEAM);
  // TEAM's prompt fell due a minute ago; QUIET_TEAM's too, but its prompts are paused, so it gets none.
  const due = DateTime.now().setZone('Europe/London').minus({ minutes: 1 });
  const schedule = { day: due.weekday as 1, time: due.toFormat('HH:mm'), timeZone: 'Europe/London' };
  await bot.store.updateTeamSettings(TEAM, (settings) => ({ ...settings, schedule }));
  await bot.store.updateTeamSettings(QUIET_TEAM, (settings) => ({ ...settings, schedule, paused: true }));
  await triggerPromptPass(bot, SECRET);
  const posted = () => bot.connector.sent.filter((sent) => sent.method === 'POST' && sent.conversationId === TEAM);
  await until(() => posted().length === 1);
  expect(posted()).toHaveLength(1);
  promptId = posted()[0]!.answeredId;
  expect(textOf(posted()[0])).toContain('Nobody has checked in yet this week.');
  // The pass records the message just after Teams accepted it.
  await until(async () => (await bot.store.getTeamSettings(TEAM))?.value.lastPrompt !== undefined);
});
afterAll(async () => {
  await bot.close();
});

const promptCard = () =>
  cardOf(bot.connector.sent.find((sent) => sent.method === 'POST' && sent.conversationId === TEAM)?.activity);

it('remembers which message the prompt is, and a check-in replaces that message with the new count', async () => {
  const week = currentWeek(new Date(), 'Europe/London');
  expect((await bot.store.getTeamSettings(TEAM))?.value.lastPrompt).toEqual({
    week,
    conversationId: TEAM,
    activityId: promptId,
  });

  await checkIn(TEAM, '29:member-1', promptCard());
  await until(() => updates().length === 1);
  const [update] = updates();
  expect(update?.replyToId).toBe(promptId);
  const card = cardOf(update?.activity);
  expectValidCard(card);
  expect(textOf(update)).toContain('1 person has checked in so far this week.');
  // Otherwise the same prompt card: its check-in button still starts a check-in for the team.
  expect(button(card, 'Check in')).toEqual(button(promptCard(), 'Check in'));
});

it('makes one or two updates for two check-ins submitted together, the last with the final count', async () => {
  await settle();
  const before = updates().length;
  const submits = await Promise.all([
    checkInUpToSubmit(TEAM, '29:member-2', promptCard()),
    checkInUpToSubmit(TEAM, '29:member-3', promptCard()),
  ]);
  const saved = await Promise.all(submits.map((submit) => submit()));
  saved.forEach((card) => expect(firstTextBlock(card)).toMatch(/^Check-in saved/));
  await until(() => textOf(updates().at(-1)).includes('3 people have checked in so far this week.'));
  await settle();
  const made = updates().slice(before);
  expect(made.length).toBeGreaterThanOrEqual(1);
  expect(made.length).toBeLessThanOrEqual(2);
  expect(made.every((sent) => sent.replyToId === promptId)).toBe(true);
  expect(textOf(made.at(-1))).toContain('3 people have checked in so far this week.');
});

it('updates nothing for a check-in in a team that has had no prompt this week', async () => {
  expect(bot.connector.sent.filter((sent) => sent.conversationId === QUIET_TEAM && sent.method === 'POST')).toEqual([]);
  expect((await bot.store.getTeamSettings(QUIET_TEAM))?.value.lastPrompt).toBeUndefined();
  const before = bot.connector.sent.length;
  // It has no prompt card; the same card, made for it, starts the check-in.
  const card = JSON.parse(JSON.stringify(promptCard()).split(TEAM).join(QUIET_TEAM)) as Record<string, unknown>;
  await checkIn(QUIET_TEAM, '29:member-1', card);
  expect(await bot.store.listTeamCheckIns(QUIET_TEAM, currentWeek(new Date(), 'Europe/London'))).toHaveLength(1);
  await settle();
  expect(bot.connector.sent.slice(before).filter((sent) => sent.method === 'PUT')).toEqual([]);
  expect(bot.connector.refusedUpdates).toEqual([]);
});

it('saves and answers a check-in normally when the Connector refuses the update with 500', async () => {
  await settle();
  const before = updates().length;
  bot.connector.failNextUpdates(1, 500);
  await checkIn(TEAM, '29:member-4', promptCard());
  await until(() => bot.connector.refusedUpdates.length === 1);
  expect(bot.connector.refusedUpdates).toEqual([{ conversationId: TEAM, activityId: promptId, status: 500 }]);
  const week = currentWeek(new Date(), 'Europe/London');
  expect(new Set((await bot.store.listTeamCheckIns(TEAM, week)).map((record) => record.userId))).toEqual(
    new Set(['29:member-1', '29:member-2', '29:member-3', '29:member-4']),
  );
  expect(updates()).toHaveLength(before);

  // The next check-in brings the card up to date.
  await checkIn(TEAM, '29:member-5', promptCard());
  await until(() => updates().length === before + 1);
  expect(textOf(updates().at(-1))).toContain('5 people have checked in so far this week.');
});
