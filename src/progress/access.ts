// Who may see what. Leads (the team's settings) and org-wide admins (Entra object ids from
// configuration) see the lead views; members see the team summary and their own answers (the
// check-ins capability's "my check-ins"); nobody sees another named person's answers anywhere.
import type { TeamSettings } from '../domain';
import type { ProgressStore } from './teamWindow';
import { withClientTimeZone } from '../calendar/timeZoneDefault';
import type { TurnContextInfo } from '../turns/types';

/** A team member as the edge knows them from the roster. */
export interface TeamMember {
  userId: string;
  name: string;
}

/** Implemented by the edge (the Teams roster); fakes in tests. */
export interface TeamMembers {
  listMembers(teamId: string): Promise<TeamMember[]>;
  /**
   * Whether one person is in the team, without reading the whole roster where the edge can ask
   * about one person (a card can name any team: checking it must not cost a full roster read).
   */
  isMember?(teamId: string, userId: string): Promise<boolean>;
}

export type Role = 'lead' | 'admin' | 'member' | 'outsider';

export interface AccessRules {
  adminObjectIds: ReadonlySet<string>;
  members?: TeamMembers;
}

export async function roleOf(rules: AccessRules, context: TurnContextInfo, settings: TeamSettings): Promise<Role> {
  if (settings.leads.includes(context.userId)) return 'lead';
  if (context.userAadObjectId && rules.adminObjectIds.has(context.userAadObjectId.toLowerCase())) return 'admin';
  // Fail closed: only the roster says the person is in the team. Being in the team's conversation is
  // not enough: a shared channel holds people from outside the team (and the tenant) too.
  if (rules.members) {
    const { members } = rules;
    const member = members.isMember
      ? await members.isMember(settings.teamId, context.userId)
      : (await members.listMembers(settings.teamId)).some((each) => each.userId === context.userId);
    if (member) return 'member';
  }
  return 'outsider';
}

export function seesLeadViews(role: Role): boolean {
  return role === 'lead' || role === 'admin';
}

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
