// Maps better-sqlite3 failures to the port's errors. Busy and locked (another process holds the
// write lock past the busy timeout), I/O, full disk, read-only or unopenable files mean the store
// cannot serve us now; constraint and misuse errors are bugs and stay plain StoreErrors.
import { StoreError, StoreUnavailableError } from '../errors';

const BUG_CODES = [
  'SQLITE_CONSTRAINT',
  'SQLITE_MISMATCH',
  'SQLITE_RANGE',
  'SQLITE_ERROR',
  'SQLITE_MISUSE',
  'SQLITE_TOOBIG',
];

/**
 * Recognised by its `code` rather than `instanceof SqliteError`: the native addon keeps the error
 * class it was first given for the whole process, so a second copy of the module (a bundler, or
 * each Jest test file's module registry) would otherwise fail the instanceof check.
 */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const isBug = BUG_CODES.some((bug) => code === bug || code.startsWith(`${bug}_`));
  return isBug
    ? new StoreError(`SQLite rejected ${what} (${code})`, { cause: error })
    : new StoreUnavailableError(`SQLite could not ${what} (${code})`, { cause: error });
}
