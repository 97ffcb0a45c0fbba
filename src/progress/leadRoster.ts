// The lead roster: who leads the team's check-ins, and adding or removing leads from the team's
// members. Leads and admins only. A team always keeps one lead, so its progress never becomes
// visible to nobody (or claimable by whoever asks next).
import { renderCard } from '../cards/render';
import type { TeamSettings } from '../domain';
import type { ProgressStore } from './teamWindow';
import type { CardMessageReply, CardPlacement } from '../turns/types';
import { leadsPayload, removeLeadPayload, viewPayload, weeklySummaryPayload } from '../cards/progressPayloads';
import type { TeamMember, TeamMembers } from '../membership/roles';
import { button, reply } from './reportCard';
import { cleanText } from '../cards/plainText';

/** What the last press did: 'done' for a change made, 'problem' for one refused (coloured apart on the card). */
interface RosterNotice {
  text: string;
  tone: 'done' | 'problem';
}

export const doneNotice = (text: string): RosterNotice => ({ text, tone: 'done' });
export const problemNotice = (text: string): RosterNotice => ({ text, tone: 'problem' });

function rosterCard(
  settings: TeamSettings,
  members: readonly TeamMember[],
  notice: RosterNotice | undefined,
  delivery: CardPlacement,
): CardMessageReply {
  const names = new Map(members.map((member) => [member.userId, member.name]));
  const teamId = settings.teamId;
  const canRemove = settings.leads.length > 1;
  const candidates = members
    .filter((member) => !settings.leads.includes(member.userId))
    .sort((a, b) => a.name.localeCompare(b.name));
  const title = 'Team leads';
  const card = renderCard('progressRoster', {
    title,
    intro:
      'Leads see the team’s progress cards. Everyone else in the team sees the team summary and their own answers.',
    hasNotice: notice !== undefined,
    notice: notice?.text ?? '',
    noticeStyle: notice?.tone === 'problem' ? 'attention' : 'good',
    leads: settings.leads.map((userId) => ({
      // A lead who has left the team has no roster name; say so rather than show an internal id.
      name: cleanText(names.get(userId) ?? 'Someone no longer in the team'),
      canRemove,
      remove: button('Remove', removeLeadPayload(teamId, userId)),
    })),
    hasCandidates: candidates.length > 0,
    candidates,
    noCandidates: 'Everyone in the team is already a lead.',
    weeklySummary: weeklySummarySwitch(settings),
    buttons: [
      ...(candidates.length > 0
        ? [button('Add as lead', leadsPayload('add', teamId), { primary: true, withInputs: true })]
        : []),
      button('Team overview', viewPayload('overview', teamId)),
    ],
  });
  return { ...reply(card, `${title}: ${settings.leads.length}`, delivery, 'leads'), about: 'the team’s lead roster' };
}

/** The weekly summary post, said as it stands, with the button that sets the other state. */
function weeklySummarySwitch(settings: TeamSettings) {
  const on = settings.postWeeklySummary === true;
  const what =
    'the team summary for that week (how many checked in, and progress by mission, with no figure where too few people answered)';
  return {
    heading: `Weekly summary post: ${on ? 'on' : 'off'}`,
    text: on
      ? `After each check-in week closes, ${what} is posted where the weekly prompt goes, for everyone in the team to see.${settings.paused ? ' Not while check-in prompts are paused.' : ''}`
      : `Leads can have ${what} posted where the weekly prompt goes after each check-in week closes, for everyone in the team to see.`,
    button: button(
      on ? 'Stop the weekly summary' : 'Post the weekly summary',
      weeklySummaryPayload(settings.teamId, !on),
    ),
  };
}

export async function openRoster(
  members: TeamMembers,
  settings: TeamSettings,
  delivery: CardPlacement,
  notice?: RosterNotice,
): Promise<CardMessageReply> {
  return rosterCard(settings, await members.listMembers(settings.teamId), notice, delivery);
}

export async function addLead(
  store: ProgressStore,
  members: TeamMembers,
  settings: TeamSettings,
  userId: string | undefined,
): Promise<CardMessageReply> {
  const roster = await members.listMembers(settings.teamId);
  const member = roster.find((each) => each.userId === userId);
  // Only people in the team can lead it; a stale card may offer someone who has since left.
  if (!userId || !member)
    return rosterCard(settings, roster, problemNotice('Choose someone who is in the team.'), 'update');
  const updated = await store.updateTeamSettings(settings.teamId, (current) =>
    current.leads.includes(userId) ? current : { ...current, leads: [...current.leads, userId] },
  );
  return rosterCard(updated.value, roster, doneNotice(`${cleanText(member.name)} is now a lead.`), 'update');
}

export async function removeLead(
  store: ProgressStore,
  members: TeamMembers,
  settings: TeamSettings,
  userId: string | undefined,
): Promise<CardMessageReply> {
  const roster = await members.listMembers(settings.teamId);
  let kept = true;
  const updated = await store.updateTeamSettings(settings.teamId, (current) => {
    if (!userId || !current.leads.includes(userId)) return current;
    // Checked inside the mutator: two leads removing each other at once must not leave none.
    kept = current.leads.length > 1;
    return kept ? { ...current, leads: current.leads.filter((lead) => lead !== userId) } : current;
  });
  const name = cleanText(roster.find((member) => member.userId === userId)?.name ?? 'That person');
  const notice = kept
    ? doneNotice(`${name} is no longer a lead.`)
    : problemNotice('A team needs at least one lead: add another lead first.');
  return rosterCard(updated.value, roster, notice, 'update');
}

/** Switches the weekly summary post on or off (leads and admins only: the caller checks). */
export async function setWeeklySummary(
  store: ProgressStore,
  members: TeamMembers,
  settings: TeamSettings,
  on: boolean,
): Promise<CardMessageReply> {
  const roster = await members.listMembers(settings.teamId);
  const updated = await store.updateTeamSettings(settings.teamId, (current) =>
    current.postWeeklySummary === on ? current : { ...current, postWeeklySummary: on },
  );
  const notice = doneNotice(
    on
      ? 'The weekly summary will be posted where the weekly prompt goes, after each check-in week closes.'
      : 'The weekly summary will no longer be posted.',
  );
  return rosterCard(updated.value, roster, notice, 'update');
}
