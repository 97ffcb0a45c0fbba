// One pass over the store: every active team or group chat installation with settings, what is due
// for it now, and the deliveries. Passes hold no state that matters (the ledger is a cache), so
// any instance can run one at any time, and a pass after downtime catches up on its own.
import fastq from 'fastq';
import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../cards/render';
import { isWeekOff } from '../calendar/weeksOff';
import { currentWeek } from '../calendar/weeks';
import type { BankHolidaySetting, Installation, IsoWeek, IsoWeekday, TeamSettings } from '../domain';
import type { PromptsStore } from './ports';
import { deliver, type DeliveryEnv, type DeliveryOutcome } from './delivery';
import { deliveryKey, type DeliveryKind } from './deliveryKeys';
import type {
  MaturityNote,
  MaturityNoteBuilder,
  MaturityReminderBuilder,
  TeamMembership,
  WeeklySummaryBuilder,
} from './ports';
import { reminderCard, weeklyPromptCard } from './promptCards';
import { DateTime } from 'luxon';
import { holidayDue, previousWeek, usableZone } from '../calendar/schedule';

/** Epoch ms a prompt or reminder is due at, or 'skipped' for a bank holiday the team skips. */
type Due = number | 'skipped';

export interface PassEnv extends DeliveryEnv {
  membership: TeamMembership;
  /** Builds the weekly summary card; absent, no summaries are posted. */
  weeklySummary?: WeeklySummaryBuilder;
  /** The team's maturity note for its prompt card; absent, the card has none. */
  maturityNote?: MaturityNoteBuilder;
  /** The team's open self-assessment round, for reminders to people who have not assessed; absent, none are sent. */
  maturityReminder?: MaturityReminderBuilder;
  /** Teams worked on at once per tenant; the rate limiter decides the actual pace. */
  teamConcurrency: number;
  pageSize: number;
  /** This instance, as the owner of the tenant leases it takes. */
  instanceId: string;
  /** How long a tenant lease lasts unless renewed (it is renewed while the tenant is worked). */
  tenantLeaseSeconds: number;
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
  /** Weekly reminders, while a self-assessment round is open, to people who have not assessed. */
  maturityReminders: Outcomes;
  /** Weekly summaries of closed weeks, for teams that asked for them. */
  summaries: Outcomes;
  /** Last week's prompts found never sent (the bot was down, or the team paused or new): logged, not sent. */
  skipped: number;
  /** Summaries whose following week also ended before they were posted: logged, not posted. */
  summariesSkipped: number;
  /** Teams whose pass failed (e.g. the store was down); the next pass tries them again. */
  errors: number;
  /**
   * Tenants another instance was working (it held their lease), left to it by this pass: Teams'
   * per-tenant rate limit is shared by every instance, so one instance at a time sends to a tenant.
   */
  tenantsElsewhere: number;
  elapsedMs: number;
}

const noOutcomes = (): Outcomes => ({ sent: 0, gone: 0, failed: 0, held: 0, unknown: 0 });

export async function runPass(env: PassEnv, now: Date): Promise<PassReport> {
  const started = env.clock();
  const report: PassReport = {
    at: now.toISOString(),
    teams: 0,
    unconfigured: 0,
    paused: 0,
    prompts: noOutcomes(),
    reminders: noOutcomes(),
    maturityReminders: noOutcomes(),
    summaries: noOutcomes(),
    skipped: 0,
    summariesSkipped: 0,
    errors: 0,
    tenantsElsewhere: 0,
    elapsedMs: 0,
  };
  env.ledger.prune(now.getTime());
  env.limits.prune();
  const pass: Pass = {
    env,
    now,
    report,
    calendar: new PassCalendar(now),
    personalByTenant: new Map(),
    scanned: false,
    remindLater: [],
    queues: new Map(),
    tenants: new Map(),
    unclaimed: [],
  };
  // Teams are worked on as each page of installations arrives, so the first prompts go out while
  // later pages are still being read. Tenants in parallel, each at its own rate; within a tenant a
  // few teams at a time. A team is seen once per pass, whichever page it is on; one added behind
  // the scan, or moved by a change between pages, is picked up by the next pass, as before.
  let scanError: unknown;
  try {
    let continuationToken: string | undefined;
    do {
      const page = await env.store.listInstallations({ activeOnly: true, pageSize: env.pageSize, continuationToken });
      for (const installation of page.items) {
        if (installation.kind === 'personal') {
          const list = pass.personalByTenant.get(installation.tenantId) ?? [];
          list.push(installation);
          pass.personalByTenant.set(installation.tenantId, list);
        } else {
          report.teams += 1;
          queueFor(pass, installation.tenantId).push(() => passTeam(pass, installation));
        }
      }
      continuationToken = page.continuationToken;
      await claimTenants(pass);
      // A store that answers without waiting (the local one) would otherwise read every page before
      // the event loop runs a timer or a socket: let the sends already started go between pages.
      if (continuationToken) await new Promise<void>((resolve) => setImmediate(resolve));
    } while (continuationToken);
  } catch (error) {
    scanError = error;
  }
  // Reminders go to people's personal chats, so they wait until every page has been read.
  pass.scanned = true;
  if (scanError === undefined)
    for (const reminder of pass.remindLater.splice(0)) queueFor(pass, reminder.tenantId).push(reminder.run);
  // Every tenant seen gets its answer (held or not), even after a failed scan, so no queue waits forever.
  await claimTenants(pass);
  try {
    await Promise.all([...pass.queues.values()].map((queue) => queue.drained()));
  } finally {
    await releaseTenants(pass);
  }
  // The store failed part way: what was started has finished; the next pass does the rest.
  if (scanError !== undefined) throw scanError;
  report.elapsedMs = env.clock() - started;
  return report;
}

interface Pass {
  env: PassEnv;
  now: Date;
  report: PassReport;
  calendar: PassCalendar;
  personalByTenant: Map<string, Installation[]>;
  /** True once every page has been read (and personal installations are all known). */
  scanned: boolean;
  /** Teams whose reminders are due, found before the scan finished. */
  remindLater: Array<{ tenantId: string; run: () => Promise<void> }>;
  /** Per tenant, the teams' work, at most `teamConcurrency` at once; a failed item does not stop the rest. */
  queues: Map<string, fastq.queueAsPromised<() => Promise<void>, void>>;
  /** This pass's turn at each tenant it has seen: whether it holds the tenant's lease. */
  tenants: Map<string, TenantTurn>;
  /** Tenants seen whose lease this pass has not asked for yet. */
  unclaimed: string[];
}

/**
 * One pass's turn at a tenant. Teams counts its rate limit per app per tenant, across every instance,
 * while each instance's limiter only knows its own sends; so a tenant is worked by one instance at a
 * time, the one holding its lease. The lease is renewed while the tenant is worked and released at the
 * end of the pass; an instance that dies loses it within `tenantLeaseSeconds`. Instances share the
 * tenants: each asks for the leases of the tenants it has seen in an order of its own, so two
 * instances starting together split them, and each works its share at the full per-tenant rate.
 */
interface TenantTurn {
  lease: string;
  /** Settles once the lease has been asked for: true when this pass holds it. */
  held: Promise<boolean>;
  settle(held: boolean): void;
  /** A renewal found the lease taken (this instance was too slow to renew): send nothing more. */
  lost: boolean;
  renewal?: NodeJS.Timeout;
}

/** Lease names allow a limited alphabet; tenant ids are GUIDs, anything else is made to fit. */
function tenantLeaseName(tenantId: string): string {
  return `prompts-tenant:${tenantId.replace(/[^A-Za-z0-9._:-]/g, '_')}`.slice(0, 200);
}

function queueFor(pass: Pass, tenantId: string): fastq.queueAsPromised<() => Promise<void>, void> {
  let queue = pass.queues.get(tenantId);
  if (!queue) {
    let settle: (held: boolean) => void = () => undefined;
    const held = new Promise<boolean>((resolve) => (settle = resolve));
    const turn: TenantTurn = { lease: tenantLeaseName(tenantId), held, settle, lost: false };
    pass.tenants.set(tenantId, turn);
    pass.unclaimed.push(tenantId);
    // Work waits for the lease; without it (another instance is sending to the tenant) it is left to that instance.
    // fastq starts work as soon as it is pushed (no timer turn, unlike bottleneck, which keeps the
    // rate of sends in rateLimits.ts), and `drained()` covers work pushed while the queue runs.
    queue = fastq.promise(
      async (work: () => Promise<void>) => {
        if ((await turn.held) && !turn.lost) await work();
      },
      Math.max(1, pass.env.teamConcurrency),
    );
    pass.queues.set(tenantId, queue);
  }
  return queue;
}

/** Asks for the leases of the tenants seen since the last call, in an order of this pass's own. */
async function claimTenants(pass: Pass): Promise<void> {
  const { env, report } = pass;
  const tenantIds = pass.unclaimed.splice(0);
  for (let i = tenantIds.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [tenantIds[i], tenantIds[j]] = [tenantIds[j] as string, tenantIds[i] as string];
  }
  for (const tenantId of tenantIds) {
    const turn = pass.tenants.get(tenantId) as TenantTurn;
    let held = false;
    try {
      held = await env.store.tryAcquireLease(turn.lease, env.instanceId, env.tenantLeaseSeconds);
    } catch (error) {
      report.errors += 1;
      env.logger.error({ tenantId, err: error }, "could not take a tenant's prompt lease; the next pass tries again");
    }
    if (held) {
      const renew = async () => {
        const renewed = await env.store
          .tryAcquireLease(turn.lease, env.instanceId, env.tenantLeaseSeconds)
          .catch(() => false);
        if (!renewed && !turn.lost) {
          turn.lost = true;
          env.logger.warn(
            { tenantId },
            "lost a tenant's prompt lease mid-pass; its other teams are left to the next pass",
          );
        }
      };
      turn.renewal = setInterval(() => void renew(), (env.tenantLeaseSeconds * 1000) / 3);
      turn.renewal.unref();
    } else {
      report.tenantsElsewhere += 1;
    }
    turn.settle(held);
  }
}

async function releaseTenants(pass: Pass): Promise<void> {
  for (const turn of pass.tenants.values()) {
    clearInterval(turn.renewal);
    if (turn.renewal && !turn.lost)
      await pass.env.store.releaseLease(turn.lease, pass.env.instanceId).catch(() => undefined);
  }
}

/**
 * Due times worked out once per pass rather than once per team: thousands of teams share a handful
 * of zones and schedules, and luxon's zone arithmetic is the costly part.
 */
class PassCalendar {
  private readonly weeks = new Map<string, IsoWeek>();
  private readonly instants = new Map<string, Due | undefined>();
  private readonly previous = new Map<IsoWeek, IsoWeek>();

  constructor(private readonly now: Date) {}

  week(timeZone: string): IsoWeek {
    let week = this.weeks.get(timeZone);
    if (week === undefined) this.weeks.set(timeZone, (week = currentWeek(this.now, timeZone)));
    return week;
  }

  /** `day` at `time` in `week` on the zone's clock, moved off or skipped for a bank holiday (see schedule.ts). */
  due(
    week: IsoWeek,
    day: IsoWeekday,
    time: string,
    timeZone: string,
    holidays: BankHolidaySetting | undefined,
  ): Due | undefined {
    const key = `${week}|${day}|${time}|${timeZone}|${holidays?.region ?? ''}|${holidays?.onHoliday ?? ''}`;
    if (!this.instants.has(key)) {
      const due = holidayDue(week, day, time, timeZone, holidays);
      this.instants.set(key, due && (due.kind === 'skipped' ? 'skipped' : due.at.toMillis()));
    }
    return this.instants.get(key);
  }

  /** Whether a week's prompt was never meant to go: a week off, or a bank holiday the team skips. */
  promptOff(settings: TeamSettings, week: IsoWeek): boolean {
    const { schedule } = settings;
    return (
      isWeekOff(settings, week) ||
      this.due(week, schedule.day, schedule.time, schedule.timeZone, settings.bankHolidays) === 'skipped'
    );
  }

  weekBefore(week: IsoWeek): IsoWeek {
    let before = this.previous.get(week);
    if (before === undefined) this.previous.set(week, (before = previousWeek(week)));
    return before;
  }
}

async function passTeam(pass: Pass, installation: Installation): Promise<void> {
  const { env, now, report, calendar } = pass;
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
    const { schedule } = settings;
    const week = calendar.week(schedule.timeZone);
    // A week off, or a prompt skipped for a bank holiday, means no prompt and no reminder that week.
    const off = calendar.promptOff(settings, week);
    const promptAt = off
      ? undefined
      : calendar.due(week, schedule.day, schedule.time, schedule.timeZone, settings.bankHolidays);
    let outcome: DeliveryOutcome | undefined;
    if (typeof promptAt === 'number' && now.getTime() >= promptAt) {
      const key = deliveryKey('prompt', teamId, week);
      if (!env.ledger.settled(key, now.getTime())) {
        outcome = await deliver(env, {
          key,
          kind: 'prompt',
          teamId,
          week,
          installation,
          build: async () =>
            weeklyPromptCard(
              settings,
              week,
              await checkedInUsers(env.store, teamId, week).then((users) => users.size),
              await maturityNoteFor(env, teamId, schedule.timeZone),
            ),
          sent: (activityId) => rememberPrompt(env, teamId, week, installation, activityId),
        });
        report.prompts[outcome] += 1;
      }
    }
    // After this week's prompt, so the prompt is not kept waiting for a note about last week.
    // A week that was off, or whose prompt the team skips for a bank holiday, had no prompt to miss.
    const lastWeek = calendar.weekBefore(week);
    if (!calendar.promptOff(settings, lastWeek))
      await noteSkipped(env, 'prompt', teamId, lastWeek, now, () => {
        report.skipped += 1;
        env.logger.info({ teamId, week: lastWeek }, 'weekly prompt skipped: its week ended before it was sent');
      });
    // The team is gone: no summary or reminders for it either.
    if (outcome === 'gone') return;
    if (settings.postWeeklySummary && env.weeklySummary) {
      if (
        (await postWeeklySummary(
          env,
          env.weeklySummary,
          installation,
          teamId,
          lastWeek,
          calendar.weekBefore(lastWeek),
          now,
          report,
        )) === 'gone'
      )
        return;
    }
    const personal = () => pass.personalByTenant.get(installation.tenantId) ?? [];
    const reminders: Array<() => Promise<void>> = [];
    // While a self-assessment round is open, people who have not assessed hear once a week, from
    // the time of the team's prompt (so never in a week off, nor when the prompt is skipped).
    const maturityReminder = env.maturityReminder;
    if (maturityReminder && typeof promptAt === 'number' && now.getTime() >= promptAt)
      reminders.push(() =>
        remind(env, settings, week, personal(), now, promptAt, {
          kind: 'maturityReminder',
          outcomes: report.maturityReminders,
          whatToSend: async () => {
            const round = await maturityReminder(teamId, schedule.timeZone);
            return round && { done: round.assessed, build: async () => round };
          },
        }),
      );
    const reminderAt =
      settings.reminder && !off
        ? calendar.due(week, settings.reminder.day, settings.reminder.time, schedule.timeZone, settings.bankHolidays)
        : undefined;
    if (typeof reminderAt === 'number' && now.getTime() >= reminderAt)
      reminders.push(() =>
        remind(env, settings, week, personal(), now, reminderAt, {
          kind: 'reminder',
          outcomes: report.reminders,
          whatToSend: async () => ({
            done: await checkedInUsers(env.store, teamId, week),
            build: async () => reminderCard(settings, week),
          }),
        }),
      );
    for (const reminder of reminders) {
      const run = () => reminder().catch((error: unknown) => teamFailed(pass, teamId, error));
      if (pass.scanned) queueFor(pass, installation.tenantId).push(run);
      else pass.remindLater.push({ tenantId: installation.tenantId, run });
    }
  } catch (error) {
    teamFailed(pass, teamId, error);
  }
}

function teamFailed(pass: Pass, teamId: string, error: unknown): void {
  pass.report.errors += 1;
  pass.env.logger.error({ teamId, err: error }, 'prompt pass failed for a team; the next pass tries again');
}

/**
 * A prompt whose week ended unsent is not sent late (a Monday prompt on Tuesday of the week after
 * would confuse), nor a summary whose following week ended unposted; each is logged once. Taking the
 * delivery's lease tells us it was never sent, and keeps it taken so no other instance or pass sends
 * or logs it again. Sent markers outlive the week they are looked at in (sentSeconds), so a sent
 * message is never mistaken for a skipped one.
 */
async function noteSkipped(
  env: PassEnv,
  kind: DeliveryKind,
  teamId: string,
  week: IsoWeek,
  now: Date,
  skipped: () => void,
): Promise<void> {
  const key = deliveryKey(kind, teamId, week);
  if (env.ledger.settled(key, now.getTime())) return;
  if (await env.store.tryAcquireLease(key, `skipped-${randomUUID()}`, env.sentSeconds)) skipped();
  env.ledger.done(key, now.getTime());
}

/**
 * The team summary of `closedWeek` (the week before the team's current one, so closed on the team's
 * clock), posted once, through the same claim and sent marker as prompts: two instances never both
 * post it, a crash retries it, and once posted it is never posted again. It is due from the moment
 * the week closes until the next week ends; one the bot could not post in that time (it was down, or
 * the team was paused) is not posted late, only logged.
 */
async function postWeeklySummary(
  env: PassEnv,
  build: WeeklySummaryBuilder,
  installation: Installation,
  teamId: string,
  closedWeek: IsoWeek,
  weekBefore: IsoWeek,
  now: Date,
  report: PassReport,
): Promise<DeliveryOutcome | undefined> {
  const key = deliveryKey('summary', teamId, closedWeek);
  let outcome: DeliveryOutcome | undefined;
  if (!env.ledger.settled(key, now.getTime())) {
    outcome = await deliver(env, {
      key,
      kind: 'summary',
      teamId,
      week: closedWeek,
      installation,
      build: () => build(teamId, closedWeek),
    });
    report.summaries[outcome] += 1;
  }
  await noteSkipped(env, 'summary', teamId, weekBefore, now, () => {
    report.summariesSkipped += 1;
    env.logger.info(
      { teamId, week: weekBefore },
      'weekly summary skipped: the week after it ended before it was posted',
    );
  });
  return outcome;
}

/**
 * Keeps which message this week's prompt is (TeamSettings.lastPrompt), so that check-ins can update
 * its count in place (promptUpdates.ts). The message goes to the installation's conversation: for a
 * channel that is the team's own conversation, where the prompt starts a new post; for a group chat,
 * the chat. Either way the update is made in that same conversation, to that activity id.
 */
async function rememberPrompt(
  env: PassEnv,
  teamId: string,
  week: IsoWeek,
  installation: Installation,
  activityId: string | undefined,
): Promise<void> {
  if (!activityId) {
    env.logger.warn(
      { teamId, week },
      'the Connector gave no id for a sent prompt; its count will not be updated as people check in',
    );
    return;
  }
  const lastPrompt = { week, conversationId: installation.conversationId, activityId };
  await env.store.updateTeamSettings(teamId, (settings) => ({ ...settings, lastPrompt }));
}

/** The people who have checked in for `teamId` in `week`, on any mission. */
export async function checkedInUsers(store: PromptsStore, teamId: string, week: IsoWeek): Promise<Set<string>> {
  return new Set((await store.listTeamCheckIns(teamId, week)).map((record) => record.userId));
}

/** One kind of personal reminder: its delivery kind, and (read only when someone may need one) who has already done it and the card. */
interface ReminderKind {
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
async function remind(
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
  // Nobody away on the reminder's day, or since, is reminded that week (on the team's calendar): a
  // reminder held back while they were away would otherwise arrive the moment they are back.
  const zone = usableZone(settings.schedule.timeZone);
  const today = DateTime.fromJSDate(now, { zone }).toISODate() ?? '';
  const dueDay = DateTime.fromMillis(reminderAt, { zone }).toISODate() ?? today;
  const away = new Set((await env.store.listTeamAway(settings.teamId, dueDay, today)).map((record) => record.userId));
  const pending = [...byUser].filter(([userId]) => !what.done.has(userId) && !away.has(userId));
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

/**
 * The team's maturity note, or none when it cannot be read: the prompt goes out without it rather
 * than not at all (a note is not worth a missed prompt).
 */
export async function maturityNoteFor(
  env: { maturityNote?: MaturityNoteBuilder; logger: PassEnv['logger'] },
  teamId: string,
  timeZone: string,
): Promise<MaturityNote | undefined> {
  if (!env.maturityNote) return undefined;
  try {
    return await env.maturityNote(teamId, timeZone);
  } catch (error) {
    env.logger.warn({ teamId, err: error }, 'prompt card without its maturity note: it could not be read');
    return undefined;
  }
}
