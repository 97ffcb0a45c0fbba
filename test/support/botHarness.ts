// Starts the real app (restify + CloudAdapter + bot) on loopback with a connector stand-in,
// and posts activities to /api/messages as Teams would.
import { createApp, type App } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import type { AuthOverrides } from '../../src/teams/adapter';
import { startConnectorStub, type ConnectorStub } from './connectorStub';

export interface BotHarness {
  baseUrl: string;
  connector: ConnectorStub;
  app: App;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Posts an activity and waits for the bot's replies to it (by replyToId). */
  ask(activity: { id: string }, expectedReplies?: number): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export async function startBot(env: Record<string, string> = {}, authOverrides: AuthOverrides = {}): Promise<BotHarness> {
  const connector = await startConnectorStub();
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const app = createApp(config, createLogger(config.LOG_LEVEL), authOverrides);
  const port = await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  return {
    baseUrl,
    connector,
    app,
    post,
    async ask(activity, expectedReplies = 1) {
      const response = await post(activity);
      if (response.status !== 200) throw new Error(`bot answered ${response.status}: ${await response.text()}`);
      const replies = () => connector.sent.filter((sent) => sent.replyToId === activity.id);
      const deadline = Date.now() + 5000;
      while (replies().length < expectedReplies && Date.now() < deadline) await connector.waitForSent(connector.sent.length + 1, deadline - Date.now()).catch(() => undefined);
      return replies().map((sent) => sent.activity);
    },
    async close() {
      await app.close();
      await connector.close();
    },
  };
}

/** The Adaptive Card content of a sent activity. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> {
  const attachments = activity?.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  const card = attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error('no Adaptive Card in activity: ' + JSON.stringify(activity));
  return card.content;
}
