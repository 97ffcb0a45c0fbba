// Refused requests (unauthenticated, malformed, from a tenant not allowed) are logged at a bounded
// rate: anyone who can reach the endpoint can send them, and a log that grows with their traffic is
// a cost and a way to bury what matters. The first few in each window are logged as they come; the
// rest are counted and summed up in one line when the window ends.
import type { Logger } from './logging';

export interface RefusalLogOptions {
  /** Lines logged as they come in each window. */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
}

/** Logs one refused request (at warn level), or counts it when this window's lines are used up. */
export type RefusalLog = (fields: Record<string, unknown>, message: string) => void;

export function createRefusalLog(logger: Logger, options: RefusalLogOptions = {}): RefusalLog {
  const perWindow = options.perWindow ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let windowStart = now();
  let logged = 0;
  let suppressed = 0;
  let summary: NodeJS.Timeout | undefined;

  const flush = () => {
    if (summary) clearTimeout(summary);
    summary = undefined;
    if (suppressed > 0)
      logger.warn(
        { suppressed, windowSeconds: Math.round(windowMs / 1000) },
        'more requests refused; not logged one by one',
      );
    suppressed = 0;
  };

  return (fields, message) => {
    const at = now();
    if (at - windowStart >= windowMs) {
      flush();
      windowStart = at;
      logged = 0;
    }
    if (logged < perWindow) {
      logged += 1;
      logger.warn(fields, message);
      return;
    }
    suppressed += 1;
    // The sum is written when the window ends even if nothing else arrives; it never holds the process open.
    if (!summary) {
      summary = setTimeout(flush, Math.max(0, windowStart + windowMs - at));
      summary.unref();
    }
  };
}
