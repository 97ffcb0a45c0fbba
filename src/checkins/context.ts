// What every part of the capability works with: the store, the team directory and the clock,
// and the team settings that decide the week (time zone) and the missions on offer.
import { defaultTeamSettings } from '../store/defaults';
import type { FrameworkStore, TeamSettings } from '../store/port';
import type { TeamDirectory } from './teamDirectory';

export interface CheckinDeps {
  store: FrameworkStore;
  teams: TeamDirectory;
  now: () => Date;
}

/** A team's settings, or the defaults the store would start it with (Europe/London, all missions). */
export async function settingsFor(store: FrameworkStore, teamId: string): Promise<TeamSettings> {
  return (await store.getTeamSettings(teamId))?.value ?? defaultTeamSettings(teamId);
}
