// The behaviour every FrameworkStore must show, written once and run against each implementation
// (as botbuilder-js runs one suite over all its storage adapters). Each test opens a fresh,
// empty store through the harness; the harness knows how to make its store stop answering.
import { ConflictError, StoreUnavailableError, StoreValidationError } from '../../src/store/errors';
import { DEFAULT_RETENTION_DAYS } from '../../src/store/defaults';
import type {
  CheckInAnswers,
  Installation,
  ProgressHistogram,
  ProgressScore,
  TeamSettings,
  WeeklyRollup,
} from '../../src/domain';
import { MAX_KNOWN_TEAMS } from '../../src/store/port';
import type { FrameworkStore } from '../../src/store/port';
import { rollupOf } from '../../src/checkins/rollupContribution';
import { answers, channelInstallation, DAY_MS, submission, TestClock, uniqueId } from './fixtures';
import { submitAnswers } from '../support/submitAnswers';

interface StoreUnderTest {
  store: FrameworkStore;
  clock: TestClock;
  /** Another store on the same data, as a second bot instance would have; shares the clock. */
  openAnother(): Promise<FrameworkStore>;
  /** Makes the backing store stop answering writes; resolves to a function that undoes it. */
  stall(): Promise<() => Promise<void>>;
}

export interface StoreHarness {
  name: string;
  /**
   * A fresh, empty store. `timeoutMs` bounds each call (Cosmos DB) or lock wait (SQLite); the
   * default is the production one. The harness closes everything it opened after each test.
   */
  open(options?: { timeoutMs?: number }): Promise<StoreUnderTest>;
  closeAll(): Promise<void>;
}

/** Slack on top of a call's own bound, for a loaded test machine. */
const SLACK_MS = 1200;

const addLead =
  (lead: string) =>
  (settings: TeamSettings): TeamSettings => ({ ...settings, leads: [...settings.leads, lead] });

const countResponse =
  (progress: ProgressScore) =>
  (rollup: WeeklyRollup): WeeklyRollup => {
    const histogram = rollup.progressHistogram.map((count, i) =>
      i === progress - 1 ? count + 1 : count,
    ) as ProgressHistogram;
    return {
      ...rollup,
      responses: rollup.responses + 1,
      progressSum: rollup.progressSum + progress,
      progressHistogram: histogram,
    };
  };

async function allPages(store: FrameworkStore, pageSize: number, activeOnly = false): Promise<Installation[][]> {
  const pages: Installation[][] = [];
  let continuationToken: string | undefined;
  do {
    const page = await store.listInstallations({
      pageSize,
      activeOnly,
      ...(continuationToken ? { continuationToken } : {}),
    });
    pages.push(page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken && pages.length < 100);
  return pages;
}

export function defineStoreContract(harness: StoreHarness): void {
  describe(`${harness.name}: store contract`, () => {
    let t: StoreUnderTest;
    let store: FrameworkStore;

    beforeEach(async () => {
      t = await harness.open();
      store = t.store;
    });
    afterEach(() => harness.closeAll());

    describe('installations', () => {
      it('creates, reads and refreshes an installation, keeping when it was installed', async () => {
        const id = uniqueId('19');
        const first = await store.upsertInstallation(channelInstallation(id));
        expect(first).toMatchObject({ conversationId: id, kind: 'channel', teamId: id, active: true });
        expect(first.installedAt).toBe(first.updatedAt);
        expect(await store.getInstallation(id)).toEqual(first);

        t.clock.advance(60_000);
        const moved = await store.upsertInstallation(channelInstallation(id, 'https://smba.trafficmanager.net/emea/'));
        expect(moved.reference.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
        expect(moved.installedAt).toBe(first.installedAt);
        expect(moved.updatedAt > first.updatedAt).toBe(true);
        expect(await store.getInstallation(id)).toEqual(moved);
      });

      it('stores the reference as a plain object of its own shape, dropping anything else', async () => {
        const id = uniqueId('a');
        const input = channelInstallation(id);
        const withExtras = {
          ...input,
          reference: { ...input.reference, locale: 'en-GB', user: { id: '29:x', name: 'Sam', aadObjectId: 'y' } },
        };
        await store.upsertInstallation(withExtras);
        const stored = await store.getInstallation(id);
        expect(stored?.reference).toEqual({ ...input.reference, user: { id: '29:x' } });
      });

      it('marks an installation inactive, and a later message makes it active again', async () => {
        const id = uniqueId('19');
        await store.upsertInstallation(channelInstallation(id));
        expect(await store.markInstallationInactive(id)).toBe(true);
        expect((await store.getInstallation(id))?.active).toBe(false);
        expect(await store.markInstallationInactive(uniqueId('missing'))).toBe(false);
        expect(await store.getInstallation(uniqueId('missing'))).toBeUndefined();
        await store.upsertInstallation(channelInstallation(id));
        expect((await store.getInstallation(id))?.active).toBe(true);
      });

      it('lists installations across partitions in pages: 25 with page size 10 are 3 pages, all distinct', async () => {
        const ids = Array.from({ length: 25 }, () => uniqueId('19'));
        await Promise.all(ids.map((id) => store.upsertInstallation(channelInstallation(id))));
        const pages = await allPages(store, 10);
        expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
        const listed = pages.flat().map((item) => item.conversationId);
        expect(new Set(listed).size).toBe(25);
        expect([...listed].sort()).toEqual([...ids].sort());
      });

      it('lists only active installations for the scheduler', async () => {
        const ids = Array.from({ length: 12 }, () => uniqueId('19'));
        await Promise.all(ids.map((id) => store.upsertInstallation(channelInstallation(id))));
        await Promise.all(ids.slice(0, 4).map((id) => store.markInstallationInactive(id)));
        const active = (await allPages(store, 5, true)).flat();
        expect(active.map((item) => item.conversationId).sort()).toEqual(ids.slice(4).sort());
        expect(active.every((item) => item.active)).toBe(true);
      });

      it('records a removal with its time, keeps the first removal time, and a message from the conversation clears it', async () => {
        const id = uniqueId('19');
        const installed = await store.upsertInstallation(channelInstallation(id));
        expect(installed.removedAt).toBeUndefined();
        t.clock.advance(60_000);
        const removed = await store.markInstallationRemoved(channelInstallation(id));
        expect(removed).toMatchObject({ conversationId: id, active: false, installedAt: installed.installedAt });
        expect(removed.removedAt).toBe(new Date(t.clock.now()).toISOString());
        expect(removed.updatedAt).toBe(removed.removedAt);
        expect(await store.getInstallation(id)).toEqual(removed);

        // Teams can send two removal activities for one removal: the first time stands.
        t.clock.advance(60_000);
        expect(await store.markInstallationRemoved(channelInstallation(id))).toEqual(removed);

        // Added back: the next message makes it active and clears the removal.
        t.clock.advance(60_000);
        const back = await store.upsertInstallation(channelInstallation(id));
        expect(back.active).toBe(true);
        expect(back.removedAt).toBeUndefined();
        expect('removedAt' in ((await store.getInstallation(id)) ?? {})).toBe(false);
      });

      it('records a removal after a 403 made the installation inactive, and one it never saw installed', async () => {
        const inactive = uniqueId('19');
        await store.upsertInstallation(channelInstallation(inactive));
        await store.markInstallationInactive(inactive);
        expect((await store.getInstallation(inactive))?.removedAt).toBeUndefined();
        t.clock.advance(1000);
        expect((await store.markInstallationRemoved(channelInstallation(inactive))).removedAt).toBe(
          new Date(t.clock.now()).toISOString(),
        );

        const unseen = uniqueId('19');
        const recorded = await store.markInstallationRemoved(channelInstallation(unseen));
        expect(recorded).toMatchObject({ conversationId: unseen, kind: 'channel', teamId: unseen, active: false });
        expect(recorded.removedAt).toBe(recorded.installedAt);
        expect(await store.getInstallation(unseen)).toEqual(recorded);
        // A 403 later leaves the removal time alone.
        await store.markInstallationInactive(unseen);
        expect((await store.getInstallation(unseen))?.removedAt).toBe(recorded.removedAt);
      });

      it('lists installations removed before a time, in pages, leaving out active, merely inactive and later removals', async () => {
        const early = Array.from({ length: 7 }, () => uniqueId('19'));
        const late = uniqueId('19');
        const active = uniqueId('19');
        const inactive = uniqueId('19');
        const addedBack = uniqueId('19');
        await Promise.all(
          [...early, late, active, inactive, addedBack].map((id) => store.upsertInstallation(channelInstallation(id))),
        );
        await store.markInstallationInactive(inactive);
        await Promise.all([...early, addedBack].map((id) => store.markInstallationRemoved(channelInstallation(id))));
        await store.upsertInstallation(channelInstallation(addedBack));
        t.clock.advance(10 * DAY_MS);
        await store.markInstallationRemoved(channelInstallation(late));
        const cutoff = new Date(t.clock.now() - DAY_MS).toISOString();

        const pages: Installation[][] = [];
        let continuationToken: string | undefined;
        do {
          const page = await store.listInstallations({
            pageSize: 3,
            removedBefore: cutoff,
            ...(continuationToken ? { continuationToken } : {}),
          });
          pages.push(page.items);
          continuationToken = page.continuationToken;
        } while (continuationToken && pages.length < 20);
        const listed = pages.flat();
        expect(listed.map((item) => item.conversationId).sort()).toEqual([...early].sort());
        expect(pages[0]).toHaveLength(3);
        expect(listed.every((item) => !item.active && item.removedAt !== undefined && item.removedAt < cutoff)).toBe(
          true,
        );
        // A later cutoff takes in the late removal too; the time may be written with an offset.
        const later = new Date(t.clock.now() + 1000).toISOString().replace('Z', '+00:00');
        const all = await store.listInstallations({ pageSize: 100, removedBefore: later });
        expect(all.items.map((item) => item.conversationId).sort()).toEqual([...early, late].sort());
        await expect(store.listInstallations({ removedBefore: 'last month' })).rejects.toBeInstanceOf(
          StoreValidationError,
        );
      });

      it('deletes an installation record, and with a condition only while still removed before the time', async () => {
        const plain = uniqueId('a');
        await store.upsertInstallation(channelInstallation(plain));
        expect(await store.deleteInstallation(plain)).toBe(true);
        expect(await store.getInstallation(plain)).toBeUndefined();
        expect(await store.deleteInstallation(plain)).toBe(false);

        const id = uniqueId('19');
        await store.upsertInstallation(channelInstallation(id));
        const cutoffNow = () => new Date(t.clock.now()).toISOString();
        // Active: never deleted by the condition.
        t.clock.advance(1000);
        expect(await store.deleteInstallation(id, { removedBefore: cutoffNow() })).toBe(false);
        await store.markInstallationRemoved(channelInstallation(id));
        // Removed, but not before the cutoff.
        expect(await store.deleteInstallation(id, { removedBefore: cutoffNow() })).toBe(false);
        expect(await store.getInstallation(id)).toBeDefined();
        // Added back after its removal: kept, whatever the cutoff.
        t.clock.advance(1000);
        await store.upsertInstallation(channelInstallation(id));
        t.clock.advance(1000);
        expect(await store.deleteInstallation(id, { removedBefore: cutoffNow() })).toBe(false);
        expect((await store.getInstallation(id))?.active).toBe(true);
        // Removed again and the cutoff past it: deleted.
        await store.markInstallationRemoved(channelInstallation(id));
        t.clock.advance(1000);
        expect(await store.deleteInstallation(id, { removedBefore: cutoffNow() })).toBe(true);
        expect(await store.getInstallation(id)).toBeUndefined();
        expect(await store.deleteInstallation(uniqueId('missing'), { removedBefore: cutoffNow() })).toBe(false);
        await expect(store.deleteInstallation(id, { removedBefore: 'soon' })).rejects.toBeInstanceOf(
          StoreValidationError,
        );
      });

      it('rejects an installation without the reference needed to message it', async () => {
        const input = channelInstallation(uniqueId('19'));
        await expect(
          store.upsertInstallation({ ...input, reference: { ...input.reference, serviceUrl: 'not a url' } }),
        ).rejects.toBeInstanceOf(StoreValidationError);
        await expect(store.listInstallations({ pageSize: 0 })).rejects.toBeInstanceOf(StoreValidationError);
      });
    });

    describe('team settings', () => {
      it('starts from the defaults, and reads back what was written with its etag', async () => {
        const teamId = uniqueId('19');
        expect(await store.getTeamSettings(teamId)).toBeUndefined();
        const written = await store.updateTeamSettings(teamId, (s) => ({
          ...s,
          paused: true,
          missions: ['digitally-equipped-places'],
        }));
        expect(written.value).toMatchObject({
          teamId,
          paused: true,
          missions: ['digitally-equipped-places'],
          retentionDays: DEFAULT_RETENTION_DAYS,
          leads: [],
        });
        expect(written.etag).toEqual(expect.any(String));
        expect(await store.getTeamSettings(teamId)).toEqual(written);

        const again = await store.updateTeamSettings(teamId, (s) => ({
          ...s,
          schedule: { day: 5, time: '14:30', timeZone: 'Europe/London' },
        }));
        expect(again.etag).not.toBe(written.etag);
        expect(again.value).toMatchObject({ paused: true, schedule: { day: 5, time: '14:30' } });
      });

      it('keeps the optional settings (weekly summary post, sample data) through a write and a read, and leaves them out when absent', async () => {
        const teamId = uniqueId('19');
        const plain = await store.updateTeamSettings(teamId, (s) => ({ ...s, paused: false }));
        expect(plain.value).not.toHaveProperty('postWeeklySummary');
        const on = await store.updateTeamSettings(teamId, (s) => ({ ...s, postWeeklySummary: true, sampleData: true }));
        expect(on.value).toMatchObject({ postWeeklySummary: true, sampleData: true });
        expect(await store.getTeamSettings(teamId)).toEqual(on);
        // Another change keeps it; switching it off is read back as off.
        const kept = await store.updateTeamSettings(teamId, addLead('29:lead'));
        expect(kept.value.postWeeklySummary).toBe(true);
        const off = await store.updateTeamSettings(teamId, (s) => ({ ...s, postWeeklySummary: false }));
        expect((await store.getTeamSettings(teamId))?.value.postWeeklySummary).toBe(false);
        expect(off.value.leads).toEqual(['29:lead']);
        await expect(
          store.updateTeamSettings(teamId, (s) => ({ ...s, postWeeklySummary: 'yes' as never })),
        ).rejects.toBeInstanceOf(StoreValidationError);
      });

      it("keeps the team's last prompt message (week, conversation, activity id) through writes and reads, and refuses a malformed one", async () => {
        const teamId = uniqueId('19');
        const plain = await store.updateTeamSettings(teamId, (s) => ({ ...s, paused: false }));
        expect(plain.value).not.toHaveProperty('lastPrompt');
        const lastPrompt = { week: '2026-W24', conversationId: teamId, activityId: '1:1a2b3c;messageid=1718000000000' };
        const written = await store.updateTeamSettings(teamId, (s) => ({ ...s, lastPrompt }));
        expect(written.value.lastPrompt).toEqual(lastPrompt);
        expect(await store.getTeamSettings(teamId)).toEqual(written);
        // Another change keeps it; a later prompt replaces it.
        expect((await store.updateTeamSettings(teamId, addLead('29:lead'))).value.lastPrompt).toEqual(lastPrompt);
        const next = { week: '2026-W25', conversationId: teamId, activityId: '1:next' };
        await store.updateTeamSettings(teamId, (s) => ({ ...s, lastPrompt: next }));
        expect((await store.getTeamSettings(teamId))?.value.lastPrompt).toEqual(next);
        await expect(
          store.updateTeamSettings(teamId, (s) => ({ ...s, lastPrompt: { ...next, week: 'next week' } })),
        ).rejects.toBeInstanceOf(StoreValidationError);
        await expect(
          store.updateTeamSettings(teamId, (s) => ({ ...s, lastPrompt: { ...next, activityId: '' } })),
        ).rejects.toBeInstanceOf(StoreValidationError);
        expect((await store.getTeamSettings(teamId))?.value.lastPrompt).toEqual(next);
      });

      it("keeps the team's bank holidays and weeks off through writes and reads, and refuses an unknown nation or a malformed week", async () => {
        const teamId = uniqueId('19');
        const plain = await store.updateTeamSettings(teamId, (s) => ({ ...s, paused: false }));
        expect(plain.value).not.toHaveProperty('bankHolidays');
        expect(plain.value).not.toHaveProperty('weeksOff');
        const bankHolidays = { region: 'scotland' as const, onHoliday: 'skip' as const };
        const written = await store.updateTeamSettings(teamId, (s) => ({
          ...s,
          bankHolidays,
          weeksOff: ['2026-W52', '2026-W53'],
        }));
        expect(await store.getTeamSettings(teamId)).toEqual(written);
        expect((await store.updateTeamSettings(teamId, addLead('29:lead'))).value).toMatchObject({
          bankHolidays,
          weeksOff: ['2026-W52', '2026-W53'],
        });
        for (const bad of [
          { bankHolidays: { region: 'wales', onHoliday: 'move' } },
          { bankHolidays: { region: 'scotland', onHoliday: 'later' } },
          { weeksOff: ['Christmas'] },
          { weeksOff: ['2026-W52', '2026-W52'] },
        ])
          await expect(
            store.updateTeamSettings(teamId, (s) => ({ ...s, ...(bad as unknown as Partial<TeamSettings>) })),
          ).rejects.toBeInstanceOf(StoreValidationError);
        expect((await store.getTeamSettings(teamId))?.value.weeksOff).toEqual(['2026-W52', '2026-W53']);
      });

      it('loses no update when ten writers on two instances change the same team at once', async () => {
        const teamId = uniqueId('19');
        const other = await t.openAnother();
        const leads = Array.from({ length: 10 }, (_, i) => `29:lead-${i}`);
        await Promise.all(leads.map((lead, i) => (i % 2 ? other : store).updateTeamSettings(teamId, addLead(lead))));
        const final = await store.getTeamSettings(teamId);
        expect([...(final?.value.leads ?? [])].sort()).toEqual([...leads].sort());
      });

      it('re-reads and re-applies the change when another instance wrote in between', async () => {
        const teamId = uniqueId('19');
        const other = await t.openAnother();
        let calls = 0;
        const result = await store.updateTeamSettings(teamId, async (settings) => {
          calls += 1;
          if (calls === 1) await other.updateTeamSettings(teamId, addLead('29:other'));
          return addLead('29:mine')(settings);
        });
        expect(calls).toBe(2);
        expect(result.value.leads).toEqual(['29:other', '29:mine']);
      });

      it('gives up with ConflictError after a bounded number of attempts, writing nothing of its own', async () => {
        const teamId = uniqueId('19');
        const other = await t.openAnother();
        let calls = 0;
        const attempt = store.updateTeamSettings(teamId, async (settings) => {
          calls += 1;
          await other.updateTeamSettings(teamId, addLead(`29:other-${calls}`));
          return addLead('29:mine')(settings);
        });
        const error = await attempt.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).attempts).toBe(calls);
        expect(calls).toBeGreaterThanOrEqual(3);
        expect((await store.getTeamSettings(teamId))?.value.leads).not.toContain('29:mine');
      });

      it('rejects settings that break the shape, and passes a mutator’s own error through untouched', async () => {
        const teamId = uniqueId('19');
        await expect(store.updateTeamSettings(teamId, (s) => ({ ...s, retentionDays: 0 }))).rejects.toBeInstanceOf(
          StoreValidationError,
        );
        // Not a zone, and a UTC offset, which Intl on Node.js 24 takes as a zone but a schedule must not.
        for (const timeZone of ['Mars/Olympus', '+05:00'])
          await expect(
            store.updateTeamSettings(teamId, (s) => ({ ...s, schedule: { ...s.schedule, timeZone } })),
          ).rejects.toBeInstanceOf(StoreValidationError);
        await expect(
          store.updateTeamSettings(teamId, (s) => ({ ...s, teamId: 'someone-else' })),
        ).rejects.toBeInstanceOf(StoreValidationError);
        class Refused extends Error {}
        await expect(
          store.updateTeamSettings(teamId, () => {
            throw new Refused('not a lead');
          }),
        ).rejects.toBeInstanceOf(Refused);
        expect(await store.getTeamSettings(teamId)).toBeUndefined();
      });

      it("deletes a team's settings, check-ins, drafts and roll-ups, and nothing of other teams", async () => {
        const teamId = uniqueId('19');
        const otherTeam = uniqueId('19');
        for (const team of [teamId, otherTeam]) {
          await store.updateTeamSettings(team, addLead('29:lead'));
          await submitAnswers(store, submission(team, '29:sam'));
          await store.saveDraft({ ...submission(team, '29:ali'), draft: { step: 2 } });
          await store.applyToRollup(team, 'digitally-enabled-councils', '2026-W48', countResponse(3));
        }
        expect(await store.deleteTeamData(teamId)).toBe(4);
        expect(await store.getTeamSettings(teamId)).toBeUndefined();
        expect(await store.listTeamCheckIns(teamId, '2026-W48')).toEqual([]);
        expect(await store.getRollup(teamId, 'digitally-enabled-councils', '2026-W48')).toBeUndefined();
        expect(await store.getTeamSettings(otherTeam)).toBeDefined();
        expect(await store.listTeamCheckIns(otherTeam, '2026-W48')).toHaveLength(1);
      });
    });

    describe('a check-in written with its roll-up', () => {
      const mission = 'digitally-enabled-councils';
      const week = '2026-W48';
      const build = (teamId: string) => (given: readonly CheckInAnswers[]) => rollupOf(teamId, mission, week, given);

      it("writes the answers and the roll-up of every answer together, replacing a person's earlier answer", async () => {
        const teamId = uniqueId('19');
        await store.saveDraft({ teamId, userId: '29:sam', mission, week, draft: { step: 2 } });
        const first = await store.submitCheckInWithRollup(
          submission(teamId, '29:sam', week, mission, 2),
          build(teamId),
        );
        expect(first.checkIn).toMatchObject({ teamId, userId: '29:sam', kind: 'answer', answers: answers(2) });
        expect(first.rollup.value).toMatchObject({ responses: 1, progressSum: 2 });
        expect(await store.getDraft({ teamId, userId: '29:sam', mission, week })).toBeUndefined();
        await store.submitCheckInWithRollup(submission(teamId, '29:ali', week, mission, 5), build(teamId));
        // Sam changes their answer: replaced in the answers and in the roll-up, not counted twice.
        const changed = await store.submitCheckInWithRollup(
          submission(teamId, '29:sam', week, mission, 4),
          build(teamId),
        );
        const stored = await store.listTeamCheckIns(teamId, week, mission);
        expect(stored).toHaveLength(2);
        const expected = rollupOf(
          teamId,
          mission,
          week,
          stored.map((record) => record.answers),
        );
        expect(changed.rollup.value).toEqual(expected);
        expect((await store.getRollup(teamId, mission, week))?.value).toEqual(expected);
        expect(expected).toMatchObject({ responses: 2, progressSum: 9 });
        // Its ETag is the roll-up's: a read-modify-write from it goes through.
        expect((await store.getRollup(teamId, mission, week))?.etag).toBe(changed.rollup.etag);
      });

      it('keeps the roll-up equal to the answers when many submit at once through two instances', async () => {
        // Correctness under contention, not speed: eight writers on one roll-up retry each other out
        // several times, which on a loaded machine can outlast the production per-call deadline.
        const contended = await harness.open({ timeoutMs: 30_000 });
        const first = contended.store;
        const other = await contended.openAnother();
        const teamId = uniqueId('19');
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? other : first).submitCheckInWithRollup(
              submission(teamId, `29:person-${i}`, week, mission, ((i % 5) + 1) as ProgressScore),
              build(teamId),
            ),
          ),
        );
        const stored = await first.listTeamCheckIns(teamId, week, mission);
        expect(stored).toHaveLength(8);
        expect((await first.getRollup(teamId, mission, week))?.value).toEqual(
          rollupOf(
            teamId,
            mission,
            week,
            stored.map((record) => record.answers),
          ),
        );
      });

      it('writes neither when the roll-up it is given is not of its team, mission and week', async () => {
        const teamId = uniqueId('19');
        const wrong = () => rollupOf(teamId, mission, '2026-W01', []);
        await expect(
          store.submitCheckInWithRollup(submission(teamId, '29:sam', week, mission), wrong),
        ).rejects.toBeInstanceOf(StoreValidationError);
        expect(await store.listTeamCheckIns(teamId, week)).toEqual([]);
        expect(await store.getRollup(teamId, mission, week)).toBeUndefined();
      });
    });

    describe('check-ins and drafts', () => {
      it('keeps one record per team, person, mission and week however often it is submitted', async () => {
        const teamId = uniqueId('19');
        const first = submission(teamId, '29:sam', '2026-W48', 'digitally-enabled-councils', 2);
        await submitAnswers(store, first);
        await Promise.all([submitAnswers(store, first), submitAnswers(store, first)]);
        const changed = await submitAnswers(store, {
          ...first,
          answers: answers(4, { win: 'Launched the new forms' }),
        });
        const listed = await store.listTeamCheckIns(teamId, '2026-W48');
        expect(listed).toHaveLength(1);
        expect(listed[0]).toEqual(changed);
        expect(await store.getCheckIn(first)).toEqual(changed);
        expect(changed).toMatchObject({
          kind: 'answer',
          ttl: 730 * 24 * 3600,
          answers: { progress: 4, win: 'Launched the new forms' },
        });
      });

      it("lists a team's answers for one week, optionally for one mission", async () => {
        const teamId = uniqueId('19');
        await submitAnswers(store, submission(teamId, '29:sam', '2026-W48', 'digitally-enabled-councils'));
        await submitAnswers(store, submission(teamId, '29:sam', '2026-W48', 'digitally-equipped-places'));
        await submitAnswers(store, submission(teamId, '29:ali', '2026-W48', 'digitally-enabled-councils'));
        await submitAnswers(store, submission(teamId, '29:ali', '2026-W47', 'digitally-enabled-councils'));
        await submitAnswers(store, submission(uniqueId('19'), '29:ali', '2026-W48', 'digitally-enabled-councils'));
        expect(await store.listTeamCheckIns(teamId, '2026-W48')).toHaveLength(3);
        const councils = await store.listTeamCheckIns(teamId, '2026-W48', 'digitally-enabled-councils');
        expect(councils.map((r) => r.userId).sort()).toEqual(['29:ali', '29:sam']);
        expect(
          await store.getCheckIn({
            teamId,
            userId: '29:nobody',
            mission: 'digitally-enabled-councils',
            week: '2026-W48',
          }),
        ).toBeUndefined();
      });

      it('saves and overwrites a draft, and a submit removes it', async () => {
        const teamId = uniqueId('19');
        const key = { teamId, userId: '29:sam', mission: 'digitally-empowered-residents' as const, week: '2026-W48' };
        expect(await store.getDraft(key)).toBeUndefined();
        await store.saveDraft({ ...key, draft: { step: 1 } });
        const second = await store.saveDraft({
          ...key,
          draft: { step: 2, progress: 4, outcomes: ['a', 'b'], note: null },
        });
        expect(await store.getDraft(key)).toEqual(second);

        await store.saveDraft({ ...key, draft: { step: 3 } });
        await submitAnswers(store, { ...key, answers: answers(5), retentionDays: 30 });
        expect(await store.getDraft(key)).toBeUndefined();
        expect((await store.getCheckIn(key))?.answers.progress).toBe(5);
      });

      it("lists and deletes one person's records across teams, leaving everyone else's", async () => {
        const [teamA, teamB] = [uniqueId('19'), uniqueId('19')];
        const person = uniqueId('29');
        await submitAnswers(store, submission(teamA, person, '2026-W47'));
        await submitAnswers(store, submission(teamB, person, '2026-W48'));
        await store.saveDraft({ ...submission(teamB, person, '2026-W49'), draft: { step: 1 } });
        await submitAnswers(store, submission(teamA, '29:someone-else', '2026-W47'));

        const mine = await store.listPersonRecords(person);
        expect(mine.checkIns.map((r) => r.teamId).sort()).toEqual([teamA, teamB].sort());
        expect(mine.drafts).toHaveLength(1);
        expect(mine.checkIns.every((r) => r.userId === person)).toBe(true);

        expect(await store.deletePersonRecords(person)).toBe(3);
        expect(await store.listPersonRecords(person)).toEqual({ checkIns: [], drafts: [] });
        expect(await store.deletePersonRecords(person)).toBe(0);
        expect(await store.listTeamCheckIns(teamA, '2026-W47')).toHaveLength(1);
      });

      it('hides records whose retention has passed', async () => {
        const teamId = uniqueId('19');
        const short = submission(teamId, '29:sam', '2026-W48', 'digitally-enabled-councils', 3, 1);
        const long = submission(teamId, '29:ali', '2026-W48', 'digitally-enabled-councils', 3, 30);
        await submitAnswers(store, short);
        await submitAnswers(store, long);
        await store.saveDraft({ ...short, mission: 'digitally-equipped-places', draft: {}, ttlSeconds: 3600 });

        t.clock.advance(DAY_MS - 1000);
        expect(await store.getCheckIn(short)).toBeDefined();
        t.clock.advance(2000);
        expect(await store.getCheckIn(short)).toBeUndefined();
        expect(await store.getDraft({ ...short, mission: 'digitally-equipped-places' })).toBeUndefined();
        expect((await store.listTeamCheckIns(teamId, '2026-W48')).map((r) => r.userId)).toEqual(['29:ali']);
        expect((await store.listPersonRecords('29:sam')).checkIns.filter((r) => r.teamId === teamId)).toEqual([]);
      });

      it('rejects malformed keys and answers before writing anything', async () => {
        const teamId = uniqueId('19');
        await expect(submitAnswers(store, { ...submission(teamId, '29:sam'), week: '2026-48' })).rejects.toBeInstanceOf(
          StoreValidationError,
        );
        await expect(
          submitAnswers(store, { ...submission(teamId, '29:sam'), answers: { ...answers(3), progress: 6 as 5 } }),
        ).rejects.toBeInstanceOf(StoreValidationError);
        await expect(
          submitAnswers(store, { ...submission(teamId, '29:sam'), retentionDays: 1.5 }),
        ).rejects.toBeInstanceOf(StoreValidationError);
        expect(await store.listTeamCheckIns(teamId, '2026-W48')).toEqual([]);
      });
    });

    describe('time away', () => {
      it("keeps one period per team and person, lists a team's periods that overlap some days, and deletes one", async () => {
        const [teamA, teamB] = [uniqueId('19'), uniqueId('19')];
        const person = uniqueId('29');
        const saved = await store.saveAway({ teamId: teamA, userId: person, from: '2026-12-21', until: '2027-01-02' });
        expect(saved).toMatchObject({
          kind: 'away',
          teamId: teamA,
          userId: person,
          from: '2026-12-21',
          until: '2027-01-02',
        });
        await store.saveAway({ teamId: teamB, userId: person, from: '2026-12-21', until: '2027-01-02' });
        await store.saveAway({ teamId: teamA, userId: '29:other', from: '2026-12-28', until: '2026-12-28' });
        // A new period replaces the old one for that team.
        await store.saveAway({ teamId: teamA, userId: person, from: '2026-12-22', until: '2027-01-04' });
        const overlapping = await store.listTeamAway(teamA, '2026-12-28', '2027-01-03');
        expect(overlapping.map((away) => [away.userId, away.from, away.until])).toEqual(
          [
            ['29:other', '2026-12-28', '2026-12-28'],
            [person, '2026-12-22', '2027-01-04'],
          ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
        );
        // Touching days count; days wholly before or after do not.
        expect(await store.listTeamAway(teamA, '2027-01-04', '2027-01-10')).toHaveLength(1);
        expect(await store.listTeamAway(teamA, '2027-01-05', '2027-01-10')).toEqual([]);
        expect(await store.listTeamAway(teamA, '2026-12-14', '2026-12-21')).toEqual([]);
        expect(await store.deleteAway(teamA, person)).toBe(true);
        expect(await store.deleteAway(teamA, person)).toBe(false);
        expect((await store.listTeamAway(teamA, '2026-12-28', '2027-01-03')).map((away) => away.userId)).toEqual([
          '29:other',
        ]);
        expect(await store.listTeamAway(teamB, '2026-12-28', '2027-01-03')).toHaveLength(1);
      });

      it("is part of the person's records, goes with them when deleted, and goes with the team's data", async () => {
        const [teamA, teamB] = [uniqueId('19'), uniqueId('19')];
        const person = uniqueId('29');
        await submitAnswers(store, submission(teamA, person, '2026-W47'));
        await store.saveAway({ teamId: teamA, userId: person, from: '2026-12-21', until: '2027-01-02' });
        await store.saveAway({ teamId: teamB, userId: person, from: '2026-12-21', until: '2027-01-02' });
        const mine = await store.listPersonRecords(person);
        expect(mine.away?.map((away) => away.teamId).sort()).toEqual([teamA, teamB].sort());
        expect(await store.deleteTeamData(teamB)).toBe(1);
        expect(await store.deletePersonRecords(person)).toBe(2);
        expect(await store.listPersonRecords(person)).toEqual({ checkIns: [], drafts: [] });
      });

      it('expires a year after the last day away, and refuses a period that ends before it starts', async () => {
        const teamId = uniqueId('19');
        t.clock.advance(Date.parse('2026-12-20T00:00:00Z') - t.clock.now());
        await store.saveAway({ teamId, userId: '29:sam', from: '2026-12-21', until: '2026-12-23' });
        t.clock.advance(Date.parse('2027-12-20T00:00:00Z') - t.clock.now());
        expect(await store.listTeamAway(teamId, '2026-12-21', '2026-12-23')).toHaveLength(1);
        t.clock.advance(Date.parse('2027-12-26T00:00:00Z') - t.clock.now());
        expect(await store.listTeamAway(teamId, '2026-12-21', '2026-12-23')).toEqual([]);
        for (const bad of [
          { teamId, userId: '29:sam', from: '2027-01-02', until: '2027-01-01' },
          { teamId, userId: '29:sam', from: '2 January', until: '2027-01-01' },
          { teamId, userId: '', from: '2027-01-01', until: '2027-01-01' },
        ])
          await expect(store.saveAway(bad)).rejects.toBeInstanceOf(StoreValidationError);
      });
    });

    describe('weekly roll-ups', () => {
      it('starts from an empty roll-up and reads back what was applied', async () => {
        const teamId = uniqueId('19');
        expect(await store.getRollup(teamId, 'digitally-enabled-councils', '2026-W48')).toBeUndefined();
        const written = await store.applyToRollup(teamId, 'digitally-enabled-councils', '2026-W48', (r) => ({
          ...countResponse(4)(r),
          outcomes: { 'shared-data': 1 },
          enablers: { leadership: 1 },
          principles: { 'user-centred': 1 },
        }));
        expect(written.value).toMatchObject({
          responses: 1,
          progressSum: 4,
          progressHistogram: [0, 0, 0, 1, 0],
          outcomes: { 'shared-data': 1 },
        });
        expect(await store.getRollup(teamId, 'digitally-enabled-councils', '2026-W48')).toEqual(written);
      });

      it('loses no update when ten submits on two instances count into the same roll-up', async () => {
        const teamId = uniqueId('19');
        const other = await t.openAnother();
        const scores = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5] as const;
        await Promise.all(
          scores.map((score, i) =>
            (i % 2 ? other : store).applyToRollup(
              teamId,
              'digitally-equipped-places',
              '2026-W48',
              countResponse(score),
            ),
          ),
        );
        const final = await store.getRollup(teamId, 'digitally-equipped-places', '2026-W48');
        expect(final?.value).toMatchObject({ responses: 10, progressSum: 30, progressHistogram: [2, 2, 2, 2, 2] });
      });

      it("reads a team's roll-ups over a range of weeks, oldest first", async () => {
        const teamId = uniqueId('19');
        const weeks = ['2026-W50', '2026-W52', '2026-W51', '2027-W01', '2026-W49'];
        for (const week of weeks) {
          await store.applyToRollup(teamId, 'digitally-enabled-councils', week, countResponse(3));
          await store.applyToRollup(teamId, 'digitally-equipped-places', week, countResponse(2));
        }
        await store.applyToRollup(uniqueId('19'), 'digitally-enabled-councils', '2026-W51', countResponse(3));
        const range = await store.listRollups(teamId, { fromWeek: '2026-W50', toWeek: '2027-W01' });
        expect(range.map((r) => `${r.week} ${r.mission}`)).toEqual([
          '2026-W50 digitally-enabled-councils',
          '2026-W50 digitally-equipped-places',
          '2026-W51 digitally-enabled-councils',
          '2026-W51 digitally-equipped-places',
          '2026-W52 digitally-enabled-councils',
          '2026-W52 digitally-equipped-places',
          '2027-W01 digitally-enabled-councils',
          '2027-W01 digitally-equipped-places',
        ]);
        const one = await store.listRollups(teamId, {
          fromWeek: '2026-W49',
          toWeek: '2026-W50',
          mission: 'digitally-equipped-places',
        });
        expect(one.map((r) => r.week)).toEqual(['2026-W49', '2026-W50']);
        await expect(store.listRollups(teamId, { fromWeek: '2026-W52', toWeek: '2026-W50' })).rejects.toBeInstanceOf(
          StoreValidationError,
        );
      });

      it('refuses a change that moves the roll-up to another key', async () => {
        const teamId = uniqueId('19');
        await expect(
          store.applyToRollup(teamId, 'digitally-enabled-councils', '2026-W48', (r) => ({ ...r, week: '2026-W49' })),
        ).rejects.toBeInstanceOf(StoreValidationError);
      });
    });

    describe('the person → teams index', () => {
      it('keeps the teams a person was seen in, most recent first, shared by instances, and forgets on request', async () => {
        const person = uniqueId('29:person/with?odd#chars');
        const other = uniqueId('29:other');
        const [teamA, teamB] = [uniqueId('19:a'), uniqueId('19:b')];
        expect(await store.knownTeamsOf(person)).toEqual([]);
        await store.noteTeamMembers(teamA, 'tenant-1', [person, other, person]);
        t.clock.advance(1000);
        await store.noteTeamMembers(teamB, 'tenant-2', [person]);
        const another = await t.openAnother();
        expect((await another.knownTeamsOf(person)).map(({ teamId, tenantId }) => [teamId, tenantId])).toEqual([
          [teamB, 'tenant-2'],
          [teamA, 'tenant-1'],
        ]);
        // Seen again: moves to the front, still once.
        t.clock.advance(1000);
        await another.noteTeamMembers(teamA, 'tenant-1', [person]);
        expect((await store.knownTeamsOf(person)).map((team) => team.teamId)).toEqual([teamA, teamB]);
        await store.forgetTeamMember(teamA, person);
        expect((await store.knownTeamsOf(person)).map((team) => team.teamId)).toEqual([teamB]);
        expect((await store.knownTeamsOf(other)).map((team) => team.teamId)).toEqual([teamA]);
        // Forgetting someone never seen is no error, and writes nothing.
        await store.forgetTeamMember(teamA, uniqueId('29:nobody'));
      });

      it('keeps at most MAX_KNOWN_TEAMS per person, dropping those seen longest ago', async () => {
        const person = uniqueId('29:busy');
        const teams = Array.from({ length: MAX_KNOWN_TEAMS + 5 }, (_, i) => uniqueId(`19:t${i}`));
        for (const teamId of teams) {
          await store.noteTeamMembers(teamId, 'tenant-1', [person]);
          t.clock.advance(10);
        }
        const known = (await store.knownTeamsOf(person)).map((team) => team.teamId);
        expect(known).toHaveLength(MAX_KNOWN_TEAMS);
        expect(known[0]).toBe(teams.at(-1));
        expect(known).not.toContain(teams[0]);
      });

      it("is part of a person's records: deleting them deletes their index", async () => {
        const person = uniqueId('29:leaving');
        await store.noteTeamMembers(uniqueId('19:team'), 'tenant-1', [person]);
        await store.deletePersonRecords(person);
        expect(await store.knownTeamsOf(person)).toEqual([]);
      });
    });

    describe('activity claims', () => {
      it('is true for the first claim only, across instances, until the claim expires', async () => {
        const activityId = `1:${uniqueId('f')}/resent?#`;
        const other = await t.openAnother();
        expect(await store.claimActivity(activityId, 60)).toBe(true);
        expect(await store.claimActivity(activityId, 60)).toBe(false);
        expect(await other.claimActivity(activityId, 60)).toBe(false);
        t.clock.advance(61_000);
        expect(await other.claimActivity(activityId, 60)).toBe(true);
        expect(await store.claimActivity(activityId, 60)).toBe(false);
      });

      it('keeps a finished activity claimed past its in-progress lease, and one left unfinished only until then', async () => {
        const other = await t.openAnother();
        const finished = `1:${uniqueId('done')}`;
        const abandoned = `1:${uniqueId('died')}`;
        expect(await store.claimActivity(finished, 30)).toBe(true);
        expect(await store.claimActivity(abandoned, 30)).toBe(true);
        // In progress: a resend is ignored on every instance.
        expect(await other.claimActivity(finished, 30)).toBe(false);
        expect(await other.claimActivity(abandoned, 30)).toBe(false);
        await store.finishActivity(finished, 600);
        t.clock.advance(31_000);
        // The unfinished turn's lease ran out (its process died): a resend runs it again, once.
        expect(await other.claimActivity(abandoned, 30)).toBe(true);
        expect(await store.claimActivity(abandoned, 30)).toBe(false);
        // Done: still ignored long after the in-progress lease would have run out.
        expect(await other.claimActivity(finished, 30)).toBe(false);
        t.clock.advance(500_000);
        expect(await other.claimActivity(finished, 30)).toBe(false);
        t.clock.advance(100_000);
        expect(await other.claimActivity(finished, 30)).toBe(true);
      });

      it('finishes an activity whose claim is already gone, so its resends are still ignored', async () => {
        const activityId = `1:${uniqueId('late')}`;
        await store.finishActivity(activityId, 600);
        expect(await store.claimActivity(activityId, 30)).toBe(false);
        await expect(store.finishActivity('', 600)).rejects.toBeInstanceOf(StoreValidationError);
      });

      it('lets exactly one of several simultaneous claims win', async () => {
        const activityId = uniqueId('f');
        const other = await t.openAnother();
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).claimActivity(activityId, 60)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('leases', () => {
      it('is held by one owner at a time, renewable by its owner, free again once released', async () => {
        const name = `scheduler-${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const other = await t.openAnother();
        expect(await store.tryAcquireLease(name, 'instance-a', 30)).toBe(true);
        expect(await other.tryAcquireLease(name, 'instance-b', 30)).toBe(false);
        expect(await store.tryAcquireLease(name, 'instance-a', 30)).toBe(true);
        expect(await other.releaseLease(name, 'instance-b')).toBe(false);
        expect(await store.releaseLease(name, 'instance-a')).toBe(true);
        expect(await other.tryAcquireLease(name, 'instance-b', 30)).toBe(true);
      });

      it('can be taken over once expired, after which the old owner holds nothing', async () => {
        const name = `digest-${Date.now()}-${Math.random().toString(36).slice(2)}`;
        expect(await store.tryAcquireLease(name, 'instance-a', 30)).toBe(true);
        t.clock.advance(31_000);
        expect(await store.tryAcquireLease(name, 'instance-b', 30)).toBe(true);
        expect(await store.releaseLease(name, 'instance-a')).toBe(false);
        expect(await store.tryAcquireLease(name, 'instance-a', 30)).toBe(false);
      });

      it('goes to exactly one of several simultaneous contenders', async () => {
        const name = `race-${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const other = await t.openAnother();
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).tryAcquireLease(name, `instance-${i}`, 30)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        await expect(store.tryAcquireLease('bad/name', 'x', 30)).rejects.toBeInstanceOf(StoreValidationError);
      });
    });

    describe('lifecycle and failure', () => {
      it('takes a write, and keeps its data when closed and opened again', async () => {
        await expect(store.checkWritable()).resolves.toBeUndefined();
        const teamId = uniqueId('19');
        await store.updateTeamSettings(teamId, addLead('29:lead'));
        await submitAnswers(store, submission(teamId, '29:sam'));
        await store.close();
        const reopened = await t.openAnother();
        expect((await reopened.getTeamSettings(teamId))?.value.leads).toEqual(['29:lead']);
        expect(await reopened.listTeamCheckIns(teamId, '2026-W48')).toHaveLength(1);
      });

      it('fails every call on a closed store with StoreUnavailableError', async () => {
        await store.close();
        await expect(store.checkWritable()).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.getTeamSettings(uniqueId('19'))).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.claimActivity('1:x', 60)).rejects.toBeInstanceOf(StoreUnavailableError);
      });

      it('fails writes within their time bound when the store stops answering, leaving the old value', async () => {
        const timeoutMs = 300;
        const { store: quick, stall } = await harness.open({ timeoutMs });
        const teamId = uniqueId('19');
        await quick.updateTeamSettings(teamId, addLead('29:before'));
        const restore = await stall();
        try {
          for (const write of [
            // Readiness: a store that cannot take a write is not ready, even if it still answers reads.
            () => quick.checkWritable(),
            () => quick.updateTeamSettings(teamId, addLead('29:during')),
            () => submitAnswers(quick, submission(teamId, '29:sam')),
            () =>
              quick.submitCheckInWithRollup(submission(teamId, '29:sam'), (given) =>
                rollupOf(teamId, 'digitally-enabled-councils', '2026-W48', given),
              ),
            () => quick.applyToRollup(teamId, 'digitally-enabled-councils', '2026-W48', countResponse(2)),
          ]) {
            const started = Date.now();
            await expect(write()).rejects.toBeInstanceOf(StoreUnavailableError);
            expect(Date.now() - started).toBeLessThan(timeoutMs + SLACK_MS);
          }
        } finally {
          await restore();
        }
        expect((await quick.getTeamSettings(teamId))?.value.leads).toEqual(['29:before']);
        expect(await quick.listTeamCheckIns(teamId, '2026-W48')).toEqual([]);
        expect(await quick.getRollup(teamId, 'digitally-enabled-councils', '2026-W48')).toBeUndefined();
      });
    });
  });
}
