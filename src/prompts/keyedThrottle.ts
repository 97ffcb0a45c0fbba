// Runs a job per key (a team) at most once an interval, however often it is asked for: the first
// request in a quiet spell runs after a short delay, requests that arrive while a run is waiting or
// under way are folded into the next one, and the next run waits out the interval. The job reads what
// it needs when it runs, so the last request wins and folded requests lose nothing.

export interface KeyedThrottleOptions {
  /** Wait after the first request of a quiet spell, so the job runs after whatever asked for it. */
  delayMs: number;
  /** Shortest time between the starts of two runs for one key. */
  intervalMs: number;
  /** Told about a job that threw; the throttle carries on. */
  onError: (key: string, error: unknown) => void;
}

interface KeyState {
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** Asked for again while running: run once more when done. */
  again: boolean;
  lastStart: number;
}

/** Above this many keys, idle ones whose interval has passed are forgotten on the next request. */
const SWEEP_ABOVE = 1000;

export class KeyedThrottle {
  private readonly keys = new Map<string, KeyState>();
  private stopped = false;

  constructor(
    private readonly job: (key: string) => Promise<void>,
    private readonly options: KeyedThrottleOptions,
  ) {}

  /** Asks for a run for `key`; returns at once and never throws. */
  request(key: string): void {
    if (this.stopped) return;
    let state = this.keys.get(key);
    if (!state) {
      if (this.keys.size >= SWEEP_ABOVE) this.sweep();
      state = { again: false, lastStart: Number.NEGATIVE_INFINITY };
      this.keys.set(key, state);
    }
    if (state.timer) return;
    if (state.running) {
      state.again = true;
      return;
    }
    this.arm(key, state);
  }

  /** Cancels waiting runs and waits for those under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Array<Promise<void>> = [];
    for (const state of this.keys.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = undefined;
      if (state.running) running.push(state.running);
    }
    await Promise.all(running);
  }

  private arm(key: string, state: KeyState): void {
    const now = Date.now();
    const at = Math.max(now + this.options.delayMs, state.lastStart + this.options.intervalMs);
    state.timer = setTimeout(() => this.fire(key, state), at - now);
    // A waiting update never keeps the process alive.
    state.timer.unref();
  }

  private fire(key: string, state: KeyState): void {
    state.timer = undefined;
    state.again = false;
    state.lastStart = Date.now();
    state.running = this.job(key)
      .catch((error: unknown) => this.options.onError(key, error))
      .finally(() => {
        state.running = undefined;
        if (state.again && !this.stopped) {
          state.again = false;
          this.arm(key, state);
        }
      });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, state] of this.keys) {
      if (!state.timer && !state.running && state.lastStart + this.options.intervalMs <= now) this.keys.delete(key);
    }
  }
}
