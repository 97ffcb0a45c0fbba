// The lead roster: who leads the team's check-ins, and adding or removing leads from the team's
// members. Leads and admins only. A team always keeps one lead, so its progress never becomes
// visible to nobody (or claimable by whoever asks next).
import { renderCard } from '../cards/render';
import type { FrameworkStore, TeamSettings } from '../store/port';
import type { CardMessageReply } from '../turns/types';
import { leadsPayload, removeLeadPayload, viewPayload } from './actionPayloads';
import type { TeamMember, TeamMembers } from './access';
import { button, reply, type Delivery } from './reportCard';

function rosterCard(settings: TeamSettings, members: readonly TeamMember[], notice: string | undefined, delivery: Delivery): CardMessageReply {
  const names = new Map(members.map((member) => [member.userId, member.name]));
  const teamId = settings.teamId;
  const canRemove = settings.leads.length > 1;
  const candidates = members.filter((member) => !settings.leads.includes(member.userId)).sort((a, b) => a.name.localeCompare(b.name));
  const title = 'Team leads';
  const card = renderCard('progressRoster', {
    title,
    intro: 'Leads see the team’s progress cards. Everyone else in the team sees the team summary and their own answers.',
    hasNotice: notice !== undefined,
    notice: notice ?? '',
    leads: settings.leads.map((userId) => ({
      // A lead who has left the team has no roster name; say so rather than show an internal id.
      name: names.get(userId) ?? 'Someone no longer in the team',
      canRemove,
      remove: button('Remove', removeLeadPayload(teamId, userId)),
    })),
    hasCandidates: candidates.length > 0,
    candidates,
    noCandidates: 'Everyone in the team is already a lead.',
    buttons: [...(candidates.length > 0 ? [button('Add as lead', leadsPayload('add', teamId), { primary: true, withInputs: true })] : []), button('Team overview', viewPayload('overview', teamId))],
  });
  return reply(card, `${title}: ${settings.leads.length}`, delivery);
}

export async function openRoster(members: TeamMembers, settings: TeamSettings, delivery: Delivery, notice?: string): Promise<CardMessageReply> {
  return rosterCard(settings, await members.listMembers(settings.teamId), notice, delivery);
}

export async function addLead(store: FrameworkStore, members: TeamMembers, settings: TeamSettings, userId: string | undefined): Promise<CardMessageReply> {
  const roster = await members.listMembers(settings.teamId);
  const member = roster.find((each) => each.userId === userId);
  // Only people in the team can lead it; a stale card may offer someone who has since left.
  if (!userId || !member) return rosterCard(settings, roster, 'Choose someone who is in the team.', 'update');
  const updated = await store.updateTeamSettings(settings.teamId, (current) => (current.leads.includes(userId) ? current : { ...current, leads: [...current.leads, userId] }));
  return rosterCard(updated.value, roster, `${member.name} is now a lead.`, 'update');
}

export async function removeLead(store: FrameworkStore, members: TeamMembers, settings: TeamSettings, userId: string | undefined): Promise<CardMessageReply> {
  const roster = await members.listMembers(settings.teamId);
  let kept = true;
  const updated = await store.updateTeamSettings(settings.teamId, (current) => {
    if (!userId || !current.leads.includes(userId)) return current;
    // Checked inside the mutator: two leads removing each other at once must not leave none.
    kept = current.leads.length > 1;
    return kept ? { ...current, leads: current.leads.filter((lead) => lead !== userId) } : current;
  });
  const name = roster.find((member) => member.userId === userId)?.name ?? 'That person';
  const notice = kept ? `${name} is no longer a lead.` : 'A team needs at least one lead: add another lead first.';
  return rosterCard(updated.value, roster, notice, 'update');
}
