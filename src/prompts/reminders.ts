// Personal reminders, to the members of a team who have not yet done what they are reminded of this
// week (checked in, or assessed the open self-assessment round): each person once a week, never while
// away, only while Teams says they are still on the team. The prompt pass decides when one is due
// (dueNow.ts); this sends it.
import fastq from 'fastq';
import type { AdaptiveCard } from '../cards/render';
import type { Installation, IsoWeek, TeamSettings } from '../domain';
import { deliver, type DeliveryOutcome } from './delivery';
import { deliveryKey, type DeliveryKind } from './deliveryKeys';
import { awayWindow, whoToRemind } from './dueNow';
import type { PassEnv } from './promptPass';

/** How many deliveries of a kind ended each way. */
export type Outcomes = Record<DeliveryOutcome, number>;

/** One kind of personal reminder: its delivery kind, and (read only when someone may need one) who has already done it and the card. */
export interface ReminderKind {
  kind: Extract<DeliveryKind, 'reminder' | 'maturityReminder'>;
  outcomes: Outcomes;
  /** Undefined: nothing to remind anyone of (no self-assessment round open). */
  whatToSend: () => Promise<
    { done: ReadonlySet<string>; build: () => Promise<{ card: AdaptiveCard; summary: string }> } | undefined
  >;
}

/**
 * Personal reminders to members of the team, in its tenant, with the app, who have not done what
 * they are reminded of this week (checked in, or assessed the open round): each once a week.
 */
export async function remind(
  env: PassEnv,
  settings: TeamSettings,
  week: IsoWeek,
  personal: Installation[],
  now: Date,
  reminderAt: number,
  reminder: ReminderKind,
): Promise<void> {
  const nowMs = now.getTime();
  const byUser = new Map<string, Installation>();
  for (const installation of personal) {
    const userId = installation.reference.user.id;
    if (!env.ledger.settled(deliveryKey(reminder.kind, settings.teamId, week, userId), nowMs))
      byUser.set(userId, installation);
  }
  if (byUser.size === 0) return;
  const what = await reminder.whatToSend();
  if (!what) return;
  // Nobody away on the reminder's day, or since, is reminded that week (on the team's calendar).
  const window = awayWindow(settings.schedule.timeZone, reminderAt, now);
  const away = new Set(
    (await env.store.listTeamAway(settings.teamId, window.from, window.to)).map((record) => record.userId),
  );
  const pending = whoToRemind(byUser, what.done, away);
  // Membership asks Teams, so only a few at a time; the deliveries queue on the rate limiter.
  const checks = fastq.promise(async ([userId, installation]: [string, Installation]) => {
    const key = deliveryKey(reminder.kind, settings.teamId, week, userId);
    if (!(await env.membership.isMember(settings.teamId, userId))) return;
    const outcome = await deliver(env, {
      key,
      kind: reminder.kind,
      teamId: settings.teamId,
      week,
      installation,
      build: what.build,
    });
    reminder.outcomes[outcome] += 1;
  }, 8);
  await Promise.all(pending.map((person) => checks.push(person)));
}
