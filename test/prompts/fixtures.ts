// Test scaffolding for prompts: a real local store in a temp folder on a clock the test moves, a
// recording sender that can be scripted to fail, and a fake roster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { AdaptiveCard } from '../../src/cards/render';
import { createLogger } from '../../src/logging';
import {
  createPrompts,
  type Prompts,
  type PromptsOptions,
  type ProactiveSender,
  type SendResult,
  type TeamMembership,
} from '../../src/prompts';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import type { CheckInSchedule, Installation, InstallationKind, ReminderSetting } from '../../src/domain';
import type { FrameworkStore } from '../../src/store/port';

export class TestClock {
  constructor(public ms: number) {}
  set(iso: string, zone = 'UTC'): void {
    this.ms = DateTime.fromISO(iso, { zone }).toMillis();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  now = (): Date => new Date(this.ms);
}

export interface Sent {
  conversationId: string;
  card: AdaptiveCard;
  summary: string;
  at: number;
}

/** Records every send; `script` answers chosen conversations with results (or a throw) in turn. */
export class RecordingSender implements ProactiveSender {
  readonly sent: Sent[] = [];
  readonly attempts: string[] = [];
  readonly script = new Map<string, Array<SendResult | 'throw'>>();
  constructor(private readonly clock: TestClock) {}

  async send(installation: Installation, card: AdaptiveCard, summary: string): Promise<SendResult> {
    this.attempts.push(installation.conversationId);
    const next = this.script.get(installation.conversationId)?.shift();
    if (next === 'throw') throw new Error('process died mid-send');
    if (next && next.status !== 'ok') return next;
    this.sent.push({ conversationId: installation.conversationId, card, summary, at: this.clock.ms });
    return { status: 'ok', activityId: `activity-${this.sent.length}` };
  }

  /** Updates of sent messages, by activity id; `updateScript` answers chosen activity ids with results in turn. */
  readonly updates: Array<Sent & { activityId: string }> = [];
  readonly updateScript = new Map<string, SendResult[]>();

  async update(
    installation: Installation,
    activityId: string,
    card: AdaptiveCard,
    summary: string,
  ): Promise<SendResult> {
    const next = this.updateScript.get(activityId)?.shift();
    if (next && next.status !== 'ok') return next;
    this.updates.push({ conversationId: installation.conversationId, activityId, card, summary, at: this.clock.ms });
    return { status: 'ok' };
  }

  to(conversationId: string): Sent[] {
    return this.sent.filter((sent) => sent.conversationId === conversationId);
  }
}

export class FakeRoster implements TeamMembership {
  readonly members = new Map<string, Set<string>>();
  add(teamId: string, ...userIds: string[]): void {
    this.members.set(teamId, new Set([...(this.members.get(teamId) ?? []), ...userIds]));
  }
  async isMember(teamId: string, userId: string): Promise<boolean> {
    return this.members.get(teamId)?.has(userId) ?? false;
  }
}

export interface World {
  clock: TestClock;
  store: FrameworkStore;
  sender: RecordingSender;
  roster: FakeRoster;
  sleeps: number[];
  prompts(overrides?: Partial<PromptsOptions>): Prompts;
  addTeam(
    teamId: string,
    schedule: Partial<CheckInSchedule>,
    options?: { tenantId?: string; reminder?: ReminderSetting; paused?: boolean; kind?: InstallationKind },
  ): Promise<void>;
  addPerson(userId: string, tenantId?: string): Promise<string>;
  close(): Promise<void>;
}

const logger = createLogger('silent');

export async function openWorld(startIso = '2026-01-05T00:00:00Z'): Promise<World> {
  const clock = new TestClock(DateTime.fromISO(startIso, { zone: 'UTC' }).toMillis());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prompts-test-'));
  const store = await openLocalStore({ dataDir, clock: () => clock.ms, purgeIntervalMs: 0 });
  const sender = new RecordingSender(clock);
  const roster = new FakeRoster();
  const sleeps: number[] = [];

  const installation = (conversationId: string, tenantId: string, kind: InstallationKind, userId: string) =>
    store.upsertInstallation({
      conversationId,
      tenantId,
      kind,
      ...(kind === 'channel' ? { teamId: conversationId } : {}),
      reference: {
        serviceUrl: 'https://smba.example/uk/',
        channelId: 'msteams',
        conversation: { id: conversationId, tenantId, conversationType: kind },
        bot: { id: '28:bot' },
        user: { id: userId },
      },
    });

  return {
    clock,
    store,
    sender,
    roster,
    sleeps,
    prompts: (overrides = {}) =>
      createPrompts({
        store,
        sender,
        membership: roster,
        logger,
        now: clock.now,
        // Conversation windows off: tests send retries to one chat back to back.
        limits: { perConversation: false, perTenantPerSecond: 1000 },
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        ...overrides,
      }),
    async addTeam(teamId, schedule, options = {}) {
      await installation(teamId, options.tenantId ?? 'tenant-a', options.kind ?? 'channel', '29:installer');
      await store.updateTeamSettings(teamId, (current) => ({
        ...current,
        schedule: { ...current.schedule, ...schedule },
        ...(options.reminder ? { reminder: options.reminder } : {}),
        paused: options.paused ?? false,
      }));
    },
    async addPerson(userId, tenantId = 'tenant-a') {
      const conversationId = `a:personal-${userId}`;
      await installation(conversationId, tenantId, 'personal', userId);
      return conversationId;
    },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs passes from the clock's time to `untilIso`, every `stepMinutes`, moving the clock. */
export async function runPassesUntil(
  world: World,
  prompts: Prompts,
  untilIso: string,
  stepMinutes: number,
): Promise<void> {
  const until = DateTime.fromISO(untilIso, { zone: 'UTC' }).toMillis();
  while (world.clock.ms <= until) {
    await prompts.runPromptPass();
    world.clock.advance(stepMinutes * 60_000);
  }
}

export function utc(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toISO({ suppressMilliseconds: true }) ?? '';
}
