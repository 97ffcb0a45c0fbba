// Every cache kept per person, per conversation or per team is bounded: the number of people and
// conversations that can reach the bot has no limit, and memory does. A least-recently-used cache
// (lru-cache) drops the coldest entries first; a time to live makes an entry be read afresh.
import { LRUCache } from 'lru-cache';

export interface BoundedCacheOptions {
  /** Entries kept at most; the least recently used go first. */
  max: number;
  /** How long an entry is trusted; kept until evicted when unset. */
  ttlMs?: number;
  /** The clock, in milliseconds (tests move their own). */
  now?: () => number;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- lru-cache's own bound: values are never null or undefined
export function boundedCache<V extends {}>(options: BoundedCacheOptions): LRUCache<string, V> {
  const { now } = options;
  return new LRUCache<string, V>({
    max: options.max,
    ...(options.ttlMs !== undefined ? { ttl: options.ttlMs } : {}),
    // The clock is read on every get: a moved test clock counts at once.
    ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
  });
}
