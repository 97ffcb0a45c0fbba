// The sweep that deletes a team's data after the grace period, on a local store with a clock the
// test moves: removed 29 days ago kept, 31 days ago deleted, removed and added back kept; personal
// chats lose only their record; several instances never sweep at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeamDataSweep, type TeamDataSweep } from '../../src/installations/teamDataSweep';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import type { Mission } from '../../src/domain';
import type { FrameworkStore, InstallationInput } from '../../src/store/port';
import { channelInstallation, DAY_MS, submission, TestClock, uniqueId } from '../store/fixtures';
import { submitAnswers } from '../support/submitAnswers';

const M: Mission = 'digitally-enabled-councils';
const W = '2026-W48';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const dirs: string[] = [];
const opened: FrameworkStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function openStore(
  clock: TestClock,
  dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-sweep-')),
): Promise<{ store: FrameworkStore; dataDir: string }> {
  dirs.push(dataDir);
  const store = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
  opened.push(store);
  return { store, dataDir };
}

function groupChat(conversationId: string): InstallationInput {
  const input = channelInstallation(conversationId);
  return {
    conversationId,
    tenantId: input.tenantId,
    kind: 'groupChat',
    reference: { ...input.reference, conversation: { id: conversationId, conversationType: 'groupChat' } },
  };
}

function personalChat(userId: string): InstallationInput {
  const conversationId = `a:personal-${userId}`;
  const input = channelInstallation(conversationId);
  return {
    conversationId,
    tenantId: input.tenantId,
    kind: 'personal',
    reference: {
      ...input.reference,
      conversation: { id: conversationId, conversationType: 'personal' },
      user: { id: userId },
    },
  };
}

/** A team with the app: settings, an answer, a draft and a roll-up. */
async function teamWithData(store: FrameworkStore, input: InstallationInput): Promise<string> {
  await store.upsertInstallation(input);
  const teamId = input.teamId ?? input.conversationId;
  await store.updateTeamSettings(teamId, (settings) => ({ ...settings, leads: ['29:lead'] }));
  await submitAnswers(store, submission(teamId, '29:member', W, M, 4));
  // Drafts live 14 days by default; this one outlives the tests' grace periods, to show it is deleted.
  await store.saveDraft({
    teamId,
    userId: '29:other',
    mission: M,
    week: W,
    draft: { step: 'progress' },
    ttlSeconds: 90 * 24 * 3600,
  });
  await store.applyToRollup(teamId, M, W, (rollup) => ({ ...rollup, responses: 1, progressSum: 4 }));
  return teamId;
}

/** What is left of a team's data, as counts. */
async function remaining(store: FrameworkStore, teamId: string) {
  return {
    settings: (await store.getTeamSettings(teamId)) ? 1 : 0,
    checkIns: (await store.listTeamCheckIns(teamId, W)).length,
    drafts: (await store.getDraft({ teamId, userId: '29:other', mission: M, week: W })) ? 1 : 0,
    rollups: (await store.listRollups(teamId, { fromWeek: W, toWeek: W })).length,
  };
}
const ALL = { settings: 1, checkIns: 1, drafts: 1, rollups: 1 };
const NONE = { settings: 0, checkIns: 0, drafts: 0, rollups: 0 };

describe('team data sweep', () => {
  let clock: TestClock;
  let store: FrameworkStore;
  let sweep: TeamDataSweep;

  beforeEach(async () => {
    clock = new TestClock();
    ({ store } = await openStore(clock));
    sweep = createTeamDataSweep({ store, graceDays: 30, logger: silent, now: () => new Date(clock.now()) });
  });

  it('keeps a team removed 29 days ago, deletes one removed 31 days ago, and keeps one added back in between', async () => {
    const removed31 = await teamWithData(store, channelInstallation(uniqueId('19')));
    const removed29 = await teamWithData(store, channelInstallation(uniqueId('19')));
    const addedBack = await teamWithData(store, channelInstallation(uniqueId('19')));
    const installed = await teamWithData(store, channelInstallation(uniqueId('19')));

    await store.markInstallationRemoved(channelInstallation(removed31));
    await store.markInstallationRemoved(channelInstallation(addedBack));
    clock.advance(2 * DAY_MS);
    await store.markInstallationRemoved(channelInstallation(removed29));
    clock.advance(DAY_MS);
    await store.upsertInstallation(channelInstallation(addedBack)); // a message after it was added back
    clock.advance(28 * DAY_MS); // 31 days after the first removals, 29 after the second

    const report = await sweep.runSweep();
    expect(report).toMatchObject({ swept: true, teams: 1, personalChats: 0, records: 4, errors: 0 });
    expect(await remaining(store, removed31)).toEqual(NONE);
    expect(await store.getInstallation(removed31)).toBeUndefined();
    expect(await remaining(store, removed29)).toEqual(ALL);
    expect((await store.getInstallation(removed29))?.active).toBe(false);
    expect(await remaining(store, addedBack)).toEqual(ALL);
    expect((await store.getInstallation(addedBack))?.active).toBe(true);
    expect(await remaining(store, installed)).toEqual(ALL);

    // Two days on, the second removal is past its grace period too; the others are still kept.
    clock.advance(2 * DAY_MS);
    expect(await sweep.runSweep()).toMatchObject({ teams: 1, records: 4 });
    expect(await remaining(store, removed29)).toEqual(NONE);
    expect(await store.getInstallation(removed29)).toBeUndefined();
    expect(await remaining(store, addedBack)).toEqual(ALL);
    expect(await remaining(store, installed)).toEqual(ALL);
    // Nothing left to do: a sweep now deletes nothing.
    expect(await sweep.runSweep()).toMatchObject({ swept: true, teams: 0, records: 0 });
  });

  it("deletes a removed team's shared examples with its data, and keeps other teams' examples", async () => {
    const removed = await teamWithData(store, channelInstallation(uniqueId('19')));
    const kept = await teamWithData(store, channelInstallation(uniqueId('19')));
    const shared = (teamId: string, id: string) =>
      store.practice.offerExample({
        id,
        tenantId: channelInstallation(teamId).tenantId,
        teamId,
        teamName: 'A team',
        authorId: '29:member',
        text: 'A win',
        parts: ['outcome:data'],
        status: 'approved',
        source: { mission: M, week: W },
        offeredAt: new Date(clock.now()).toISOString(),
        decidedAt: new Date(clock.now()).toISOString(),
      });
    await shared(removed, 'a'.repeat(32));
    await shared(kept, 'b'.repeat(32));
    await store.markInstallationRemoved(channelInstallation(removed));
    clock.advance(31 * DAY_MS);

    expect(await sweep.runSweep()).toMatchObject({ swept: true, teams: 1, records: 5, errors: 0 });
    const tenantId = channelInstallation(removed).tenantId;
    expect((await store.practice.listExamples(tenantId)).items.map((each) => each.teamId)).toEqual([kept]);
  });

  it('counts the grace period from the configured number of days', async () => {
    const team = await teamWithData(store, channelInstallation(uniqueId('19')));
    await store.markInstallationRemoved(channelInstallation(team));
    clock.advance(8 * DAY_MS);
    const week = createTeamDataSweep({ store, graceDays: 7, logger: silent, now: () => new Date(clock.now()) });
    expect((await sweep.runSweep()).teams).toBe(0);
    expect(await remaining(store, team)).toEqual(ALL);
    expect((await week.runSweep()).teams).toBe(1);
    expect(await remaining(store, team)).toEqual(NONE);
  });

  it("deletes a group chat's data under the chat's id, and only the record of a removed personal chat", async () => {
    const chat = await teamWithData(store, groupChat(uniqueId('19')));
    const person = personalChat('29:gone');
    await store.upsertInstallation(person);
    await store.markInstallationRemoved(groupChat(chat));
    await store.markInstallationRemoved(person);
    // The person's answers in a team the app is still in stay: they are the team's, with its own retention.
    const team = await teamWithData(store, channelInstallation(uniqueId('19')));
    await submitAnswers(store, submission(team, '29:gone', W, M, 2));
    clock.advance(31 * DAY_MS);

    expect(await sweep.runSweep()).toMatchObject({ teams: 1, personalChats: 1, records: 4 });
    expect(await remaining(store, chat)).toEqual(NONE);
    expect(await store.getInstallation(chat)).toBeUndefined();
    expect(await store.getInstallation(person.conversationId)).toBeUndefined();
    expect((await store.listPersonRecords('29:gone')).checkIns).toHaveLength(1);
    expect(await remaining(store, team)).toEqual({ ...ALL, checkIns: 2 });
  });

  it('deletes the data of a removal it learnt of without ever seeing the installation', async () => {
    const teamId = uniqueId('19');
    await store.updateTeamSettings(teamId, (settings) => ({ ...settings, paused: true }));
    await store.markInstallationRemoved(channelInstallation(teamId));
    clock.advance(31 * DAY_MS);
    expect((await sweep.runSweep()).teams).toBe(1);
    expect(await store.getTeamSettings(teamId)).toBeUndefined();
  });

  it('lets one instance sweep at a time, and the next sweep finishes what a failed one left', async () => {
    const team = await teamWithData(store, channelInstallation(uniqueId('19')));
    await store.markInstallationRemoved(channelInstallation(team));
    clock.advance(31 * DAY_MS);
    // Another instance holds the sweep's lease: this one does nothing.
    expect(await store.tryAcquireLease('team-data-sweep', 'another-instance', 600)).toBe(true);
    expect(await sweep.runSweep()).toMatchObject({ swept: false, teams: 0 });
    expect(await remaining(store, team)).toEqual(ALL);
    await store.releaseLease('team-data-sweep', 'another-instance');

    // The store fails after the team data went but before the record did: the next sweep finds it again.
    const failing = Object.create(store) as FrameworkStore;
    failing.deleteInstallation = () => Promise.reject(new Error('lost connection'));
    const broken = createTeamDataSweep({
      store: failing,
      graceDays: 30,
      logger: silent,
      now: () => new Date(clock.now()),
    });
    expect(await broken.runSweep()).toMatchObject({ swept: true, errors: 1 });
    expect(await remaining(store, team)).toEqual(NONE);
    expect(await store.getInstallation(team)).toBeDefined();
    expect(await sweep.runSweep()).toMatchObject({ teams: 1, errors: 0 });
    expect(await store.getInstallation(team)).toBeUndefined();
    // The lease was given back each time: a third instance can take it at once.
    expect(await store.tryAcquireLease('team-data-sweep', 'a-third-instance', 600)).toBe(true);
  });

  it('deletes each team once when two instances on one store sweep at the same moment', async () => {
    const teams = await Promise.all(
      Array.from({ length: 6 }, () => teamWithData(store, channelInstallation(uniqueId('19')))),
    );
    for (const team of teams) await store.markInstallationRemoved(channelInstallation(team));
    clock.advance(31 * DAY_MS);
    const { store: other } = await openStore(clock, dirs.at(-1));
    const second = createTeamDataSweep({
      store: other,
      graceDays: 30,
      logger: silent,
      now: () => new Date(clock.now()),
    });
    const reports = await Promise.all([sweep.runSweep(), second.runSweep()]);
    expect(reports.map((report) => report.swept).sort()).toEqual([false, true]);
    expect(reports.reduce((sum, report) => sum + report.teams, 0)).toBe(6);
    for (const team of teams) expect(await remaining(store, team)).toEqual(NONE);
  });

  it('runs on a timer from start, and stop waits for the sweep in progress', async () => {
    const team = await teamWithData(store, channelInstallation(uniqueId('19')));
    await store.markInstallationRemoved(channelInstallation(team));
    clock.advance(31 * DAY_MS);
    const sweeper = sweep.start({ intervalMs: 60_000 });
    const deadline = Date.now() + 3000;
    while ((await store.getInstallation(team)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await sweeper.stop();
    expect(await store.getInstallation(team)).toBeUndefined();
    expect(await remaining(store, team)).toEqual(NONE);
  });
});
