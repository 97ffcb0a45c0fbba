// What every part of the capability works with: the store, the team directory and the clock,
// and the team settings that decide the week (time zone) and the missions on offer.
import { defaultTeamSettings } from '../store/defaults';
import type { IsoWeek, TeamSettings } from '../domain';
import type { FrameworkStore } from '../store/port';
import type { TurnContextInfo } from '../turns/types';
import type { TeamDirectory } from './teamDirectory';

/** The part of the store check-ins use. */
export type CheckinsStore = Pick<
  FrameworkStore,
  | 'getTeamSettings'
  | 'updateTeamSettings'
  | 'getCheckIn'
  | 'getDraft'
  | 'saveDraft'
  | 'submitCheckInWithRollup'
  | 'listTeamCheckIns'
  | 'listPersonRecords'
  | 'applyToRollup'
  | 'saveAway'
  | 'deleteAway'
>;

export interface CheckinDeps {
  store: CheckinsStore;
  teams: TeamDirectory;
  now: () => Date;
  /**
   * Told after someone's check-in for `teamId` and `week` is saved (the app updates the count on the
   * team's prompt card). Must return at once; whatever it throws is ignored.
   */
  onCheckedIn?: (teamId: string, week: IsoWeek) => void;
  /**
   * Whether the person may save the team's settings (its leads and admins; progress knows the roles).
   * Without it anyone in the team may, as in tests of the check-ins alone.
   */
  mayChangeSettings?: (context: TurnContextInfo, teamId: string) => Promise<boolean>;
}

/** Tells onCheckedIn, if there is one; nothing it does may fail or hold up the check-in. */
export function announceCheckIn(deps: CheckinDeps, teamId: string, week: IsoWeek): void {
  try {
    deps.onCheckedIn?.(teamId, week);
  } catch {
    // The check-in is saved; a count on a card is not worth failing it for.
  }
}

/** A team's settings, or the defaults the store would start it with (Europe/London, all missions). */
export async function settingsFor(
  store: Pick<FrameworkStore, 'getTeamSettings'>,
  teamId: string,
): Promise<TeamSettings> {
  return (await store.getTeamSettings(teamId))?.value ?? defaultTeamSettings(teamId);
}
