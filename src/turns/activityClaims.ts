// Teams resends an activity it got no answer to in time; each activity is handled once.

/** Remembers which activities were already handled. */
export interface ActivityClaims {
  /** True only for the first claim of this key within the claim's lifetime. */
  claim(key: string): Promise<boolean>;
}

/**
 * Claims held in this process only: right for a single instance and for tests. Bounded in size and
 * time, since Teams only resends within seconds of the first attempt.
 */
export class InMemoryActivityClaims implements ActivityClaims {
  private readonly claimedAt = new Map<string, number>();

  constructor(
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string): Promise<boolean> {
    const now = this.now();
    const previous = this.claimedAt.get(key);
    if (previous !== undefined && now - previous < this.ttlMs) return false;
    this.claimedAt.delete(key);
    this.claimedAt.set(key, now);
    this.evict(now);
    return true;
  }

  // A Map iterates in insertion order, so the oldest claims come first.
  private evict(now: number): void {
    for (const [key, at] of this.claimedAt) {
      if (this.claimedAt.size <= this.maxEntries && now - at < this.ttlMs) break;
      this.claimedAt.delete(key);
    }
  }
}

/** How long a handled activity's id is remembered, so that Teams resending it is answered once. */
export const ACTIVITY_CLAIM_SECONDS = 10 * 60;

/** What StoreActivityClaims needs of the store: the port's claimActivity. */
interface ClaimStore {
  claimActivity(activityId: string, ttlSeconds: number): Promise<boolean>;
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
    private readonly ttlSeconds = ACTIVITY_CLAIM_SECONDS,
  ) {}

  async claim(key: string): Promise<boolean> {
    try {
      return await this.store.claimActivity(key, this.ttlSeconds);
    } catch (error) {
      this.onStoreError(error);
      return this.fallback.claim(key);
    }
  }
}
