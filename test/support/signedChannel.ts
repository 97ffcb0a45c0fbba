// Authentication on, as in Teams: the bot has an app id, every activity posted to it carries a
// channel token signed by a key published as OpenID metadata on loopback (checked by the SDK's real
// validation), and the bot's own calls to the connector get a fixed token instead of asking
// Microsoft Entra ID, which tests cannot reach.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import jwt from 'jsonwebtoken';
import type { StartOptions } from './botHarness';

const APP_ID = '0b0b0b0b-1111-2222-3333-444444444444';
const KEY_ID = 'signed-channel-key';
const ISSUER = 'https://api.botframework.com';
export const OUTBOUND_TOKEN = 'outbound-signed-test-token';

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

export interface SignedChannel {
  /** Environment for startBot: the bot's app registration. */
  env: Record<string, string>;
  /** Options for startBot: where the keys are, outgoing credentials, and a token on every post. */
  options: Required<Pick<StartOptions, 'authOverrides' | 'sign'>>;
  /** A channel token with these claims, signed by the published key unless another is given. */
  token(claims: Record<string, unknown>, options?: { key?: KeyObject; audience?: string }): string;
  close(): Promise<void>;
}

export async function startSignedChannel(): Promise<SignedChannel> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Bot Framework keys list the channels they may sign for; the SDK checks the activity's channel is one.
  // Web Chat too: an Azure Bot with an app id is reachable there, without Teams' file consent flow.
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig', endorsements: ['msteams', 'webchat'] };
  const server = http.createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const token: SignedChannel['token'] = (claims, options = {}) =>
    jwt.sign(claims, options.key ?? privateKey, {
      algorithm: 'RS256',
      keyid: KEY_ID,
      issuer: ISSUER,
      audience: options.audience ?? APP_ID,
      expiresIn: '5m',
    });
  const sign = (activity: unknown) => {
    const serviceurl = (activity as { serviceUrl?: unknown } | null)?.serviceUrl;
    return { authorization: `Bearer ${token({ serviceurl })}` };
  };
  return {
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppTenantId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-used-in-tests',
      MicrosoftAppType: 'SingleTenant',
    },
    options: {
      authOverrides: {
        openIdMetadataUrl: `http://127.0.0.1:${port}/openid`,
        credentialsFactory: new FixedTokenCredentials(),
      },
      sign,
    },
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
