// Starts the real app (restify + CloudAdapter + bot) on loopback with a connector stand-in,
// and posts activities to /api/messages as Teams would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { openStore } from '../../src/store/openStore';
import type { FrameworkStore } from '../../src/store/port';
import { parseConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/logging';
import type { AuthOverrides } from '../../src/teams/adapter';
import type { ExportLinks } from '../../src/privacy/exportLinks';
import type { PromptUpdateOptions } from '../../src/prompts';
import { executeActivity } from './activities';
import { expectValidCard } from './cardValidation';
import { startConnectorStub, type ConnectorStub } from './connectorStub';

export interface BotHarness {
  baseUrl: string;
  connector: ConnectorStub;
  app: App;
  store: FrameworkStore;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Posts an activity and waits for the bot's replies to it (by replyToId). */
  ask(
    activity: { id: string; [field: string]: unknown },
    expectedReplies?: number,
  ): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export interface StartOptions {
  authOverrides?: AuthOverrides;
  /** A store of the test's own (e.g. Cosmos DB on loopback); by default a fresh local store in a temp folder. */
  store?: FrameworkStore;
  /** Headers for every post, made from the activity (an Authorization header when authentication is on). */
  sign?: (activity: unknown) => Record<string, string>;
  /** Local mode's download links, with a clock of the test's own. */
  exportLinks?: ExportLinks;
  /** How soon and how often prompt cards' check-in counts are updated (short in tests). */
  promptUpdates?: PromptUpdateOptions;
  /** The app's logger (by default one at LOG_LEVEL, silent in tests), for tests that read what was logged. */
  logger?: Logger;
}

export async function startBot(
  env: Record<string, string> = {},
  { authOverrides, store: givenStore, sign, exportLinks, promptUpdates, logger }: StartOptions = {},
): Promise<BotHarness> {
  const connector = await startConnectorStub();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-test-'));
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env });
  const store = givenStore ?? (await openStore({ dataDir: config.DATA_DIR }));
  const app = createApp(config, logger ?? createLogger(config.LOG_LEVEL), {
    store,
    authOverrides,
    exportLinks,
    promptUpdates,
  });
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sign?.(body), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  return {
    baseUrl,
    connector,
    app,
    store,
    post,
    async ask(activity, expectedReplies = 1) {
      const response = await post(activity);
      if (response.status !== 200) throw new Error(`bot answered ${response.status}: ${await response.text()}`);
      const replies = () => connector.sent.filter((sent) => sent.replyToId === activity.id);
      const deadline = Date.now() + 5000;
      while (replies().length < expectedReplies && Date.now() < deadline)
        await connector.waitForSent(connector.sent.length + 1, deadline - Date.now()).catch(() => undefined);
      return replies().map((sent) => sent.activity);
    },
    async close() {
      await app.close();
      await connector.close();
      if (!givenStore) await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card content of a sent activity. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> {
  const attachments = activity?.attachments as
    Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error('no Adaptive Card in activity: ' + JSON.stringify(activity));
  return card.content;
}

/**
 * Posts a typed message in a channel or group chat and waits for its answer: the cards shown in that
 * conversation, and those sent to the person who typed it in their personal chat. Every card must be
 * valid, and nothing may go to anyone else.
 */
export async function typedInSharedChat(
  bot: BotHarness,
  activity: { id: string; conversation: { id: string }; from: { id: string }; [field: string]: unknown },
): Promise<{ here: Array<Record<string, unknown>>; personal: Array<Record<string, unknown>> }> {
  const before = bot.connector.sent.length;
  await bot.ask(activity);
  const during = bot.connector.sent.slice(before);
  const here = during.filter((sent) => sent.conversationId === activity.conversation.id).map((s) => cardOf(s.activity));
  const elsewhere = during.filter((sent) => sent.conversationId !== activity.conversation.id);
  expect(elsewhere.map((sent) => (sent.activity.recipient as { id: string }).id)).toEqual(
    elsewhere.map(() => activity.from.id),
  );
  const personal = elsewhere.map((sent) => cardOf(sent.activity));
  [...here, ...personal].forEach((card) => expectValidCard(card));
  return { here, personal };
}

/** Starts a prompt pass as an external scheduler does (POST /api/prompts/run with the trigger secret); it runs on after the 202. */
export async function triggerPromptPass(bot: BotHarness, secret: string): Promise<void> {
  const response = await fetch(`${bot.baseUrl}/api/prompts/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(response.status).toBe(202);
}

/** What one press of an Action.Execute button showed, and where. */
export interface Pressed {
  /** The card put in place of the pressed one (the invoke response), if any. */
  inPlace?: Record<string, unknown>;
  /** The line shown to the presser alone (an invoke response of type message), if any. */
  presserText?: string;
  /** Cards sent or updated in the pressed card's conversation during the press. */
  here: Array<Record<string, unknown>>;
  /** Cards sent to the presser in any other conversation (their personal chat) during the press. */
  personal: Array<Record<string, unknown>>;
  /** The card the presser looks at next: in place, else the newest in the personal chat, else the newest here. */
  card: Record<string, unknown>;
}

/**
 * Presses an Action.Execute button, as Teams sends it, in a channel, group chat or personal chat, and
 * returns what it showed where. Every card shown must be valid.
 */
export async function press(
  bot: BotHarness,
  data: Record<string, unknown>,
  kind: 'personal' | 'channel' | 'groupChat',
  overrides: Record<string, unknown> = {},
): Promise<Pressed> {
  const activity = { ...executeActivity(bot.connector.url, data, kind), ...overrides };
  const before = bot.connector.sent.length;
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { type: string; value: unknown };
  const presser = (activity.from as { id: string }).id;
  const during = bot.connector.sent
    .slice(before)
    .filter((sent) => (sent.activity.recipient as { id?: string } | undefined)?.id === presser);
  const here = during.filter((sent) => sent.conversationId === activity.conversation.id).map((s) => cardOf(s.activity));
  const personal = during
    .filter((sent) => sent.conversationId !== activity.conversation.id)
    .map((sent) => cardOf(sent.activity));
  const inPlace =
    body.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Record<string, unknown>) : undefined;
  const presserText = body.type === 'application/vnd.microsoft.activity.message' ? String(body.value) : undefined;
  const card = inPlace ?? personal.at(-1) ?? here.at(-1) ?? {};
  for (const shown of [...(inPlace ? [inPlace] : []), ...here, ...personal]) expectValidCard(shown);
  return { ...(inPlace ? { inPlace } : {}), ...(presserText ? { presserText } : {}), here, personal, card };
}

/** A press in a channel (see press). */
export function pressInChannel(
  bot: BotHarness,
  data: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Promise<Pressed> {
  return press(bot, data, 'channel', overrides);
}
