// The local store (the SQLite engine under every record module, opened by openLocalStore) against
// the shared contract, plus what only a local file can show: the data directory, WAL, purging, and
// what a write that fails half-way leaves behind. Files of earlier layouts: localLayouts.test.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { rollupOf } from '../../src/checkins/rollupContribution';
import type { CheckInAnswers } from '../../src/domain';
import { StoreError, StoreOpenError, StoreUnavailableError } from '../../src/store/errors';
import { LOCAL_STORE_FILE, openLocalStore, type LocalStoreOptions } from '../../src/store/local/openLocalStore';
import type { FrameworkStore } from '../../src/store/port';
import { partitions } from '../../src/store/records/shared';
import { DAY_MS, submission, TestClock, uniqueId } from './fixtures';
import { defineMaturityContract } from './maturityContract';
import { definePracticeContract } from './practiceContract';
import { defineStoreContract, type StoreHarness } from './storeContract';
import { submitAnswers } from '../support/submitAnswers';

const dirs: string[] = [];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Makes a file read-only even for root (tests may run as root, whom file modes do not stop): the
 * immutable attribute then, a mode without write otherwise. Returns how to undo it.
 */
function makeReadOnly(file: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', file]);
    return () => execFileSync('chattr', ['-i', file]);
  }
  chmodSync(file, 0o444);
  return () => chmodSync(file, 0o644);
}
const opened: { close(): unknown }[] = [];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-store-'));
  dirs.push(dir);
  return dir;
}

async function openLocal(
  dataDir: string,
  clock: TestClock,
  extra: Partial<LocalStoreOptions> = {},
): Promise<FrameworkStore> {
  const store = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0, ...extra });
  opened.push(store);
  return store;
}

/** A second connection to the file, as another process (or a person with the sqlite3 shell) would have. */
function rawConnection(dataDir: string, options: Database.Options = {}): Database.Database {
  const raw = new Database(join(dataDir, LOCAL_STORE_FILE), options);
  opened.push(raw);
  return raw;
}

function claimRows(raw: Database.Database): { partition: string; state: string }[] {
  return raw
    .prepare(
      "SELECT partition, json_extract(value, '$.state') AS state FROM items WHERE kind = 'claim' ORDER BY partition",
    )
    .all() as { partition: string; state: string }[];
}

async function closeAll(): Promise<void> {
  for (const handle of opened.splice(0)) await handle.close();
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const harness: StoreHarness = {
  name: 'local store',
  closeAll,
  async open(options) {
    const dataDir = freshDir();
    const clock = new TestClock();
    const timeout = options?.timeoutMs ? { busyTimeoutMs: options.timeoutMs } : {};
    return {
      store: await openLocal(dataDir, clock, timeout),
      clock,
      openAnother: () => openLocal(dataDir, clock, timeout),
      // Another connection takes the write lock and keeps it, as a second process stuck mid-write would.
      async stall() {
        const blocker = new Database(join(dataDir, LOCAL_STORE_FILE));
        blocker.exec('BEGIN IMMEDIATE');
        return async () => {
          blocker.exec('ROLLBACK');
          blocker.close();
        };
      },
    };
  },
};

defineStoreContract(harness);
defineMaturityContract(harness);
definePracticeContract(harness);

describe('local store: the local file', () => {
  afterEach(closeAll);

  it('creates a missing data directory and keeps a WAL-journaled file in it that survives restarts', async () => {
    const dataDir = join(freshDir(), 'nested', 'data');
    const clock = new TestClock();
    const store = await openLocal(dataDir, clock);
    const teamId = uniqueId('19');
    await submitAnswers(store, submission(teamId, '29:sam'));
    await store.close();

    expect(existsSync(join(dataDir, LOCAL_STORE_FILE))).toBe(true);
    const raw = rawConnection(dataDir, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');

    const reopened = await openLocal(dataDir, clock);
    expect(await reopened.listTeamCheckIns(teamId, '2026-W48')).toHaveLength(1);
  });

  it('fails to open with StoreUnavailableError when the data directory cannot be created', async () => {
    // A path under a regular file can never be a directory, even for root (chmod would not stop root).
    const file = join(freshDir(), 'not-a-directory');
    writeFileSync(file, 'x');
    await expect(openLocalStore({ dataDir: join(file, 'data') })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses to open a file that is not a database, in one line naming the file', async () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, LOCAL_STORE_FILE), 'this is not sqlite'.repeat(100));
    const opening = openLocalStore({ dataDir });
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(
      new RegExp(
        `^The local store file ${escapeRegExp(join(dataDir, LOCAL_STORE_FILE))} is damaged \\(.+\\)\\. [^\\n]+$`,
      ),
    );
  });

  it('refuses to open a file whose header is sound but whose pages are damaged', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, LOCAL_STORE_FILE);
    const store = await openLocalStore({ dataDir, purgeIntervalMs: 0 });
    const teamId = uniqueId('19');
    for (let i = 0; i < 200; i++) await submitAnswers(store, submission(teamId, `29:person-${i}`));
    await store.close();
    // Everything into the main file, then garbage over a few pages past the first (header and schema intact).
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.close();
    expect(pages).toBeGreaterThan(6);
    const bytes = readFileSync(file);
    for (let offset = pageSize * 3; offset < pageSize * 6; offset++) bytes[offset] = (offset * 7919) & 0xff;
    writeFileSync(file, bytes);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');

    const opening = openLocalStore({ dataDir });
    await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
    await expect(opening).rejects.toThrow(
      new RegExp(
        `^The local store file ${escapeRegExp(file)} is damaged \\(.+\\)\\. .*restore the latest backup[^\\n]*$`,
      ),
    );
  });

  it('refuses to open a file it cannot write, in one line saying what to do', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, LOCAL_STORE_FILE);
    await (await openLocalStore({ dataDir, purgeIntervalMs: 0 })).close();
    const undo = makeReadOnly(file);
    try {
      const opening = openLocalStore({ dataDir });
      await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
      await expect(opening).rejects.toThrow(
        new RegExp(`^The local store file ${escapeRegExp(file)} cannot be written \\(.+\\)\\. Make the file[^\\n]+$`),
      );
    } finally {
      undo();
    }
  });

  it('deletes expired items (and their refs) when it opens, not just hides them', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const store = await openLocal(dataDir, clock);
    const teamId = uniqueId('19');
    await submitAnswers(store, submission(teamId, '29:sam', '2026-W48', 'digitally-enabled-councils', 3, 1));
    await submitAnswers(store, submission(teamId, '29:ali', '2026-W48', 'digitally-enabled-councils', 3, 30));
    await store.claimActivity('1:activity', 60);
    await store.close();
    const raw = rawConnection(dataDir, { readonly: true });
    const countItems = () => raw.prepare('SELECT COUNT(*) AS n FROM items').get();
    // Two answers, the week's roll-up written with them, and the claim.
    expect(countItems()).toEqual({ n: 4 });

    clock.advance(2 * DAY_MS);
    await openLocal(dataDir, clock);
    expect(
      raw.prepare("SELECT kind, json_extract(value, '$.userId') AS user_id FROM items ORDER BY kind, id").all(),
    ).toEqual([
      { kind: 'answer', user_id: '29:ali' },
      { kind: 'rollup', user_id: null },
    ]);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM item_refs').get()).toEqual({ n: 1 });
  });

  it('writes claims made at the same moment together, each decided on its own and saved before any is answered', async () => {
    const dataDir = freshDir();
    const store = await openLocal(dataDir, new TestClock());
    const [a, b, c] = ['msteams|a:chat|a', 'msteams|a:chat|b', 'msteams|a:chat|c'];
    expect(
      await Promise.all([
        store.claimActivity(a, 60),
        store.claimActivity(b, 60),
        store.claimActivity(a, 60),
        store.claimActivity(c, 60),
      ]),
    ).toEqual([true, true, false, true]);
    // Another connection, as another instance would have, sees every claim once they are answered.
    const raw = rawConnection(dataDir, { readonly: true });
    expect(claimRows(raw)).toEqual(
      [a, b, c]
        .map((activityId) => partitions.activity(activityId))
        .sort()
        .map((partition) => ({ partition, state: 'in progress' })),
    );
    expect(await Promise.all([store.claimActivity(c, 60), store.claimActivity('msteams|a:chat|d', 60)])).toEqual([
      false,
      true,
    ]);
  });

  it('commits a claim still waiting to be written when the store closes, so nothing asked for is lost', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const store = await openLocal(dataDir, clock);
    const waiting = store.claimActivity('msteams|a:chat|late', 60);
    await store.close();
    expect(await waiting).toBe(true);
    const reopened = await openLocal(dataDir, clock);
    expect(await reopened.claimActivity('msteams|a:chat|late', 60)).toBe(false);
  });

  it('fails every claim of a batch that could not be written, so each turn can fall back', async () => {
    const dataDir = freshDir();
    const store = await openLocal(dataDir, new TestClock(), { busyTimeoutMs: 50 });
    const blocker = rawConnection(dataDir);
    blocker.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([
      store.claimActivity('msteams|a:chat|x', 60),
      store.claimActivity('msteams|a:chat|y', 60),
    ]);
    blocker.exec('ROLLBACK');
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(StoreError);
    expect(await store.claimActivity('msteams|a:chat|x', 60)).toBe(true);
  });

  it('purges on a timer when asked to', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const store = await openLocal(dataDir, clock, { purgeIntervalMs: 20 });
    await store.claimActivity('1:activity', 1);
    const raw = rawConnection(dataDir, { readonly: true });
    expect(claimRows(raw)).toHaveLength(1);
    clock.advance(2000);
    const deadline = Date.now() + 2000;
    while (claimRows(raw).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(raw.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 0 });
  });

  describe('a write that fails half-way', () => {
    const mission = 'digitally-enabled-councils' as const;
    const sam = '29:sam';

    // A trigger makes SQLite itself fail part-way through a write, as a crash or full disk would;
    // the transaction must roll back whatever that write had already done.
    async function storeWithFailingTrigger(trigger: string) {
      const dataDir = freshDir();
      const store = await openLocal(dataDir, new TestClock());
      const teamId = uniqueId('19');
      await submitAnswers(store, submission(teamId, sam, '2026-W47'));
      await submitAnswers(store, submission(teamId, sam, '2026-W48'));
      await store.saveDraft({ teamId, userId: sam, mission, week: '2026-W49', draft: { step: 1 } });
      const raw = rawConnection(dataDir);
      raw.exec(`CREATE TRIGGER fail_midway ${trigger} BEGIN SELECT RAISE(ABORT, 'disk gone'); END;`);
      const repair = () => raw.exec('DROP TRIGGER fail_midway');
      return { store, teamId, repair, draftKey: { teamId, userId: sam, mission, week: '2026-W49' } };
    }

    it("deleting a team's data (one statement) leaves all of it", async () => {
      // Items go in key order: the answers and the draft are deleted before the roll-up fails.
      const { store, teamId } = await storeWithFailingTrigger("BEFORE DELETE ON items WHEN old.kind = 'rollup'");
      await store.applyToRollup(teamId, mission, '2026-W48', (r) => ({ ...r, responses: 1 }));
      await expect(store.deleteTeamData(teamId)).rejects.toBeInstanceOf(StoreError);
      expect(await store.listTeamCheckIns(teamId, '2026-W48')).toHaveLength(1);
      expect(await store.getRollup(teamId, mission, '2026-W48')).toBeDefined();
      // Found through their refs: those were rolled back with the items.
      const records = await store.listPersonRecords(sam);
      expect(records.checkIns).toHaveLength(2);
      expect(records.drafts).toHaveLength(1);
    });

    it('submitting an answer with its roll-up (one batch) writes neither, and keeps the draft', async () => {
      // The batch writes the roll-up first, then the answer, which fails.
      const { store, teamId, draftKey } = await storeWithFailingTrigger(
        "BEFORE INSERT ON items WHEN new.kind = 'answer'",
      );
      const build = (given: readonly CheckInAnswers[]) => rollupOf(teamId, mission, '2026-W49', given);
      await expect(
        store.submitCheckInWithRollup(submission(teamId, sam, '2026-W49', mission, 5), build),
      ).rejects.toBeInstanceOf(StoreError);
      expect(await store.getRollup(teamId, mission, '2026-W49')).toBeUndefined();
      expect(await store.getCheckIn(draftKey)).toBeUndefined();
      expect(await store.getDraft(draftKey)).toBeDefined();
    });

    // submitCheckIn is two writes, answer first: it no longer lands all or nothing, but never loses
    // an answer, never removes a draft before its answer is saved, and a retry finishes the job.
    it('submitting an answer keeps the draft when the answer fails', async () => {
      const { store, teamId, draftKey } = await storeWithFailingTrigger(
        "BEFORE INSERT ON items WHEN new.kind = 'answer'",
      );
      await expect(submitAnswers(store, submission(teamId, sam, '2026-W49', mission, 5))).rejects.toBeInstanceOf(
        StoreError,
      );
      expect(await store.getCheckIn(draftKey)).toBeUndefined();
      expect(await store.getDraft(draftKey)).toBeDefined();
    });

    it('submitting an answer whose draft cannot be removed keeps the answer, and a retry removes the draft', async () => {
      const { store, teamId, draftKey, repair } = await storeWithFailingTrigger(
        "BEFORE DELETE ON items WHEN old.kind = 'draft'",
      );
      const submitted = submission(teamId, sam, '2026-W49', mission, 5);
      await expect(submitAnswers(store, submitted)).rejects.toBeInstanceOf(StoreError);
      expect((await store.getCheckIn(draftKey))?.answers).toEqual(submitted.answers);
      expect(await store.getDraft(draftKey)).toBeDefined();

      repair();
      await submitAnswers(store, submitted);
      expect(await store.getDraft(draftKey)).toBeUndefined();
      expect(await store.listTeamCheckIns(teamId, '2026-W49')).toHaveLength(1);
    });

    // deletePersonRecords is one delete per record: each lands whole or not at all, the failure is
    // reported, nothing is reported deleted that is still there, and running it again finishes the job.
    it("deleting a person's records keeps the record that failed, whole, and a second run deletes the rest", async () => {
      const { store, teamId, repair } = await storeWithFailingTrigger(
        "BEFORE DELETE ON items WHEN old.kind = 'answer' AND json_extract(old.value, '$.week') = '2026-W48'",
      );
      const failing = { teamId, userId: sam, mission, week: '2026-W48' };
      const before = await store.getCheckIn(failing);
      expect(before).toBeDefined();
      await expect(store.deletePersonRecords(sam)).rejects.toBeInstanceOf(StoreError);
      expect(await store.getCheckIn(failing)).toEqual(before);
      const left = await store.listPersonRecords(sam);
      expect(left.checkIns).toContainEqual(before);

      repair();
      expect(await store.deletePersonRecords(sam)).toBe(left.checkIns.length + left.drafts.length);
      expect(await store.listPersonRecords(sam)).toEqual({ checkIns: [], drafts: [] });
    });
  });
});
