// Teams resends an activity it got no answer to in time; each activity is handled once. A claim is
// "in progress" while its turn runs, with a short lease, and "done" once the turn has finished. A
// resend while in progress or done is ignored; a resend after the lease ran out without the turn
// finishing (the process handling it died) runs the turn again, so the activity is not lost.

/** Remembers which activities are being handled or were handled. */
export interface ActivityClaims {
  /** True only for the first claim of this key, until its lease runs out unfinished. */
  claim(key: string): Promise<boolean>;
  /** The turn of a claimed key finished (well or not): resends are ignored from now on for longer. */
  finish(key: string): Promise<void>;
}

/** How long a turn may run before a resend of its activity is taken as a sign that it died. */
export const ACTIVITY_IN_PROGRESS_SECONDS = 60;
/** How long a handled activity's id is remembered, so that Teams resending it is answered once. */
export const ACTIVITY_CLAIM_SECONDS = 10 * 60;

/**
 * Claims held in this process only: right for a single instance and for tests. Bounded in size and
 * time, since Teams only resends within seconds of the first attempt.
 */
export class InMemoryActivityClaims implements ActivityClaims {
  /** Key → epoch ms until which it stays claimed. */
  private readonly claimedUntil = new Map<string, number>();

  constructor(
    private readonly inProgressMs = ACTIVITY_IN_PROGRESS_SECONDS * 1000,
    private readonly doneMs = ACTIVITY_CLAIM_SECONDS * 1000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string): Promise<boolean> {
    const now = this.now();
    const until = this.claimedUntil.get(key);
    if (until !== undefined && until > now) return false;
    this.remember(key, now + this.inProgressMs, now);
    return true;
  }

  async finish(key: string): Promise<void> {
    const now = this.now();
    this.remember(key, now + this.doneMs, now);
  }

  private remember(key: string, until: number, now: number): void {
    this.claimedUntil.delete(key);
    this.claimedUntil.set(key, until);
    // A Map iterates in insertion order, so the oldest entries come first.
    for (const [oldKey, oldUntil] of this.claimedUntil) {
      if (this.claimedUntil.size <= this.maxEntries && oldUntil > now) break;
      this.claimedUntil.delete(oldKey);
    }
  }
}

/** What StoreActivityClaims needs of the store: the port's claimActivity and finishActivity. */
interface ClaimStore {
  claimActivity(activityId: string, ttlSeconds: number): Promise<boolean>;
  finishActivity(activityId: string, ttlSeconds: number): Promise<void>;
}

/**
 * Claims kept in the store, so they hold across instances. While the store is unreachable, claims
 * fall back to this process's memory: answering a rare resend twice is better than not answering.
 */
export class StoreActivityClaims implements ActivityClaims {
  private readonly fallback = new InMemoryActivityClaims();

  constructor(
    private readonly store: ClaimStore,
    private readonly onStoreError: (error: unknown) => void,
    private readonly inProgressSeconds = ACTIVITY_IN_PROGRESS_SECONDS,
    private readonly doneSeconds = ACTIVITY_CLAIM_SECONDS,
  ) {}

  async claim(key: string): Promise<boolean> {
    try {
      return await this.store.claimActivity(key, this.inProgressSeconds);
    } catch (error) {
      this.onStoreError(error);
      return this.fallback.claim(key);
    }
  }

  async finish(key: string): Promise<void> {
    try {
      await this.store.finishActivity(key, this.doneSeconds);
    } catch (error) {
      // The in-progress claim in the store holds for its lease; this process remembers it for longer.
      this.onStoreError(error);
      await this.fallback.finish(key);
    }
  }
}
