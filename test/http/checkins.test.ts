// Check-ins through the real HTTP endpoint, as Teams sends them: typed "check in", Action.Execute
// invokes answered with the next card in the invoke response, the Action.Submit fallback replacing
// the pressed card, and the answer in the store exactly once.
import {
  botAddedActivity,
  executeActivity,
  mentionActivity,
  messageActivity,
  submitActivity,
  TENANT_ID,
} from '../support/activities';
import { currentWeek, DEFAULT_TIME_ZONE } from '../../src/calendar/weeks';
import { buttonsIn, type FoundButton } from '../support/cardButtons';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const TEAM = '19:planning-team@thread.tacv2';
// The bot runs on the real clock, so the check-in week is this week in the team's time zone.
const WEEK = currentWeek(new Date(), DEFAULT_TIME_ZONE);
const USER = '29:officer-1';

/** The button titled `title` (and whose data includes `where`), checked against the Universal Actions contract. */
function button(card: unknown, title: string, where: Record<string, unknown> = {}): FoundButton {
  const all = buttonsIn(card);
  const match = all.find(
    (each) => each.title === title && Object.entries(where).every(([key, value]) => each.data[key] === value),
  );
  if (!match) throw new Error(`no "${title}" button among ${all.map((each) => each.title).join(', ')}`);
  return match;
}

let bot: BotHarness;

/** Presses a button as Action.Execute; returns the card Teams would put in place of the pressed one. */
async function execute(
  data: Record<string, unknown>,
  kind: 'personal' | 'channel' = 'personal',
  channelData?: object,
): Promise<Record<string, unknown>> {
  const activity = { ...executeActivity(bot.connector.url, data, kind), ...(channelData ? { channelData } : {}) };
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { statusCode: number; type: string; value: Record<string, unknown> };
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expectValidCard(body.value);
  return body.value;
}

async function completeCheckin(
  firstCard: unknown,
  press: (data: Record<string, unknown>) => Promise<Record<string, unknown>>,
) {
  let card = await press({ ...button(firstCard, 'Next').data, progress: '4' });
  card = await press({ ...button(card, 'Next').data, outcomes: 'outcome:data,outcome:inclusion' });
  card = await press({ ...button(card, 'Next').data, enabler: 'enabler:capabilities' });
  card = await press({ ...button(card, 'Next').data, principles: 'principle:inclusive' });
  card = await press({ ...button(card, 'Next').data, win: 'Launched the new bin app', blocker: '' });
  expect(firstTextBlock(card)).toMatch(/^Check your answers/);
  const submit = button(card, 'Submit').data;
  const saved = await press(submit);
  expect(firstTextBlock(saved)).toMatch(/^Check-in saved/);
  return { submit, saved };
}

beforeAll(async () => {
  bot = await startBot();
  bot.connector.teams.set(TEAM, { name: 'Planning team', members: [USER] });
  // The app is installed in the team: its installation and conversation reference are stored.
  const added = {
    ...botAddedActivity(bot.connector.url, 'channel'),
    channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Planning team' } },
  };
  await bot.ask(added);
});
afterAll(async () => {
  await bot.close();
});

it('runs a whole check-in from a personal chat on Action.Execute cards and stores one answer', async () => {
  const start = await bot.ask(messageActivity(bot.connector.url, 'check in'));
  const chooser = cardOf(start[0]);
  expectValidCard(chooser);
  // The person is in one team with the app, so no team question: straight to the mission choice.
  expect(JSON.stringify(chooser)).toContain('Planning team');
  const missionCard = await execute(button(chooser, 'Start', { mission: 'digitally-enabled-councils' }).data);
  expect(JSON.stringify(missionCard)).toContain('Question 1 of 5');

  const { submit } = await completeCheckin(missionCard, (data) => execute(data));
  const stored = await bot.store.listTeamCheckIns(TEAM, WEEK);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    userId: USER,
    mission: 'digitally-enabled-councils',
    answers: { progress: 4, enabler: 'enabler:capabilities' },
  });

  // Pressed again (a double click, or Teams retrying): still one answer, counted once.
  await execute(submit);
  expect(await bot.store.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
  expect((await bot.store.getRollup(TEAM, 'digitally-enabled-councils', WEEK))?.value.responses).toBe(1);
});

it('replaces the pressed card with an update when the client sends Action.Submit', async () => {
  const start = await bot.ask(messageActivity(bot.connector.url, 'check in'));
  const chooser = cardOf(start[0]);
  const pressed = {
    ...submitActivity(bot.connector.url, button(chooser, 'Start', { mission: 'digitally-equipped-places' }).data),
    replyToId: 'card-message-1',
  };
  bot.connector.sent.length = 0;
  expect((await bot.post(pressed)).status).toBe(200);
  const update = bot.connector.sent.find((sent) => sent.method === 'PUT');
  expect(update?.replyToId).toBe('card-message-1');
  const card = cardOf(update?.activity);
  expectValidCard(card);
  expect(JSON.stringify(card)).toContain('Question 1 of 5');
});

it('answers an invalid check-in submission clearly and stores nothing', async () => {
  const start = await bot.ask(messageActivity(bot.connector.url, 'check in'));
  const missionCard = await execute(
    button(cardOf(start[0]), 'Start', { mission: 'digitally-empowered-residents' }).data,
  );
  const before = await bot.store.listTeamCheckIns(TEAM, WEEK);
  const activity = executeActivity(bot.connector.url, { ...button(missionCard, 'Next').data, progress: '9' });
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const replies = bot.connector.sent.filter((sent) => sent.replyToId === activity.id);
  const notice =
    replies.length > 0 ? cardOf(replies[0]?.activity) : ((await response.json()) as { value: unknown }).value;
  expectValidCard(notice);
  expect(JSON.stringify(notice)).toMatch(/1 to 5|between 1 and 5|scale/i);
  expect(await bot.store.listTeamCheckIns(TEAM, WEEK)).toEqual(before);
});

it('checks in from a team channel, for that team', async () => {
  const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Planning team' } };
  const start = await bot.ask({ ...mentionActivity(bot.connector.url, 'check in'), channelData });
  const chooser = cardOf(start[0]);
  const missionCard = await execute(
    button(chooser, 'Start', { mission: 'digitally-empowered-residents' }).data,
    'channel',
    channelData,
  );
  await completeCheckin(missionCard, (data) => execute(data, 'channel', channelData));
  const stored = await bot.store.listTeamCheckIns(TEAM, WEEK, 'digitally-empowered-residents');
  expect(stored).toHaveLength(1);
});

it('opens a check-in from a mission topic card', async () => {
  const topic = await bot.ask(messageActivity(bot.connector.url, 'tell me about digitally equipped places'));
  const card = cardOf(topic[0]);
  const start = button(card, 'Check in on this mission');
  const next = await execute(start.data);
  expect(JSON.stringify(next)).toContain('Question 1 of 5');
});

describe('the team settings card', () => {
  const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Planning team' } };

  it('sets the weekly prompt schedule, says it back in plain words, and refuses a bad time zone', async () => {
    const opened = await bot.ask({ ...mentionActivity(bot.connector.url, 'settings'), channelData });
    const card = cardOf(opened[0]);
    expectValidCard(card);
    const save = button(card, 'Save settings').data;
    const inputs = {
      missions: 'digitally-enabled-councils',
      focusOutcomes: '',
      promptDay: '3',
      promptTime: '09:30',
      timeZone: 'Europe/London',
      reminderDay: '5',
      reminderTime: '14:00',
      paused: 'false',
    };

    // Not a zone, and a UTC offset (which Intl on Node.js 24 takes as a zone, but a schedule needs a name).
    for (const timeZone of ['Mars/Olympus', '+05:00']) {
      const refused = await bot.post({
        ...executeActivity(bot.connector.url, { ...save, ...inputs, timeZone }, 'channel'),
        channelData,
      });
      expect(refused.status).toBe(200);
      expect((await bot.store.getTeamSettings(TEAM))?.value.schedule.timeZone).not.toBe(timeZone);
    }

    const saved = await execute({ ...save, ...inputs }, 'channel', channelData);
    expect(JSON.stringify(saved)).toContain(
      'Prompts every Wednesday at 09:30, Europe/London, with a reminder on Friday at 14:00',
    );
    expect((await bot.store.getTeamSettings(TEAM))?.value).toMatchObject({
      missions: ['digitally-enabled-councils'],
      schedule: { day: 3, time: '09:30', timeZone: 'Europe/London' },
      reminder: { day: 5, time: '14:00' },
      paused: false,
    });
  });
});
