// The shared runner of the prompt passes and the data sweep: one run at a time, a run straight
// away at start, failures logged and tried again on the next tick, stop waiting for the run going.
import { backgroundJob } from '../../src/scheduling/backgroundJob';

function recordingLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  return {
    lines,
    logger: {
      info: (_fields: object, message: string) => lines.push({ level: 'info', message }),
      error: (_fields: object, message: string) => lines.push({ level: 'error', message }),
    } as never,
  };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done` holds, checking every few milliseconds, for at most `ms` (a busy machine runs timers late). */
async function until(done: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await later(5);
}

test('a call while a run is going shares that run', async () => {
  let runs = 0;
  let finish: (value: number) => void = () => undefined;
  const job = backgroundJob<number>({
    name: 'test job',
    work: () => {
      runs += 1;
      return new Promise<number>((resolve) => (finish = resolve));
    },
    now: () => new Date(0),
    logger: recordingLogger().logger,
    worthLogging: () => true,
  });
  const first = job.run();
  const second = job.run();
  finish(7);
  expect(await Promise.all([first, second])).toEqual([7, 7]);
  expect(runs).toBe(1);
  // Once it is over, the next call is a run of its own.
  const third = job.run();
  finish(8);
  expect(await third).toBe(8);
  expect(runs).toBe(2);
});

test('runs at start and on every tick, logs failures and runs worth a line, and stop waits for the run going', async () => {
  const { lines, logger } = recordingLogger();
  let calls = 0;
  let inFlight = false;
  const job = backgroundJob<{ did: number }>({
    name: 'test job',
    work: async () => {
      calls += 1;
      inFlight = true;
      await later(5);
      inFlight = false;
      if (calls === 1) throw new Error('first run fails');
      return { did: calls === 2 ? 1 : 0 };
    },
    now: () => new Date(0),
    logger,
    worthLogging: (report) => report.did > 0,
  });
  const running = job.start(20);
  // At start, then a tick 20 ms later and another 20 ms after that; on a busy machine the timers
  // fire late, so wait for the third run rather than for a fixed time.
  await until(() => calls >= 3);
  await running.stop();
  expect(inFlight).toBe(false);
  expect(calls).toBeGreaterThanOrEqual(3);
  expect(lines[0]).toEqual({ level: 'error', message: 'test job failed; the next one tries again' });
  // Only the run that did something says so; quiet runs say nothing.
  expect(lines.filter((line) => line.level === 'info')).toEqual([{ level: 'info', message: 'test job finished' }]);
  const afterStop = calls;
  await later(50);
  expect(calls).toBe(afterStop);
});
