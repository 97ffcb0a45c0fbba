// Small building blocks over the SDK's item API that every record kind uses: point reads that
// treat expired items as absent, ETag-guarded read-modify-write, and deletes that tolerate races.
import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { LOST_RACE, retryOnConflict, type ConflictPolicy } from '../optimisticRetry';
import type { Versioned } from '../port';
import { CONFLICT, NOT_FOUND, PRECONDITION_FAILED, statusOf } from './cosmosErrors';
import type { Envelope } from './documents';

export interface ItemContext {
  signal: AbortSignal;
  now: number;
}

export interface Found<I> {
  item: I;
  etag: string;
}

/**
 * Cosmos DB deletes an item some time after its `ttl` passes, and the loopback test server never
 * does; `expiresAt` makes an expired item invisible at once, the same in every environment.
 */
export function isLive(item: Envelope<unknown>, now: number): boolean {
  return item.expiresAt === undefined || item.expiresAt > now;
}

/** A point read (the cheapest Cosmos DB operation); undefined when absent. Expired items are returned: callers decide. */
export async function readItem<I extends Envelope<unknown>>(
  container: Container,
  id: string,
  partitionKey: string,
  signal: AbortSignal,
): Promise<Found<I> | undefined> {
  const response = await container.item(id, partitionKey).read<I>({ abortSignal: signal });
  // The SDK answers 404 on a point read with an empty response rather than an error.
  if (!response.resource) return undefined;
  return { item: response.resource, etag: response.etag };
}

export async function readLiveData<T>(
  container: Container,
  id: string,
  partitionKey: string,
  ctx: ItemContext,
): Promise<Versioned<T> | undefined> {
  const found = await readItem<Envelope<T>>(container, id, partitionKey, ctx.signal);
  if (!found || !isLive(found.item, ctx.now)) return undefined;
  return { value: found.item.data, etag: found.etag };
}

export interface ReadModifyWrite<T> {
  what: string;
  container: Container;
  id: string;
  partitionKey: string;
  /** The new record, or undefined to leave the stored one as it is. */
  change: (current: T | undefined) => Promise<T | undefined>;
  /** Wraps the record in its item envelope. */
  toItem: (data: T) => Envelope<T>;
  policy: ConflictPolicy;
}

/**
 * Reads the item, computes the change, and writes it only if nobody wrote in between: replace with
 * If-Match on the ETag read, or create (which fails with 409 if someone created it first). A lost
 * race re-reads and tries again, a bounded number of times.
 */
export async function readModifyWrite<T>(op: ReadModifyWrite<T>, ctx: ItemContext): Promise<Versioned<T> | undefined> {
  const item = op.container.item(op.id, op.partitionKey);
  return retryOnConflict(
    op.what,
    op.policy,
    async () => {
      const found = await readItem<Envelope<T>>(op.container, op.id, op.partitionKey, ctx.signal);
      const current = found && isLive(found.item, ctx.now) ? found.item.data : undefined;
      const next = await op.change(current);
      if (next === undefined) return found && current !== undefined ? { value: current, etag: found.etag } : undefined;
      try {
        const response = found
          ? await item.replace(op.toItem(next), {
              accessCondition: { type: 'IfMatch', condition: found.etag },
              abortSignal: ctx.signal,
            })
          : await op.container.items.create(op.toItem(next), { abortSignal: ctx.signal });
        return { value: next, etag: response.etag };
      } catch (error) {
        const status = statusOf(error);
        // 412: changed since our read; 409: created since our read; 404: deleted since our read.
        if (status === PRECONDITION_FAILED || status === CONFLICT || status === NOT_FOUND) return LOST_RACE;
        throw error;
      }
    },
    ctx.signal,
  );
}

/** True when the item was there and is now gone; false when it was already missing. */
export async function deleteItem(
  container: Container,
  id: string,
  partitionKey: string,
  signal: AbortSignal,
  etag?: string,
): Promise<boolean> {
  try {
    await container
      .item(id, partitionKey)
      .delete({ abortSignal: signal, ...(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : {}) });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === NOT_FOUND || (etag && status === PRECONDITION_FAILED)) return false;
    throw error;
  }
}

/** Every result of a query; `partitionKey` keeps it to one partition, without it the query fans out. */
export async function queryAll<R>(
  container: Container,
  query: SqlQuerySpec,
  signal: AbortSignal,
  partitionKey?: string,
): Promise<R[]> {
  const { resources } = await container.items
    .query<R>(query, { abortSignal: signal, ...(partitionKey !== undefined ? { partitionKey } : {}) })
    .fetchAll();
  return resources;
}

/**
 * One page of a query across partitions. A fan-out page can come back short, so keep asking until
 * the page is full or the results run out; the continuation token is the SDK's own.
 */
export async function queryPage<I, T>(
  container: Container,
  query: SqlQuerySpec,
  request: { pageSize: number; continuationToken?: string | undefined },
  signal: AbortSignal,
  toValue: (item: I) => T,
): Promise<{ items: T[]; continuationToken?: string }> {
  const items: T[] = [];
  let token = request.continuationToken;
  do {
    const page = await container.items
      .query<I>(query, { maxItemCount: request.pageSize - items.length, continuationToken: token, abortSignal: signal })
      .fetchNext();
    items.push(...page.resources.map(toValue));
    token = page.continuationToken;
  } while (token && items.length < request.pageSize);
  return token ? { items, continuationToken: token } : { items };
}

/** Runs `work` over `items` with at most `limit` in flight, so bulk deletes neither crawl nor flood. */
export async function forEachLimited<I>(
  items: readonly I[],
  limit: number,
  work: (item: I) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as I;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
