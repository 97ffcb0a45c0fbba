// Authentication on: tokens are signed by a key this test publishes as OpenID metadata on loopback,
// exactly where the Bot Framework's own metadata would be, and checked by the SDK's real validation.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { messageActivity } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { firstTextBlock } from '../support/cardValidation';
import { OUTBOUND_TOKEN, startSignedChannel, type SignedChannel } from '../support/signedChannel';

let channel: SignedChannel;
let strangerKey: KeyObject;
let bot: BotHarness;

beforeAll(async () => {
  channel = await startSignedChannel();
  strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  // No token added for us: each test here sets the authorization header it is about.
  bot = await startBot(channel.env, { authOverrides: channel.options.authOverrides });
});

afterAll(async () => {
  await bot.close();
  await channel.close();
});

beforeEach(() => {
  bot.connector.sent.length = 0;
});

function token(claims: Record<string, unknown>, key?: KeyObject, audience?: string) {
  return channel.token(claims, { ...(key ? { key } : {}), ...(audience ? { audience } : {}) });
}

it('processes a request with a valid channel token and replies with the bot credentials', async () => {
  const activity = messageActivity(bot.connector.url, 'what does the data outcome mean');
  const response = await bot.post(activity, { authorization: `Bearer ${token({ serviceurl: activity.serviceUrl })}` });
  expect(response.status).toBe(200);
  expect(bot.connector.sent).toHaveLength(1);
  expect(bot.connector.sent[0]?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  expect(firstTextBlock(cardOf(bot.connector.sent[0]?.activity))).toBe('Data');
});

it.each([
  ['no token', async () => undefined],
  ['a malformed token', async () => 'Bearer not-a-jwt'],
  ['a token signed by an unknown key', async () => `Bearer ${token({ serviceurl: 'x' }, strangerKey)}`],
  ['a token for another serviceUrl', async () => `Bearer ${token({ serviceurl: 'https://elsewhere.example/' })}`],
])('refuses %s with 401 and sends nothing', async (_label, makeHeader) => {
  const activity = messageActivity(bot.connector.url, 'what does the data outcome mean');
  const header = await makeHeader();
  const response = await bot.post(activity, header ? { authorization: header } : {});
  expect(response.status).toBe(401);
  expect(bot.connector.sent).toHaveLength(0);
});

it('refuses a token for another app id', async () => {
  const activity = messageActivity(bot.connector.url, 'data');
  const otherAudience = token({ serviceurl: activity.serviceUrl }, undefined, '99999999-0000-0000-0000-000000000000');
  const response = await bot.post(activity, { authorization: `Bearer ${otherAudience}` });
  expect(response.status).toBe(401);
  expect(bot.connector.sent).toHaveLength(0);
});
