// A local file from every earlier version opens, and everything it held reads back through the
// store: each layout (schema.ts steps 1 to 9) is written here as that version wrote it, with a record
// of every kind that layout had, then opened by today's store, which moves the records into the
// engine's items and drops the old tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src/store/local/schema';
import { LOCAL_STORE_FILE, openLocalStore } from '../../src/store/local/openLocalStore';
import type { FrameworkStore } from '../../src/store/port';
import { channelInstallation, DAY_MS, TestClock } from './fixtures';

const LAYOUTS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
const TEAM = '19:layout-team@thread.tacv2';
const USER = '29:layout-person';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const WEEK = '2026-W48';
const MISSION = 'digitally-enabled-councils';
const ROUND = '2026-Q4';
const AT = '2026-11-23T09:00:00.000Z';
const EXAMPLE_ID = 'a'.repeat(32);

const dirs: string[] = [];
const opened: FrameworkStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
}

/** Writes one record of every kind the layout has, in the columns that layout had. */
function writeLayout(file: string, layout: number, now: number): void {
  const db = new Database(file);
  migrate(db, layout);
  expect(db.pragma('user_version', { simple: true })).toBe(layout);
  const json = (value: unknown) => JSON.stringify(value);
  const later = now + 30 * DAY_MS;
  const installation = { ...channelInstallation(TEAM), active: true, installedAt: AT, updatedAt: AT };
  db.prepare('INSERT INTO installations (conversation_id, active, data, version) VALUES (?, 1, ?, 1)').run(
    TEAM,
    json(installation),
  );
  const settings = {
    teamId: TEAM,
    missions: [MISSION],
    schedule: { day: 1, time: '10:00', timeZone: 'Europe/London' },
    leads: [USER],
    paused: false,
    retentionDays: 730,
    focusOutcomes: [],
  };
  db.prepare('INSERT INTO team_settings (team_id, data, version) VALUES (?, ?, 3)').run(TEAM, json(settings));
  const key = { teamId: TEAM, userId: USER, mission: MISSION, week: WEEK };
  const answers = { progress: 4, outcomes: ['shared-data'], enabler: 'leadership', principles: [], win: 'Forms live' };
  const insertCheckIn = db.prepare(
    'INSERT INTO check_ins (team_id, user_id, mission, week, kind, data, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insertCheckIn.run(
    TEAM,
    USER,
    MISSION,
    WEEK,
    'answer',
    json({ ...key, kind: 'answer', answers, submittedAt: AT, ttl: 63072000 }),
    later,
  );
  insertCheckIn.run(
    TEAM,
    USER,
    MISSION,
    '2026-W49',
    'draft',
    json({ ...key, week: '2026-W49', kind: 'draft', draft: { step: 2 }, updatedAt: AT, ttl: 1209600 }),
    later,
  );
  const rollup = {
    teamId: TEAM,
    mission: MISSION,
    week: WEEK,
    responses: 1,
    progressSum: 4,
    progressHistogram: [0, 0, 0, 1, 0],
    outcomes: { 'shared-data': 1 },
    enablers: { leadership: 1 },
    principles: {},
  };
  db.prepare('INSERT INTO rollups (team_id, mission, week, data, version) VALUES (?, ?, ?, ?, 1)').run(
    TEAM,
    MISSION,
    WEEK,
    json(rollup),
  );
  if (columns(db, 'activities').includes('state')) {
    db.prepare("INSERT INTO activities (activity_id, expires_at, state) VALUES (?, ?, 'done')").run(
      'msteams|done',
      later,
    );
  } else {
    db.prepare('INSERT INTO activities (activity_id, expires_at) VALUES (?, ?)').run('msteams|done', later);
  }
  db.prepare('INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)').run('prompts:tenant', 'old', later);
  if (tableExists(db, 'person_teams')) {
    db.prepare('INSERT INTO person_teams (user_id, team_id, tenant_id, seen_at) VALUES (?, ?, ?, ?)').run(
      USER,
      TEAM,
      TENANT,
      AT,
    );
  }
  if (tableExists(db, 'assessments')) {
    const assessmentKey = { teamId: TEAM, userId: USER, round: ROUND };
    db.prepare(
      'INSERT INTO assessments (team_id, user_id, round, kind, data, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      TEAM,
      USER,
      ROUND,
      'assessment',
      json({ ...assessmentKey, kind: 'assessment', ratings: { 'enabler:leadership': { level: 3 } }, submittedAt: AT }),
      Number.MAX_SAFE_INTEGER,
    );
    const maturity = { teamId: TEAM, rollups: {}, closedRounds: [], targets: { 'enabler:leadership': 4 }, actions: [] };
    db.prepare('INSERT INTO team_maturity (team_id, data, version) VALUES (?, ?, 1)').run(TEAM, json(maturity));
  }
  if (tableExists(db, 'away')) {
    const away = { teamId: TEAM, userId: USER, from: '2026-12-01', until: '2026-12-05', kind: 'away', setAt: AT };
    db.prepare(
      'INSERT INTO away (team_id, user_id, from_date, until_date, data, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(TEAM, USER, away.from, away.until, json(away), later + 400 * DAY_MS);
  }
  if (tableExists(db, 'practice_examples')) {
    const example = {
      id: EXAMPLE_ID,
      tenantId: TENANT,
      teamId: TEAM,
      teamName: 'Digital team',
      authorId: USER,
      text: 'Forms live',
      parts: ['outcome:shared-data'],
      status: 'approved',
      source: { mission: MISSION, week: WEEK },
      offeredAt: AT,
      decidedAt: AT,
      decidedBy: USER,
    };
    db.prepare(
      'INSERT INTO practice_examples (tenant_id, id, team_id, author_id, offered_at, data, version) VALUES (?, ?, ?, ?, ?, ?, 1)',
    ).run(TENANT, EXAMPLE_ID, TEAM, USER, AT, json(example));
    db.prepare('INSERT INTO practice_parts (tenant_id, part, listed_at, example_id) VALUES (?, ?, ?, ?)').run(
      TENANT,
      'outcome:shared-data',
      AT,
      EXAMPLE_ID,
    );
  }
  db.close();
}

describe('a local file of every earlier layout moves forward on open', () => {
  it.each(LAYOUTS)('layout %i: every record reads back, and the old tables are gone', async (layout) => {
    const dataDir = mkdtempSync(join(tmpdir(), `framework-guide-layout-${layout}-`));
    dirs.push(dataDir);
    const file = join(dataDir, LOCAL_STORE_FILE);
    const clock = new TestClock();
    writeLayout(file, layout, clock.now());

    const store = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
    opened.push(store);
    const key = { teamId: TEAM, userId: USER, mission: MISSION, week: WEEK } as const;

    expect((await store.getInstallation(TEAM))?.reference.conversation.id).toBe(TEAM);
    expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([USER]);
    expect((await store.getCheckIn(key))?.answers.win).toBe('Forms live');
    expect((await store.getDraft({ ...key, week: '2026-W49' }))?.draft).toEqual({ step: 2 });
    expect((await store.getRollup(TEAM, MISSION, WEEK))?.value.progressSum).toBe(4);
    expect(await store.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
    // The claim moved with the file: a resend of that activity is still recognised.
    expect(await store.claimActivity('msteams|done', 60)).toBe(false);
    // Leases are not moved: they last minutes and are taken again.
    expect(await store.tryAcquireLease('prompts:tenant', 'new', 60)).toBe(true);

    const person = await store.listPersonRecords(USER);
    expect(person.checkIns).toHaveLength(1);
    expect(person.drafts).toHaveLength(1);
    if (layout >= 6) expect((await store.knownTeamsOf(USER)).map((team) => team.teamId)).toEqual([TEAM]);
    if (layout >= 7) {
      expect((await store.getAssessment({ teamId: TEAM, userId: USER, round: ROUND }))?.ratings).toEqual({
        'enabler:leadership': { level: 3 },
      });
      expect((await store.getTeamMaturity(TEAM))?.value.targets).toEqual({ 'enabler:leadership': 4 });
    }
    if (layout >= 8) expect(await store.listTeamAway(TEAM, '2026-12-01', '2026-12-31')).toHaveLength(1);
    if (layout >= 9) {
      expect((await store.practice.getExample(TENANT, EXAMPLE_ID))?.value.text).toBe('Forms live');
      const page = await store.practice.listExamples(TENANT, { part: 'outcome:shared-data' });
      expect(page.items.map((example) => example.id)).toEqual([EXAMPLE_ID]);
      expect(await store.practice.countExamples(TENANT, 'outcome:shared-data')).toBe(1);
    }

    const raw = new Database(file, { readonly: true });
    try {
      const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
        .map((row) => row.name)
        .sort();
      for (const old of ['installations', 'team_settings', 'check_ins', 'rollups', 'activities', 'leases']) {
        expect(tables).not.toContain(old);
      }
      expect(tables).toContain('items');
    } finally {
      raw.close();
    }
  });

  it('moves a file again after a start that stopped part way, without duplicating anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-layout-again-'));
    dirs.push(dataDir);
    const file = join(dataDir, LOCAL_STORE_FILE);
    const clock = new TestClock();
    writeLayout(file, 9, clock.now());
    // The first start moved the records, then stopped before dropping the old tables: here, the old
    // tables are written back after a full move, as they would still be there.
    const first = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
    await first.updateTeamSettings(TEAM, (settings) => ({ ...settings, paused: true }));
    await first.close();
    const stale = new Database(file);
    stale.exec(
      'CREATE TABLE team_settings (team_id TEXT PRIMARY KEY, data TEXT NOT NULL, version INTEGER NOT NULL) STRICT;',
    );
    stale.prepare('INSERT INTO team_settings (team_id, data, version) VALUES (?, ?, 1)').run(
      TEAM,
      JSON.stringify({
        teamId: TEAM,
        missions: [MISSION],
        schedule: { day: 1, time: '10:00', timeZone: 'Europe/London' },
        leads: [],
        paused: false,
        retentionDays: 730,
        focusOutcomes: [],
      }),
    );
    stale.close();

    const again = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
    opened.push(again);
    // The newer value stays: moving again never overwrites what is already in the items.
    expect((await again.getTeamSettings(TEAM))?.value.paused).toBe(true);
    expect(await again.listTeamCheckIns(TEAM, WEEK)).toHaveLength(1);
  });

  it('skips an old row it cannot read, and still moves the rest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-layout-damaged-'));
    dirs.push(dataDir);
    const file = join(dataDir, LOCAL_STORE_FILE);
    const clock = new TestClock();
    writeLayout(file, 9, clock.now());
    const db = new Database(file);
    db.prepare('INSERT INTO team_settings (team_id, data, version) VALUES (?, ?, 1)').run('19:broken', '{not json');
    db.close();

    const store = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
    opened.push(store);
    expect(await store.getTeamSettings('19:broken')).toBeUndefined();
    expect((await store.getTeamSettings(TEAM))?.value.leads).toEqual([USER]);
  });
});
