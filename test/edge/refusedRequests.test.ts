// Refused requests are logged at a bounded rate: anyone who can reach the endpoint can send them,
// and the log must not grow with their traffic. Through the real endpoint with authentication on.
import { messageActivity } from '../support/activities';
import { startBot, type BotHarness } from '../support/botHarness';
import { captureLogs, LEVELS, type LogLine } from '../support/logCapture';
import { startSignedChannel, type SignedChannel } from '../support/signedChannel';
import { createRefusalLog } from '../../src/refusalLog';
import { boundedCache } from '../../src/boundedCache';

let channel: SignedChannel;
let bot: BotHarness;
let lines: LogLine[];

beforeAll(async () => {
  channel = await startSignedChannel();
  const logs = captureLogs('info');
  lines = logs.lines;
  bot = await startBot(channel.env, { authOverrides: channel.options.authOverrides, logger: logs.logger });
});
afterAll(async () => {
  await bot.close();
  await channel.close();
});

it('a burst of 600 unauthenticated requests is refused with 401 and writes a bounded number of lines', async () => {
  lines.length = 0;
  const statuses = new Map<number, number>();
  for (let batch = 0; batch < 20; batch += 1) {
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => bot.post(messageActivity(bot.connector.url, 'data'))),
    );
    for (const response of responses) statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  }
  expect(Object.fromEntries(statuses)).toEqual({ 401: 600 });
  expect(bot.connector.sent).toHaveLength(0);
  const refusals = lines.filter((line) => line.msg.startsWith('request refused'));
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals.length).toBeLessThanOrEqual(20);
  expect(lines.length).toBeLessThanOrEqual(25);
  expect(lines.filter((line) => line.level >= LEVELS.error)).toEqual([]);
});

describe('the refusal log', () => {
  it('logs the first lines of a window, then sums the rest up once when the window ends', () => {
    const { logger, lines: logged } = captureLogs('info');
    let now = 0;
    const refused = createRefusalLog(logger, { perWindow: 3, windowMs: 1000, now: () => now });
    for (let i = 0; i < 50; i += 1) refused({ i }, 'request refused: test');
    expect(logged.map((line) => line.msg)).toEqual(Array(3).fill('request refused: test'));
    now = 1000;
    refused({ i: 50 }, 'request refused: test');
    expect(logged.map((line) => line.msg)).toEqual([
      ...Array(3).fill('request refused: test'),
      'more requests refused; not logged one by one',
      'request refused: test',
    ]);
    expect(logged[3]).toMatchObject({ suppressed: 47, level: LEVELS.warn });
  });

  it('writes the sum when its window ends even if nothing else arrives', () => {
    jest.useFakeTimers();
    try {
      const { logger, lines: logged } = captureLogs('info');
      const refused = createRefusalLog(logger, { perWindow: 1, windowMs: 1000, now: () => Date.now() });
      refused({}, 'request refused: a');
      refused({}, 'request refused: b');
      refused({}, 'request refused: c');
      expect(logged).toHaveLength(1);
      jest.advanceTimersByTime(1000);
      expect(logged.at(-1)).toMatchObject({ suppressed: 2 });
    } finally {
      jest.useRealTimers();
    }
  });
});

it('a bounded cache keeps its most recently used entries and drops the rest', () => {
  let now = 5000;
  const cache = boundedCache<number>({ max: 100, ttlMs: 1000, now: () => now });
  for (let i = 0; i < 10_000; i += 1) cache.set(`person-${i}`, i);
  expect(cache.size).toBe(100);
  expect(cache.get('person-9999')).toBe(9999);
  expect(cache.get('person-0')).toBeUndefined();
  now = 6001;
  expect(cache.get('person-9999')).toBeUndefined();
});
