// Authentication on: tokens are signed by a key this test publishes as OpenID metadata on loopback,
// exactly where the Bot Framework's own metadata would be, and checked by the SDK's real validation.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
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
let privateKey: CryptoKey;
let strangerKey: CryptoKey;
let bot: BotHarness;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', use: 'sig', endorsements: ['msteams'] };
  metadataServer = http.createServer((req, res) => {
    const { port } = metadataServer.address() as AddressInfo;
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => metadataServer.listen(0, '127.0.0.1', resolve));
  const { port } = metadataServer.address() as AddressInfo;
  bot = await startBot(
    { MicrosoftAppId: APP_ID, MicrosoftAppTenantId: APP_TENANT, MicrosoftAppPassword: 'not-used-in-tests', MicrosoftAppType: 'SingleTenant' },
    { openIdMetadataUrl: `http://127.0.0.1:${port}/openid`, credentialsFactory: new FixedTokenCredentials() },
  );
});

afterAll(async () => {
  await bot.close();
  await new Promise<void>((resolve) => metadataServer.close(() => resolve()));
});

beforeEach(() => {
  bot.connector.sent.length = 0;
});

function token(claims: Record<string, unknown>, key: CryptoKey = privateKey) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(ISSUER)
    .setAudience(APP_ID)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime('5m')
    .sign(key);
}

it('processes a request with a valid channel token and replies with the bot credentials', async () => {
  const activity = messageActivity(bot.connector.url, 'what does the data outcome mean');
  const response = await bot.post(activity, { authorization: `Bearer ${await token({ serviceurl: activity.serviceUrl })}` });
  expect(response.status).toBe(200);
  expect(bot.connector.sent).toHaveLength(1);
  expect(bot.connector.sent[0]?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  expect(firstTextBlock(cardOf(bot.connector.sent[0]?.activity))).toBe('Data');
});

it.each([
  ['no token', async () => undefined],
  ['a malformed token', async () => 'Bearer not-a-jwt'],
  ['a token signed by an unknown key', async () => `Bearer ${await token({ serviceurl: 'x' }, strangerKey)}`],
  ['a token for another serviceUrl', async () => `Bearer ${await token({ serviceurl: 'https://elsewhere.example/' })}`],
])('refuses %s with 401 and sends nothing', async (_label, makeHeader) => {
  const activity = messageActivity(bot.connector.url, 'what does the data outcome mean');
  const header = await makeHeader();
  const response = await bot.post(activity, header ? { authorization: header } : {});
  expect(response.status).toBe(401);
  expect(bot.connector.sent).toHaveLength(0);
});

it('refuses a token for another app id', async () => {
  const activity = messageActivity(bot.connector.url, 'data');
  const otherAudience = await new SignJWT({ serviceurl: activity.serviceUrl })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(ISSUER)
    .setAudience('99999999-0000-0000-0000-000000000000')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
  const response = await bot.post(activity, { authorization: `Bearer ${otherAudience}` });
  expect(response.status).toBe(401);
  expect(bot.connector.sent).toHaveLength(0);
});
