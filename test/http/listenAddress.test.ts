// Anonymous mode (no MicrosoftAppId) accepts unauthenticated activities, so by default the built bot
// listens on this machine's loopback addresses only: reachable on 127.0.0.1 and [::1], refused on
// the machine's other addresses.
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { startBuiltBot, type BuiltBot } from '../support/builtBot';

const dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-listen-'));
let bot: BuiltBot;

beforeAll(async () => {
  // HOST empty: the mode's default.
  bot = await startBuiltBot({ dataDir, env: { HOST: '' } });
}, 30000);

afterAll(async () => {
  await bot?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const portOf = (baseUrl: string) => new URL(baseUrl).port;
const reach = (host: string) =>
  fetch(`http://${host}:${portOf(bot.baseUrl)}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
    (response) => response.status,
    (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.name,
  );

const external = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
  .map((address) => address!.address);
const ipv6Loopback = Object.values(networkInterfaces())
  .flat()
  .some((address) => address?.address === '::1');

describe('anonymous mode listens on loopback only', () => {
  it('answers on 127.0.0.1', async () => {
    expect(await reach('127.0.0.1')).toBe(200);
  });

  (ipv6Loopback ? it : it.skip)('answers on [::1] too', async () => {
    expect(await reach('[::1]')).toBe(200);
  });

  (external.length > 0 ? it : it.skip)("refuses connections on the machine's other addresses", async () => {
    for (const address of external) expect(await reach(address)).toBe('ECONNREFUSED');
  });
});
