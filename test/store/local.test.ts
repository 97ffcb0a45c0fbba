// LocalStore (SQLite) against the shared contract, plus what only a local file can show: the data
// directory, WAL, purging, and transactions rolling back a write that fails half-way.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, StoreOpenError, StoreUnavailableError } from '../../src/store/errors';
import { SCHEMA_VERSION } from '../../src/store/local/schema';
import { LOCAL_STORE_FILE, LocalStore, type LocalStoreOptions } from '../../src/store/local/localStore';
import type { FrameworkStore } from '../../src/store/port';
import { channelInstallation, DAY_MS, submission, TestClock, uniqueId } from './fixtures';
import { defineMaturityContract } from './maturityContract';
import { definePracticeContract } from './practiceContract';
import { defineStoreContract, type StoreHarness } from './storeContract';

const dirs: string[] = [];

/** Takes away what layouts after the third added, for tests that rebuild a file of an earlier version. */
const LATER_THAN_LAYOUT_3 =
  'DROP TABLE away; DROP TABLE assessments; DROP TABLE team_maturity; DROP TABLE person_teams; DROP TABLE write_probe; ALTER TABLE activities DROP COLUMN state;';

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
): Promise<LocalStore> {
  const store = await LocalStore.open({ dataDir, clock: clock.now, purgeIntervalMs: 0, ...extra });
  opened.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  for (const handle of opened.splice(0)) await handle.close();
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const harness: StoreHarness = {
  name: 'LocalStore',
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

describe('LocalStore: the local file', () => {
  afterEach(closeAll);

  it('creates a missing data directory and keeps a WAL-journaled file in it that survives restarts', async () => {
    const dataDir = join(freshDir(), 'nested', 'data');
    const clock = new TestClock();
    const store = await openLocal(dataDir, clock);
    const teamId = uniqueId('19');
    await store.submitCheckIn(submission(teamId, '29:sam'));
    await store.close();

    expect(existsSync(join(dataDir, LOCAL_STORE_FILE))).toBe(true);
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');

    const reopened = await openLocal(dataDir, clock);
    expect(await reopened.listTeamCheckIns(teamId, '2026-W48')).toHaveLength(1);
  });

  it('fails to open with StoreUnavailableError when the data directory cannot be created', async () => {
    // A path under a regular file can never be a directory, even for root (chmod would not stop root).
    const file = join(freshDir(), 'not-a-directory');
    writeFileSync(file, 'x');
    await expect(LocalStore.open({ dataDir: join(file, 'data') })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses to open a file that is not a database, in one line naming the file', async () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, LOCAL_STORE_FILE), 'this is not sqlite'.repeat(100));
    const opening = LocalStore.open({ dataDir });
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
    const store = await LocalStore.open({ dataDir, purgeIntervalMs: 0 });
    const teamId = uniqueId('19');
    for (let i = 0; i < 200; i++) await store.submitCheckIn(submission(teamId, `29:person-${i}`));
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

    const opening = LocalStore.open({ dataDir });
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
    await (await LocalStore.open({ dataDir, purgeIntervalMs: 0 })).close();
    const undo = makeReadOnly(file);
    try {
      const opening = LocalStore.open({ dataDir });
      await expect(opening).rejects.toBeInstanceOf(StoreOpenError);
      await expect(opening).rejects.toThrow(
        new RegExp(`^The local store file ${escapeRegExp(file)} cannot be written \\(.+\\)\\. Make the file[^\\n]+$`),
      );
    } finally {
      undo();
    }
  });

  it('deletes expired rows when it opens, not just hides them', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const store = await openLocal(dataDir, clock);
    const teamId = uniqueId('19');
    await store.submitCheckIn(submission(teamId, '29:sam', '2026-W48', 'digitally-enabled-councils', 3, 1));
    await store.submitCheckIn(submission(teamId, '29:ali', '2026-W48', 'digitally-enabled-councils', 3, 30));
    await store.claimActivity('1:activity', 60);
    await store.close();

    clock.advance(2 * DAY_MS);
    await openLocal(dataDir, clock);
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    expect(raw.prepare('SELECT user_id FROM check_ins').all()).toEqual([{ user_id: '29:ali' }]);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM activities').get()).toEqual({ n: 0 });
  });

  it('brings a file from before removals were recorded up to date, keeping its installations', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const id = uniqueId('19');
    await (await openLocal(dataDir, clock)).upsertInstallation(channelInstallation(id));
    await closeAll();
    // Back to the first layout, as a file written by an earlier version would be.
    const old = new Database(join(dataDir, LOCAL_STORE_FILE));
    old.exec('DROP INDEX installations_by_removal; ALTER TABLE installations DROP COLUMN removed_at;');
    old.exec(LATER_THAN_LAYOUT_3);
    old.pragma('user_version = 1');
    old.close();

    const store = await openLocal(dataDir, clock);
    expect((await store.getInstallation(id))?.active).toBe(true);
    clock.advance(DAY_MS);
    await store.markInstallationRemoved(channelInstallation(id));
    const listed = await store.listInstallations({ removedBefore: new Date(clock.now() + 1).toISOString() });
    expect(listed.items.map((item) => item.conversationId)).toEqual([id]);
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('adds the maturity tables to a file from before self-assessments, keeping its check-ins', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const team = uniqueId('19');
    await (await openLocal(dataDir, clock)).submitCheckIn(submission(team, '29:ali'));
    await closeAll();
    const old = new Database(join(dataDir, LOCAL_STORE_FILE));
    old.exec('DROP TABLE away; DROP TABLE assessments; DROP TABLE team_maturity;');
    old.pragma('user_version = 6');
    old.close();

    const store = await openLocal(dataDir, clock);
    expect(await store.listTeamCheckIns(team, '2026-W48')).toHaveLength(1);
    const key = { teamId: team, userId: '29:ali', round: '2026-Q4' };
    await store.submitAssessment({ ...key, ratings: { 'enabler:data': { level: 3 } } });
    expect((await store.getAssessment(key))?.ratings).toEqual({ 'enabler:data': { level: 3 } });
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('adds the practice tables to a file from before examples were shared, keeping its check-ins', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const team = uniqueId('19');
    await (await openLocal(dataDir, clock)).submitCheckIn(submission(team, '29:ali'));
    await closeAll();
    // Back to the layout before this step, as a file written by the version before would be.
    const old = new Database(join(dataDir, LOCAL_STORE_FILE));
    old.exec('DROP TABLE practice_parts; DROP TABLE practice_examples;');
    old.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    old.close();

    const store = await openLocal(dataDir, clock);
    expect(await store.listTeamCheckIns(team, '2026-W48')).toHaveLength(1);
    const offered = {
      id: 'a'.repeat(32),
      tenantId: 'tenant-1',
      teamId: team,
      teamName: 'Planning',
      authorId: '29:ali',
      text: 'Our forms work on phones now',
      parts: ['outcome:inclusion'],
      status: 'approved' as const,
      source: { mission: 'digitally-enabled-councils', week: '2026-W48' },
      offeredAt: '2026-11-23T09:00:00.000Z',
      decidedAt: '2026-11-23T10:00:00.000Z',
    };
    await store.practice.offerExample(offered);
    expect((await store.practice.listExamples('tenant-1', { part: 'outcome:inclusion' })).items).toEqual([offered]);
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('moves activity claims into their own keyed table, keeping the claims already made', async () => {
    const dataDir = freshDir();
    const clock = new TestClock();
    const store = await openLocal(dataDir, clock);
    expect(await store.claimActivity('msteams|a:chat|1', 60)).toBe(true);
    await closeAll();
    // Back to the layout before, with its rowid table, as a file written by an earlier version would be.
    const old = new Database(join(dataDir, LOCAL_STORE_FILE));
    old.exec(LATER_THAN_LAYOUT_3);
    old.exec(`
      CREATE TABLE activities_before (activity_id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) STRICT;
      INSERT INTO activities_before SELECT activity_id, expires_at FROM activities;
      DROP TABLE activities;
      ALTER TABLE activities_before RENAME TO activities;
    `);
    old.pragma('user_version = 2');
    old.close();

    const reopened = await openLocal(dataDir, clock);
    expect(await reopened.claimActivity('msteams|a:chat|1', 60)).toBe(false);
    expect(await reopened.claimActivity('msteams|a:chat|2', 60)).toBe(true);
    clock.advance(61_000);
    expect(await reopened.claimActivity('msteams|a:chat|1', 60)).toBe(true);
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const { sql } = raw.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'activities'").get() as {
      sql: string;
    };
    expect(sql).toMatch(/WITHOUT ROWID/);
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
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    expect(raw.prepare('SELECT activity_id FROM activities ORDER BY activity_id').all()).toEqual([
      { activity_id: a },
      { activity_id: b },
      { activity_id: c },
    ]);
    expect(await Promise.all([store.claimActivity(c, 60), store.claimActivity('msteams|a:chat|d', 60)])).toEqual([
      false,
      true,
    ]);
  });

  it('fails a claim still waiting to be written when the store closes, as unavailable', async () => {
    const store = await openLocal(freshDir(), new TestClock());
    const waiting = store.claimActivity('msteams|a:chat|late', 60);
    await store.close();
    await expect(waiting).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('fails every claim of a batch that could not be written, so each turn can fall back', async () => {
    const dataDir = freshDir();
    const store = await openLocal(dataDir, new TestClock(), { busyTimeoutMs: 50 });
    const blocker = new Database(join(dataDir, LOCAL_STORE_FILE));
    opened.push(blocker);
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
    clock.advance(2000);
    const raw = new Database(join(dataDir, LOCAL_STORE_FILE), { readonly: true });
    opened.push(raw);
    const deadline = Date.now() + 2000;
    while (
      (raw.prepare('SELECT COUNT(*) AS n FROM activities').get() as { n: number }).n > 0 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(raw.prepare('SELECT COUNT(*) AS n FROM activities').get()).toEqual({ n: 0 });
  });

  describe('a write that fails half-way leaves nothing behind', () => {
    // A trigger makes SQLite itself fail part-way through a multi-row write, as a crash or full
    // disk would; the transaction must roll the earlier rows back.
    async function storeWithFailingTrigger(trigger: string): Promise<{ store: FrameworkStore; teamId: string }> {
      const dataDir = freshDir();
      const store = await openLocal(dataDir, new TestClock());
      const teamId = uniqueId('19');
      await store.submitCheckIn(submission(teamId, '29:sam', '2026-W47'));
      await store.submitCheckIn(submission(teamId, '29:sam', '2026-W48'));
      await store.saveDraft({ ...submission(teamId, '29:sam', '2026-W49'), draft: { step: 1 } });
      const raw = new Database(join(dataDir, LOCAL_STORE_FILE));
      opened.push(raw);
      raw.exec(`CREATE TRIGGER fail_midway ${trigger} BEGIN SELECT RAISE(ABORT, 'disk gone'); END;`);
      return { store, teamId };
    }

    it("deleting a person's records", async () => {
      const { store } = await storeWithFailingTrigger("BEFORE DELETE ON check_ins WHEN old.week = '2026-W48'");
      await expect(store.deletePersonRecords('29:sam')).rejects.toBeInstanceOf(StoreError);
      const records = await store.listPersonRecords('29:sam');
      expect(records.checkIns).toHaveLength(2);
      expect(records.drafts).toHaveLength(1);
    });

    it('submitting an answer that also removes the draft', async () => {
      const { store, teamId } = await storeWithFailingTrigger("BEFORE DELETE ON check_ins WHEN old.kind = 'draft'");
      const key = { teamId, userId: '29:sam', mission: 'digitally-enabled-councils' as const, week: '2026-W49' };
      await expect(
        store.submitCheckIn({
          ...key,
          answers: { progress: 5, outcomes: [], enabler: null, principles: [] },
          retentionDays: 30,
        }),
      ).rejects.toBeInstanceOf(StoreError);
      expect(await store.getCheckIn(key)).toBeUndefined();
      expect(await store.getDraft(key)).toBeDefined();
    });

    it("deleting a team's data", async () => {
      const { store, teamId } = await storeWithFailingTrigger('BEFORE DELETE ON rollups');
      await store.applyToRollup(teamId, 'digitally-enabled-councils', '2026-W48', (r) => ({ ...r, responses: 1 }));
      await expect(store.deleteTeamData(teamId)).rejects.toBeInstanceOf(StoreError);
      expect(await store.listTeamCheckIns(teamId, '2026-W48')).toHaveLength(1);
      expect(await store.getRollup(teamId, 'digitally-enabled-councils', '2026-W48')).toBeDefined();
    });
  });
});

it('adds the person → teams index to a file from before it existed, keeping what the file holds', async () => {
  const dataDir = freshDir();
  const clock = new TestClock();
  const id = uniqueId('19');
  await (await openLocal(dataDir, clock)).upsertInstallation(channelInstallation(id));
  await closeAll();
  const old = new Database(join(dataDir, LOCAL_STORE_FILE));
  old.exec('DROP TABLE away; DROP TABLE assessments; DROP TABLE team_maturity; DROP TABLE person_teams;');
  old.pragma('user_version = 5');
  old.close();

  const store = await openLocal(dataDir, clock);
  expect((await store.getInstallation(id))?.active).toBe(true);
  await store.noteTeamMembers(id, 'tenant-1', ['29:someone']);
  expect((await store.knownTeamsOf('29:someone')).map((team) => team.teamId)).toEqual([id]);
});
