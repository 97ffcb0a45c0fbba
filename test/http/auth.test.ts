// Authentication on: tokens are signed by a key this test publishes as OpenID metadata on loopback,
// exactly where the Bot Framework's own metadata would be, and checked by the SDK's real validation.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { messageActivity } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { firstTextBlock } from '../support/cardValidation';

const APP_ID = '0a0a0a0a-1111-2222-3333-444444444444';
const APP_TENANT = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
const OUTBOUND_TOKEN = 'outbound-test-token';

/** Outgoing calls get a fixed token instead of asking Microsoft Entra ID, which tests cannot reach. */
class FixedTokenCredentials extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string) {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled() {
    return false;
  }
  async createCredentials() {
    return {
      signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(request: T) => {
        request.headers.set('authorization', `Bearer ${OUTBOUND_TOKEN}`);
        return request;
      },
    };
  }
}

let metadataServer: http.Server;
let privateKey: KeyObject;
let strangerKey: KeyObject;
let bot: BotHarness;

beforeAll(async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = pair.privateKey;
  strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  // Bot Framework keys list the channels they may sign for; the SDK checks the activity's channel is one.
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', endorsements: ['msteams'] };
  metadataServer = http.createServer((req, res) => {
    const { port } = metadataServer.address() as AddressInfo;
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => metadataServer.listen(0, '127.0.0.1', resolve));
  const { port } = metadataServer.address() as AddressInfo;
  bot = await startBot(
    { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: APP_TENANT, MicrosoftAppPassword: 'not-used-in-tests', MicrosoftAppType: 'SingleTenant' },
    { authOverrides: { openIdMetadataUrl: `http://127.0.0.1:${port}/openid`, credentialsFactory: new FixedTokenCredentials() } },
  );
});

afterAll(async () => {
  await bot.close();
  await new Promise<void>((resolve) => {
    metadataServer.close(() => resolve());
    metadataServer.closeAllConnections();
  });
});

beforeEach(() => {
  bot.connector.sent.length = 0;
});

function token(claims: Record<string, unknown>, key: KeyObject = privateKey, audience = APP_ID) {
  return jwt.sign(claims, key, { algorithm: 'RS256', keyid: 'test-key', issuer: ISSUER, audience, expiresIn: '5m' });
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
  const otherAudience = token({ serviceurl: activity.serviceUrl }, privateKey, '99999999-0000-0000-0000-000000000000');
  const response = await bot.post(activity, { authorization: `Bearer ${otherAudience}` });
  expect(response.status).toBe(401);
  expect(bot.connector.sent).toHaveLength(0);
});
