// Private by design (issue #19), through the real HTTP endpoint: in a team channel and in a group
// chat, a lead and a member type every command and press every button reachable from a card shown
// there (Action.Execute and its Action.Submit fallback), and the Connector transcript of the shared
// conversation (messages sent, messages updated, invoke responses) is checked: no input card of a
// check-in, nothing anyone typed into a check-in, no lead-only or personal heading.
import { DateTime } from 'luxon';
import { botAddedActivity, executeActivity, messageActivity, submitActivity, TENANT_ID } from '../support/activities';
import { cardOf, press, startBot, triggerPromptPass, type BotHarness } from '../support/botHarness';
import { buttonsIn } from '../support/cardButtons';
import { manifestCommands } from '../../src/router/handleTurn';

const SECRET = 'a-trigger-secret-of-some-length';
const TEAM = '19:private-team@thread.tacv2';
const CHANNEL = '19:channel-1@thread.tacv2';
const GROUP = '19:group-1@thread.v2';
const LEAD = '29:lead-1';
const MEMBER = '29:member-1';
// What each person types into their check-in: it must never be seen outside their personal chat.
const TYPED: Record<string, string> = { [LEAD]: 'LEADWIN-typed-text', [MEMBER]: 'MEMBERWIN-typed-text' };
const BLOCKERS: Record<string, string> = { [LEAD]: 'LEADBLOCK-typed-text', [MEMBER]: 'MEMBERBLOCK-typed-text' };

// Headings of cards only the person, or only leads, may see.
const PRIVATE_HEADINGS = [
  'Team progress overview',
  'What needs attention',
  'Team leads',
  'Progress: ',
  'Outcome: ',
  'Only the team’s leads can see',
  "Only the team's leads can see",
  'Your recent check-ins',
  'What Framework Guide keeps about you',
  'Delete your Framework Guide data?',
  'Check-in: ',
  'Check your answers',
  'Check-in saved',
  'Which mission are you checking in on?',
  'Let’s do this in private',
  'Digital maturity, lead view',
  'Digital maturity across the organisation',
  'Notes behind the ratings',
  'Target levels',
  'Add an action',
  'Change an action',
  'Self-assessment: ',
  'Check your self-assessment',
  'Only the team’s leads can change this',
];

type Place = 'channel' | 'groupChat';
const where = {
  channel: { conversationId: CHANNEL, channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Team' } } },
  groupChat: { conversationId: GROUP, channelData: { tenant: { id: TENANT_ID } } },
};

let bot: BotHarness;

/** The data of every button on a card: Action.Execute (checked against its fallback by buttonsIn) and plain Action.Submit. */
function everyButton(card: unknown): Array<Record<string, unknown>> {
  const found = buttonsIn(card).map((button) => button.data);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit' && typeof record.data === 'object' && record.data !== null)
      found.push(record.data as Record<string, unknown>);
    Object.values(record).forEach(visit);
  };
  visit(card);
  return found;
}

function isShared(conversationId: string): boolean {
  return !conversationId.startsWith('a:');
}

/** Everything the shared conversations were shown: sends and updates there, and the invoke responses to presses there. */
const invokeAnswers: Array<{ place: Place; who: string; value: unknown }> = [];
function sharedTranscript(): string[] {
  return [
    ...bot.connector.sent.filter((sent) => isShared(sent.conversationId)).map((sent) => JSON.stringify(sent.activity)),
    ...invokeAnswers.map((answer) => JSON.stringify(answer.value)),
  ];
}

function from(userId: string) {
  return {
    id: userId,
    name: 'Someone',
    aadObjectId: `aaaaaaaa-0000-0000-0000-${userId.replace(/\D/g, '').padStart(12, '0')}`,
  };
}

async function say(place: Place | 'personal', userId: string, text: string): Promise<void> {
  const activity =
    place === 'personal'
      ? { ...messageActivity(bot.connector.url, text), from: from(userId), conversation: personalConversation(userId) }
      : {
          ...messageActivity(bot.connector.url, text, place),
          from: from(userId),
          channelData: where[place].channelData,
        };
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
}

function personalConversation(userId: string) {
  return { id: `a:personal-${userId}`, conversationType: 'personal', tenantId: TENANT_ID };
}

/** Inputs good enough for any button: the settings card's, and harmless values for anything else. */
const INPUTS = {
  missions: 'digitally-enabled-councils',
  focusOutcomes: '',
  promptDay: '3',
  promptTime: '09:30',
  timeZone: 'Europe/London',
  reminderDay: 'none',
  reminderTime: '',
  paused: 'false',
};

async function pressShared(place: Place, userId: string, data: Record<string, unknown>): Promise<void> {
  const overrides = { from: from(userId), channelData: where[place].channelData };
  const executed = await bot.post({
    ...executeActivity(bot.connector.url, { ...data, ...INPUTS }, place),
    ...overrides,
  });
  expect(executed.status).toBe(200);
  invokeAnswers.push({ place, who: userId, value: ((await executed.json()) as { value: unknown }).value });
  // The same button on a client without Universal Actions: a message with the data, replying to the card.
  const submitted = await bot.post({
    ...submitActivity(bot.connector.url, { ...data, ...INPUTS }, place),
    ...overrides,
    replyToId: 'shared-card-1',
  });
  expect(submitted.status).toBe(200);
}

/** A whole check-in in the person's personal chat, with typed text, so there is something to leak. */
async function checkInPrivately(userId: string): Promise<void> {
  await say('personal', userId, 'check in');
  const sentTo = () => bot.connector.sent.filter((sent) => sent.conversationId === `a:personal-${userId}`);
  let card = cardOf(sentTo().at(-1)?.activity);
  const inPersonal = (data: Record<string, unknown>) =>
    press(bot, data, 'personal', { from: from(userId), conversation: personalConversation(userId) });
  const find = (title: string) => buttonsIn(card).find((each) => each.title === title)?.data ?? {};
  if (buttonsIn(card).some((each) => each.title === 'Start')) card = (await inPersonal(find('Start'))).card;
  card = (await inPersonal({ ...find('Next'), progress: '4' })).card;
  card = (await inPersonal({ ...find('Next'), outcomes: 'outcome:data' })).card;
  card = (await inPersonal({ ...find('Next'), enabler: 'enabler:capabilities' })).card;
  card = (await inPersonal({ ...find('Next'), principles: 'principle:inclusive' })).card;
  card = (await inPersonal({ ...find('Next'), win: TYPED[userId], blocker: BLOCKERS[userId] })).card;
  card = (await inPersonal(find('Submit'))).card;
  expect(JSON.stringify(card)).toContain('Check-in saved');
}

beforeAll(async () => {
  bot = await startBot({ PROMPTS_TRIGGER_SECRET: SECRET });
  bot.connector.teams.set(TEAM, { name: 'Team', members: [LEAD, MEMBER] });
  bot.connector.teams.set(GROUP, { name: 'Group', members: [LEAD, MEMBER] });
  // The lead adds the app to the team and to the group chat, so leads both.
  for (const place of ['channel', 'groupChat'] as const) {
    const response = await bot.post({
      ...botAddedActivity(bot.connector.url, place),
      from: from(LEAD),
      channelData: where[place].channelData,
    });
    expect(response.status).toBe(200);
  }
  // Prompts fall due now, so a pass posts the prompt card (and its count) where each team works.
  const due = DateTime.now().setZone('Europe/London').minus({ minutes: 1 });
  const schedule = { day: due.weekday as 1, time: due.toFormat('HH:mm'), timeZone: 'Europe/London' };
  for (const team of [TEAM, GROUP])
    await bot.store.updateTeamSettings(team, (settings) => ({ ...settings, schedule, postWeeklySummary: true }));
  // An open action on each plan, so the lead view has its Done and Edit buttons to press.
  for (const team of [TEAM, GROUP])
    await bot.store.updateTeamMaturity(team, (maturity) => ({
      ...maturity,
      actions: [
        {
          id: 'a-00000000000000a1',
          title: 'An action on the plan',
          theme: 'enabler:data',
          ownerUserId: MEMBER,
          ownerName: 'Someone',
          due: '2030-01-31',
          status: 'open',
          createdAt: new Date().toISOString(),
        },
      ],
    }));
  for (const person of [LEAD, MEMBER]) await checkInPrivately(person);
  await triggerPromptPass(bot, SECRET);
  const deadline = Date.now() + 5000;
  const prompts = () => bot.connector.sent.filter((sent) => /Time for this week/.test(JSON.stringify(sent.activity)));
  while (prompts().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(prompts().length).toBeGreaterThanOrEqual(2);
}, 60_000);
afterAll(async () => {
  await bot.close();
});

/** Every typed command the bot lists, and the ones it answers without listing. */
function everyCommand(): string[] {
  const listed = manifestCommands().map((command) => command.title);
  return [
    ...new Set([
      ...listed,
      'progress',
      'maturity',
      'self-assessment',
      'organisation maturity',
      'report',
      'report last quarter',
      'organisation report',
      'practice',
      'practice on inclusion',
      'my data',
      'delete my data',
      'what does the data outcome mean?',
    ]),
  ];
}

describe.each(['channel', 'groupChat'] as const)('in a %s', (place) => {
  it.each([
    ['a lead', LEAD],
    ['a member', MEMBER],
  ])(
    'shows nothing personal or lead-only there when %s types every command and presses every button',
    async (_who, userId) => {
      // Personal actions typed here (a self-assessment, an export) continue in the personal chat.
      expect(everyCommand()).toEqual(expect.arrayContaining(['self-assessment', 'export progress', 'report']));
      for (const command of everyCommand()) await say(place, userId, command);
      // Every button on every card shown in this conversation, and on the cards those lead to here.
      const pressed = new Set<string>();
      for (let round = 0; round < 3; round += 1) {
        const shown = bot.connector.sent
          .filter((sent) => sent.conversationId === where[place].conversationId || sent.conversationId === TEAM)
          .map((sent) => cardOf(sent.activity));
        const invokeCards = invokeAnswers
          .filter((answer) => answer.place === place && typeof answer.value === 'object' && answer.value !== null)
          .map((answer) => answer.value);
        // The maturity lead view goes to the lead's personal chat; its buttons pressed here (a copy of
        // the card, or a forged press) must change nothing and show nothing lead-only.
        const maturityInPersonal = bot.connector.sent
          .filter((sent) => sent.conversationId === `a:personal-${userId}`)
          .map((sent) => cardOf(sent.activity))
          .filter((card) => JSON.stringify(card).includes('Digital maturity'));
        for (const card of [...shown, ...invokeCards, ...maturityInPersonal])
          for (const data of everyButton(card)) {
            const key = JSON.stringify(data);
            if (pressed.has(key)) continue;
            pressed.add(key);
            await pressShared(place, userId, data);
          }
      }
      expect(pressed.size).toBeGreaterThan(10);
      // Buttons of every kind were reached: check-ins, progress, settings, topics.
      const actions = new Set([...pressed].map((key) => (JSON.parse(key) as { action: string }).action));
      expect([...actions]).toEqual(
        expect.arrayContaining(['checkinStart', 'progress', 'checkinSettings', 'showTopic', 'maturityStart']),
      );
      if (userId === LEAD) {
        expect([...actions]).toContain('maturityPlan');
        // The lead view's buttons on an action (Edit among them) were pressed here too.
        const ops = [...pressed].map((key) => (JSON.parse(key) as { op?: string }).op);
        expect(ops).toEqual(expect.arrayContaining(['actionOpen', 'actionEdit', 'actionDone']));
      }

      const transcript = sharedTranscript();
      expect(transcript.length).toBeGreaterThan(0);
      for (const shown of transcript) {
        for (const typed of [...Object.values(TYPED), ...Object.values(BLOCKERS)]) expect(shown).not.toContain(typed);
        for (const heading of PRIVATE_HEADINGS)
          expect({ heading, shown: shown.includes(`"text":"${heading}`) }).toEqual({ heading, shown: false });
        // The only card with inputs a shared conversation may show is the team's settings card.
        if (shown.includes('"Input.')) expect(shown).toMatch(/Check-in settings/);
      }
    },
  );
});

it('tells the person, with nothing personal, when their personal chat cannot be created', async () => {
  const NEWCOMER = '29:newcomer-1';
  bot.connector.teams.set(TEAM, { name: 'Team', members: [LEAD, MEMBER, NEWCOMER] });
  bot.connector.failNextCreates(1, 403);
  const before = bot.connector.sent.length;
  await say('channel', NEWCOMER, 'check in');
  const shown = bot.connector.sent.slice(before);
  expect(shown.map((sent) => sent.conversationId)).toEqual([CHANNEL]);
  const text = JSON.stringify(shown[0]?.activity);
  expect(text).toContain('Open our personal chat to see this');
  expect(text).not.toContain('Which mission');
  expect(text).not.toContain('Question 1 of 5');
});
