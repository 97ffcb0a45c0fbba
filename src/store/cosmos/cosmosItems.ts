// How the engine's items sit in Cosmos DB's `items` container. One document per item, partitioned by /partition;
// the record itself is under `value`, so Cosmos DB's own fields (_etag, _ts, ...) never mix with a record's.
import type { ContainerDefinition, JSONObject, OperationInput, SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { PartitionKeyDefinitionVersion, PartitionKeyKind } from '@azure/cosmos';
import type { BatchOperation, ItemWrite, JsonValue, RangeQuery, StoredItem } from '../engine/engine';

// Version 2 (hashed) partition keys take values up to 2 KB, which the engine's 1,024-character
// partitions need. defaultTtl -1 turns TTL on without expiring anything by default: only items
// that carry their own `ttl` (the ones written with expiresAt) are deleted by Cosmos DB.
export const ITEMS_CONTAINER: ContainerDefinition & { id: string } = {
  id: 'items',
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

export function toDocument({ partition, kind, id, value, expiresAt, refs }: ItemWrite, now: number): ItemDocument {
  const document: ItemDocument = { id: documentId(kind, id), partition, kind, key: id, value };
  if (expiresAt !== undefined) {
    document.expiresAt = expiresAt;
    // At least a second: a ttl of 0 or less is refused, and an item already expired is hidden anyway.
    document.ttl = Math.max(1, Math.ceil((expiresAt - now) / 1000));
  }
  if (refs !== undefined) document.refs = [...refs];
  return document;
}

export function toStoredItem<T extends JsonValue>(document: ItemDocument, version: string): StoredItem<T> {
  const { partition, kind, key, value, expiresAt, refs } = document;
  const item: StoredItem<T> = { partition, kind, id: key, value: value as T, version };
  if (expiresAt !== undefined) item.expiresAt = expiresAt;
  if (refs !== undefined) item.refs = refs;
  return item;
}

/** Cosmos DB deletes an expired item some time after its ttl (the loopback server never does): hide it at once. */
export function isLive(document: { expiresAt?: number }, now: number): boolean {
  return document.expiresAt === undefined || document.expiresAt > now;
}

const LIVE = '(NOT IS_DEFINED(c.expiresAt) OR c.expiresAt > @now)';

/**
 * Live items of one kind in one partition, ordered by id, or their count. The partition key option keeps Cosmos DB
 * to the partition; the `c.partition` predicate is there for the loopback test server, which ignores that option.
 */
export function rangeQuery(kind: string, partition: string, range: RangeQuery, now: number, count = false) {
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
  if (count) return { query: `SELECT VALUE COUNT(1) FROM c WHERE ${where.join(' AND ')}`, parameters };
  const top = range.limit !== undefined ? 'TOP @limit ' : '';
  if (range.limit !== undefined) parameters.push({ name: '@limit', value: range.limit });
  const orderBy = `ORDER BY c.key ${descending ? 'DESC' : 'ASC'}`;
  return { query: `SELECT ${top}* FROM c WHERE ${where.join(' AND ')} ${orderBy}`, parameters };
}

/** Live items carrying `ref`, of any of `kinds`, across all partitions. */
export function refQuery(ref: string, kinds: readonly string[], now: number): SqlQuerySpec {
  const kindParameters = kinds.map((kind, index) => ({ name: `@kind${index}`, value: kind }));
  const kindNames = kindParameters.map(({ name }) => name).join(', ');
  const query = `SELECT * FROM c WHERE ARRAY_CONTAINS(c.refs, @ref) AND c.kind IN (${kindNames}) AND ${LIVE}`;
  return { query, parameters: [{ name: '@ref', value: ref }, { name: '@now', value: now }, ...kindParameters] };
}

/**
 * One operation of a batch. Each names the partition too: the batch's own key is what Cosmos DB
 * uses, and the loopback test server reads the operations'.
 */
export function batchInput(partitionKey: string, operation: BatchOperation, now: number): OperationInput {
  if (operation.op === 'delete') {
    const id = documentId(operation.key.kind, operation.key.id);
    return { operationType: 'Delete', id, partitionKey, ...(operation.version ? { ifMatch: operation.version } : {}) };
  }
  const document = toDocument(operation.item, now);
  // Our documents are plain JSON already; the batch API types its bodies so.
  const resourceBody = document as unknown as JSONObject;
  if (operation.op === 'create') return { operationType: 'Create', partitionKey, resourceBody };
  if (operation.op === 'upsert') return { operationType: 'Upsert', partitionKey, resourceBody };
  return { operationType: 'Replace', id: document.id, partitionKey, resourceBody, ifMatch: operation.version };
}
