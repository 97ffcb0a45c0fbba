// Who a person is to a team, decided in one place below the capabilities: its lead (the team's
// settings name them), an org-wide admin (Entra object ids from configuration), a member (Teams'
// roster says so) or an outsider. Leads and admins see the lead views; members see the team summary
// and their own answers; nobody sees another named person's answers anywhere. Progress, maturity and
// the quarterly report all ask here, so the rule cannot drift between them.
import type { TeamSettings } from '../domain';
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

/** Whether the person is one of the organisation-wide admins (ids lower-cased: Entra object ids are GUIDs). */
export function isAdmin(adminObjectIds: ReadonlySet<string>, context: TurnContextInfo): boolean {
  return context.userAadObjectId ? adminObjectIds.has(context.userAadObjectId.toLowerCase()) : false;
}

export async function roleOf(rules: AccessRules, context: TurnContextInfo, settings: TeamSettings): Promise<Role> {
  if (settings.leads.includes(context.userId)) return 'lead';
  if (isAdmin(rules.adminObjectIds, context)) return 'admin';
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
