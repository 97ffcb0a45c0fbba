// Practice examples in the SQLite file (the layout step in schema.ts adds the tables). Each example is
// one row keyed by tenant and id, guarded by a version like settings; an approved example also has a
// row per part it shows in practice_parts (and one under the empty part, for the newest list), so
// listing one part's examples, or counting them, is one range of that table's primary key, whatever
// the number of examples. The rows of both tables change in one transaction.
import type Database from 'better-sqlite3';
import type { Page } from '../port';
import {
  decodeAfter,
  encodeAfter,
  listedAt,
  validExample,
  validTenant,
  type PracticeExample,
  type PracticeListRequest,
  type PracticeStore,
} from '../practicePort';
import * as valid from '../validation';

/** The store's own way of running a call: closed-store check and SQLite errors mapped to the port's. */
type Call = <T>(what: string, run: () => T) => Promise<T>;

/** The part under which every approved example is listed, for "the newest examples". */
const EVERY_PART = '';

export class LocalPracticeRecords implements PracticeStore {
  constructor(
    private readonly db: Database.Database,
    private readonly call: Call,
  ) {}

  // Compiling SQL costs more than running these small statements; each distinct text is compiled once.
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async offerExample(example: PracticeExample): Promise<{ example: PracticeExample; created: boolean }> {
    const checked = validExample(example);
    return this.call('save the practice example', () =>
      this.db
        .transaction(() => {
          const { changes } = this.statement(
            `INSERT INTO practice_examples (tenant_id, id, team_id, author_id, offered_at, data, version)
               VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING`,
          ).run(
            checked.tenantId,
            checked.id,
            checked.teamId,
            checked.authorId,
            checked.offeredAt,
            JSON.stringify(checked),
          );
          if (changes === 1) {
            this.writeParts(checked);
            return { example: checked, created: true };
          }
          const stored = this.read(checked.tenantId, checked.id);
          return { example: stored?.value ?? checked, created: false };
        })
        .immediate(),
    );
  }

  async getExample(tenantId: string, exampleId: string) {
    validTenant(tenantId);
    return this.call('read the practice example', () => this.read(tenantId, exampleId));
  }

  async replaceExample(next: PracticeExample, etag: string): Promise<boolean> {
    const checked = validExample(next);
    return this.call('update the practice example', () =>
      this.db
        .transaction(() => {
          const { changes } = this.statement(
            'UPDATE practice_examples SET data = ?, version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?',
          ).run(JSON.stringify(checked), checked.tenantId, checked.id, Number(etag));
          if (changes !== 1) return false;
          this.deleteParts(checked.tenantId, checked.id);
          this.writeParts(checked);
          return true;
        })
        .immediate(),
    );
  }

  async deleteExample(tenantId: string, exampleId: string): Promise<PracticeExample | undefined> {
    validTenant(tenantId);
    return this.call('delete the practice example', () =>
      this.db.transaction(() => {
        const row = this.statement('DELETE FROM practice_examples WHERE tenant_id = ? AND id = ? RETURNING data').get(
          tenantId,
          exampleId,
        ) as { data: string } | undefined;
        this.deleteParts(tenantId, exampleId);
        return row ? (JSON.parse(row.data) as PracticeExample) : undefined;
      })(),
    );
  }

  async listExamples(tenantId: string, request: PracticeListRequest = {}): Promise<Page<PracticeExample>> {
    validTenant(tenantId);
    const pageSize = valid.validPageSize(request);
    const after = request.continuationToken ? decodeAfter(request.continuationToken) : undefined;
    const part = request.part ?? EVERY_PART;
    return this.call('list practice examples', () => {
      // Keyset paging down the (tenant, part, listed_at, example_id) key: one index range, no OFFSET.
      const rows = this.statement(
        `SELECT p.listed_at, p.example_id, e.data FROM practice_parts p
           JOIN practice_examples e ON e.tenant_id = p.tenant_id AND e.id = p.example_id
           WHERE p.tenant_id = ? AND p.part = ?${after ? ' AND (p.listed_at, p.example_id) < (?, ?)' : ''}
           ORDER BY p.listed_at DESC, p.example_id DESC LIMIT ?`,
      ).all(tenantId, part, ...(after ? [after.at, after.id] : []), pageSize + 1) as {
        listed_at: string;
        example_id: string;
        data: string;
      }[];
      const page = rows.slice(0, pageSize);
      const items = page.map((row) => JSON.parse(row.data) as PracticeExample);
      const last = page.at(-1);
      return rows.length > pageSize && last
        ? { items, continuationToken: encodeAfter({ at: last.listed_at, id: last.example_id }) }
        : { items };
    });
  }

  async countExamples(tenantId: string, part: string): Promise<number> {
    validTenant(tenantId);
    return this.call('count practice examples', () => {
      const row = this.statement('SELECT COUNT(*) AS n FROM practice_parts WHERE tenant_id = ? AND part = ?').get(
        tenantId,
        part,
      ) as { n: number };
      return row.n;
    });
  }

  async listAuthorExamples(tenantId: string, authorId: string): Promise<PracticeExample[]> {
    validTenant(tenantId);
    valid.validId(authorId, 'user id');
    return this.call("list a person's practice examples", () =>
      this.rows(
        'SELECT data FROM practice_examples WHERE author_id = ? AND tenant_id = ? ORDER BY offered_at DESC',
        authorId,
        tenantId,
      ),
    );
  }

  async listPersonExamples(authorId: string): Promise<PracticeExample[]> {
    valid.validId(authorId, 'user id');
    return this.call("list a person's practice examples", () =>
      this.rows('SELECT data FROM practice_examples WHERE author_id = ? ORDER BY offered_at DESC', authorId),
    );
  }

  async deletePersonExamples(authorId: string): Promise<number> {
    valid.validId(authorId, 'user id');
    return this.deleteWhere('author_id', authorId);
  }

  async deleteTeamExamples(teamId: string): Promise<number> {
    valid.validId(teamId, 'team id');
    return this.deleteWhere('team_id', teamId);
  }

  private deleteWhere(column: 'author_id' | 'team_id', value: string): Promise<number> {
    return this.call('delete practice examples', () =>
      this.db.transaction(() => {
        const gone = this.statement(`DELETE FROM practice_examples WHERE ${column} = ? RETURNING tenant_id, id`).all(
          value,
        ) as { tenant_id: string; id: string }[];
        for (const row of gone) this.deleteParts(row.tenant_id, row.id);
        return gone.length;
      })(),
    );
  }

  private rows(sql: string, ...values: string[]): PracticeExample[] {
    return (this.statement(sql).all(...values) as { data: string }[]).map(
      (row) => JSON.parse(row.data) as PracticeExample,
    );
  }

  private read(tenantId: string, exampleId: string) {
    const row = this.statement('SELECT data, version FROM practice_examples WHERE tenant_id = ? AND id = ?').get(
      tenantId,
      exampleId,
    ) as { data: string; version: number } | undefined;
    return row ? { value: JSON.parse(row.data) as PracticeExample, etag: String(row.version) } : undefined;
  }

  private writeParts(example: PracticeExample): void {
    const at = listedAt(example);
    if (at === undefined) return;
    const insert = this.statement(
      'INSERT OR IGNORE INTO practice_parts (tenant_id, part, listed_at, example_id) VALUES (?, ?, ?, ?)',
    );
    for (const part of [EVERY_PART, ...example.parts]) insert.run(example.tenantId, part, at, example.id);
  }

  private deleteParts(tenantId: string, exampleId: string): void {
    this.statement('DELETE FROM practice_parts WHERE tenant_id = ? AND example_id = ?').run(tenantId, exampleId);
  }
}
