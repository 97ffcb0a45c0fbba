// Failures a person can do something about, turned into cards; every capability answers them the
// same way. The store down or too busy means "try again" (every action is safe to repeat); a
// capability may name other dependencies whose failure means the same (a team directory, Teams'
// roster). Anything else is a bug and reaches the edge, which answers with its apology card.
import { ConflictError, StoreUnavailableError } from '../store/errors';

/** An error class a capability answers with a card of its own. */
type ErrorClass = abstract new (...args: never[]) => Error;

export interface FailureCards<R> {
  /** The store did not answer (StoreUnavailableError) or another writer kept winning (ConflictError). */
  storeDown: () => R;
  /** Other dependencies' failures, by error class, each with its card. */
  others?: ReadonlyArray<readonly [ErrorClass, () => R]>;
}

/** Runs `run`; its failures listed in `cards` become that card instead of an error. */
export async function guarded<R>(run: () => Promise<R | R[]>, cards: FailureCards<R>): Promise<R[]> {
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    if (error instanceof StoreUnavailableError || error instanceof ConflictError) return [cards.storeDown()];
    const other = cards.others?.find(([kind]) => error instanceof kind);
    if (other) return [other[1]()];
    throw error;
  }
}
