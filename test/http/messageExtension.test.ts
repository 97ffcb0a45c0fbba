// The message extension through the real HTTP endpoint: the invoke activities Teams sends for the
// search box (composeExtension/query) and the "Explain framework terms" message action
// (composeExtension/submitAction). Invoke answers come back in the HTTP response body.
import { chatWithBotUrl } from '../../src/extension';
import { allTopics, shareTopic, showTopic } from '../../src/knowledge/answers';
import { messageActivity, TENANT_ID } from '../support/activities';
import { startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

type Json = Record<string, unknown>;

interface ResultAttachment {
  contentType: string;
  content: Json;
  preview: { contentType: string; content: { title: string; subtitle: string; text: string } };
}

interface SearchAnswer {
  composeExtension: { type: string; attachmentLayout?: string; attachments?: ResultAttachment[]; text?: string };
}

interface DialogAnswer {
  task: { type: string; value: { title: string; card: { contentType: string; content: Json } } };
}

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

/** An invoke as Teams sends it from a channel's compose box (the bot need not be in the conversation). */
function invoke(name: string, value: unknown) {
  const { text: _text, textFormat: _format, ...base } = messageActivity(bot.connector.url, '', 'channel');
  return { ...base, type: 'invoke', name, value };
}

async function invokeBody(name: string, value: unknown): Promise<unknown> {
  const response = await bot.post(invoke(name, value));
  expect(response.status).toBe(200);
  return response.json();
}

async function search(
  query: string | undefined,
  queryOptions: unknown = { skip: 0, count: 25 },
): Promise<SearchAnswer['composeExtension']> {
  const parameters = query === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: query }];
  const body = (await invokeBody('composeExtension/query', {
    commandId: 'searchTopics',
    parameters,
    queryOptions,
  })) as SearchAnswer;
  return body.composeExtension;
}

async function explain(value: unknown): Promise<Json> {
  const body = (await invokeBody('composeExtension/submitAction', value)) as DialogAnswer;
  expect(body.task.type).toBe('continue');
  expect(body.task.value.title).toBe('Framework terms in this message');
  expect(body.task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = body.task.value.card.content;
  expectValidCard(card);
  return card;
}

const explainValue = (content: string, contentType = 'html') => ({
  commandId: 'explainTerms',
  commandContext: 'message',
  messagePayload: { body: { contentType, content } },
});

/** The term names on a terms card, in order (each entry's first TextBlock). */
function termNames(card: Json): string[] {
  const containers = (card.body as Json[]).filter((element) => element.type === 'Container');
  return containers.flatMap((container) =>
    (container.items as Json[]).map((entry) => firstTextBlock({ body: [entry] }) ?? ''),
  );
}

const titles = (result: SearchAnswer['composeExtension']) =>
  (result.attachments ?? []).map((attachment) => attachment.preview.content.title);

describe('search (composeExtension/query)', () => {
  it('finds a topic despite a typo, previewed as a thumbnail and inserted as the topic card for sharing', async () => {
    const result = await search('leadrship');
    expect(result).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    const first = result.attachments?.[0];
    expect(first?.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(first?.preview.content).toMatchObject({ title: 'Leadership', subtitle: 'Outcome 7 of 12' });
    expect(first?.preview.content.text.length).toBeLessThanOrEqual(120);
    expect(first?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(first?.content);
    // The bot's own answer, less the buttons that only work where the bot is installed.
    const shared = first?.content as Record<string, unknown>;
    const answer = showTopic('outcome:leadership')?.card as Record<string, unknown>;
    const withoutButtons = (body: unknown) =>
      (body as Array<{ type: string }>).filter((element) => element.type !== 'ActionSet');
    expect(shared.body).toEqual(withoutButtons(answer.body));
    expect(JSON.stringify(shared)).not.toContain('Action.Submit');
    // No app id in this test (anonymous mode), so no link to the bot's chat.
    expect(JSON.stringify(shared)).not.toContain('Action.OpenUrl');
  });

  it('offers a link to ask the bot more on an inserted card when the bot has an app id', async () => {
    const appId = '0a0a0a0a-1111-2222-3333-444444444444';
    const card = shareTopic('mission:digitally-equipped-places', chatWithBotUrl(appId))?.card;
    expectValidCard(card);
    expect(card?.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Ask Framework Guide more',
        url: `https://teams.microsoft.com/l/chat/0/0?users=28:${appId}`,
      },
    ]);
  });

  it('answers from the same search as the Q&A: "data" gives the Data outcome first, then the Data enabler', async () => {
    const result = await search('data');
    expect(titles(result).slice(0, 2)).toEqual(['Data', 'Data']);
    expect(result.attachments?.map((attachment) => attachment.preview.content.subtitle).slice(0, 2)).toEqual([
      'Outcome 2 of 12',
      'Enabler 1 of 6',
    ]);
    for (const attachment of result.attachments ?? []) expectValidCard(attachment.content);
  });

  it('lists the 12 outcomes, the 3 missions, then the enablers and principles for an empty search (initialRun)', async () => {
    const everyTopic = allTopics();
    const first = await search(undefined);
    expect(first.attachments).toHaveLength(25);
    expect(titles(first)).toEqual(everyTopic.slice(0, 25).map((topic) => topic.name));
    const kinds = (first.attachments ?? []).map((attachment) => attachment.preview.content.subtitle.split(' ')[0]);
    expect(kinds.slice(0, 12).every((kind) => kind === 'Outcome')).toBe(true);
    expect(kinds.slice(12, 15)).toEqual(['Mission', 'Mission', 'Mission']);
    expect(kinds.slice(15, 21).every((kind) => kind === 'Enabler')).toBe(true);
    expect(kinds.slice(21).every((kind) => kind === 'Good')).toBe(true);
    // A blank query typed into the box is the same list.
    expect(titles(await search('   '))).toEqual(titles(first));
  });

  it('pages with queryOptions.skip/count, never more than 25 a page, and ends with an empty page', async () => {
    const everyTopic = allTopics();
    const second = await search('', { skip: 25, count: 25 });
    expect(titles(second)).toEqual(everyTopic.slice(25).map((topic) => topic.name));
    expect(second.attachments?.length).toBe(everyTopic.length - 25);
    const middle = await search('', { skip: 10, count: 5 });
    expect(titles(middle)).toEqual(everyTopic.slice(10, 15).map((topic) => topic.name));
    expect((await search('', { skip: 0, count: 500 })).attachments).toHaveLength(25);
    const past = await search('', { skip: 100, count: 25 });
    expect(past).toMatchObject({ type: 'result', attachmentLayout: 'list', attachments: [] });
    // A search with results pages the same way.
    const all = titles(await search('data'));
    expect(all.length).toBeGreaterThan(2);
    expect(titles(await search('data', { skip: 1, count: 1 }))).toEqual(all.slice(1, 2));
  });

  it('says so when nothing matches, and points to the lists', async () => {
    const result = await search('zzqx weather forecast');
    expect(result.type).toBe('message');
    expect(result.text).toMatch(/No outcome, mission, enabler or principle matches/);
    expect(result.text).toContain('12 outcomes, 3 missions, 6 enablers and 6 good practice principles');
  });

  it('answers malformed search values clearly, without failing the turn', async () => {
    for (const value of [
      null,
      'searchTopics',
      { commandId: 'somethingElse', parameters: [{ name: 'query', value: 'data' }] },
      { commandId: 'searchTopics', parameters: 'data' },
      { commandId: 'searchTopics', parameters: [{ name: 'query', value: 42 }] },
    ]) {
      const body = (await invokeBody('composeExtension/query', value)) as SearchAnswer;
      expect(body.composeExtension).toEqual({
        type: 'message',
        text: expect.stringMatching(/couldn’t read that search/),
      });
    }
    // Unreadable paging options fall back to the first full page.
    expect((await search('', { skip: 'ten', count: -3 })).attachments).toHaveLength(25);
    expect(bot.connector.sent).toHaveLength(0);
  });
});

describe('"Explain framework terms" (composeExtension/submitAction)', () => {
  it('explains the terms a message uses, in the order it uses them, privately in a dialog', async () => {
    const card = await explain(
      explainValue(
        '<p>We need better broadband and <b>data</b> standards, stronger&nbsp;leadership, a user-centric approach &amp; our <i>digitally equipped places</i> mission.</p><p>Data again.</p>',
      ),
    );
    expect(firstTextBlock(card)).toBe('Framework terms in this message');
    expect(termNames(card)).toEqual(['Data', 'Leadership', 'User-centric', 'Digitally equipped places']);
    const json = JSON.stringify(card);
    expect(json).toContain('This message uses 4 framework terms:');
    expect(json).toContain('The council’s data practices use a set of standards');
    // Nothing is posted to the conversation: only the person who used the action sees the answer.
    expect(bot.connector.sent).toHaveLength(0);
  });

  it('gives the same dialog if Teams fetches it first (composeExtension/fetchTask)', async () => {
    const value = explainValue('<p>Partnerships and collaboration</p>');
    const fetched = (await invokeBody('composeExtension/fetchTask', value)) as DialogAnswer;
    expect(fetched.task.type).toBe('continue');
    expect(fetched.task.value.card.content).toEqual(await explain(value));
    expect(termNames(fetched.task.value.card.content)).toEqual(['Partnership', 'Collaboration']);
  });

  it('uses the stricter threshold: names and aliases as whole words only, no keyword or typo matches', async () => {
    expect(termNames(await explain(explainValue('<p>We need better broadband and data standards</p>')))).toEqual([
      'Data',
    ]);
    // "internet" is a search keyword of Connectivity, "leadrship" a typo, "database" only contains "data".
    const none = await explain(explainValue('<div>The internet database needs leadrship</div>'));
    expect(termNames(none)).toEqual([]);
    // A longer name wins over the shorter one inside it, and a kind-qualified alias picks that kind.
    expect(termNames(await explain(explainValue('Security and resilience, then the data enabler', 'text')))).toEqual([
      'Security and resilience',
      'Data',
    ]);
    expect(JSON.stringify(await explain(explainValue('the data enabler')))).toContain('Enabler');
  });

  it('says so when a message uses no framework terms', async () => {
    const card = await explain(explainValue('<p>Lunch at <b>noon</b>?</p>'));
    expect(termNames(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(
      'doesn’t name any of the framework’s outcomes, missions, enablers or good practice principles',
    );
  });

  it('answers malformed action values clearly, without failing the turn', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /couldn’t read that message/],
      [{ commandId: 'explainTerms', commandContext: 'message' }, /couldn’t read that message/],
      [{ commandId: 'explainTerms', messagePayload: { body: { content: 42 } } }, /couldn’t read that message/],
      [
        { commandId: 'launchRockets', messagePayload: { body: { contentType: 'html', content: 'data' } } },
        /doesn’t know that action/,
      ],
    ];
    for (const [value, expected] of cases) {
      const card = await explain(value);
      expect(termNames(card)).toEqual([]);
      expect(JSON.stringify(card)).toMatch(expected);
    }
    // The bot still answers normally afterwards.
    expect(termNames(await explain(explainValue('<p>Value</p>')))).toEqual(['Value']);
    expect(bot.connector.sent).toHaveLength(0);
  });
});

describe('installations', () => {
  it('does not record a chat as an installation because someone searched from it', async () => {
    const harness = await startBot();
    try {
      const search = {
        ...messageActivity(harness.connector.url, '', 'groupChat'),
        conversation: { id: '19:no-bot-here@thread.v2', conversationType: 'groupChat', tenantId: TENANT_ID },
        type: 'invoke',
        name: 'composeExtension/query',
        value: {
          commandId: 'searchTopics',
          parameters: [{ name: 'query', value: 'data' }],
          queryOptions: { skip: 0, count: 25 },
        },
      };
      expect((await harness.post(search)).status).toBe(200);
      expect(await harness.store.getInstallation('19:no-bot-here@thread.v2')).toBeUndefined();
    } finally {
      await harness.close();
    }
  });
});

describe('selectItem', () => {
  it('inserts the chosen topic card, by the topic id its preview tap carried, and answers an unreadable choice', async () => {
    const searched = await search('inclusive');
    const tap = (searched.attachments?.[0]?.preview.content as unknown as { tap?: { value?: { topicId?: string } } })
      .tap;
    expect(tap?.value?.topicId).toBe('principle:inclusive');

    const chosen = (await invokeBody('composeExtension/selectItem', tap?.value)) as {
      composeExtension: { attachments?: Array<{ content: unknown }> };
    };
    const attachment = chosen.composeExtension.attachments?.[0];
    expectValidCard(attachment?.content);
    expect(firstTextBlock(attachment?.content)).toBe('Inclusive');

    const unreadable = (await invokeBody('composeExtension/selectItem', { topicId: 42 })) as {
      composeExtension: unknown;
    };
    expect(unreadable.composeExtension).toMatchObject({
      type: 'message',
      text: expect.stringMatching(/could not be read/),
    });
  });
});
