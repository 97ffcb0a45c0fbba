// What every key, write and request must satisfy before it reaches either database: the rules of
// engine.ts, written once so the two backends cannot accept different things.
import { StoreValidationError } from '../errors';
import type { BatchOperation, ItemKey, ItemWrite, RangeQuery } from './engine';

const MAX_NAME_LENGTH = 200;
const MAX_PARTITION_LENGTH = 1024;
const MAX_REFS = 4;
const MAX_REF_LENGTH = 200;
export const MAX_BATCH_OPERATIONS = 100;
export const MAX_PAGE_SIZE = 1000;
// Printable ASCII, less what a Cosmos DB id may not hold.
const NAME_PATTERN = /^[\x20-\x7e]+$/;
const FORBIDDEN_IN_NAME = /[/\\?#]/;

function fail(message: string): never {
  throw new StoreValidationError(message);
}

export function checkKeyPart(value: unknown, what: 'id' | 'kind'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    fail(`An item's ${what} must be 1-${MAX_NAME_LENGTH} characters`);
  }
  if (!NAME_PATTERN.test(value) || FORBIDDEN_IN_NAME.test(value)) {
    fail(`An item's ${what} must be printable ASCII without / \\ ? #`);
  }
  return value;
}

export function checkPartition(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PARTITION_LENGTH) {
    fail(`A partition must be 1-${MAX_PARTITION_LENGTH} characters`);
  }
  return value;
}

export function checkKey(key: ItemKey): ItemKey {
  if (typeof key !== 'object' || key === null) fail('An item key is needed');
  return {
    partition: checkPartition(key.partition),
    kind: checkKeyPart(key.kind, 'kind'),
    id: checkKeyPart(key.id, 'id'),
  };
}

export function checkWrite(item: ItemWrite): void {
  checkKey(item);
  if (item.value === undefined) fail('An item needs a value');
  if (item.expiresAt !== undefined && !Number.isFinite(item.expiresAt)) fail('expiresAt must be a finite epoch ms');
  if (item.refs !== undefined) {
    if (!Array.isArray(item.refs) || item.refs.length > MAX_REFS) fail(`An item carries at most ${MAX_REFS} refs`);
    for (const ref of item.refs) checkRef(ref);
  }
}

export function checkRef(ref: unknown): string {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > MAX_REF_LENGTH) {
    fail(`A ref must be 1-${MAX_REF_LENGTH} characters`);
  }
  return ref;
}

export function checkRange<R extends RangeQuery>(given: R | undefined): R {
  const range = given ?? ({} as R);
  for (const bound of [range.prefix, range.from, range.to, range.after]) {
    if (bound !== undefined && typeof bound !== 'string') fail('Range bounds must be strings');
  }
  if (range.order !== undefined && range.order !== 'asc' && range.order !== 'desc')
    fail("order must be 'asc' or 'desc'");
  if (range.limit !== undefined && (!Number.isInteger(range.limit) || range.limit < 0)) {
    fail('limit must be a whole number, 0 or more');
  }
  return range;
}

export function checkPageSize(pageSize: unknown): number {
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    fail(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return pageSize;
}

export function checkBatch(partition: string, operations: readonly BatchOperation[]): void {
  checkPartition(partition);
  if (operations.length > MAX_BATCH_OPERATIONS) {
    fail(`A batch holds at most ${MAX_BATCH_OPERATIONS} operations`);
  }
  for (const operation of operations) {
    if (operation.op === 'delete') {
      checkKey({ partition, ...operation.key });
      continue;
    }
    checkWrite(operation.item);
    if (operation.item.partition !== partition) fail("A batch's items share its partition");
  }
}
