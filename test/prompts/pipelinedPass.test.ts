// A pass starts sending while it is still reading installations page by page. That must not cost a
// team its prompt, nor send one twice, when installations change between pages or the store fails
// part way through the list.
import type { Installation } from '../../src/domain';
import type { FrameworkStore, ListInstallationsOptions, Page } from '../../src/store/port';
import { openWorld, type World } from './fixtures';

let world: World;
afterEach(async () => world?.close());

const at = { day: 1 as const, time: '09:00', timeZone: 'UTC' };
const team = (i: number) => `team-${String(i).padStart(2, '0')}`;

/** The world's store with `onPage(index)` run before each page of installations is handed over. */
function pagedStore(store: FrameworkStore, onPage: (index: number) => Promise<void>): FrameworkStore {
  let index = 0;
  return new Proxy(store, {
    get(target, property) {
      if (property === 'listInstallations') {
        return async (options?: ListInstallationsOptions): Promise<Page<Installation>> => {
          const page = await target.listInstallations(options);
          await onPage(index++);
          return page;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function sendCounts(world: World): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sent of world.sender.sent) counts.set(sent.conversationId, (counts.get(sent.conversationId) ?? 0) + 1);
  return counts;
}

it('sends while still reading pages, and a change between pages neither drops nor doubles a team', async () => {
  world = await openWorld('2026-06-08T09:30:00Z');
  for (let i = 0; i < 20; i++) await world.addTeam(team(i), at);
  let sentBeforeLastPage = -1;
  const store = pagedStore(world.store, async (index) => {
    // A slow store (as Cosmos DB is, page by page), so the first teams' prompts can go meanwhile.
    await pause(30);
    if (index === 1) {
      // Behind the scan (sorted before where it has got to): this pass cannot see it; the next does.
      await world.addTeam('team-00a', at);
      // Ahead of the scan: this pass sees it.
      await world.addTeam('team-99', at);
      // Removed before its page is read: never prompted.
      await world.store.markInstallationInactive(team(17));
    }
    if (index === 4) sentBeforeLastPage = world.sender.sent.length;
  });
  const prompts = world.prompts({ store, pageSize: 4, teamConcurrency: 2 });

  const first = await prompts.runPromptPass();
  expect(sentBeforeLastPage).toBeGreaterThan(0);
  const everyTeamButNew = [...Array.from({ length: 20 }, (_, i) => team(i)).filter((id) => id !== team(17)), 'team-99'];
  expect([...sendCounts(world).keys()].sort()).toEqual(everyTeamButNew.sort());
  expect(first.prompts.sent).toBe(20);

  world.clock.advance(60_000);
  const second = await prompts.runPromptPass();
  expect(second.prompts.sent).toBe(1);
  const counts = sendCounts(world);
  expect(counts.get('team-00a')).toBe(1);
  expect(counts.has(team(17))).toBe(false);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
});

it('when the store fails part way through the list, the teams already read are prompted and the next pass does the rest, once each', async () => {
  world = await openWorld('2026-06-08T09:30:00Z');
  for (let i = 0; i < 12; i++) await world.addTeam(team(i), at);
  let failing = true;
  const store = pagedStore(world.store, async (index) => {
    if (failing && index === 1) throw new Error('store unreachable');
  });
  const prompts = world.prompts({ store, pageSize: 5 });

  await expect(prompts.runPromptPass()).rejects.toThrow('store unreachable');
  // The first page's teams were worked on before the failure, and finished before the pass gave up.
  expect(world.sender.sent.length).toBe(5);

  failing = false;
  world.clock.advance(60_000);
  await prompts.runPromptPass();
  const counts = sendCounts(world);
  expect(counts.size).toBe(12);
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
});

it('sends reminders once every page has been read, to people on any page', async () => {
  world = await openWorld('2026-06-08T12:30:00Z');
  // The people's chats sort either side of the team's, so they are on pages before and after it.
  const before = await world.addPerson('00-early');
  const after = await world.addPerson('zz-late');
  const middle = 'a:personal-mm-sorts-between';
  await world.addTeam(middle, at, { reminder: { day: 1, time: '12:00' } });
  world.roster.add(middle, '00-early', 'zz-late');
  const prompts = world.prompts({ store: pagedStore(world.store, () => pause(10)), pageSize: 1 });
  const report = await prompts.runPromptPass();
  expect(report.prompts.sent).toBe(1);
  expect(report.reminders.sent).toBe(2);
  expect(world.sender.to(before)).toHaveLength(1);
  expect(world.sender.to(after)).toHaveLength(1);
});
