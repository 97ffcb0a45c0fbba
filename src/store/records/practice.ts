// Practice examples on the storage engine. An organisation's examples are its tenant's partition:
// each example is one item, and each APPROVED example also has one index item per part it shows
// (and one under the empty part, for the newest list), id `${part}|${listedAt}|${exampleId}`, holding
// a copy of the example. So one part's page, newest approval first, is one range query down those
// ids, and its count one count, whatever the number of examples. The index items change in the same
// batch as the example (the example's write first, at the version read), so they never disagree.
import { practiceExampleSchema, practicePartSchema, type PracticeExample } from '../../domain/records/practiceExample';
import type { BatchOperation, ItemKey, ItemWrite, JsonValue, StorageEngine, StoredItem } from '../engine/engine';
import { LOST_RACE, retryOnConflict } from '../optimisticRetry';
import type { Page, Versioned } from '../port';
import {
  decodeAfter,
  encodeAfter,
  listedAt,
  validTenant,
  type PracticeListRequest,
  type PracticeStore,
} from '../practicePort';
import * as valid from '../validation';
import { parseRecord, partitions, refs, versioned, type LegacyImport, type RecordOptions } from './shared';
import { forEachLimited } from '../forEachLimited';

const EXAMPLE = 'practiceExample';
const PART_INDEX = 'practicePart';
/** The part under which every approved example is listed, for "the newest examples". */
const EVERY_PART = '';
/** Deletes of a person's or a team's examples run a few at a time. */
const DELETE_CONCURRENCY = 8;

function exampleKey(tenantId: string, exampleId: string): ItemKey {
  return { partition: partitions.tenant(tenantId), kind: EXAMPLE, id: exampleId };
}

/** Example ids are hex (the schema says so); any other id names no example, and is no valid item id either. */
function isExampleId(exampleId: string): boolean {
  return practiceExampleSchema.shape.id.safeParse(exampleId).success;
}

/** A part to list or count: the empty one (every approved example) or a part an example may show. */
function isListablePart(part: string): boolean {
  return part === EVERY_PART || practicePartSchema.safeParse(part).success;
}

/** The ids of an example's index items: none unless it is approved; one per distinct part, and one for all. */
function indexIds(example: PracticeExample): string[] {
  const at = listedAt(example);
  if (at === undefined) return [];
  return [...new Set([EVERY_PART, ...example.parts])].map((part) => `${part}|${at}|${example.id}`);
}

function checked(example: PracticeExample): PracticeExample {
  return parseRecord(practiceExampleSchema, example, 'practice example');
}

/** The example item: its author's and its team's refs let "my data" and the team sweep find it in any tenant. */
function exampleItem(example: PracticeExample): ItemWrite {
  return {
    ...exampleKey(example.tenantId, example.id),
    value: example as JsonValue,
    refs: [refs.person(example.authorId), refs.team(example.teamId)],
  };
}

/** An index item holds a whole copy of the example, so a page needs no further read. */
function indexItem(example: PracticeExample, id: string): ItemWrite {
  return { partition: partitions.tenant(example.tenantId), kind: PART_INDEX, id, value: example as JsonValue };
}

function newestOfferFirst(a: PracticeExample, b: PracticeExample): number {
  return a.offeredAt < b.offeredAt ? 1 : a.offeredAt > b.offeredAt ? -1 : 0;
}

export function createPracticeRecords(engine: StorageEngine, options: RecordOptions): PracticeStore {
  /**
   * Removes an example and its index items in one batch, at the version read; a change in between
   * reads again. What was removed, or undefined when it was already gone.
   */
  function removeExample(key: ItemKey): Promise<PracticeExample | undefined> {
    return retryOnConflict('delete the practice example', options.conflictPolicy, async () => {
      const found = await engine.read<JsonValue>(key);
      if (!found) return undefined;
      const example = found.value as unknown as PracticeExample;
      const operations: BatchOperation[] = [
        { op: 'delete', key: { kind: EXAMPLE, id: key.id }, version: found.version },
        ...indexIds(example).map((id): BatchOperation => ({ op: 'delete', key: { kind: PART_INDEX, id } })),
      ];
      return (await engine.batch(key.partition, operations)) !== undefined ? example : LOST_RACE;
    });
  }

  async function removeAll(items: readonly StoredItem[]): Promise<number> {
    let deleted = 0;
    // Each example goes atomically with its index items; if the call is cut short, running it again finishes the job.
    await forEachLimited(items, DELETE_CONCURRENCY, async ({ partition, kind, id }) => {
      if ((await removeExample({ partition, kind, id })) !== undefined) deleted += 1;
    });
    return deleted;
  }

  async function examplesOf(authorId: string): Promise<StoredItem[]> {
    return engine.findByRef(refs.person(authorId), [EXAMPLE]);
  }

  return {
    async offerExample(example: PracticeExample): Promise<{ example: PracticeExample; created: boolean }> {
      const offered = checked(example);
      const operations: BatchOperation[] = [
        { op: 'create', item: exampleItem(offered) },
        ...indexIds(offered).map((id): BatchOperation => ({ op: 'create', item: indexItem(offered, id) })),
      ];
      if ((await engine.batch(partitions.tenant(offered.tenantId), operations)) !== undefined)
        return { example: offered, created: true };
      // Offered before (a resend, or the same win again): the stored example stands.
      const stored = await engine.read(exampleKey(offered.tenantId, offered.id));
      return { example: (stored?.value as PracticeExample | undefined) ?? offered, created: false };
    },

    async getExample(tenantId: string, exampleId: string): Promise<Versioned<PracticeExample> | undefined> {
      validTenant(tenantId);
      if (!isExampleId(exampleId)) return undefined;
      const found = await engine.read(exampleKey(tenantId, exampleId));
      return found ? versioned<PracticeExample>(found) : undefined;
    },

    async replaceExample(next: PracticeExample, etag: string): Promise<boolean> {
      const example = checked(next);
      const key = exampleKey(example.tenantId, example.id);
      // The index items to take away are the stored example's, so read it; the batch's replace at
      // `etag` still decides, whatever changed after this read.
      const current = await engine.read<JsonValue>(key);
      if (!current || current.version !== etag) return false;
      const before = indexIds(current.value as unknown as PracticeExample);
      const after = indexIds(example);
      const operations: BatchOperation[] = [
        { op: 'replace', item: exampleItem(example), version: etag },
        ...before
          .filter((id) => !after.includes(id))
          .map((id): BatchOperation => ({ op: 'delete', key: { kind: PART_INDEX, id } })),
        // An index item kept in place still gets the example's new copy.
        ...after.map((id): BatchOperation =>
          before.includes(id)
            ? { op: 'upsert', item: indexItem(example, id) }
            : { op: 'create', item: indexItem(example, id) },
        ),
      ];
      return (await engine.batch(key.partition, operations)) !== undefined;
    },

    async deleteExample(tenantId: string, exampleId: string): Promise<PracticeExample | undefined> {
      validTenant(tenantId);
      if (!isExampleId(exampleId)) return undefined;
      return removeExample(exampleKey(tenantId, exampleId));
    },

    async listExamples(tenantId: string, request: PracticeListRequest = {}): Promise<Page<PracticeExample>> {
      validTenant(tenantId);
      const pageSize = valid.validPageSize(request);
      const after = request.continuationToken ? decodeAfter(request.continuationToken) : undefined;
      const part = request.part ?? EVERY_PART;
      if (!isListablePart(part)) return { items: [] };
      const prefix = `${part}|`;
      // One more than the page, to tell whether another page follows.
      const found = await engine.query<JsonValue>(PART_INDEX, partitions.tenant(tenantId), {
        prefix,
        ...(after ? { after: `${prefix}${after.at}|${after.id}` } : {}),
        order: 'desc',
        limit: pageSize + 1,
      });
      const page = found.slice(0, pageSize);
      const items = page.map((item) => item.value as unknown as PracticeExample);
      const last = page.at(-1);
      if (found.length <= pageSize || !last) return { items };
      const [at = '', id = ''] = last.id.slice(prefix.length).split('|');
      return { items, continuationToken: encodeAfter({ at, id }) };
    },

    async countExamples(tenantId: string, part: string): Promise<number> {
      validTenant(tenantId);
      if (!isListablePart(part)) return 0;
      return engine.count(PART_INDEX, partitions.tenant(tenantId), { prefix: `${part}|` });
    },

    async listAuthorExamples(tenantId: string, authorId: string): Promise<PracticeExample[]> {
      validTenant(tenantId);
      valid.validId(authorId, 'user id');
      // A person's examples are few: finding them by their ref beats reading the whole tenant's.
      const partition = partitions.tenant(tenantId);
      return (await examplesOf(authorId))
        .filter((item) => item.partition === partition)
        .map((item) => item.value as unknown as PracticeExample)
        .sort(newestOfferFirst);
    },

    async listPersonExamples(authorId: string): Promise<PracticeExample[]> {
      valid.validId(authorId, 'user id');
      return (await examplesOf(authorId))
        .map((item) => item.value as unknown as PracticeExample)
        .sort(newestOfferFirst);
    },

    async deletePersonExamples(authorId: string): Promise<number> {
      valid.validId(authorId, 'user id');
      return removeAll(await examplesOf(authorId));
    },

    async deleteTeamExamples(teamId: string): Promise<number> {
      valid.validId(teamId, 'team id');
      return removeAll(await engine.findByRef(refs.team(teamId), [EXAMPLE]));
    },
  };
}

/** An old example into today's items: the example, and its index items when it is approved. */
export const legacyImports: Record<string, LegacyImport> = {
  practiceExample: (record) => {
    const example = checked(record.data as unknown as PracticeExample);
    return [exampleItem(example), ...indexIds(example).map((id) => indexItem(example, id))];
  },
};
