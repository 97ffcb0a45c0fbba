// The edge sender against a loopback connector that answers as Teams does, through the real CloudAdapter.
import { startPromptsConnector, type PromptsConnector } from '../../bench/promptsConnector';
import { renderCard } from '../../src/cards/render';
import { parseConfig } from '../../src/config';
import { authorisePromptTrigger } from '../../src/prompts';
import type { Installation } from '../../src/domain';
import { createAdapter } from '../../src/teams/adapter';
import { sendResultOf, TeamsProactiveSender } from '../../src/teams/proactiveSender';

let connector: PromptsConnector;
beforeEach(async () => {
  connector = await startPromptsConnector({ perTenantPerSecond: 50, retryAfterSeconds: 2 });
});
afterEach(async () => connector.close());

function installation(conversationId: string): Installation {
  return {
    conversationId,
    tenantId: 'tenant-a',
    kind: 'channel',
    teamId: conversationId,
    active: true,
    installedAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    reference: {
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: conversationId, tenantId: 'tenant-a' },
      bot: { id: '28:bot' },
      user: { id: '29:x' },
    },
  };
}

const card = renderCard('notice', { title: 'Hello', message: 'A test', style: 'default', buttons: [] });

describe('TeamsProactiveSender', () => {
  const sender = () =>
    new TeamsProactiveSender(createAdapter(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })), '');

  it('sends the card into the stored conversation, and reports the id the Connector gave the message', async () => {
    expect(await sender().send(installation('19:ok@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'ok',
      activityId: 'activity-19:ok@thread.tacv2-1',
    });
    expect(connector.delivered.get('19:ok@thread.tacv2')).toBe(1);
  });

  it.each([403, 404] as const)('reports %i as gone', async (status) => {
    connector.answers.set('19:gone@thread.tacv2', { status });
    expect(await sender().send(installation('19:gone@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'gone',
      statusCode: status,
    });
  });

  it("reports 403 BotNotInConversationRoster (Teams' code when the app was removed) as gone and removed", async () => {
    connector.answers.set('19:removed@thread.tacv2', {
      status: 403,
      code: 'BotNotInConversationRoster',
      message: 'The bot is not part of the conversation roster.',
    });
    expect(await sender().send(installation('19:removed@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'gone',
      statusCode: 403,
      removed: true,
    });
  });

  it('reports 429 with its Retry-After, without the SDK retrying behind the rate limiter', async () => {
    connector.answers.set('19:busy@thread.tacv2', { status: 429, times: 1 });
    expect(await sender().send(installation('19:busy@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'throttled',
      retryAfterMs: 2000,
    });
    expect(connector.delivered.get('19:busy@thread.tacv2')).toBeUndefined();
  });

  it('reports 5xx as a retryable failure', async () => {
    connector.answers.set('19:down@thread.tacv2', { status: 503, times: 1 });
    expect(await sender().send(installation('19:down@thread.tacv2'), card, 'Hello')).toMatchObject({
      status: 'failed',
      statusCode: 503,
      retryable: true,
    });
  });

  it('still sees 403 and 429 when the app has set onTurnError on its adapter (which would swallow them), and posts no apology', async () => {
    const adapter = createAdapter(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }));
    const turnErrors: unknown[] = [];
    // What the messages endpoint does for turns: log, and apologise in the conversation.
    adapter.onTurnError = async (context, error) => {
      turnErrors.push(error);
      await context.sendActivity('Sorry, something went wrong');
    };
    const appSender = new TeamsProactiveSender(adapter, '');
    connector.answers.set('19:removed@thread.tacv2', { status: 403 });
    connector.answers.set('19:throttled@thread.tacv2', { status: 429, times: 1 });
    expect(await appSender.send(installation('19:removed@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'gone',
      statusCode: 403,
    });
    expect(await appSender.send(installation('19:throttled@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'throttled',
      retryAfterMs: 2000,
    });
    expect(turnErrors).toEqual([]);
    expect(connector.delivered.get('19:throttled@thread.tacv2')).toBeUndefined();
    // The connector client is kept between sends; sends keep working through it.
    expect(await appSender.send(installation('19:ok-1@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'ok',
      activityId: 'activity-19:ok-1@thread.tacv2-1',
    });
    expect(await appSender.send(installation('19:ok-2@thread.tacv2'), card, 'Hello')).toEqual({
      status: 'ok',
      activityId: 'activity-19:ok-2@thread.tacv2-1',
    });
    expect([connector.delivered.get('19:ok-1@thread.tacv2'), connector.delivered.get('19:ok-2@thread.tacv2')]).toEqual([
      1, 1,
    ]);
  });
});

describe('sendResultOf', () => {
  it('reads Retry-After as seconds or a date, and treats no status as a network failure', () => {
    const headers = (value: string) => ({
      statusCode: 429,
      response: { headers: { get: (name: string) => (name === 'retry-after' ? value : undefined) } },
    });
    expect(sendResultOf(headers('3'))).toEqual({ status: 'throttled', retryAfterMs: 3000 });
    const inFuture = sendResultOf(headers(new Date(Date.now() + 10_000).toUTCString()));
    expect(inFuture.status === 'throttled' && inFuture.retryAfterMs! > 8000).toBe(true);
    expect(sendResultOf(new Error('ECONNRESET'))).toEqual({ status: 'failed', retryable: true });
    expect(sendResultOf({ statusCode: 400 })).toEqual({ status: 'failed', statusCode: 400, retryable: false });
  });
});

describe('authorisePromptTrigger', () => {
  it('is off without a secret, and accepts only the exact bearer secret', () => {
    expect(authorisePromptTrigger('Bearer anything', undefined)).toBe('off');
    expect(authorisePromptTrigger('Bearer anything', '')).toBe('off');
    expect(authorisePromptTrigger('Bearer s3cret-value', 's3cret-value')).toBe('ok');
    expect(authorisePromptTrigger('Bearer s3cret-valuE', 's3cret-value')).toBe('refused');
    expect(authorisePromptTrigger('Bearer s3cret', 's3cret-value')).toBe('refused');
    expect(authorisePromptTrigger('s3cret-value', 's3cret-value')).toBe('refused');
    expect(authorisePromptTrigger(undefined, 's3cret-value')).toBe('refused');
  });
});
