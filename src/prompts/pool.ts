// Bounded concurrency for a prompt pass: at most N teams worked on at once. Kept here rather than
// in bottleneck (which limits the sends, in rateLimits.ts), though bottleneck could bound concurrency
// too: it starts every job from a setTimeout, even with no minTime, so each team of a pass would wait
// a turn of the timer queue, and a pass would run only as fast as timers fire (and stop under a test's
// fake clock); WorkQueue also needs "finished" to cover work pushed while it runs, which bottleneck
// gives only through its 'idle' event. Two small loops need none of that: a pass is pure concurrency,
// no rate.
/** Runs `work` over `items` with at most `concurrency` at a time; resolves when all have finished. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * Items worked on by at most `concurrency` workers as they are pushed, for work whose list grows
 * while it runs (a pass starts on the first page of installations before the next is read).
 * `finished` resolves once everything pushed so far, and anything pushed by that work, is done.
 * `work` reports its own failures.
 */
export class WorkQueue<T> {
  private readonly items: T[] = [];
  private next = 0;
  private workers = 0;
  private waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly work: (item: T) => Promise<void>,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.workers < Math.max(1, this.concurrency)) void this.worker();
  }

  finished(): Promise<void> {
    if (this.workers === 0 && this.next >= this.items.length) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async worker(): Promise<void> {
    this.workers += 1;
    while (this.next < this.items.length) {
      const item = this.items[this.next] as T;
      // Done items are let go, so a long list does not keep every team in memory.
      this.items[this.next] = undefined as T;
      this.next += 1;
      // The work reports its own failures; one that slips through must not stop the queue.
      await this.work(item).catch(() => undefined);
    }
    this.workers -= 1;
    if (this.workers === 0) {
      for (const resolve of this.waiting.splice(0)) resolve();
    }
  }
}
