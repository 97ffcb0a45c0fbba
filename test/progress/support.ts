// Shared set-up for the progress tests: a real local store in a temporary directory, a fixed clock,
// turn contexts for leads, members and admins, a counting Proxy of the store PORT, and helpers to
// write check-ins the way the check-ins capability does (answer, then roll-up reconciled).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reconcileRollup, rollupOf } from '../../src/checkins/rollupContribution';
import { DEFAULT_MIN_RESPONSES } from '../../src/config';
import { createProgress, type ProgressDeps, type TeamMember } from '../../src/progress';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import type { CheckInAnswers, IsoWeek, Mission } from '../../src/domain';
import type { FrameworkStore } from '../../src/store/port';
import type { CardMessageReply, TurnContextInfo } from '../../src/turns/types';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { buttonsIn } from '../support/cardButtons';
import { submitAnswers } from '../support/submitAnswers';

export const TEAM = '19:progress-team@thread.tacv2';
export const LEAD = '29:lead';
export const MEMBER = '29:member';
export const ADMIN = '29:admin';
export const ADMIN_OID = 'AAAAAAAA-0000-0000-0000-000000000001';
export const MISSION: Mission = 'digitally-enabled-councils';
/** Monday 23 November 2026, 09:00 in London: ISO week 2026-W48. */
export const NOW = new Date(Date.UTC(2026, 10, 23, 9, 0, 0));
export const THIS_WEEK = '2026-W48';
export const LAST_WEEK = '2026-W47';

const dirs: string[] = [];
const stores: FrameworkStore[] = [];

export async function openStore(): Promise<FrameworkStore> {
  const dir = mkdtempSync(join(tmpdir(), 'framework-guide-progress-'));
  dirs.push(dir);
  const store = await openLocalStore({ dataDir: dir, clock: () => NOW.getTime(), purgeIntervalMs: 0 });
  stores.push(store);
  return store;
}

export async function closeStores(): Promise<void> {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function channelContext(userId: string, extra: Partial<TurnContextInfo> = {}): TurnContextInfo {
  return {
    activityId: `act-${Math.random()}`,
    conversationId: `${TEAM};messageid=1`,
    conversationKind: 'channel',
    teamId: TEAM,
    userId,
    ...extra,
  };
}

export function personalContext(userId: string, extra: Partial<TurnContextInfo> = {}): TurnContextInfo {
  return {
    activityId: `act-${Math.random()}`,
    conversationId: `a:personal-${userId}`,
    conversationKind: 'personal',
    userId,
    ...extra,
  };
}

export const ROSTER: TeamMember[] = [
  { userId: LEAD, name: 'Lee Lead' },
  { userId: MEMBER, name: 'Mo Member' },
  { userId: '29:p3', name: 'Pat Three' },
];

export function progressFor(store: FrameworkStore, extra: Partial<ProgressDeps> = {}) {
  return createProgress({
    store,
    now: () => NOW,
    minResponses: DEFAULT_MIN_RESPONSES,
    adminObjectIds: [ADMIN_OID],
    members: { listMembers: async () => ROSTER },
    ...extra,
  });
}

export async function makeLead(store: FrameworkStore, userId = LEAD): Promise<void> {
  await store.updateTeamSettings(TEAM, (current) => ({ ...current, leads: [userId] }));
}

export function answers(progress: CheckInAnswers['progress'], more: Partial<CheckInAnswers> = {}): CheckInAnswers {
  return { progress, outcomes: [], enabler: null, principles: [], ...more };
}

/** What the check-ins capability does on submit: store the answer, then reconcile the roll-up. */
export async function checkIn(
  store: FrameworkStore,
  userId: string,
  week: IsoWeek,
  given: CheckInAnswers,
  mission: Mission = MISSION,
): Promise<void> {
  await submitAnswers(store, { teamId: TEAM, userId, mission, week, answers: given, retentionDays: 730 });
  await reconcileRollup(store, TEAM, mission, week);
}

/** Writes a roll-up straight from answers (for long histories, where check-ins would have expired). */
export async function writeRollup(
  store: FrameworkStore,
  week: IsoWeek,
  given: readonly CheckInAnswers[],
  mission: Mission = MISSION,
): Promise<void> {
  await store.applyToRollup(TEAM, mission, week, () => rollupOf(TEAM, mission, week, given));
}

/** Every reply a progress call gives must be a valid Teams card with a real title. */
export function only(replies: CardMessageReply[]): CardMessageReply {
  expect(replies).toHaveLength(1);
  const reply = replies[0];
  if (!reply) throw new Error('no reply');
  expectValidCard(reply.card);
  const title = firstTextBlock(reply.card) ?? '';
  expect(title.length).toBeGreaterThan(8);
  expect(reply.summary.length).toBeGreaterThan(0);
  expect(reply.summary.length).toBeLessThanOrEqual(160);
  expectButtonsWellFormed(reply.card);
  return reply;
}

export function titleOf(reply: CardMessageReply): string {
  return firstTextBlock(reply.card) ?? '';
}

/** The card as text with JSON escapes undone, for "contains" checks. */
export function textOf(reply: CardMessageReply): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.text === 'string') texts.push(record.text);
    Object.values(record).forEach(visit);
  };
  visit(reply.card);
  // As a reader sees it: a Markdown escape (people's own words are escaped) shows the mark itself.
  return texts.join('\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Every Action.Execute must carry an Action.Submit fallback with the same data, and its verb is the action. */
function expectButtonsWellFormed(card: unknown): void {
  buttonsIn(card);
}

/** Wraps the store PORT (not any SDK) and counts every read call by name. */
export function countingStore(inner: FrameworkStore): { store: FrameworkStore; reads: () => number; calls: string[] } {
  const calls: string[] = [];
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const reads = () => calls.filter((name) => name.startsWith('get') || name.startsWith('list')).length;
  return { store, reads, calls };
}
