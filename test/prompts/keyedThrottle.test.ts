// The per-team throttle behind prompt card updates, on Jest's fake clock.
import { KeyedThrottle } from '../../src/prompts/keyedThrottle';

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-06-08T10:00:00Z') }));
afterEach(() => jest.useRealTimers());

/** A throttle whose job records when it ran for which key, and how many requests it had seen by then. */
function recording(options: { delayMs?: number; intervalMs?: number; jobMs?: number } = {}) {
  const runs: Array<{ key: string; at: number; seen: number }> = [];
  const errors: Array<{ key: string; error: unknown }> = [];
  let seen = 0;
  let fail = false;
  const throttle = new KeyedThrottle(
    async (key) => {
      runs.push({ key, at: Date.now(), seen });
      if (options.jobMs) await new Promise((resolve) => setTimeout(resolve, options.jobMs));
      if (fail) throw new Error('store down');
    },
    {
      delayMs: options.delayMs ?? 1000,
      intervalMs: options.intervalMs ?? 15_000,
      onError: (key, error) => errors.push({ key, error }),
    },
  );
  const start = Date.now();
  return {
    throttle,
    runs,
    errors,
    /** Run times in ms after the start. */
    times: () => runs.map((run) => run.at - start),
    request(key = 'team-a') {
      seen += 1;
      throttle.request(key);
    },
    failFromNowOn() {
      fail = true;
    },
  };
}

it('makes one run for a burst of 30 requests, a short delay after the first, with every request seen', async () => {
  const t = recording();
  for (let i = 0; i < 30; i++) {
    t.request();
    await jest.advanceTimersByTimeAsync(20);
  }
  await jest.advanceTimersByTimeAsync(60_000);
  expect(t.times()).toEqual([1000]);
  expect(t.runs[0]?.seen).toBe(30);
});

it('makes at most one run an interval for a steady stream, and a last one after the last request', async () => {
  const t = recording();
  // A request every second for 40 seconds.
  for (let i = 0; i < 40; i++) {
    t.request();
    await jest.advanceTimersByTimeAsync(1000);
  }
  await jest.advanceTimersByTimeAsync(60_000);
  expect(t.times()).toEqual([1000, 16_000, 31_000, 46_000]);
  // The last run saw every request.
  expect(t.runs.at(-1)?.seen).toBe(40);
});

it('runs once more after a run that a request arrived during, waiting out the interval', async () => {
  const t = recording({ jobMs: 5000 });
  t.request();
  await jest.advanceTimersByTimeAsync(2000); // the run started at 1000 and is under way
  t.request();
  t.request();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(t.times()).toEqual([1000, 16_000]);
  expect(t.runs[1]?.seen).toBe(3);
});

it('throttles each key on its own', async () => {
  const t = recording();
  t.request('team-a');
  await jest.advanceTimersByTimeAsync(500);
  t.request('team-b');
  await jest.advanceTimersByTimeAsync(60_000);
  expect(t.runs.map((run, i) => [run.key, t.times()[i]])).toEqual([
    ['team-a', 1000],
    ['team-b', 1500],
  ]);
});

it('reports a job that throws and keeps running later requests', async () => {
  const t = recording();
  t.failFromNowOn();
  t.request();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(t.errors).toEqual([{ key: 'team-a', error: expect.any(Error) }]);
  t.request();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(t.runs).toHaveLength(2);
});

it('runs nothing after stop, and stop waits for a run under way', async () => {
  const t = recording({ jobMs: 5000 });
  t.request('team-a');
  await jest.advanceTimersByTimeAsync(1500); // team-a is running
  t.request('team-b'); // waiting
  let stopped = false;
  const stopping = t.throttle.stop().then(() => (stopped = true));
  await jest.advanceTimersByTimeAsync(1000);
  expect(stopped).toBe(false);
  await jest.advanceTimersByTimeAsync(5000);
  await stopping;
  expect(stopped).toBe(true);
  t.request('team-c');
  await jest.advanceTimersByTimeAsync(60_000);
  expect(t.runs.map((run) => run.key)).toEqual(['team-a']);
});
