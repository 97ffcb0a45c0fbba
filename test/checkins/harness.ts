// Drives the check-in capability as Teams would: replies' cards are validated, buttons are found
// on the card by title and pressed with input values merged into their data (as Adaptive Cards
// send them), against a real local store in a temporary directory with a fixed clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { showTopic } from '../../src/knowledge/answers';
import { createCheckins, type CheckinReply, type TeamDirectory, type TeamInfo } from '../../src/checkins';
import { StoreUnavailableError } from '../../src/store/errors';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import type { Mission } from '../../src/domain';
import type { FrameworkStore } from '../../src/store/port';
import type { TurnContextInfo } from '../../src/turns/types';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { buttonsIn, inputValue } from '../support/cardButtons';
import { boundScope } from '../support/boundScope';

export { inputValue };

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const TEAM = '19:team-general@thread.tacv2';
export const OTHER_TEAM = '19:other-general@thread.tacv2';
export const USER = '29:officer-1';
export const DAY_MS = 24 * 3600 * 1000;
/** Monday 23 November 2026, 09:00 in London: ISO week 2026-W48. */
export const START = Date.UTC(2026, 10, 23, 9, 0, 0);
export const WEEK = '2026-W48';

export class Clock {
  value = START;
  readonly now = (): number => this.value;
  readonly date = (): Date => new Date(this.value);
  advance(ms: number): void {
    this.value += ms;
  }
}

/** The edge's roster lookup, as a fake of the port: who is in which teams. */
export class FakeDirectory implements TeamDirectory {
  memberships = new Map<string, TeamInfo[]>();
  calls = 0;
  failing = false;
  async teamsFor(userId: string): Promise<TeamInfo[]> {
    this.calls += 1;
    if (this.failing) throw new Error('roster service down');
    return this.memberships.get(userId) ?? [];
  }
}

type StoreMethod = keyof FrameworkStore;

/**
 * The store port with one planned failure: the next call to `method` throws StoreUnavailableError,
 * either before reaching the store (nothing written) or after it (written, but the caller cannot
 * know: the case the port warns about).
 */
export class FlakyStore {
  private plan: { method: StoreMethod; when: 'before' | 'after' } | undefined;
  readonly store: FrameworkStore;

  constructor(private readonly inner: FrameworkStore) {
    this.store = new Proxy(inner, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const plan = this.plan;
          if (plan?.method === property) {
            this.plan = undefined;
            if (plan.when === 'before') throw new StoreUnavailableError(`test: ${String(property)} failed`);
            await (value as (...a: unknown[]) => Promise<unknown>).apply(this.inner, args);
            throw new StoreUnavailableError(`test: ${String(property)} timed out after writing`);
          }
          return (value as (...a: unknown[]) => Promise<unknown>).apply(this.inner, args);
        };
      },
    });
  }

  failNext(method: StoreMethod, when: 'before' | 'after' = 'before'): void {
    this.plan = { method, when };
  }

  get pending(): boolean {
    return this.plan !== undefined;
  }
}

export interface Harness {
  local: FrameworkStore;
  flaky: FlakyStore;
  directory: FakeDirectory;
  clock: Clock;
  checkins: ReturnType<typeof createCheckins>;
}

const dirs: string[] = [];
const opened: FrameworkStore[] = [];

export async function openHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-checkins-'));
  dirs.push(dir);
  const clock = new Clock();
  const local = await openLocalStore({ dataDir: dir, clock: clock.now, purgeIntervalMs: 0 });
  opened.push(local);
  const flaky = new FlakyStore(local);
  const directory = new FakeDirectory();
  const checkins = createCheckins({ store: flaky.store, teams: directory, now: clock.date });
  return { local, flaky, directory, clock, checkins };
}

export async function closeHarnesses(): Promise<void> {
  for (const store of opened.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh harness for every test of the file that calls this (at its top level), closed after each.
 * What it returns always stands for the current test's harness.
 */
export function harnessPerTest(): Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await openHarness();
  });
  afterEach(async () => {
    current = undefined;
    await closeHarnesses();
  });
  const now = (): Harness => {
    if (!current) throw new Error('the check-in harness is only there while a test runs');
    return current;
  };
  return new Proxy({} as Harness, {
    get: (_target, key) => Reflect.get(now(), key),
    // A test may swap a part (e.g. the capability built with other options) for itself.
    set: (_target, key, value) => Reflect.set(now(), key, value),
  });
}

export function channelContext(userId = USER): TurnContextInfo {
  return {
    activityId: `act-${Math.random()}`,
    tenantId: TENANT,
    conversationId: `19:checkins-channel@thread.tacv2;messageid=1`,
    conversationKind: 'channel',
    userId,
  };
}

export function personalContext(userId = USER): TurnContextInfo {
  return {
    activityId: `act-${Math.random()}`,
    tenantId: TENANT,
    conversationId: `a:personal-${userId}`,
    conversationKind: 'personal',
    userId,
  };
}

export function groupContext(userId = USER): TurnContextInfo {
  return {
    activityId: `act-${Math.random()}`,
    tenantId: TENANT,
    conversationId: '19:group-chat@thread.v2',
    conversationKind: 'groupChat',
    userId,
  };
}

// ---- Cards --------------------------------------------------------------------------------------

/** Every `showTopic` Action.Submit (the explanations), each naming a topic the guide has. */
function expectTopicLinksWork(card: unknown): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (
      record.type === 'Action.Submit' &&
      (record.data as Record<string, unknown> | undefined)?.action === 'showTopic'
    ) {
      expect(showTopic(String((record.data as Record<string, unknown>).topicId))).toBeDefined();
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
}

/** What every reply must satisfy: a valid Teams card with a real title and a short summary. */
export function expectGoodReply(reply: CheckinReply): void {
  expectValidCard(reply.card);
  const title = firstTextBlock(reply.card);
  expect(title).toBeDefined();
  expect((title ?? '').length).toBeGreaterThan(8);
  expect(reply.summary.length).toBeGreaterThan(0);
  expect(reply.summary.length).toBeLessThanOrEqual(160);
  buttonsIn(reply.card);
  expectTopicLinksWork(reply.card);
}

export function titleOf(reply: CheckinReply | undefined): string {
  return firstTextBlock(reply?.card) ?? '';
}

export function cardText(reply: CheckinReply | undefined): string {
  return JSON.stringify(reply?.card ?? {});
}

/**
 * One person's conversation with the capability: the card on screen, and presses of its buttons.
 * An 'updateCard' reply replaces the card on screen; a 'card' reply is a new message (a notice), and
 * the card pressed stays on screen, as in Teams.
 */
export class Person {
  screen: CheckinReply | undefined;
  last: CheckinReply | undefined;

  constructor(
    readonly harness: Harness,
    readonly context: () => TurnContextInfo,
    readonly options?: { teamId?: string; teamName?: string },
  ) {}

  private take(replies: CheckinReply[]): CheckinReply {
    expect(replies).toHaveLength(1);
    const reply = replies[0];
    if (!reply) throw new Error('no reply');
    expectGoodReply(reply);
    this.last = reply;
    if (reply.kind === 'updateCard' || this.screen === undefined) this.screen = reply;
    return reply;
  }

  async start(request: { teamId?: string; mission?: Mission } = {}): Promise<CheckinReply> {
    const reply = this.take(await this.harness.checkins.start(this.context(), request, this.options));
    this.screen = reply;
    return reply;
  }

  async mine(): Promise<CheckinReply> {
    return this.take(await this.harness.checkins.myCheckins(this.context(), this.options));
  }

  async settings(): Promise<CheckinReply> {
    const reply = this.take(await this.harness.checkins.settings(this.context(), this.options));
    this.screen = reply;
    return reply;
  }

  /** The data a button on the card on screen would send, with `inputs` merged in. */
  dataFor(
    title: string,
    inputs: Record<string, unknown> = {},
    card: CheckinReply | undefined = this.screen,
  ): Record<string, unknown> {
    const buttons = buttonsIn(card?.card);
    const matching = buttons.filter((each) => each.title === title);
    if (matching.length !== 1)
      throw new Error(
        `Expected one "${title}" button, found ${matching.length} among: ${buttons.map((b) => b.title).join(', ')}`,
      );
    return { ...matching[0]?.data, ...inputs };
  }

  /** Presses the one button titled `title` whose data includes `match` (for rows of same-titled buttons). */
  async pressWhere(
    title: string,
    match: Record<string, unknown>,
    card: CheckinReply | undefined = this.screen,
  ): Promise<CheckinReply> {
    const found = buttonsIn(card?.card).filter(
      (each) => each.title === title && Object.entries(match).every(([key, value]) => each.data[key] === value),
    );
    if (found.length !== 1 || !found[0])
      throw new Error(`Expected one "${title}" button with ${JSON.stringify(match)}, found ${found.length}`);
    return this.send(found[0].data);
  }

  /** Presses the summary's "Change" button for one question. */
  async change(target: string, card: CheckinReply | undefined = this.screen): Promise<CheckinReply> {
    return this.pressWhere('Change', { target }, card);
  }

  /** Presses a button on the card on screen. */
  async press(
    title: string,
    inputs: Record<string, unknown> = {},
    card: CheckinReply | undefined = this.screen,
  ): Promise<CheckinReply> {
    return this.send(this.dataFor(title, inputs, card));
  }

  /** Sends raw card data, as a forged, replayed or old card would. */
  async send(data: unknown): Promise<CheckinReply> {
    return this.take(await this.harness.checkins.handleAction(this.context(), boundScope(data), data, this.options));
  }
}

/** Answers every question and lands on the summary card. */
export async function answerAll(
  person: Person,
  answers: {
    progress: string;
    outcomes?: string;
    enabler?: string;
    principles?: string;
    win?: string;
    blocker?: string;
  },
): Promise<void> {
  await person.press('Next', { progress: answers.progress });
  await person.press('Next', { outcomes: answers.outcomes ?? '' });
  await person.press('Next', { enabler: answers.enabler ?? 'none' });
  await person.press('Next', { principles: answers.principles ?? '' });
  await person.press('Next', { win: answers.win ?? '', blocker: answers.blocker ?? '' });
}

/** Everything the store holds that a check-in could have changed, for "nothing changed" checks. */
export async function storeState(
  store: FrameworkStore,
  teamIds: string[] = [TEAM],
  userIds: string[] = [USER],
): Promise<string> {
  const people = await Promise.all(userIds.map((userId) => store.listPersonRecords(userId)));
  const teams = await Promise.all(
    teamIds.map(async (teamId) => ({
      settings: await store.getTeamSettings(teamId),
      rollups: await store.listRollups(teamId, { fromWeek: '2026-W01', toWeek: '2027-W53' }),
    })),
  );
  return JSON.stringify({ people, teams });
}
