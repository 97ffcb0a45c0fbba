// Work the bot does on its own now and then (prompt passes, the removed-team data sweep): once at
// start, so what fell due while the app was down is done straight away, then every interval. One run
// at a time per instance: a timer tick and an on-demand call arriving together share the run, and a
// tick that finds the last run still going leaves it be. Safety across instances is the job's own
// (leases in the store); this only keeps one process from piling runs up.
import type { Logger } from '../logging';

export interface BackgroundJob<Report> {
  /** One run at `at` (default: the job's clock); a call while a run is going shares that run. */
  run(at?: Date): Promise<Report>;
  /** Runs now and then every `intervalMs`, logging each run worth a line. */
  start(intervalMs: number): { stop(): Promise<void> };
}

export interface BackgroundJobOptions<Report> {
  /** Used in the log lines: "<name> finished", "<name> failed". */
  name: string;
  work: (at: Date) => Promise<Report>;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'error'>;
  /** Whether a finished run did anything worth logging (a quiet run says nothing). */
  worthLogging: (report: Report) => boolean;
}

export function backgroundJob<Report>(options: BackgroundJobOptions<Report>): BackgroundJob<Report> {
  let running: Promise<Report> | undefined;
  const run = (at?: Date): Promise<Report> => {
    running ??= options.work(at ?? options.now()).finally(() => {
      running = undefined;
    });
    return running;
  };

  const start = (intervalMs: number) => {
    const tick = () => {
      if (running) return; // the previous run is still going; the next tick will look again
      run()
        .then((report) => {
          if (options.worthLogging(report)) options.logger.info({ report }, `${options.name} finished`);
        })
        .catch((error: unknown) =>
          options.logger.error({ err: error }, `${options.name} failed; the next one tries again`),
        );
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    const first = setTimeout(tick, 0);
    first.unref();
    return {
      async stop() {
        clearInterval(timer);
        clearTimeout(first);
        await running?.catch(() => undefined);
      },
    };
  };

  return { run, start };
}
