// The storage engine contract (src/store/engine/engine.ts), run on every backend: what the record
// modules may rely on, whichever database is behind them. Nothing here knows the backend; every test
// files its items under fresh partitions and kinds, so backends that share a database between tests
// (Cosmos DB's emulator) see only their own.
import type { BatchOperation, ItemWrite, JsonValue, StorageEngine, StoredItem } from '../../src/store/engine/engine';
import { StoreValidationError } from '../../src/store/errors';
import { TestClock, uniqueId } from './fixtures';

export interface EngineHarness {
  name: string;
  /** A fresh engine; `openAnother` opens a second one on the same database (another process, as it were). */
  open(): Promise<{ engine: StorageEngine; clock: TestClock; openAnother(): Promise<StorageEngine> }>;
  closeAll(): Promise<void>;
}

const MINUTE_MS = 60 * 1000;

function sortedIds(items: readonly StoredItem[]): string[] {
  return items.map((item) => item.id).sort();
}

export function defineEngineContract(harness: EngineHarness): void {
  describe(`storage engine contract (${harness.name})`, () => {
    let engine: StorageEngine;
    let clock: TestClock;
    let openAnother: () => Promise<StorageEngine>;
    let partition: string;
    let kind: string;

    beforeEach(async () => {
      ({ engine, clock, openAnother } = await harness.open());
      partition = uniqueId('19');
      kind = uniqueId('kind');
    });
    afterEach(() => harness.closeAll());

    const item = (id: string, value: JsonValue = { id }, extra: Partial<ItemWrite> = {}): ItemWrite => ({
      partition,
      kind,
      id,
      value,
      ...extra,
    });
    const key = (id: string) => ({ partition, kind, id });
    const ids = async (range?: Parameters<StorageEngine['query']>[2]) =>
      (await engine.query(kind, partition, range)).map((found) => found.id);

    it('creates an item once: a second create of the key changes nothing', async () => {
      expect(await engine.read(key('a'))).toBeUndefined();
      const created = await engine.create(item('a', { n: 1 }, { refs: ['r:1'], expiresAt: clock.now() + MINUTE_MS }));
      expect(created).toEqual({
        ...key('a'),
        value: { n: 1 },
        version: expect.any(String),
        refs: ['r:1'],
        expiresAt: clock.now() + MINUTE_MS,
      });
      expect(await engine.read(key('a'))).toEqual(created);
      expect(await engine.create(item('a', { n: 2 }))).toBeUndefined();
      expect((await engine.read(key('a')))?.value).toEqual({ n: 1 });
    });

    it('creates over an expired item, never over a live one', async () => {
      await engine.create(item('a', 1, { expiresAt: clock.now() + MINUTE_MS }));
      expect(await engine.create(item('a', 2))).toBeUndefined();
      clock.advance(MINUTE_MS + 1);
      const created = await engine.create(item('a', 3));
      expect(created?.value).toBe(3);
      expect(created?.expiresAt).toBeUndefined();
      expect(await engine.read(key('a'))).toEqual(created);
    });

    it('replaces only at the version it was read at', async () => {
      const first = (await engine.create(item('a', 1)))!;
      const second = await engine.replace(item('a', 2), first.version);
      expect(second).toEqual({ ...key('a'), value: 2, version: expect.any(String) });
      expect(second!.version).not.toBe(first.version);
      expect(await engine.replace(item('a', 3), first.version)).toBeUndefined();
      expect(await engine.read(key('a'))).toEqual(second);
      expect(await engine.replace(item('absent', 1), first.version)).toBeUndefined();
      expect(await engine.read(key('absent'))).toBeUndefined();
      expect(await engine.replace(item('a', 4), 'not a version')).toBeUndefined();
    });

    it('never matches a version of an item that was deleted and created again', async () => {
      const old = (await engine.create(item('a', 1)))!;
      expect(await engine.delete(key('a'))).toBe(true);
      const again = (await engine.create(item('a', 2)))!;
      expect(await engine.replace(item('a', 3), old.version)).toBeUndefined();
      expect(await engine.delete(key('a'), old.version)).toBe(false);
      expect(await engine.read(key('a'))).toEqual(again);
    });

    it('upserts whatever is there, each write a new version', async () => {
      const first = await engine.upsert(item('a', 1));
      expect(first).toEqual({ ...key('a'), value: 1, version: expect.any(String) });
      const second = await engine.upsert(item('a', 2, { refs: ['r:1'] }));
      expect(second.version).not.toBe(first.version);
      expect(await engine.read(key('a'))).toEqual(second);
      expect(await engine.replace(item('a', 3), first.version)).toBeUndefined();
    });

    it('deletes, at a version when given; false when absent or changed', async () => {
      const first = (await engine.create(item('a')))!;
      const second = (await engine.replace(item('a', 'changed'), first.version))!;
      expect(await engine.delete(key('a'), first.version)).toBe(false);
      expect(await engine.read(key('a'))).toEqual(second);
      expect(await engine.delete(key('a'), second.version)).toBe(true);
      expect(await engine.read(key('a'))).toBeUndefined();
      expect(await engine.delete(key('a'))).toBe(false);
      await engine.create(item('b'));
      expect(await engine.delete(key('b'))).toBe(true);
      expect(await engine.read(key('b'))).toBeUndefined();
    });

    it('writes a batch in order, all of it', async () => {
      const existing = (await engine.create(item('existing', 0)))!;
      await engine.create(item('doomed'));
      const written = await engine.batch(partition, [
        { op: 'create', item: item('new', 1) },
        { op: 'replace', item: item('existing', 2), version: existing.version },
        { op: 'upsert', item: item('new', 3) },
        { op: 'delete', key: { kind, id: 'doomed' } },
      ]);
      // A version for each write, in order; none for the delete.
      expect(written).toStrictEqual([expect.any(String), expect.any(String), expect.any(String), undefined]);
      const [created, replaced, upserted] = written!;
      expect(await engine.read(key('new'))).toEqual({ ...key('new'), value: 3, version: upserted });
      expect(await engine.read(key('existing'))).toEqual({ ...key('existing'), value: 2, version: replaced });
      expect(await engine.read(key('doomed'))).toBeUndefined();
      // Each write made a new version, the upsert over the batch's own create too.
      expect(replaced).not.toBe(existing.version);
      expect(upserted).not.toBe(created);
      expect(await engine.replace(item('new', 4), created!)).toBeUndefined();
    });

    describe('a batch whose condition fails writes nothing', () => {
      // Each gets the version the item is at, and the one it was at before.
      const failing: [string, (current: string, stale: string) => BatchOperation][] = [
        ['create over a live item', () => ({ op: 'create', item: item('existing', 'again') })],
        ['replace at a stale version', (_, stale) => ({ op: 'replace', item: item('existing', 9), version: stale })],
        ['replace of an absent item', (current) => ({ op: 'replace', item: item('absent'), version: current })],
        ['delete of an absent item', () => ({ op: 'delete', key: { kind, id: 'absent' } })],
        ['delete at a stale version', (_, stale) => ({ op: 'delete', key: { kind, id: 'existing' }, version: stale })],
      ];
      for (const [name, failure] of failing) {
        it(name, async () => {
          const stale = (await engine.create(item('existing', 0)))!;
          const existing = (await engine.replace(item('existing', 1), stale.version))!;
          await engine.create(item('doomed'));
          const written = await engine.batch(partition, [
            { op: 'create', item: item('new') },
            { op: 'upsert', item: item('upserted') },
            { op: 'delete', key: { kind, id: 'doomed' } },
            failure(existing.version, stale.version),
            { op: 'create', item: item('after') },
          ]);
          expect(written).toBeUndefined();
          expect(sortedIds(await engine.query(kind, partition))).toEqual(['doomed', 'existing']);
          expect(await engine.read(key('existing'))).toEqual(existing);
        });
      }
    });

    it('refuses a batch that leaves its partition or is too long, writing nothing', async () => {
      const elsewhere = { ...item('x'), partition: uniqueId('19') };
      const stray: BatchOperation[] = [
        { op: 'create', item: item('a') },
        { op: 'create', item: elsewhere },
      ];
      await expect(engine.batch(partition, stray)).rejects.toBeInstanceOf(StoreValidationError);
      const tooMany = Array.from({ length: 101 }, (_, i) => ({ op: 'upsert' as const, item: item(`i${i}`) }));
      await expect(engine.batch(partition, tooMany)).rejects.toBeInstanceOf(StoreValidationError);
      expect(await engine.query(kind, partition)).toEqual([]);
      expect(await engine.read(elsewhere)).toBeUndefined();
      const hundred = tooMany.slice(0, 100);
      const versions = await engine.batch(partition, hundred);
      expect(await engine.count(kind, partition)).toBe(100);
      const stored = new Map((await engine.query(kind, partition)).map((found) => [found.id, found.version]));
      expect(versions).toHaveLength(100);
      expect(versions).toStrictEqual(hundred.map((operation) => stored.get(operation.item.id)));
      expect(versions?.every((version) => typeof version === 'string')).toBe(true);
    });

    it('queries one kind in one partition by prefix, bounds, continuation, order and limit', async () => {
      const all = ['a-1', 'a-2', 'a-3', 'a~', 'b-1', 'b-2', 'c'];
      for (const id of [...all].reverse()) await engine.create(item(id));
      await engine.create({ ...item('a-9'), kind: uniqueId('kind') });
      await engine.create({ ...item('a-8'), partition: uniqueId('19') });
      await engine.create(item('a-4', 'expiring', { expiresAt: clock.now() + MINUTE_MS }));
      clock.advance(MINUTE_MS);

      expect(await ids()).toEqual(all);
      expect(await ids({ prefix: 'a-' })).toEqual(['a-1', 'a-2', 'a-3']);
      expect(await ids({ prefix: 'a' })).toEqual(['a-1', 'a-2', 'a-3', 'a~']);
      expect(await ids({ prefix: 'zz' })).toEqual([]);
      expect(await ids({ from: 'a-2', to: 'b-1' })).toEqual(['a-2', 'a-3', 'a~', 'b-1']);
      expect(await ids({ from: 'a-25', to: 'b' })).toEqual(['a-3', 'a~']);
      expect(await ids({ after: 'a~' })).toEqual(['b-1', 'b-2', 'c']);
      expect(await ids({ order: 'desc' })).toEqual([...all].reverse());
      expect(await ids({ order: 'desc', after: 'b-1' })).toEqual(['a~', 'a-3', 'a-2', 'a-1']);
      expect(await ids({ limit: 2 })).toEqual(['a-1', 'a-2']);
      expect(await ids({ prefix: 'a-', order: 'desc', limit: 2 })).toEqual(['a-3', 'a-2']);
      expect(await ids({ prefix: 'a-', after: 'a-1', limit: 1 })).toEqual(['a-2']);
      expect(await ids({ from: 'a-2', to: 'b-2', after: 'a-3', order: 'asc', limit: 2 })).toEqual(['a~', 'b-1']);
      const items = await engine.query(kind, partition, { prefix: 'c' });
      expect(items).toEqual([{ ...key('c'), value: { id: 'c' }, version: expect.any(String) }]);
    });

    it('orders ids as byte strings', async () => {
      for (const id of ['b', 'a', 'B', 'A', '_', '1']) await engine.create(item(id));
      expect(await ids()).toEqual(['1', 'A', 'B', '_', 'a', 'b']);
    });

    it('counts what a query without a limit returns', async () => {
      for (const id of ['a-1', 'a-2', 'b-1', 'b-2', 'c']) await engine.create(item(id));
      await engine.create(item('a-3', 'expiring', { expiresAt: clock.now() + MINUTE_MS }));
      expect(await engine.count(kind, partition)).toBe(6);
      clock.advance(MINUTE_MS);
      expect(await engine.count(kind, partition)).toBe(5);
      expect(await engine.count(kind, partition, { prefix: 'a-' })).toBe(2);
      expect(await engine.count(kind, partition, { from: 'a-2', to: 'b-2' })).toBe(3);
      expect(await engine.count(kind, uniqueId('19'))).toBe(0);
      expect(await engine.count(uniqueId('kind'), partition)).toBe(0);
    });

    it('scans one kind across partitions, every live item exactly once, a small page at a time', async () => {
      const partitions = [uniqueId('19'), uniqueId('19'), uniqueId('19')];
      const expected: string[] = [];
      for (const [p, where] of partitions.entries()) {
        for (let i = 0; i < 5 + p; i++) {
          await engine.create({ ...item(`item-${i}`), partition: where });
          expected.push(`${where}|item-${i}`);
        }
        await engine.create({ ...item('gone', 0, { expiresAt: clock.now() + MINUTE_MS }), partition: where });
        await engine.create({ ...item('other-kind'), partition: where, kind: uniqueId('kind') });
      }
      clock.advance(MINUTE_MS);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await engine.scan(kind, { pageSize: 4, continuationToken: token });
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items.map((found) => `${found.partition}|${found.id}`));
        expect(page.items.every((found) => found.kind === kind)).toBe(true);
        token = page.continuationToken;
        pages += 1;
      } while (token !== undefined && pages < 20);
      expect(token).toBeUndefined();
      expect(seen.sort()).toEqual(expected.sort());
      expect(await engine.scan(uniqueId('kind'), { pageSize: 10 })).toEqual({ items: [] });
      await expect(engine.scan(kind, { pageSize: 0 })).rejects.toBeInstanceOf(StoreValidationError);
      await expect(engine.scan(kind, { pageSize: 1001 })).rejects.toBeInstanceOf(StoreValidationError);
    });

    it('finds live items by ref across partitions, of the kinds asked for', async () => {
      const ref = `person:${uniqueId('ref')}`;
      const [otherKind, unasked] = [uniqueId('kind'), uniqueId('kind')];
      const elsewhere = uniqueId('19');
      await engine.create(item('a', 1, { refs: [ref, 'team:x'] }));
      await engine.create({ ...item('b', 2, { refs: ['team:y', ref] }), partition: elsewhere, kind: otherKind });
      await engine.create({ ...item('c', 3, { refs: [ref] }), kind: unasked });
      await engine.create(item('d', 4, { refs: ['team:x'] }));
      await engine.create(item('e', 5, { refs: [ref], expiresAt: clock.now() + MINUTE_MS }));
      clock.advance(MINUTE_MS);

      const found = await engine.findByRef(ref, [kind, otherKind]);
      expect(found.map((hit) => `${hit.partition}|${hit.kind}|${hit.id}`).sort()).toEqual(
        [`${partition}|${kind}|a`, `${elsewhere}|${otherKind}|b`].sort(),
      );
      expect(found.find((hit) => hit.id === 'a')).toEqual({
        ...key('a'),
        value: 1,
        version: expect.any(String),
        refs: [ref, 'team:x'],
      });
      expect(await engine.findByRef(ref, [])).toEqual([]);
      expect(await engine.findByRef(`person:${uniqueId('ref')}`, [kind])).toEqual([]);

      // A rewrite without the ref, and a delete, take items out of the lookup.
      const a = (await engine.read(key('a')))!;
      await engine.replace(item('a', 1, { refs: ['team:x'] }), a.version);
      await engine.delete({ partition: elsewhere, kind: otherKind, id: 'b' });
      expect(await engine.findByRef(ref, [kind, otherKind])).toEqual([]);
      expect(sortedIds(await engine.findByRef('team:x', [kind]))).toEqual(['a', 'd']);
      await engine.upsert(item('d', 4));
      expect(sortedIds(await engine.findByRef('team:x', [kind]))).toEqual(['a']);
    });

    it('deletes a partition: every kind in it, nothing outside it', async () => {
      const otherKind = uniqueId('kind');
      const elsewhere = uniqueId('19');
      const ref = `team:${uniqueId('ref')}`;
      await engine.create(item('a', 1, { refs: [ref] }));
      await engine.create(item('b'));
      await engine.create({ ...item('c'), kind: otherKind });
      await engine.create({ ...item('a', 'kept', { refs: [ref] }), partition: elsewhere });
      expect(await engine.deletePartition(partition)).toBe(3);
      expect(await engine.query(kind, partition)).toEqual([]);
      expect(await engine.query(otherKind, partition)).toEqual([]);
      expect((await engine.read({ ...key('a'), partition: elsewhere }))?.value).toBe('kept');
      expect((await engine.findByRef(ref, [kind])).map((hit) => hit.partition)).toEqual([elsewhere]);
      expect(await engine.deletePartition(partition)).toBe(0);
    });

    it('hides an item from every read once its clock passes the expiry', async () => {
      const ref = `person:${uniqueId('ref')}`;
      const expiring = (await engine.create(item('a', 1, { refs: [ref], expiresAt: clock.now() + MINUTE_MS })))!;
      clock.advance(MINUTE_MS - 1);
      expect(engine.now()).toBe(clock.now());
      expect(await engine.read(key('a'))).toEqual(expiring);
      expect(await engine.count(kind, partition)).toBe(1);
      clock.advance(2);
      expect(await engine.read(key('a'))).toBeUndefined();
      expect(await engine.query(kind, partition)).toEqual([]);
      expect(await engine.count(kind, partition)).toBe(0);
      expect((await engine.scan(kind, { pageSize: 10 })).items).toEqual([]);
      expect(await engine.findByRef(ref, [kind])).toEqual([]);
      expect(await engine.replace(item('a', 2), expiring.version)).toBeUndefined();
      expect(await engine.delete(key('a'))).toBe(false);
      expect(await engine.delete(key('a'), expiring.version)).toBe(false);
    });

    it('keeps an item whose expiry a write moved on, or took away', async () => {
      const first = (await engine.create(item('a', 1, { expiresAt: clock.now() + MINUTE_MS })))!;
      await engine.replace(item('a', 2, { expiresAt: clock.now() + 3 * MINUTE_MS }), first.version);
      await engine.create(item('b', 1, { expiresAt: clock.now() + MINUTE_MS }));
      await engine.upsert(item('b', 2));
      clock.advance(2 * MINUTE_MS);
      expect((await engine.read(key('a')))?.value).toBe(2);
      expect(await engine.read(key('b'))).toEqual({ ...key('b'), value: 2, version: expect.any(String) });
    });

    it('refuses keys, refs and values that break the rules, writing nothing', async () => {
      const badParts = ['', 'a/b', 'a\\b', 'a?b', 'a#b', 'x'.repeat(201), 'caf\u00e9', 'tab\there', 'line\n'];
      for (const bad of badParts) {
        await expect(engine.create(item(bad))).rejects.toBeInstanceOf(StoreValidationError);
        await expect(engine.upsert({ ...item('a'), kind: bad })).rejects.toBeInstanceOf(StoreValidationError);
        await expect(engine.read(key(bad))).rejects.toBeInstanceOf(StoreValidationError);
      }
      for (const bad of ['', 'p'.repeat(1025)]) {
        await expect(engine.create({ ...item('a'), partition: bad })).rejects.toBeInstanceOf(StoreValidationError);
        await expect(engine.query(kind, bad)).rejects.toBeInstanceOf(StoreValidationError);
      }
      const tooManyRefs = ['r:1', 'r:2', 'r:3', 'r:4', 'r:5'];
      for (const refs of [tooManyRefs, ['r'.repeat(201)], ['']])
        await expect(engine.create(item('a', 1, { refs }))).rejects.toBeInstanceOf(StoreValidationError);
      await expect(engine.findByRef('', [kind])).rejects.toBeInstanceOf(StoreValidationError);
      expect(await engine.query(kind, partition)).toEqual([]);

      // The limits themselves are allowed.
      const longest = { ...item('i'.repeat(200), 1, { refs: tooManyRefs.slice(0, 4) }), partition: 'p'.repeat(1024) };
      expect(await engine.create(longest)).toMatchObject({ id: longest.id, refs: longest.refs });
      expect((await engine.read(longest))?.value).toBe(1);
      await engine.deletePartition(longest.partition);
      const printable = ' !"$%&\'()*+,-.:;<=>@[]^_`{|}~';
      expect((await engine.create(item(printable)))?.id).toBe(printable);
    });

    it('gives back the JSON it was given', async () => {
      const values: JsonValue[] = [
        { text: 'Gr\u00fc\u00dfe \u{1F680} \u4f60\u597d \u0645\u0631\u062d\u0628\u0627 "quoted" \\ \n\t', empty: '' },
        { nested: { deeper: { list: [1, -2.5, 0, 1e21, true, false, null, 'x', [], {}] } } },
        'a plain string',
        42,
        null,
        [{ a: 1 }, [2, [3]]],
      ];
      for (const [i, value] of values.entries()) {
        const created = await engine.create(item(`v${i}`, value));
        expect(created?.value).toEqual(value);
        expect((await engine.read(key(`v${i}`)))?.value).toEqual(value);
      }
      const odd = { ...item('odd'), partition: `${uniqueId('19')} \u00fc\u{1F680}/\\?#` };
      expect((await engine.create(odd))?.partition).toBe(odd.partition);
      expect((await engine.query(kind, odd.partition)).map((found) => found.id)).toEqual(['odd']);
    });

    it('shares the database with another engine: writes seen, conditional writes racing fairly', async () => {
      const other = await openAnother();
      const created = (await engine.create(item('a', 1)))!;
      expect(await other.read(key('a'))).toEqual(created);

      const creates = await Promise.all([engine.create(item('race', 'one')), other.create(item('race', 'two'))]);
      expect(creates.filter((result) => result !== undefined)).toHaveLength(1);
      const winner = creates.find((result) => result !== undefined)!;
      expect(await other.read(key('race'))).toEqual(winner);

      const replaces = await Promise.all([
        engine.replace(item('a', 'mine'), created.version),
        other.replace(item('a', 'theirs'), created.version),
      ]);
      expect(replaces.filter((result) => result !== undefined)).toHaveLength(1);
      expect(await engine.read(key('a'))).toEqual(replaces.find((result) => result !== undefined));

      const [batchA, batchB] = await Promise.all([
        engine.batch(partition, [{ op: 'create', item: item('batched', 'A') }]),
        other.batch(partition, [{ op: 'create', item: item('batched', 'B') }]),
      ]);
      expect([batchA, batchB].filter((versions) => versions !== undefined)).toHaveLength(1);
      const batched = await other.read(key('batched'));
      expect(batched?.value).toBe(batchA ? 'A' : 'B');
      expect(batched?.version).toBe((batchA ?? batchB)?.[0]);
      expect(batched?.version).toEqual(expect.any(String));
    });

    it('resolves checkWritable on a writable database', async () => {
      await expect(engine.checkWritable()).resolves.toBeUndefined();
    });
  });
}
