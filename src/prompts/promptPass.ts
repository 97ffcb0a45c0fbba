// One pass over the store: every active team or group chat installation with settings, what is due
// for it now, and the deliveries. Passes hold no state that matters (the ledger is a cache), so
// any instance can run one at any time, and a pass after downtime catches up on its own.
import { randomUUID } from 'node:crypto';
import { currentWeek } from '../checkins/weeks';
import type { FrameworkStore, Installation, IsoWeek, TeamSettings } from '../store/port';
import { deliver, type DeliveryEnv, type DeliveryOutcome } from './delivery';
import { deliveryKey } from './deliveryKeys';
import type { TeamMembership } from './ports';
import { runPool } from './pool';
import { reminderCard, weeklyPromptCard } from './promptCards';
import { previousWeek, promptDue, reminderDue } from './schedule';

export interface PassEnv extends DeliveryEnv {
  membership: TeamMembership;
  /** Teams worked on at once per tenant; the rate limiter decides the actual pace. */
  teamConcurrency: number;
  pageSize: number;
}

type Outcomes = Record<DeliveryOutcome, number>;

export interface PassReport {
  at: string;
  /** Team and group chat installations seen (active ones). */
  teams: number;
  /** With no settings saved: never prompted until a lead saves them. */
  unconfigured: number;
  paused: number;
  prompts: Outcomes;
  reminders: Outcomes;
  /** Last week's prompts found never sent (the bot was down, or the team paused or new): logged, not sent. */
  skipped: number;
  /** Teams whose pass failed (e.g. the store was down); the next pass tries them again. */
  errors: number;
  elapsedMs: number;
}

const noOutcomes = (): Outcomes => ({ sent: 0, gone: 0, failed: 0, held: 0, unknown: 0 });

export async function runPass(env: PassEnv, now: Date): Promise<PassReport> {
  const started = env.clock();
  const report: PassReport = { at: now.toISOString(), teams: 0, unconfigured: 0, paused: 0, prompts: noOutcomes(), reminders: noOutcomes(), skipped: 0, errors: 0, elapsedMs: 0 };
  env.ledger.prune(now.getTime());
  const { teamsByTenant, personalByTenant } = await scanInstallations(env.store, env.pageSize);
  // Tenants in parallel, each at its own rate; within a tenant a few teams at a time.
  await Promise.all(
    [...teamsByTenant].map(([tenantId, teams]) => {
      report.teams += teams.length;
      return runPool(teams, env.teamConcurrency, (team) => passTeam(env, team, personalByTenant.get(tenantId) ?? [], now, report));
    }),
  );
  report.elapsedMs = env.clock() - started;
  return report;
}

async function scanInstallations(store: FrameworkStore, pageSize: number) {
  const teamsByTenant = new Map<string, Installation[]>();
  const personalByTenant = new Map<string, Installation[]>();
  let continuationToken: string | undefined;
  do {
    const page = await store.listInstallations({ activeOnly: true, pageSize, continuationToken });
    for (const installation of page.items) {
      const into = installation.kind === 'personal' ? personalByTenant : teamsByTenant;
      const list = into.get(installation.tenantId) ?? [];
      list.push(installation);
      into.set(installation.tenantId, list);
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return { teamsByTenant, personalByTenant };
}

async function passTeam(env: PassEnv, installation: Installation, personal: Installation[], now: Date, report: PassReport): Promise<void> {
  const teamId = installation.teamId ?? installation.conversationId;
  try {
    const settings = (await env.store.getTeamSettings(teamId))?.value;
    if (!settings) {
      report.unconfigured += 1;
      return;
    }
    if (settings.paused) {
      report.paused += 1;
      return;
    }
    const week = currentWeek(now, settings.schedule.timeZone);
    await noteSkippedLastWeek(env, settings, week, now, report);
    const promptAt = promptDue(week, settings.schedule);
    if (promptAt && now.getTime() >= promptAt.toMillis()) {
      const key = deliveryKey('prompt', teamId, week);
      if (!env.ledger.settled(key, now.getTime())) {
        const outcome = await deliver(env, {
          key,
          kind: 'prompt',
          teamId,
          week,
          installation,
          build: async () => weeklyPromptCard(settings, week, await checkedInUsers(env.store, teamId, week).then((users) => users.size)),
        });
        report.prompts[outcome] += 1;
        // The team is gone: no reminders for it either.
        if (outcome === 'gone') return;
      }
    }
    const reminderAt = settings.reminder ? reminderDue(week, settings.schedule, settings.reminder) : undefined;
    if (reminderAt && now.getTime() >= reminderAt.toMillis()) await remind(env, settings, week, personal, now, report);
  } catch (error) {
    report.errors += 1;
    env.logger.error({ teamId, err: error }, 'prompt pass failed for a team; the next pass tries again');
  }
}

/**
 * A prompt whose week ended unsent is not sent late (a Monday prompt on Tuesday of the week after
 * would confuse); it is logged once. Taking last week's lease tells us it was never sent, and keeps
 * it taken so no other instance or pass logs it again. Sent markers outlive the following week
 * (sentSeconds), so a sent prompt is never mistaken for a skipped one.
 */
async function noteSkippedLastWeek(env: PassEnv, settings: TeamSettings, week: IsoWeek, now: Date, report: PassReport): Promise<void> {
  const lastWeek = previousWeek(week);
  const key = deliveryKey('prompt', settings.teamId, lastWeek);
  if (env.ledger.settled(key, now.getTime())) return;
  if (await env.store.tryAcquireLease(key, `skipped-${randomUUID()}`, env.sentSeconds)) {
    report.skipped += 1;
    env.logger.info({ teamId: settings.teamId, week: lastWeek }, 'weekly prompt skipped: its week ended before it was sent');
  }
  env.ledger.done(key, now.getTime());
}

async function checkedInUsers(store: FrameworkStore, teamId: string, week: IsoWeek): Promise<Set<string>> {
  return new Set((await store.listTeamCheckIns(teamId, week)).map((record) => record.userId));
}

/** Personal reminders to members of the team, in its tenant, with the app, who have not checked in this week. */
async function remind(env: PassEnv, settings: TeamSettings, week: IsoWeek, personal: Installation[], now: Date, report: PassReport): Promise<void> {
  const nowMs = now.getTime();
  const byUser = new Map<string, Installation>();
  for (const installation of personal) {
    const userId = installation.reference.user.id;
    if (!env.ledger.settled(deliveryKey('reminder', settings.teamId, week, userId), nowMs)) byUser.set(userId, installation);
  }
  if (byUser.size === 0) return;
  const checkedIn = await checkedInUsers(env.store, settings.teamId, week);
  const pending = [...byUser].filter(([userId]) => !checkedIn.has(userId));
  // Membership asks Teams, so only a few at a time; the deliveries queue on the rate limiter.
  await runPool(pending, 8, async ([userId, installation]) => {
    const key = deliveryKey('reminder', settings.teamId, week, userId);
    if (!(await env.membership.isMember(settings.teamId, userId))) return;
    const outcome = await deliver(env, { key, kind: 'reminder', teamId: settings.teamId, week, installation, build: async () => reminderCard(settings, week) });
    report.reminders[outcome] += 1;
  });
}
