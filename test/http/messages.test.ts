import { readFileSync } from 'node:fs';
// The bot through its real HTTP endpoint, as Teams calls it, with authentication off.
import { botAddedActivity, mentionActivity, messageActivity, submitActivity, TENANT_ID } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});
beforeEach(() => {
  bot.connector.sent.length = 0;
});

describe('answers', () => {
  it('answers a question about the data outcome with its topic card', async () => {
    const replies = await bot.ask(messageActivity(bot.connector.url, 'what does the data outcome mean?'));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe('Data');
    expect(JSON.stringify(card)).toContain(
      'The council’s data practices use a set of standards focused on improving services and informing policy.',
    );
  });

  it('replies in the same conversation, to the activity that asked', async () => {
    const activity = messageActivity(bot.connector.url, 'what is a mission?');
    await bot.ask(activity);
    expect(bot.connector.sent[0]?.conversationId).toBe(activity.conversation.id);
    expect(bot.connector.sent[0]?.replyToId).toBe(activity.id);
  });

  it('removes its own mention in a channel before matching', async () => {
    const replies = await bot.ask(mentionActivity(bot.connector.url, 'whats cyber resilient mean'));
    expect(firstTextBlock(cardOf(replies[0]))).toBe('Cyber resilient');
  });

  it('shows help for "help" and the list for a manifest command', async () => {
    const help = await bot.ask(messageActivity(bot.connector.url, 'help'));
    expect(firstTextBlock(cardOf(help[0]))).toBe('What Framework Guide can do');
    const missions = await bot.ask(messageActivity(bot.connector.url, 'missions'));
    const card = JSON.stringify(cardOf(missions[0]));
    for (const name of ['Digitally enabled councils', 'Digitally empowered residents', 'Digitally equipped places'])
      expect(card).toContain(name);
  });

  it('opens a topic from a card button', async () => {
    const replies = await bot.ask(submitActivity(bot.connector.url, { action: 'showTopic', topicId: 'enabler:data' }));
    const card = cardOf(replies[0]);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe('Data');
    expect(JSON.stringify(card)).toMatch(/enabler/i);
  });

  it('answers an invalid card submission clearly and keeps working', async () => {
    const replies = await bot.ask(submitActivity(bot.connector.url, { action: 'launchRockets', topicId: 42 }));
    const card = cardOf(replies[0]);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe("That button didn't work");
    const unknownTopic = await bot.ask(
      submitActivity(bot.connector.url, { action: 'showTopic', topicId: 'outcome:nonexistent' }),
    );
    expect(firstTextBlock(cardOf(unknownTopic[0]))).toBe('Topic not found');
  });
});

describe('welcome', () => {
  it.each(['personal', 'channel', 'groupChat'] as const)('welcomes when added to a %s conversation', async (kind) => {
    const replies = await bot.ask(botAddedActivity(bot.connector.url, kind));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe('Welcome to Framework Guide');
  });

  it('says nothing when someone else joins', async () => {
    const activity = { ...botAddedActivity(bot.connector.url, 'channel'), membersAdded: [{ id: '29:new-member' }] };
    const response = await bot.post(activity);
    expect(response.status).toBe(200);
    expect(bot.connector.sent).toHaveLength(0);
  });
});

describe('resent activities', () => {
  it('answers the same activity id only once', async () => {
    const activity = messageActivity(bot.connector.url, 'value');
    expect((await bot.post(activity)).status).toBe(200);
    expect((await bot.post(activity)).status).toBe(200);
    expect(bot.connector.sent.filter((sent) => sent.replyToId === activity.id)).toHaveLength(1);
  });
});

describe('failures', () => {
  it('answers a failed turn with an apology card, and the next turn works', async () => {
    // The connector refuses the reply (as it does, for example, with a card it cannot accept).
    bot.connector.failNext(1, 400);
    const failing = messageActivity(bot.connector.url, 'what is the leadership outcome');
    const response = await bot.post(failing);
    expect(response.status).toBe(200);
    const apology = bot.connector.sent.filter((sent) => sent.replyToId === failing.id);
    expect(apology).toHaveLength(1);
    const card = cardOf(apology[0]?.activity);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe('Sorry, something went wrong on our side');

    const next = await bot.ask(messageActivity(bot.connector.url, 'what is the leadership outcome'));
    expect(firstTextBlock(cardOf(next[0]))).toBe('Leadership');
  });
});

describe('bad requests', () => {
  it('serves /healthz', async () => {
    const response = await fetch(`${bot.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toMatchObject({ status: 'ok' });
  });

  it('answers 404 for unknown routes', async () => {
    expect((await fetch(`${bot.baseUrl}/api/nothing-here`)).status).toBe(404);
  });

  it('answers 415 for a body that is not JSON by content type', async () => {
    const response = await bot.post('hello', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { message: string }).message).toMatch(/application\/json/);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await bot.post('{"type": "message", ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/not valid JSON/);
  });

  it('answers 400 naming the fields an activity is missing', async () => {
    const { conversation: _conversation, ...activity } = messageActivity(bot.connector.url, 'data');
    const response = await bot.post({ ...activity, serviceUrl: 'not a url' });
    expect(response.status).toBe(400);
    const message = ((await response.json()) as { message: string }).message as string;
    expect(message).toContain('conversation');
    expect(message).toContain('serviceUrl');
  });

  it('answers 413 for a body over the limit and keeps serving', async () => {
    const activity = messageActivity(bot.connector.url, 'x'.repeat(300 * 1024));
    const response = await bot.post(activity);
    expect(response.status).toBe(413);
    const next = await bot.ask(messageActivity(bot.connector.url, 'what does inclusion mean'));
    expect(firstTextBlock(cardOf(next[0]))).toBe('Inclusion');
  });

  it('sends nothing for any bad request', async () => {
    await bot.post('{oops');
    await bot.post({ type: 'message' });
    expect(bot.connector.sent).toHaveLength(0);
  });
});

describe('tenant allow-list', () => {
  let restricted: BotHarness;
  beforeAll(async () => {
    restricted = await startBot({ ALLOWED_TENANT_IDS: TENANT_ID });
  });
  afterAll(async () => {
    await restricted.close();
  });

  it('answers the allowed tenant', async () => {
    const replies = await restricted.ask(messageActivity(restricted.connector.url, 'data'));
    expect(replies).toHaveLength(1);
  });

  it('gives no answer to another tenant', async () => {
    const activity = messageActivity(restricted.connector.url, 'data');
    const other = '99999999-9999-9999-9999-999999999999';
    const foreign = {
      ...activity,
      conversation: { ...activity.conversation, tenantId: other },
      channelData: { tenant: { id: other } },
    };
    const response = await restricted.post(foreign);
    expect(response.status).toBe(200);
    expect(restricted.connector.sent.filter((sent) => sent.replyToId === activity.id)).toHaveLength(0);
  });
});

describe('the manifest command list', () => {
  it('answers every command Teams offers, in its own scope, with a card of its own, never the "not found" card', async () => {
    type CommandList = { scopes: string[]; commands: Array<{ title: string }> };
    const manifest = JSON.parse(readFileSync(`${__dirname}/../../manifest/manifest.json`, 'utf8')) as {
      bots: Array<{ commandLists: CommandList[] }>;
    };
    const lists = manifest.bots[0]?.commandLists ?? [];
    expect(lists.map((list) => list.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    for (const list of lists) {
      const kind = list.scopes[0] === 'team' ? 'channel' : (list.scopes[0] as 'personal' | 'groupChat');
      expect(list.commands.length).toBeGreaterThanOrEqual(5);
      for (const { title } of list.commands) {
        const replies = await bot.ask(
          kind === 'channel'
            ? mentionActivity(bot.connector.url, title)
            : messageActivity(bot.connector.url, title, kind),
        );
        const card = cardOf(replies[0]);
        expectValidCard(card);
        expect([kind, title, JSON.stringify(card)]).not.toEqual([
          kind,
          title,
          expect.stringContaining('find that in the framework'),
        ]);
      }
    }
  });
});
