// One pass over the store: every active team or group chat installation with settings, what is due
// for it now, and the deliveries. Passes hold no state that matters (the ledger is a cache), so
// any instance can run one at any time, and a pass after downtime catches up on its own.
import { randomUUID } from 'node:crypto';
import type { Installation, IsoWeek } from '../domain';
import type { PromptsStore } from './ports';
import { deliver, type DeliveryEnv, type DeliveryOutcome } from './delivery';
import { deliveryKey, type DeliveryKind } from './deliveryKeys';
import { dueNow, PassCalendar } from './dueNow';
import { remind, type Outcomes } from './reminders';
import type {
  MaturityNote,
  MaturityNoteBuilder,
  MaturityReminderBuilder,
  TeamMembership,
  WeeklySummaryBuilder,
} from './ports';
import { reminderCard, weeklyPromptCard } from './promptCards';
import { TenantWork } from './tenantWork';

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
    work: new TenantWork(env, report),
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
          pass.work.push(installation.tenantId, () => passTeam(pass, installation));
        }
      }
      continuationToken = page.continuationToken;
      await pass.work.claim();
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
    for (const reminder of pass.remindLater.splice(0)) pass.work.push(reminder.tenantId, reminder.run);
  // Every tenant seen gets its answer (held or not), even after a failed scan, so no queue waits forever.
  await pass.work.claim();
  try {
    await pass.work.drained();
  } finally {
    await pass.work.release();
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
  /** The teams' work, per tenant, done where this instance holds the tenant's lease. */
  work: TenantWork;
}

async function passTeam(pass: Pass, installation: Installation): Promise<void> {
  const { env, now, report, calendar } = pass;
  const teamId = installation.teamId ?? installation.conversationId;
  try {
    const settings = (await env.store.getTeamSettings(teamId))?.value;
    const due = dueNow(settings, now, calendar);
    if (due.state !== 'active' || !settings) {
      report[due.state === 'paused' ? 'paused' : 'unconfigured'] += 1;
      return;
    }
    const { week } = due;
    const { timeZone } = settings.schedule;
    let outcome: DeliveryOutcome | undefined;
    if (due.prompt) {
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
              await maturityNoteFor(env, teamId, timeZone),
            ),
          sent: (activityId) => rememberPrompt(env, teamId, week, installation, activityId),
        });
        report.prompts[outcome] += 1;
      }
    }
    // After this week's prompt, so the prompt is not kept waiting for a note about last week.
    const lastWeek = due.lastWeekPrompt;
    if (lastWeek)
      await noteSkipped(env, 'prompt', teamId, lastWeek, now, () => {
        report.skipped += 1;
        env.logger.info({ teamId, week: lastWeek }, 'weekly prompt skipped: its week ended before it was sent');
      });
    // The team is gone: no summary or reminders for it either.
    if (outcome === 'gone') return;
    if (due.summary && env.weeklySummary) {
      const summary = await postWeeklySummary(env, env.weeklySummary, installation, teamId, due.summary, now, report);
      if (summary === 'gone') return;
    }
    const personal = () => pass.personalByTenant.get(installation.tenantId) ?? [];
    const reminders: Array<() => Promise<void>> = [];
    const { maturityReminderAt, reminderAt } = due;
    const maturityReminder = env.maturityReminder;
    if (maturityReminder && maturityReminderAt !== undefined)
      reminders.push(() =>
        remind(env, settings, week, personal(), now, maturityReminderAt, {
          kind: 'maturityReminder',
          outcomes: report.maturityReminders,
          whatToSend: async () => {
            const round = await maturityReminder(teamId, timeZone);
            return round && { done: round.assessed, build: async () => round };
          },
        }),
      );
    if (reminderAt !== undefined)
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
      if (pass.scanned) pass.work.push(installation.tenantId, run);
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
  { week: closedWeek, weekBefore }: { week: IsoWeek; weekBefore: IsoWeek },
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
