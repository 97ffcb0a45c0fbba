// Weekly check-in prompts on each team's own schedule: the team's prompt card at its chosen local
// time, personal reminders later in the week to members who have not checked in, and (while a
// self-assessment round is open) a weekly personal reminder to members who have not assessed.
//
// Everything that matters lives in the store (settings, installations, check-ins, leases), so any
// number of instances may run passes, on their own timers or from POST /api/prompts/run, and a
// restart loses nothing: the next pass picks up whatever is due and not yet sent this week.
import { randomUUID } from 'node:crypto';
import { backgroundJob } from '../scheduling/backgroundJob';
import type { IsoWeek } from '../domain';
import type { PromptsStore } from './ports';
import type { RetryOptions } from './delivery';
import { DeliveryLedger } from './ledger';
import type {
  MaturityNoteBuilder,
  MaturityReminderBuilder,
  PromptLogger,
  ProactiveSender,
  TeamMembership,
  WeeklySummaryBuilder,
} from './ports';
import { runPass, type PassReport } from './promptPass';
import { createPromptUpdates, type PromptUpdateOptions } from './promptUpdates';
import { TeamsRateLimits, type RateLimitOptions } from './rateLimits';
import { describeSchedule } from '../calendar/schedule';

export type { PassReport } from './promptPass';
export type { PromptUpdateOptions } from './promptUpdates';
export type {
  MaturityNoteBuilder,
  MaturityReminderBuilder,
  ProactiveSender,
  PromptLogger,
  SendResult,
  TeamMembership,
  WeeklySummaryBuilder,
} from './ports';
export { authorisePromptTrigger } from './trigger';
export { describeSchedule } from '../calendar/schedule';

export interface PromptsOptions {
  store: PromptsStore;
  sender: ProactiveSender;
  membership: TeamMembership;
  logger: PromptLogger;
  /**
   * The card for a team whose settings ask for the weekly summary post (postWeeklySummary), posted
   * once after each check-in week closes. Without it, no summaries are posted.
   */
  weeklySummary?: WeeklySummaryBuilder;
  /** The team's maturity note for its prompt card (open round, overdue actions). Without it, the card has none. */
  maturityNote?: MaturityNoteBuilder;
  /**
   * The team's open self-assessment round and who has assessed it: while one is open, people who
   * have not assessed get one reminder a week in their personal chat. Without it, none are sent.
   */
  maturityReminder?: MaturityReminderBuilder;
  /** The clock; tests move it. Default: the system clock. */
  now?: () => Date;
  limits?: RateLimitOptions;
  retry?: RetryOptions;
  /** How long a claimed delivery may stay in flight before another pass may take it over. Default 600 s. */
  inFlightSeconds?: number;
  /** Teams worked on at once per tenant: enough to keep the rate limiter fed, few enough that a pass starts sending at once. Default 16. */
  teamConcurrency?: number;
  /** Installations read per store page. Default 500. */
  pageSize?: number;
  /** How long this instance's hold on a tenant lasts unless renewed (renewed while it sends there). Default 60 s. */
  tenantLeaseSeconds?: number;
  /** How backoff waits; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** How often a prompt card's check-in count may be updated (see promptUpdates.ts). */
  updates?: PromptUpdateOptions;
}

export interface Scheduler {
  /** Stops the timer and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

export interface Prompts {
  /** One pass at `now` (default: the clock). A call while a pass runs shares that pass. */
  runPromptPass(now?: Date): Promise<PassReport>;
  /** Runs a pass at once, then every `intervalMs`; the timer never keeps the process alive. */
  startScheduler(options: { intervalMs: number }): Scheduler;
  describeSchedule: typeof describeSchedule;
  /**
   * Someone's check-in for `teamId` and `week` was saved: the count on that week's prompt card is
   * updated in place, a little later and at most once an interval per team. Returns at once, never throws.
   */
  checkedIn(teamId: string, week: IsoWeek): void;
  /** Cancels prompt card updates still waiting and waits for those under way (on shutdown). */
  stopUpdates(): Promise<void>;
}

/**
 * Sent markers live 15 days: a prompt falls due at the earliest on a Monday, and the marker must
 * still be there all through the following week, when noteSkipped looks at it. (8 days would stop
 * duplicates but could mistake a sent prompt for a skipped one.) A weekly summary falls due at the
 * earliest when the week after its own begins, so the same lifetime covers the week after that.
 */
export const SENT_SECONDS = 15 * 24 * 3600;
const DEFAULT_IN_FLIGHT_SECONDS = 600;
const DEFAULT_TENANT_LEASE_SECONDS = 60;

export function createPrompts(options: PromptsOptions): Prompts {
  const now = options.now ?? (() => new Date());
  const clock = () => now().getTime();
  const inFlightSeconds = options.inFlightSeconds ?? DEFAULT_IN_FLIGHT_SECONDS;
  // One limiter for passes and card updates, so both count in the same Teams windows.
  const limits = new TeamsRateLimits(options.limits);
  const env = {
    store: options.store,
    sender: options.sender,
    membership: options.membership,
    logger: options.logger,
    ...(options.weeklySummary ? { weeklySummary: options.weeklySummary } : {}),
    ...(options.maturityNote ? { maturityNote: options.maturityNote } : {}),
    ...(options.maturityReminder ? { maturityReminder: options.maturityReminder } : {}),
    limits,
    // Recheck a claim held elsewhere once it could have expired, then back off to six hours.
    ledger: new DeliveryLedger(SENT_SECONDS * 1000, inFlightSeconds * 1000, 6 * 3600 * 1000),
    retry: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, ...options.retry },
    inFlightSeconds,
    sentSeconds: SENT_SECONDS,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    clock,
    teamConcurrency: options.teamConcurrency ?? 16,
    pageSize: options.pageSize ?? 500,
    instanceId: `prompts-${randomUUID()}`,
    tenantLeaseSeconds: options.tenantLeaseSeconds ?? DEFAULT_TENANT_LEASE_SECONDS,
  };

  const passes = backgroundJob<PassReport>({
    name: 'prompt pass',
    work: (at) => runPass(env, at),
    now,
    logger: options.logger,
    worthLogging: (report) =>
      report.prompts.sent +
        report.reminders.sent +
        report.maturityReminders.sent +
        report.summaries.sent +
        report.errors +
        report.skipped +
        report.summariesSkipped >
      0,
  });
  const runPromptPass = (at?: Date): Promise<PassReport> => passes.run(at);
  const startScheduler = ({ intervalMs }: { intervalMs: number }): Scheduler => passes.start(intervalMs);

  const updates = createPromptUpdates(
    {
      store: options.store,
      sender: options.sender,
      limits,
      logger: options.logger,
      now,
      ...(options.maturityNote ? { maturityNote: options.maturityNote } : {}),
    },
    options.updates,
  );

  return { runPromptPass, startScheduler, describeSchedule, checkedIn: updates.checkedIn, stopUpdates: updates.stop };
}
