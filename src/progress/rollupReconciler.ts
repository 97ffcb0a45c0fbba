// Keeps every team's recent weekly roll-ups equal to the answers behind them. A check-in's answers
// and its roll-up are written in one atomic write, so they cannot drift apart on a crash any more;
// this repairs what could still make them differ (a file from an older version, a restored backup,
// a bug) while the weeks are still being looked at, and before nobody would ever repair them: at
// start and then hourly, for each team's current and previous check-in week on its own clock.
//
// Several instances may run it on their timers: a lease lets one of them work at a time.
import { randomUUID } from 'node:crypto';
import { previousWeek } from '../calendar/schedule';
import { currentWeek } from '../calendar/weeks';
import type { Logger } from '../logging';
import { backgroundJob } from '../scheduling/backgroundJob';
import { StoreUnavailableError } from '../store/errors';
import type { FrameworkStore } from '../store/port';
import { rebuildRollups } from './rebuildRollups';

const LEASE_NAME = 'rollup-reconciler';
/** Longer than a run should take; renewed as it goes, and released when it ends. */
const LEASE_SECONDS = 15 * 60;
const PAGE_SIZE = 100;
/** The zone of a team with no settings saved (the store's default settings use it too). */
const DEFAULT_TIME_ZONE = 'Europe/London';
export const RECONCILE_INTERVAL_MS = 60 * 60 * 1000;

export interface ReconcileReport {
  /** False when another instance held the lease, so this one did nothing. */
  ran: boolean;
  teams: number;
  /** Roll-ups rebuilt from the answers, and how many of them had disagreed with the answers. */
  rebuilt: number;
  corrected: number;
  errors: number;
}

export interface RollupReconcilerOptions {
  store: FrameworkStore;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The clock; tests move it. Default: the system clock. */
  now?: () => Date;
}

export interface RollupReconciler {
  /** One run at `at` (default: the clock). A call while a run is going shares that run. */
  run(at?: Date): Promise<ReconcileReport>;
  /** Runs soon after start, then every `intervalMs` (default hourly); the timer never keeps the process alive. */
  start(options?: { intervalMs?: number }): { stop(): Promise<void> };
}

export function createRollupReconciler(options: RollupReconcilerOptions): RollupReconciler {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  // One owner per instance: renewing the lease mid-run needs the same owner.
  const owner = `rollups-${randomUUID()}`;

  const reconcileTeam = async (teamId: string, at: Date, report: ReconcileReport) => {
    const timeZone = (await store.getTeamSettings(teamId))?.value.schedule.timeZone ?? DEFAULT_TIME_ZONE;
    const week = currentWeek(at, timeZone);
    const result = await rebuildRollups(store, teamId, [previousWeek(week), week]);
    report.rebuilt += result.rebuilt;
    report.corrected += result.corrected;
    if (result.corrected > 0)
      logger.warn(
        { teamId, corrected: result.corrected },
        "weekly roll-ups disagreed with the team's answers and were rebuilt from them",
      );
  };

  const reconcile = async (at: Date): Promise<ReconcileReport> => {
    const report: ReconcileReport = { ran: false, teams: 0, rebuilt: 0, corrected: 0, errors: 0 };
    if (!(await store.tryAcquireLease(LEASE_NAME, owner, LEASE_SECONDS))) return report;
    report.ran = true;
    const seen = new Set<string>();
    try {
      let continuationToken: string | undefined;
      do {
        const page = await store.listInstallations({ activeOnly: true, pageSize: PAGE_SIZE, continuationToken });
        for (const installation of page.items) {
          // Personal chats have no roll-ups; a team's installations may be listed more than once.
          if (installation.kind === 'personal') continue;
          const teamId = installation.teamId ?? installation.conversationId;
          if (seen.has(teamId)) continue;
          seen.add(teamId);
          report.teams += 1;
          try {
            await reconcileTeam(teamId, at, report);
          } catch (error) {
            report.errors += 1;
            logger.warn({ teamId, err: error }, 'could not reconcile a team’s roll-ups; the next run tries again');
            if (error instanceof StoreUnavailableError) return report; // the store is down: no point going on
          }
        }
        continuationToken = page.continuationToken;
        // Keep the lease through a long list; stop if another instance has taken it.
        if (continuationToken && !(await store.tryAcquireLease(LEASE_NAME, owner, LEASE_SECONDS))) break;
      } while (continuationToken);
    } finally {
      await store.releaseLease(LEASE_NAME, owner).catch(() => undefined);
    }
    return report;
  };

  const runs = backgroundJob<ReconcileReport>({
    name: 'roll-up reconciler',
    work: reconcile,
    now,
    logger,
    worthLogging: (report) => report.corrected + report.errors > 0,
  });
  return {
    run: (at) => runs.run(at),
    start: ({ intervalMs = RECONCILE_INTERVAL_MS } = {}) => runs.start(intervalMs),
  };
}
