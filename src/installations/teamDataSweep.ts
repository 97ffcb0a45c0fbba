// Deletes a team's data once the app has been gone from it for the grace period. A removal is
// recorded with its time (`removedAt`, see InstallationRecorder); adding the app back clears it, so
// the sweep simply never sees that team. The sweep finds installations removed longer ago than the
// grace period and, for each:
//
// 1. reads the installation again and goes on only if it is still removed (the list may be stale);
// 2. deletes the team's settings, check-ins, drafts, roll-ups and shared examples (not for a personal chat, which has none);
// 3. deletes the installation record, only if it is still removed before the cut-off: if the app was
//    added back in the moment since step 1, the fresh record stays (and the team starts again).
//
// The record goes last, so a sweep cut short (crash, store outage) leaves it to be found again and
// the next sweep finishes the job; every step is idempotent. The record is deleted rather than kept
// as a "purged" marker: it holds the conversation reference and a person's id, nothing needs it once
// the team's data is gone, and adding the app back makes a fresh one.
//
// Several instances may run the sweep on their timers: a lease lets one of them sweep at a time.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging';
import { backgroundJob } from '../scheduling/backgroundJob';
import { StoreUnavailableError } from '../store/errors';
import type { Installation } from '../domain';
import type { FrameworkStore } from '../store/port';
import { removedBefore } from '../store/records/rules';
import { conversationTeam } from '../turns/conversationTeam';

const DAY_MS = 24 * 3600 * 1000;
const LEASE_NAME = 'team-data-sweep';
/** Longer than any sweep should take; renewed as the sweep goes, and released when it ends. */
const LEASE_SECONDS = 15 * 60;
/** Installations looked at per sweep; more wait for the next one. */
const MAX_PER_SWEEP = 500;
const PAGE_SIZE = 100;
/** How often the timer sweeps: removals are counted in days, so hourly is plenty. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface SweepReport {
  /** The removal time before which data was deleted (ISO 8601). */
  cutoff: string;
  /** False when another instance held the sweep's lease, so this one did nothing. */
  swept: boolean;
  /** Teams and group chats whose data was deleted. */
  teams: number;
  /** Personal chats whose record was deleted. */
  personalChats: number;
  /** Settings, check-ins, drafts and roll-ups deleted. */
  records: number;
  /** Installations skipped because the app was added back while the sweep ran. */
  addedBack: number;
  errors: number;
}

export interface TeamDataSweepOptions {
  store: Pick<
    FrameworkStore,
    | 'listInstallations'
    | 'getInstallation'
    | 'deleteTeamData'
    | 'practice'
    | 'deleteInstallation'
    | 'tryAcquireLease'
    | 'releaseLease'
  >;
  /** Days between a removal and the deletion of the team's data. */
  graceDays: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The clock; tests move it. Default: the system clock. */
  now?: () => Date;
}

export interface Sweeper {
  /** Stops the timer and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

export interface TeamDataSweep {
  /** One sweep at `at` (default: the clock). A call while a sweep runs shares that sweep. */
  runSweep(at?: Date): Promise<SweepReport>;
  /** Sweeps soon after start, then every `intervalMs`; the timer never keeps the process alive. */
  start(options?: { intervalMs?: number }): Sweeper;
}

export function createTeamDataSweep(options: TeamDataSweepOptions): TeamDataSweep {
  const { store, logger, graceDays } = options;
  const now = options.now ?? (() => new Date());
  // One owner per instance: renewing the lease mid-sweep needs the same owner.
  const owner = `sweep-${randomUUID()}`;

  const candidates = async (cutoff: string): Promise<Installation[]> => {
    const found: Installation[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await store.listInstallations({
        pageSize: PAGE_SIZE,
        removedBefore: cutoff,
        ...(continuationToken ? { continuationToken } : {}),
      });
      found.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken && found.length < MAX_PER_SWEEP);
    return found.slice(0, MAX_PER_SWEEP);
  };

  /** Deletes one installation's data, unless it turns out not to be removed any more. */
  const sweepOne = async (listed: Installation, cutoff: string, report: SweepReport): Promise<void> => {
    const { conversationId } = listed;
    const current = await store.getInstallation(conversationId);
    if (!current) return; // deleted since the list was read (another sweep, or "delete my data")
    if (!removedBefore(current, cutoff)) {
      report.addedBack += 1;
      return;
    }
    const personal = current.kind === 'personal';
    // The team's shared examples go with the rest of its data (they are kept per tenant, apart from the team's records).
    const records = personal
      ? 0
      : (await store.deleteTeamData(conversationTeam(current))) +
        (await store.practice.deleteTeamExamples(conversationTeam(current)));
    const deleted = await store.deleteInstallation(conversationId, { removedBefore: cutoff });
    if (!deleted && (await store.getInstallation(conversationId))?.active) {
      // Added back between the check and the deletion: the data from before the removal is gone,
      // and the fresh installation is kept.
      report.addedBack += 1;
      logger.warn(
        { conversationId },
        'the app was added back while its old data was being deleted; the new installation is kept',
      );
    }
    report.records += records;
    if (personal) report.personalChats += 1;
    else report.teams += 1;
    logger.info(
      { conversationId, kind: current.kind, removedAt: current.removedAt, records },
      'data of a removed installation deleted after the grace period',
    );
  };

  const sweep = async (at: Date): Promise<SweepReport> => {
    const cutoff = new Date(at.getTime() - graceDays * DAY_MS).toISOString();
    const report: SweepReport = {
      cutoff,
      swept: false,
      teams: 0,
      personalChats: 0,
      records: 0,
      addedBack: 0,
      errors: 0,
    };
    if (!(await store.tryAcquireLease(LEASE_NAME, owner, LEASE_SECONDS))) return report;
    report.swept = true;
    try {
      const found = await candidates(cutoff);
      for (const [index, installation] of found.entries()) {
        // Keep the lease while working through a long list; stop if another instance has taken it.
        if (index > 0 && index % PAGE_SIZE === 0 && !(await store.tryAcquireLease(LEASE_NAME, owner, LEASE_SECONDS)))
          break;
        try {
          await sweepOne(installation, cutoff, report);
        } catch (error) {
          report.errors += 1;
          logger.warn(
            { conversationId: installation.conversationId, err: error },
            'could not delete the data of a removed installation; the next sweep tries again',
          );
          if (error instanceof StoreUnavailableError) break; // the store is down: no point going on
        }
      }
    } finally {
      await store.releaseLease(LEASE_NAME, owner).catch(() => undefined);
    }
    return report;
  };

  const sweeps = backgroundJob<SweepReport>({
    name: 'team data sweep',
    work: sweep,
    now,
    logger,
    worthLogging: (report) => report.teams + report.personalChats + report.errors > 0,
  });
  const runSweep = (at?: Date): Promise<SweepReport> => sweeps.run(at);
  const start = ({ intervalMs = SWEEP_INTERVAL_MS }: { intervalMs?: number } = {}): Sweeper => sweeps.start(intervalMs);

  return { runSweep, start };
}
