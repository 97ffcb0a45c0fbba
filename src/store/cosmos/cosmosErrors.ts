// Turns what the Cosmos DB SDK throws into the port's typed errors. The SDK throws an ErrorResponse
// with the HTTP status as a number `code`, a TimeoutError, an AbortError, or a RestError whose
// `code` is a Node network error name; anything the store cannot fix by itself is "unavailable".
import { StoreError, StoreUnavailableError } from '../errors';

export const NOT_FOUND = 404;
export const CONFLICT = 409;
export const PRECONDITION_FAILED = 412;

/** The HTTP status of a Cosmos DB error response, if the error is one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

// Statuses that mean "the request was wrong", not "the service is unwell": retrying cannot help,
// so they are reported as plain StoreErrors (a bug to fix) rather than as an outage.
const REJECTED = new Set([400, 405, 413, 414, 415]);

export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof StoreError) return error;
  const status = statusOf(error);
  if (status !== undefined && REJECTED.has(status)) {
    return new StoreError(`Cosmos DB rejected ${what} (${status})`, { cause: error });
  }
  const detail =
    status ?? (error as { code?: unknown; name?: unknown })?.code ?? (error as { name?: unknown })?.name ?? 'error';
  return new StoreUnavailableError(`Cosmos DB could not ${what} (${String(detail)})`, { cause: error });
}
