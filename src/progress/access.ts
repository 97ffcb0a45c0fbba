// A team's first lead, and the admins as configured. Who may see what (roleOf) is decided in
// src/membership/roles.ts, below every capability that asks.
import type { TeamSettings } from '../domain';
import type { ProgressStore } from './teamWindow';
import { withClientTimeZone } from '../calendar/timeZoneDefault';

/**
 * Makes `userId` the lead of a team being set up for the first time (no settings stored yet):
 * whoever first adds the bot to a team leads it until they hand over. Never anyone else: a team
 * whose settings exist already keeps its leads, and one left with none (from before the last lead
 * had to hand over) gets its lead from an admin (ADMIN_OBJECT_IDS), not from whoever adds the app
 * next. Safe to call on every set-up step; it never adds a second lead. The person's client time
 * zone becomes the team's while nobody has set one (calendar/timeZoneDefault.ts).
 */
export async function ensureFirstLead(
  store: ProgressStore,
  teamId: string,
  userId: string,
  timeZone?: string,
): Promise<TeamSettings> {
  const existed = (await store.getTeamSettings(teamId)) !== undefined;
  const result = await store.updateTeamSettings(teamId, (current) => {
    const zoned = withClientTimeZone(current, timeZone);
    // Two first installs at once: the mutator re-runs on a conflict, and the one written first wins.
    return existed || zoned.leads.length > 0 ? zoned : { ...zoned, leads: [userId] };
  });
  return result.value;
}

/** Admin ids as configured ("id1, id2"), compared without case as Entra ids are GUIDs. */
export function parseAdminObjectIds(value: string | readonly string[] | undefined): Set<string> {
  const list = typeof value === 'string' ? value.split(/[\s,;]+/) : (value ?? []);
  return new Set(list.map((id) => id.trim().toLowerCase()).filter((id) => id.length > 0));
}
