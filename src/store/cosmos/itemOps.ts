// Small building blocks over the SDK's item API that the engine and the move of the old containers
// share: deletes that tolerate races, whole-query reads, and bounded concurrency for bulk work.
import type { Container, SqlQuerySpec } from '@azure/cosmos';
import { NOT_FOUND, PRECONDITION_FAILED, statusOf } from './cosmosErrors';

export interface ItemContext {
  abortSignal: AbortSignal;
  now: number;
}

/** True when the item was there and is now gone; false when it was already missing. */
export async function deleteItem(
  container: Container,
  id: string,
  partitionKey: string,
  abortSignal: AbortSignal,
  etag?: string,
): Promise<boolean> {
  try {
    await container
      .item(id, partitionKey)
      .delete({ abortSignal, ...(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : {}) });
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
  abortSignal: AbortSignal,
  partitionKey?: string,
): Promise<R[]> {
  const { resources } = await container.items
    .query<R>(query, { abortSignal, ...(partitionKey !== undefined ? { partitionKey } : {}) })
    .fetchAll();
  return resources;
}
