// A resent invoke gets the first answer (issue: a resend got HTTP 501 with an empty body). Teams
// resends an invoke with the same activity id when the first answer was late; through the real
// endpoint, the second copy must get the invoke response the first copy got, and a copy that arrives
// while the first is still running must get a 200 its client accepts, never a 5xx.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import { StoreActivityClaims } from '../../src/turns/activityClaims';
import { executeActivity, messageActivity } from '../support/activities';
import { startBot, type BotHarness } from '../support/botHarness';
import type { FrameworkStore } from '../../src/store/port';

const dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-invoke-resends-'));
let store: FrameworkStore;
let bot: BotHarness;

beforeAll(async () => {
  store = await openLocalStore({ dataDir, purgeIntervalMs: 0 });
  bot = await startBot({}, { store });
});
afterAll(async () => {
  await bot.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function searchInvoke(query: string) {
  const { text: _text, textFormat: _format, ...base } = messageActivity(bot.connector.url, '', 'channel');
  return {
    ...base,
    type: 'invoke',
    name: 'composeExtension/query',
    value: {
      commandId: 'searchTopics',
      parameters: [{ name: 'query', value: query }],
      queryOptions: { skip: 0, count: 5 },
    },
  };
}

async function answerOf(activity: unknown): Promise<{ status: number; body: unknown }> {
  const response = await bot.post(activity);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

it('answers a resent card action with the first answer, not a 501', async () => {
  const activity = executeActivity(bot.connector.url, { action: 'help' }, 'personal');
  const first = await answerOf(activity);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ statusCode: 200 });
  const resent = await answerOf(activity);
  expect(resent).toEqual(first);
});

it('answers a resent message-extension query with the first results', async () => {
  const activity = searchInvoke('leadership');
  const first = await answerOf(activity);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ composeExtension: { type: 'result' } });
  const resent = await answerOf(activity);
  expect(resent).toEqual(first);
});

it('answers a copy that arrives while the first is still running with a 200 its client accepts', async () => {
  const action = executeActivity(bot.connector.url, { action: 'help' }, 'channel');
  const query = searchInvoke('data');
  // Another instance holds the claims, still running the first copies.
  const otherInstance = new StoreActivityClaims(store, () => undefined);
  for (const activity of [action, query])
    expect(await otherInstance.claim(`${activity.channelId}|${activity.conversation.id}|${activity.id}`)).toBe(true);

  const actionAnswer = await answerOf(action);
  expect(actionAnswer.status).toBe(200);
  expect(actionAnswer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  const queryAnswer = await answerOf(query);
  expect(queryAnswer.status).toBe(200);
  expect(queryAnswer.body).toMatchObject({ composeExtension: { type: 'message' } });
});
