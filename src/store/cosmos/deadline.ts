// Bounds a whole store call, not just one HTTP request: a read-modify-write makes several requests,
// and some SDK work (token acquisition, account discovery) does not honour per-request timeouts.
import { StoreUnavailableError } from '../errors';

export async function withDeadline<T>(
  timeoutMs: number,
  what: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Aborting stops the SDK's in-flight requests and retries instead of leaving them running.
      controller.abort();
      reject(new StoreUnavailableError(`${what} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const work = run(controller.signal);
  // The loser of the race still settles later; keep that from becoming an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
