// Makes @vercel/cosmosdb-server apply an atomic (transactional) batch all or nothing, as Azure
// Cosmos DB does. Unpatched, the server runs a batch's operations one by one and keeps those before
// the first that failed, so the engine contract's "a failed batch writes nothing" could not be
// checked against it. We wrap its batch handler: the target collection's documents are saved before
// the operations run and put back when one of them failed, and the others then answer 424 (failed
// dependency), as they do on Cosmos DB.
//
// The server's route table takes the batch handler when its routes module loads, so the handler is
// replaced in its module before the server is loaded, and the server is handed out from here. The
// patch reaches into the package's internals (pinned in package-lock.json); if they are not as
// expected, loading this module throws rather than leaving batches silently not rolled back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Account from '@vercel/cosmosdb-server/lib/account';
import type Collection from '@vercel/cosmosdb-server/lib/account/collection';

type BatchHandler = (
  account: Account,
  req: IncomingMessage,
  res: ServerResponse,
  params: { dbId: string; collId: string },
) => Promise<unknown>;

type Documents = Collection['documents'];

interface SavedDocuments {
  documents: Documents;
  data: Documents['_data'];
  index: Documents['_index'];
  ridCount: number;
}

const PACKAGE = '@vercel/cosmosdb-server/lib';
const FAILED_DEPENDENCY = 424;

// Each write stores a new document object in `_data` and `_index` (never changes one in place), so
// copies of the two maps are enough to undo a batch.
function save(documents: Documents): SavedDocuments {
  return {
    documents,
    data: new Map(documents._data),
    index: new Map(documents._index),
    ridCount: documents._ridCount,
  };
}

function restore({ documents, data, index, ridCount }: SavedDocuments): void {
  documents._data.clear();
  for (const [rid, item] of data) documents._data.set(rid, item);
  documents._index.clear();
  for (const [key, rid] of index) documents._index.set(key, rid);
  documents._ridCount = ridCount;
}

function isTrueHeader(value: string | string[] | undefined): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.some((one) => one?.toLowerCase() === 'true');
}

function isFailure(result: unknown): boolean {
  const status =
    typeof result === 'object' && result !== null ? (result as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' && status >= 400;
}

function allOrNothing(runBatch: BatchHandler): BatchHandler {
  return async (account, req, res, params) => {
    if (!isTrueHeader(req.headers['x-ms-cosmos-batch-atomic'])) return runBatch(account, req, res, params);
    let saved: SavedDocuments | undefined;
    // The handler awaits the request body, then looks the collection up and runs every operation
    // without awaiting again. Saving at that look-up (not before the body arrived) means no other
    // request can write to the collection between the save and a restore, which would undo its write.
    const savingAccount: Account = Object.create(account, {
      database: {
        value: (dbId: string) => {
          const database = account.database(dbId);
          saved = save(database.collection(params.collId).documents);
          return database;
        },
      },
    });
    let results: unknown;
    try {
      results = await runBatch(savingAccount, req, res, params);
    } catch (error) {
      if (saved) restore(saved);
      throw error;
    }
    if (!saved || !Array.isArray(results) || !results.some(isFailure)) return results;
    restore(saved);
    return results.map((result) => (isFailure(result) ? result : { statusCode: FAILED_DEPENDENCY, requestCharge: 0 }));
  };
}

function expectInternals(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`@vercel/cosmosdb-server is not as cosmosBatchRollback.ts expects (${what}); update the patch`);
  }
}

function loadServerWithRollback(): typeof import('@vercel/cosmosdb-server') {
  // Loaded with require, in this order, because the handler must be replaced before routes.js loads.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const batchModule = require(`${PACKAGE}/handler/batch-documents`) as { default: BatchHandler };
  const CollectionClass = (require(`${PACKAGE}/account/collection`) as { default: typeof Collection }).default;

  const probe = new CollectionClass(undefined).documents;
  expectInternals(
    probe._data instanceof Map && probe._index instanceof Map && typeof probe._ridCount === 'number',
    'a collection keeps its documents in the _data and _index maps',
  );
  expectInternals(typeof batchModule.default === 'function', 'handler/batch-documents exports a default handler');
  const patched = allOrNothing(batchModule.default);
  batchModule.default = patched;

  const route = (require(`${PACKAGE}/routes`) as { default: (req: unknown) => unknown[] | undefined }).default;
  const server = require('@vercel/cosmosdb-server') as typeof import('@vercel/cosmosdb-server');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const batchRequest = {
    method: 'POST',
    url: '/dbs/d/colls/c/docs',
    headers: { 'x-ms-cosmos-is-batch-request': 'true' },
  };
  expectInternals(
    route(batchRequest)?.[1] === patched,
    'a batch request is routed to the patched handler; was the server loaded before this module?',
  );
  return server;
}

export const { createHttpsServer } = loadServerWithRollback();
