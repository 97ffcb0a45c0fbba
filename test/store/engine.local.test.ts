// The SQLite engine against the shared engine contract, plus what only a local file has: the move
// to the items layout, the purge, damaged files, and a turn's writes sharing one transaction.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError, StoreUnavailableError, StoreValidationError } from '../../src/store/errors';
import { ITEMS_LAYOUT_VERSION } from '../../src/store/local/itemsSchema';
import { migrate, SCHEMA_VERSION } from '../../src/store/local/schema';
import { LOCAL_STORE_FILE, SqliteEngine, type SqliteEngineOptions } from '../../src/store/local/sqliteEngine';
import { defineEngineContract } from './engineContract';
import { TestClock, uniqueId } from './fixtures';

const dirs: string[] = [];
const opened: SqliteEngine[] = [];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-engine-'));
  dirs.push(dir);
  return dir;
}

async function openEngine(dataDir: string, clock: TestClock, extra: Partial<SqliteEngineOptions> = {}) {
  const engine = await SqliteEngine.open({ dataDir, clock: clock.now, purgeIntervalMs: 0, ...extra });
  opened.push(engine);
  return engine;
}

async function closeAll(): Promise<void> {
  for (const engine of opened.splice(0)) await engine.close();
}

afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

defineEngineContract({
  name: 'SQLite',
  async open() {
    const dataDir = freshDir();
    const clock = new TestClock();
    const engine = await openEngine(dataDir, clock);
    return { engine, clock, openAnother: () => openEngine(dataDir, clock) };
  },
  closeAll,
});

describe('SQLite engine', () => {
  afterEach(closeAll);
  const item = (partition: string, id: string, extra = {}) => ({
    partition,
    kind: 'thing',
    id,
    value: { id },
    ...extra,
  });

  it('opens a file of the earlier layout, adding the items tables and keeping the old ones', async () => {
    const dataDir = freshDir();
    const old = new Database(join(dataDir, LOCAL_STORE_FILE));
    migrate(old);
    expect(old.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(ITEMS_LAYOUT_VERSION).toBe(SCHEMA_VERSION + 1);
    old.prepare("INSERT INTO team_settings (team_id, data, version) VALUES ('19:team', '{\"a\":1}', 3)").run();
    old.close();

    const engine = await openEngine(dataDir, new TestClock());
    expect(await engine.create(item('p', 'a'))).toBeDefined();
    const db = engine.legacyDb();
    expect(db.pragma('user_version', { simple: true })).toBe(ITEMS_LAYOUT_VERSION);
    expect(db.prepare('SELECT team_id, data, version FROM team_settings').all()).toEqual([
      { team_id: '19:team', data: '{"a":1}', version: 3 },
    ]);
    await engine.close();
    // Opening again is a no-op for the layout, and the item is still there.
    const again = await openEngine(dataDir, new TestClock());
    expect((await again.read({ partition: 'p', kind: 'thing', id: 'a' }))?.value).toEqual({ id: 'a' });
  });

  it('purges expired items and their refs, on open and when asked', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const engine = await openEngine(dataDir, clock);
    const soon = clock.now() + 1000;
    await engine.create(item('p', 'a', { expiresAt: soon, refs: ['r'] }));
    await engine.create(item('p', 'b', { expiresAt: soon + 5000 }));
    await engine.create(item('p', 'c'));
    const rows = () => engine.legacyDb().prepare('SELECT id FROM items ORDER BY id').pluck().all();
    const refRows = () => engine.legacyDb().prepare('SELECT count(*) FROM item_refs').pluck().get();
    expect(await engine.purgeExpired()).toBe(0);
    clock.advance(1000);
    expect(await engine.purgeExpired()).toBe(1);
    expect(rows()).toEqual(['b', 'c']);
    expect(refRows()).toBe(0);
    await engine.close();
    clock.advance(5000);
    const reopened = await openEngine(dataDir, clock);
    expect(reopened.legacyDb().prepare('SELECT id FROM items').pluck().all()).toEqual(['c']);
  });

  it('refuses a file that is not a database, in one line naming the file', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, LOCAL_STORE_FILE);
    writeFileSync(file, 'this is not sqlite'.repeat(100));
    const opening = SqliteEngine.open({ dataDir });
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(/^The local store file .+ is damaged \(.+\)\. [^\n]+$/);
    expect(readFileSync(file, 'utf8')).toBe('this is not sqlite'.repeat(100));
  });

  it('refuses a file whose pages are damaged', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, LOCAL_STORE_FILE);
    const engine = await SqliteEngine.open({ dataDir, purgeIntervalMs: 0 });
    const ops = Array.from({ length: 100 }, (_, i) => ({ op: 'create' as const, item: item('p', `item-${i}`) }));
    for (let i = 0; i < 4; i++)
      await engine.batch(
        'p',
        ops.map((op) => ({ ...op, item: { ...op.item, id: `${i}-${op.item.id}`, value: 'x'.repeat(200) } })),
      );
    await engine.close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    expect(raw.pragma('page_count', { simple: true })).toBeGreaterThan(12);
    raw.close();
    const bytes = readFileSync(file);
    for (let offset = pageSize * 8; offset < pageSize * 12; offset++) bytes[offset] = (offset * 7919) & 0xff;
    writeFileSync(file, bytes);
    await expect(SqliteEngine.open({ dataDir })).rejects.toThrow(StoreOpenError);
  });

  it('commits the writes of one turn in one transaction, each decided in order', async () => {
    const engine = await openEngine(freshDir(), new TestClock());
    const db = engine.legacyDb();
    // Frames in the write-ahead log: each commit appends the pages it changed.
    const walFrames = () => (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const together = await Promise.all(Array.from({ length: 50 }, (_, i) => engine.create(item('p', `t-${i}`))));
    expect(together.every((created) => created !== undefined)).toBe(true);
    const framesTogether = walFrames();
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 0; i < 50; i++) await engine.create(item('p', `s-${i}`));
    const framesApart = walFrames();
    expect(framesTogether).toBeLessThan(10);
    expect(framesApart).toBeGreaterThanOrEqual(50);

    const [first, second, upserted, deleted] = await Promise.all([
      engine.create(item('p', 'same', { value: 1 })),
      engine.create(item('p', 'same', { value: 2 })),
      engine.upsert(item('p', 'same', { value: 3 })),
      engine.delete({ partition: 'p', kind: 'thing', id: 'same' }),
    ]);
    expect(first?.value).toBe(1);
    expect(second).toBeUndefined();
    expect(upserted.version).toBe(String(Number(first!.version) + 1));
    expect(deleted).toBe(true);
  });

  it('lets a read see a write asked for before it, even one not awaited yet', async () => {
    const engine = await openEngine(freshDir(), new TestClock());
    // A turn may read what an earlier, unawaited write of the same process wrote (an installation
    // recorded while the turn goes on): the read commits the waiting writes first.
    const writing = engine.create(item('p', 'unawaited', { value: 7 }));
    expect((await engine.read({ partition: 'p', kind: 'thing', id: 'unawaited' }))?.value).toBe(7);
    expect(await engine.query('thing', 'p', { prefix: 'unawaited' })).toHaveLength(1);
    expect((await writing)?.value).toBe(7);
  });

  it('fails only the batch whose condition fails when writes share a transaction', async () => {
    const engine = await openEngine(freshDir(), new TestClock());
    const existing = (await engine.create(item('p', 'x')))!;
    const [failed, plain, ok] = await Promise.all([
      engine.batch('p', [
        { op: 'create', item: item('p', 'a') },
        { op: 'create', item: item('p', 'x') },
      ]),
      engine.create(item('p', 'b')),
      engine.batch('p', [{ op: 'replace', item: item('p', 'x', { value: 2 }), version: existing.version }]),
    ]);
    expect([failed, plain?.id, ok]).toStrictEqual([undefined, 'b', [expect.any(String)]]);
    expect((await engine.query('thing', 'p')).map((found) => found.id)).toEqual(['b', 'x']);
    expect((await engine.read({ partition: 'p', kind: 'thing', id: 'x' }))?.version).toBe(ok?.[0]);
  });

  it('refuses calls once closed, and a continuation token it did not make', async () => {
    const engine = await openEngine(freshDir(), new TestClock());
    await expect(engine.scan('thing', { pageSize: 5, continuationToken: 'nonsense' })).rejects.toBeInstanceOf(
      StoreValidationError,
    );
    const pending = engine.create(item(uniqueId('19'), 'a'));
    await engine.close();
    expect(await pending).toBeDefined();
    await expect(engine.read({ partition: 'p', kind: 'thing', id: 'a' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(engine.upsert(item('p', 'a'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(engine.checkWritable()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
