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
 * Presses an Action.Execute button in a channel, as Teams sends it, and returns the card the person
 * then sees: the one put in place of the pressed card (the invoke response), or, when the bot
 * answered with a new message (a notice), that message's card. Either way it must be a valid card.
 */
export async function pressInChannel(
  bot: BotHarness,
  data: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const activity = { ...executeActivity(bot.connector.url, data, 'channel'), ...overrides };
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const value = ((await response.json()) as { value: unknown }).value;
  const card =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : cardOf(bot.connector.sent.filter((sent) => sent.replyToId === activity.id).at(-1)?.activity);
  expectValidCard(card);
  return card;
}
