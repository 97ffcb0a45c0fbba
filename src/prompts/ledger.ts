// What this instance already knows about deliveries, so a pass every minute does not write a lease
// for every team and person just to learn again that last minute's prompt went out. Only a cache:
// the store's leases stay the truth, and a restarted instance simply asks them again once.

interface Entry {
  /** Epoch ms before which the store need not be asked again. */
  until: number;
  /** How many times in a row the lease was held by someone else. */
  busy: number;
}

export class DeliveryLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly doneForMs: number,
    private readonly busyRecheckMs: number,
    private readonly busyRecheckMaxMs: number,
  ) {}

  /** True while the store need not be asked about `key`. */
  settled(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.until > now;
  }

  /** Sent, or otherwise finished (gone, skipped): nothing more to do this week. */
  done(key: string, now: number): void {
    this.entries.set(key, { until: now + this.doneForMs, busy: 0 });
  }

  /**
   * The lease was held elsewhere: sent by another instance, or in flight there (and perhaps crashed).
   * Ask again once an in-flight claim could have expired, then less and less often.
   */
  busy(key: string, now: number): void {
    const busy = (this.entries.get(key)?.busy ?? 0) + 1;
    const wait = Math.min(this.busyRecheckMs * 2 ** (busy - 1), this.busyRecheckMaxMs);
    this.entries.set(key, { until: now + wait, busy });
  }

  /** Ask the store again on the next pass (a send failed and its claim was given back). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries that no longer save anything; called once a pass. */
  prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
  }
}
