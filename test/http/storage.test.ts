// The bot and its store, through the real HTTP endpoint: installations kept current, resends answered
// once across instances, readiness, and a store that is down (Cosmos DB on loopback, stalled).
import { openCosmosStore } from '../../src/store/cosmos/openCosmosStore';
import type { FrameworkStore } from '../../src/store/port';
import { botAddedActivity, executeActivity, mentionActivity, messageActivity } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { firstTextBlock } from '../support/cardValidation';
import { startCosmosServer, type LoopbackCosmos } from '../support/cosmosServer';

describe('with the local store', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('reports ready when the store answers', async () => {
    const response = await fetch(`${bot.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', store: 'writable' });
  });

  it('records a team installation with its conversation reference, and marks it inactive on removal', async () => {
    const added = {
      ...botAddedActivity(bot.connector.url, 'channel'),
      channelData: { tenant: { id: '11111111-2222-3333-4444-555555555555' }, team: { id: '19:team-a@thread.tacv2' } },
    };
    await bot.ask(added);
    const installation = await bot.store.getInstallation('19:team-a@thread.tacv2');
    expect(installation).toMatchObject({
      kind: 'channel',
      active: true,
      teamId: '19:team-a@thread.tacv2',
      tenantId: '11111111-2222-3333-4444-555555555555',
      reference: {
        serviceUrl: bot.connector.url,
        channelId: 'msteams',
        conversation: { id: '19:team-a@thread.tacv2' },
      },
    });

    const removed = {
      ...added,
      id: 'removal-1',
      type: 'installationUpdate',
      action: 'remove',
      membersAdded: undefined,
    };
    expect((await bot.post(removed)).status).toBe(200);
    expect((await bot.store.getInstallation('19:team-a@thread.tacv2'))?.active).toBe(false);

    // Installed again: a message makes it active again.
    await bot.ask({ ...messageActivity(bot.connector.url, 'help', 'channel'), channelData: added.channelData });
    expect((await bot.store.getInstallation('19:team-a@thread.tacv2'))?.active).toBe(true);
  });

  it('records a personal chat from a message and refreshes a changed service URL', async () => {
    const first = {
      ...messageActivity(bot.connector.url, 'data'),
      conversation: {
        id: 'a:personal-refresh',
        conversationType: 'personal',
        tenantId: '11111111-2222-3333-4444-555555555555',
      },
    };
    await bot.ask(first);
    expect((await bot.store.getInstallation('a:personal-refresh'))?.reference.serviceUrl).toBe(bot.connector.url);
    const moved = { ...first, id: 'moved-1', serviceUrl: bot.connector.url + 'moved/' };
    await bot.post(moved);
    expect((await bot.store.getInstallation('a:personal-refresh'))?.reference.serviceUrl).toBe(
      bot.connector.url + 'moved/',
    );
  });
});

describe('two instances on one store', () => {
  it('answers a resent activity once, whichever instance gets it', async () => {
    const first = await startBot();
    const second = await startBot({}, { store: first.store });
    try {
      const activity = messageActivity(first.connector.url, 'what does the data outcome mean');
      expect((await first.post(activity)).status).toBe(200);
      expect((await second.post(activity)).status).toBe(200);
      const answers = [...first.connector.sent, ...second.connector.sent].filter(
        (sent) => sent.replyToId === activity.id,
      );
      expect(answers).toHaveLength(1);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('with Cosmos DB (loopback server, real SDK)', () => {
  let cosmos: LoopbackCosmos;
  let store: FrameworkStore;
  let bot: BotHarness;
  beforeAll(async () => {
    cosmos = await startCosmosServer();
    store = await openCosmosStore({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      agent: cosmos.agent,
      databaseId: 'bot-http-test',
      createIfMissing: true,
      requestTimeoutMs: 800,
    });
    bot = await startBot({}, { store });
  });
  afterAll(async () => {
    cosmos.setStalled(false);
    await bot.close();
    await store.close();
    await cosmos.stop();
  });

  it('records installations in Cosmos DB', async () => {
    await bot.ask(botAddedActivity(bot.connector.url, 'personal'));
    const installation = await store.getInstallation('a:personal-chat-1');
    expect(installation).toMatchObject({ kind: 'personal', active: true });
  });

  it('keeps answering questions while the store is down, and reports not ready', async () => {
    cosmos.setStalled(true);
    try {
      const readiness = await fetch(`${bot.baseUrl}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toEqual({ status: 'not ready', store: 'not writable' });

      const activity = {
        ...messageActivity(bot.connector.url, 'what does the inclusion outcome mean'),
        conversation: {
          id: 'a:while-down',
          conversationType: 'personal',
          tenantId: '11111111-2222-3333-4444-555555555555',
        },
      };
      const replies = await bot.ask(activity);
      expect(replies).toHaveLength(1);
      expect(firstTextBlock(cardOf(replies[0]))).toBe('Inclusion');
    } finally {
      cosmos.setStalled(false);
    }
    // Back up: the next message records the installation that could not be written while it was down.
    await bot.ask({
      ...messageActivity(bot.connector.url, 'help'),
      conversation: {
        id: 'a:while-down',
        conversationType: 'personal',
        tenantId: '11111111-2222-3333-4444-555555555555',
      },
    });
    expect((await store.getInstallation('a:while-down'))?.active).toBe(true);
  });

  it('tells the person when a check-in step cannot be saved, keeps nothing half-saved, and the same press works after', async () => {
    const channelData = {
      tenant: { id: '11111111-2222-3333-4444-555555555555' },
      team: { id: '19:cosmos-team@thread.tacv2', name: 'Cosmos team' },
    };
    // The check-in typed in the channel runs in the person's personal chat, where Teams' roster says
    // they are in the team.
    bot.connector.teams.set(channelData.team.id, { name: 'Cosmos team', members: ['29:officer-1'] });
    const before = bot.connector.sent.length;
    await bot.ask({ ...mentionActivity(bot.connector.url, 'check in'), channelData });
    const inPersonalChat = bot.connector.sent
      .slice(before)
      .filter((each) => !each.conversationId.startsWith('19:channel-1'));
    const chooser = JSON.stringify(cardOf(inPersonalChat[0]?.activity));
    const startData = JSON.parse(/"data":(\{"action":"checkinStart"[^}]*\})/.exec(chooser)?.[1] ?? '{}') as Record<
      string,
      unknown
    >;
    const invoke = async (data: Record<string, unknown>) => {
      const activity = executeActivity(bot.connector.url, data, 'personal');
      const response = await bot.post(activity);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { type: string; value: unknown };
      const sent = bot.connector.sent.filter((each) => each.replyToId === activity.id);
      return body.type === 'application/vnd.microsoft.card.adaptive' ? body.value : cardOf(sent[0]?.activity);
    };
    const question = JSON.stringify(await invoke(startData));
    const next = {
      ...(JSON.parse(/"data":(\{"action":"checkin"[^}]*"op":"next"[^}]*\})/.exec(question)?.[1] ?? '{}') as Record<
        string,
        unknown
      >),
      progress: '3',
    };

    cosmos.setStalled(true);
    let failed: unknown;
    try {
      failed = await invoke(next);
    } finally {
      cosmos.setStalled(false);
    }
    expect(firstTextBlock(failed)).toBe("Sorry, that couldn't be saved");

    const retried = JSON.stringify(await invoke(next));
    expect(retried).toContain('Question 2 of 5');
  });
});
