// Record rules both stores apply the same way, so they cannot drift apart.
import { defaultTeamSettings, emptyRollup } from '../defaults';
import { StoreValidationError } from '../errors';
import { mutated } from './shared';
import type {
  CheckInAnswers,
  CheckInKey,
  Installation,
  IsoWeek,
  Mission,
  TeamSettings,
  WeeklyRollup,
} from '../../domain';
import type { InstallationInput, Mutator, RollupBuilder } from '../port';
import { validRollup, validTeamSettings } from '../validation';

/** Just the key fields, so nothing else from a caller's object is stored under the key. */
export function keyOf(value: CheckInKey): CheckInKey {
  return { teamId: value.teamId, userId: value.userId, mission: value.mission, week: value.week };
}

/**
 * The installation after a message from its conversation, or undefined when nothing changed.
 * Upsert runs on every message; skipping unchanged writes saves a write per turn, so `updatedAt`
 * is the last time anything about the installation changed, not the last message.
 */
export function refreshedInstallation(
  current: Installation | undefined,
  fresh: InstallationInput,
  at: string,
): Installation | undefined {
  if (current?.active && sameInstallation(current, fresh)) return undefined;
  return { ...fresh, active: true, installedAt: current?.installedAt ?? at, updatedAt: at };
}

/**
 * The installation after the app was removed from its conversation, or undefined when the removal is
 * already recorded (the first removal time stands: Teams may send both an installationUpdate and a
 * conversationUpdate for one removal). Without a stored record, one is made from `fresh`.
 */
export function removedInstallation(
  current: Installation | undefined,
  fresh: InstallationInput,
  at: string,
): Installation | undefined {
  if (current && !current.active && current.removedAt !== undefined) return undefined;
  const base = current ?? { ...fresh, installedAt: at };
  return { ...base, active: false, updatedAt: at, removedAt: at };
}

/** True while the app is out of the conversation and was removed before `before` (both ISO, UTC). */
export function removedBefore(installation: Installation, before: string): boolean {
  return !installation.active && installation.removedAt !== undefined && installation.removedAt < before;
}

function sameInstallation(stored: InstallationInput, fresh: InstallationInput): boolean {
  const comparable = (value: InstallationInput) =>
    JSON.stringify([value.tenantId, value.kind, value.teamId ?? null, value.reference]);
  return comparable(stored) === comparable(fresh);
}

/** The settings change a read-modify-write applies: caller's mutator, from defaults if new, checked. */
export function settingsChange(teamId: string, mutate: Mutator<TeamSettings>) {
  return async (current: TeamSettings | undefined): Promise<TeamSettings> => {
    const next = validTeamSettings(await mutated(mutate, current ?? defaultTeamSettings(teamId)));
    if (next.teamId !== teamId) throw new StoreValidationError('A settings change must not change the team id');
    return next;
  };
}

/** The roll-up change a read-modify-write applies: caller's mutator, from empty if new, checked. */
export function rollupChange(teamId: string, mission: Mission, week: IsoWeek, mutate: Mutator<WeeklyRollup>) {
  return async (current: WeeklyRollup | undefined): Promise<WeeklyRollup> => {
    const next = validRollup(await mutated(mutate, current ?? emptyRollup(teamId, mission, week)));
    if (next.teamId !== teamId || next.mission !== mission || next.week !== week) {
      throw new StoreValidationError('A roll-up change must not change its team, mission or week');
    }
    return next;
  };
}

/** Time away is kept until a year after its last day, so a year of progress still counts it. */
export const AWAY_KEPT_DAYS_AFTER = 366;

/** Epoch ms at which a time-away record ending on `until` expires. */
export function awayExpiresAt(until: string): number {
  return Date.parse(`${until}T00:00:00Z`) + (AWAY_KEPT_DAYS_AFTER + 1) * 24 * 3600 * 1000;
}

/** Just the fields of a time-away record, so nothing else from a caller's object is stored. */
export function awayRecord(input: { teamId: string; userId: string; from: string; until: string }, at: string) {
  return {
    teamId: input.teamId,
    userId: input.userId,
    from: input.from,
    until: input.until,
    kind: 'away' as const,
    setAt: at,
  };
}

/** The roll-up `build` makes of `answers`, checked like any roll-up write, and still of its own key. */
export function builtRollup(
  key: { teamId: string; mission: Mission; week: IsoWeek },
  build: RollupBuilder,
  answers: readonly CheckInAnswers[],
): WeeklyRollup {
  const rollup = validRollup(build(answers));
  if (rollup.teamId !== key.teamId || rollup.mission !== key.mission || rollup.week !== key.week) {
    throw new StoreValidationError('A roll-up built for a check-in must be of its team, mission and week');
  }
  return rollup;
}
