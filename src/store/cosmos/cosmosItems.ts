// How the engine's items sit in Cosmos DB's `items` container. One document per item, partitioned by /partition; the record itself is
// under `value`, so Cosmos DB's own fields (_etag, _ts, ...) never mix with a record's.
import type { ContainerDefinition, JSONObject, OperationInput, SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { PartitionKeyDefinitionVersion, PartitionKeyKind } from '@azure/cosmos';
import type { BatchOperation, ItemWrite, JsonValue, RangeQuery, StoredItem } from '../engine/engine';
import { StoreUnavailableError } from '../errors';
import { CONFLICT, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';

export const ITEMS_CONTAINER_ID = 'items';

// Version 2 (hashed) partition keys take values up to 2 KB, which the engine's 1,024-character
// partitions need. defaultTtl -1 turns TTL on without expiring anything by default: only items
// that carry their own `ttl` (the ones written with expiresAt) are deleted by Cosmos DB.
export const ITEMS_CONTAINER: ContainerDefinition & { id: string } = {
  id: ITEMS_CONTAINER_ID,
  partitionKey: { paths: ['/partition'], kind: PartitionKeyKind.Hash, version: PartitionKeyDefinitionVersion.V2 },
  defaultTtl: -1,
};

export interface ItemDocument {
  /** Unique within the partition: the kind and the id (see documentId). */
  id: string;
  partition: string;
  kind: string;
  /** The engine's id, kept on its own so range queries and ORDER BY work on it. */
  key: string;
  value: JsonValue;
  expiresAt?: number;
  /** Seconds until Cosmos DB deletes the item; expiresAt is what hides it at once. */
  ttl?: number;
  refs?: string[];
}

/** A document as Cosmos DB returns it. */
export type StoredDocument = ItemDocument & { _etag: string };

/**
 * Cosmos DB keeps one id per partition, so the kind goes into it. A kind may itself hold `|`, which
 * would let ('a|b', 'c') and ('a', 'b|c') meet: escaping `%` and `|` in the kind keeps the two
 * apart, and leaves every kind without them readable as it is.
 */
export function documentId(kind: string, id: string): string {
  return `${kind.replaceAll('%', '%25').replaceAll('|', '%7C')}|${id}`;
}

const SECONDS = 1000;

export function toDocument(item: ItemWrite, now: number): ItemDocument {
  const document: ItemDocument = {
    id: documentId(item.kind, item.id),
    partition: item.partition,
    kind: item.kind,
    key: item.id,
    value: item.value,
  };
  if (item.expiresAt !== undefined) {
    document.expiresAt = item.expiresAt;
    // At least a second: a ttl of 0 or less is refused, and an item already expired is hidden anyway.
    document.ttl = Math.max(1, Math.ceil((item.expiresAt - now) / SECONDS));
  }
  if (item.refs !== undefined) document.refs = [...item.refs];
  return document;
}

export function toStoredItem<T extends JsonValue>(document: ItemDocument, version: string): StoredItem<T> {
  const item: StoredItem<T> = {
    partition: document.partition,
    kind: document.kind,
    id: document.key,
    value: document.value as T,
    version,
  };
  if (document.expiresAt !== undefined) item.expiresAt = document.expiresAt;
  if (document.refs !== undefined) item.refs = document.refs;
  return item;
}

/** Cosmos DB deletes an expired item some time after its ttl (the loopback server never does): hide it at once. */
export function isLive(document: { expiresAt?: number }, now: number): boolean {
  return document.expiresAt === undefined || document.expiresAt > now;
}

const LIVE = '(NOT IS_DEFINED(c.expiresAt) OR c.expiresAt > @now)';

/**
 * A query in one partition. The partition key option is what keeps Cosmos DB to that partition;
 * the `c.partition` predicate is redundant there, but the loopback test server ignores a query's
 * partition key, and with it the results are right everywhere.
 */
export function rangeQuery(
  select: string,
  kind: string,
  partition: string,
  range: RangeQuery,
  now: number,
  ordered: boolean,
): SqlQuerySpec {
  const where = ['c.partition = @partition', 'c.kind = @kind', LIVE];
  const parameters: SqlParameter[] = [
    { name: '@partition', value: partition },
    { name: '@kind', value: kind },
    { name: '@now', value: now },
  ];
  const bound = (condition: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(condition);
    parameters.push({ name, value });
  };
  const descending = range.order === 'desc';
  bound('STARTSWITH(c.key, @prefix)', '@prefix', range.prefix);
  bound('c.key >= @from', '@from', range.from);
  bound('c.key <= @to', '@to', range.to);
  bound(descending ? 'c.key < @after' : 'c.key > @after', '@after', range.after);
  const top = ordered && range.limit !== undefined ? 'TOP @limit ' : '';
  if (top) parameters.push({ name: '@limit', value: range.limit as number });
  const orderBy = ordered ? ` ORDER BY c.key ${descending ? 'DESC' : 'ASC'}` : '';
  return { query: `SELECT ${top}${select} FROM c WHERE ${where.join(' AND ')}${orderBy}`, parameters };
}

/** Live items carrying `ref`, of any of `kinds`, across all partitions. */
export function refQuery(ref: string, kinds: readonly string[], now: number): SqlQuerySpec {
  const kindNames = kinds.map((_, index) => `@kind${index}`);
  return {
    query: `SELECT * FROM c WHERE ARRAY_CONTAINS(c.refs, @ref) AND c.kind IN (${kindNames.join(', ')}) AND ${LIVE}`,
    parameters: [
      { name: '@ref', value: ref },
      { name: '@now', value: now },
      ...kinds.map((kind, index) => ({ name: `@kind${index}`, value: kind })),
    ],
  };
}

/** Every document of a partition, live or not (see rangeQuery for why the predicate is there). */
export function partitionQuery(select: string, partition: string): SqlQuerySpec {
  return {
    query: `SELECT ${select} FROM c WHERE c.partition = @partition`,
    parameters: [{ name: '@partition', value: partition }],
  };
}

// ---- Transactional batches -----------------------------------------------------------------------

/**
 * One operation of a batch. Each names the partition too: the batch's own key is what Cosmos DB
 * uses, and the loopback test server reads the operations'.
 */
export function batchInput(partitionKey: string, operation: BatchOperation, now: number): OperationInput {
  switch (operation.op) {
    case 'create':
      return { operationType: 'Create', partitionKey, resourceBody: asJson(toDocument(operation.item, now)) };
    case 'upsert':
      return { operationType: 'Upsert', partitionKey, resourceBody: asJson(toDocument(operation.item, now)) };
    case 'replace': {
      const document = toDocument(operation.item, now);
      const ifMatch = operation.version;
      return { operationType: 'Replace', id: document.id, partitionKey, resourceBody: asJson(document), ifMatch };
    }
    case 'delete': {
      const id = documentId(operation.key.kind, operation.key.id);
      return {
        operationType: 'Delete',
        id,
        partitionKey,
        ...(operation.version ? { ifMatch: operation.version } : {}),
      };
    }
  }
}

/** Our documents are plain JSON already; the batch API types its bodies so. */
function asJson(document: ItemDocument): JSONObject {
  return document as unknown as JSONObject;
}

/** 412, 409 and 404: a batch's condition did not hold (the item changed, was taken, or is absent). */
export function isConditionFailure(status: number | undefined): boolean {
  return status === PRECONDITION_FAILED || status === CONFLICT || status === NOT_FOUND;
}

/** A failed batch answers the failing operation's status and 424 for the others. */
const FAILED_DEPENDENCY = 424;

/** Whether a batch answered with these statuses was written; throws when it failed for another reason than a condition. */
export function batchWritten(statuses: readonly number[], operations: number): boolean {
  const failed = statuses.find((status) => status >= 400 && status !== FAILED_DEPENDENCY);
  if (failed !== undefined) {
    if (isConditionFailure(failed)) return false;
    throw new StoreUnavailableError(`Cosmos DB could not write a batch (${failed})`);
  }
  if (statuses.length !== operations) throw new StoreUnavailableError('Cosmos DB answered a batch in part');
  return true;
}
