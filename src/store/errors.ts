// Typed store failures, so callers can tell "try again later" from "your change lost a race" from
// "that value can never be stored" without knowing which database is behind the port.

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The store is down, refused us, or did not answer in time. As with any network store, a write
 * that timed out may still have landed: retry it (record writes are idempotent; version-guarded
 * changes re-read first), and keep mutators idempotent where applying twice would matter.
 */
export class StoreUnavailableError extends StoreError {}

/** Another writer kept changing the record; the read-modify-write gave up after `attempts` tries. */
export class ConflictError extends StoreError {
  constructor(
    readonly what: string,
    readonly attempts: number,
  ) {
    super(`${what} kept changing under us; gave up after ${attempts} attempts`);
  }
}

/** The value does not fit the stored shape (e.g. a bad week string or schedule); nothing was written. */
export class StoreValidationError extends StoreError {}

/**
 * The store cannot be used at all and waiting will not help: a damaged or read-only local file.
 * Its message is one line naming the file and what to do, printed as it is when the bot stops.
 */
export class StoreOpenError extends StoreError {}
