// Practice examples in Cosmos DB. They live in the `teams` container (partitioned by /teamId) under a
// partition key of their own per tenant, `practice|<tenant id>`, which no Teams team id can take, so
// an organisation's examples are one partition: every list and count is a query within it, and no
// query for one tenant reads another's. An approved example carries the parts it shows (and '', for
// the newest list) in `parts`, so one part's examples are one paged ARRAY_CONTAINS query.
import type { Container, SqlQuerySpec } from '@azure/cosmos';
import type { Page, Versioned } from '../port';
import {
  listedAt,
  validExample,
  validTenant,
  type PracticeExample,
  type PracticeListRequest,
  type PracticeStore,
} from '../practicePort';
import * as valid from '../validation';
import { CONFLICT, NOT_FOUND, PRECONDITION_FAILED, statusOf } from './cosmosErrors';
import type { Envelope } from './documents';
import { deleteItem, forEachLimited, queryAll, readItem, type ItemContext } from './itemOps';

type Call = <T>(what: string, run: (ctx: ItemContext) => Promise<T>) => Promise<T>;

const TYPE = 'practiceExample';
const EVERY_PART = '';
const DELETE_CONCURRENCY = 8;

interface PracticeItem extends Envelope<PracticeExample> {
  /** The container's partition key: the tenant's practice partition, not a team. */
  teamId: string;
  type: typeof TYPE;
  /** '' and the parts an approved example shows; empty for one not (or no longer) approved. */
  parts: string[];
  listedAt: string;
}

export function practicePartition(tenantId: string): string {
  return `practice|${tenantId}`;
}

function itemId(exampleId: string): string {
  return `practice-${exampleId}`;
}

function toItem(example: PracticeExample): PracticeItem {
  const at = listedAt(example);
  return {
    id: itemId(example.id),
    teamId: practicePartition(example.tenantId),
    type: TYPE,
    data: example,
    parts: at === undefined ? [] : [EVERY_PART, ...example.parts],
    listedAt: at ?? '',
  };
}

export class CosmosPracticeRecords implements PracticeStore {
  constructor(
    private readonly container: Container,
    private readonly call: Call,
  ) {}

  async offerExample(example: PracticeExample): Promise<{ example: PracticeExample; created: boolean }> {
    const checked = validExample(example);
    return this.call('save the practice example', async ({ signal }) => {
      try {
        await this.container.items.create(toItem(checked), { abortSignal: signal });
        return { example: checked, created: true };
      } catch (error) {
        if (statusOf(error) !== CONFLICT) throw error;
      }
      // Offered before (a resend, or the same win again): the stored example stands.
      const stored = await readItem<PracticeItem>(
        this.container,
        itemId(checked.id),
        practicePartition(checked.tenantId),
        signal,
      );
      return { example: stored?.item.data ?? checked, created: false };
    });
  }

  async getExample(tenantId: string, exampleId: string): Promise<Versioned<PracticeExample> | undefined> {
    validTenant(tenantId);
    return this.call('read the practice example', async ({ signal }) => {
      const found = await readItem<PracticeItem>(
        this.container,
        itemId(exampleId),
        practicePartition(tenantId),
        signal,
      );
      return found ? { value: found.item.data, etag: found.etag } : undefined;
    });
  }

  async replaceExample(next: PracticeExample, etag: string): Promise<boolean> {
    const checked = validExample(next);
    return this.call('update the practice example', async ({ signal }) => {
      try {
        await this.container
          .item(itemId(checked.id), practicePartition(checked.tenantId))
          .replace(toItem(checked), { accessCondition: { type: 'IfMatch', condition: etag }, abortSignal: signal });
        return true;
      } catch (error) {
        const status = statusOf(error);
        if (status === PRECONDITION_FAILED || status === NOT_FOUND) return false;
        throw error;
      }
    });
  }

  async deleteExample(tenantId: string, exampleId: string): Promise<PracticeExample | undefined> {
    validTenant(tenantId);
    return this.call('delete the practice example', async ({ signal }) => {
      const partition = practicePartition(tenantId);
      const found = await readItem<PracticeItem>(this.container, itemId(exampleId), partition, signal);
      if (!found) return undefined;
      const deleted = await deleteItem(this.container, itemId(exampleId), partition, signal);
      return deleted ? found.item.data : undefined;
    });
  }

  async listExamples(tenantId: string, request: PracticeListRequest = {}): Promise<Page<PracticeExample>> {
    validTenant(tenantId);
    const pageSize = valid.validPageSize(request);
    const partition = practicePartition(tenantId);
    const query = {
      // The c.teamId predicate is redundant beside the partition key option, but the loopback test
      // server ignores that option; with it the results are right everywhere.
      query: `SELECT * FROM c WHERE c.teamId = @partition AND c.type = '${TYPE}' AND ARRAY_CONTAINS(c.parts, @part) ORDER BY c.listedAt DESC`,
      parameters: [
        { name: '@partition', value: partition },
        { name: '@part', value: request.part ?? EVERY_PART },
      ],
    };
    return this.call('list practice examples', async ({ signal }) => {
      const items: PracticeExample[] = [];
      let token = request.continuationToken;
      // Within one partition a page comes back whole; the loop only guards against a short one.
      do {
        const page = await this.container.items
          .query<PracticeItem>(query, {
            partitionKey: partition,
            maxItemCount: pageSize - items.length,
            continuationToken: token,
            abortSignal: signal,
          })
          .fetchNext();
        items.push(...page.resources.map((item) => item.data));
        token = page.continuationToken;
      } while (token && items.length < pageSize);
      return token ? { items, continuationToken: token } : { items };
    });
  }

  async countExamples(tenantId: string, part: string): Promise<number> {
    validTenant(tenantId);
    const partition = practicePartition(tenantId);
    return this.call('count practice examples', async ({ signal }) => {
      const [count] = await queryAll<number>(
        this.container,
        {
          query: `SELECT VALUE COUNT(1) FROM c WHERE c.teamId = @partition AND c.type = '${TYPE}' AND ARRAY_CONTAINS(c.parts, @part)`,
          parameters: [
            { name: '@partition', value: partition },
            { name: '@part', value: part },
          ],
        },
        signal,
        partition,
      );
      return count ?? 0;
    });
  }

  async listAuthorExamples(tenantId: string, authorId: string): Promise<PracticeExample[]> {
    validTenant(tenantId);
    valid.validId(authorId, 'user id');
    const partition = practicePartition(tenantId);
    return this.call("list a person's practice examples", async ({ signal }) =>
      this.examples(
        {
          query: `SELECT * FROM c WHERE c.teamId = @partition AND c.type = '${TYPE}' AND c.data.authorId = @author ORDER BY c.data.offeredAt DESC`,
          parameters: [
            { name: '@partition', value: partition },
            { name: '@author', value: authorId },
          ],
        },
        signal,
        partition,
      ),
    );
  }

  async listPersonExamples(authorId: string): Promise<PracticeExample[]> {
    valid.validId(authorId, 'user id');
    // Across tenants ("my data" names everything the bot keeps about the person): rare, so it may fan out.
    return this.call("list a person's practice examples", async ({ signal }) =>
      (
        await this.examples(
          {
            query: `SELECT * FROM c WHERE c.type = '${TYPE}' AND c.data.authorId = @author`,
            parameters: [{ name: '@author', value: authorId }],
          },
          signal,
        )
      ).sort((a, b) => b.offeredAt.localeCompare(a.offeredAt)),
    );
  }

  async deletePersonExamples(authorId: string): Promise<number> {
    valid.validId(authorId, 'user id');
    return this.deleteWhere('c.data.authorId', authorId);
  }

  async deleteTeamExamples(teamId: string): Promise<number> {
    valid.validId(teamId, 'team id');
    return this.deleteWhere('c.data.teamId', teamId);
  }

  /** Deletes every example matching one field; each delete is atomic, and running it again finishes a cut-short job. */
  private deleteWhere(field: 'c.data.authorId' | 'c.data.teamId', value: string): Promise<number> {
    return this.call('delete practice examples', async ({ signal }) => {
      const found = await queryAll<{ id: string; teamId: string }>(
        this.container,
        {
          query: `SELECT c.id, c.teamId FROM c WHERE c.type = '${TYPE}' AND ${field} = @value`,
          parameters: [{ name: '@value', value }],
        },
        signal,
      );
      let deleted = 0;
      await forEachLimited(found, DELETE_CONCURRENCY, async ({ id, teamId }) => {
        if (await deleteItem(this.container, id, teamId, signal)) deleted += 1;
      });
      return deleted;
    });
  }

  private async examples(query: SqlQuerySpec, signal: AbortSignal, partition?: string): Promise<PracticeExample[]> {
    return (await queryAll<PracticeItem>(this.container, query, signal, partition)).map((item) => item.data);
  }
}
