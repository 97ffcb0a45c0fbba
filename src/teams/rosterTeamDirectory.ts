// Which teams a person can check in for from a personal chat: teams where the app is installed
// (from the store) and the person is on the roster (asked of Teams through the Bot Connector).
import { TeamsInfo, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { TeamDirectory, TeamInfo } from '../checkins';
import type { TeamMember, TeamMembers } from '../progress';
import type { Installation } from '../domain';
import type { FrameworkStore } from '../store/port';
import { cleanText } from '../cards/plainText';

/** Rosters change slowly and check-in buttons are pressed often: remember answers for a while. */
const CACHE_MS = 10 * 60 * 1000;
/** Enough installations for any council's tenant; beyond this the list is cut rather than slow. */
const MAX_INSTALLATIONS_SCANNED = 2000;

/** Pages of a team roster fetched at most, 500 members each. */
const MAX_ROSTER_PAGES = 20;

export class RosterTeamDirectory implements TeamDirectory, TeamMembers {
  private readonly cache = new Map<string, { at: number; teams: TeamInfo[] }>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly store: Pick<FrameworkStore, 'getInstallation' | 'listInstallations'>,
    private readonly now: () => number = Date.now,
  ) {}

  async teamsFor(userId: string, tenantId: string): Promise<TeamInfo[]> {
    const key = `${tenantId}|${userId}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < CACHE_MS) return cached.teams;
    const teams: TeamInfo[] = [];
    for (const installation of await this.teamInstallations(tenantId)) {
      const team = await this.membership(installation, userId);
      if (team) teams.push(team);
    }
    this.cache.set(key, { at: this.now(), teams });
    return teams;
  }

  /** The roster of a team or group chat where the app is installed; empty where it is not. */
  async listMembers(teamId: string): Promise<TeamMember[]> {
    const installation = await this.store.getInstallation(teamId);
    if (!installation?.active) return [];
    const members: TeamMember[] = [];
    await this.adapter.continueConversationAsync(
      this.botAppId,
      toConversationReference(installation),
      async (context) => {
        let continuationToken: string | undefined;
        let pages = 0;
        do {
          const page = await (installation.kind === 'channel'
            ? TeamsInfo.getPagedTeamMembers(context, teamId, 500, continuationToken)
            : TeamsInfo.getPagedMembers(context, 500, continuationToken));
          members.push(
            ...page.members.map((member) => ({
              userId: member.id,
              // A display name is whatever the person set: kept as text only (cards/plainText).
              name: cleanText(member.name ?? '') || 'Unnamed member',
            })),
          );
          continuationToken = page.continuationToken;
          pages += 1;
        } while (continuationToken && pages < MAX_ROSTER_PAGES);
      },
    );
    return members;
  }

  private async teamInstallations(tenantId: string): Promise<Installation[]> {
    const found: Installation[] = [];
    let continuationToken: string | undefined;
    let scanned = 0;
    do {
      const page = await this.store.listInstallations({ activeOnly: true, pageSize: 500, continuationToken });
      scanned += page.items.length;
      found.push(...page.items.filter((item) => item.kind === 'channel' && item.tenantId === tenantId && item.teamId));
      continuationToken = page.continuationToken;
    } while (continuationToken && scanned < MAX_INSTALLATIONS_SCANNED);
    return found;
  }

  /** The team's name when the person is on its roster; undefined when Teams says they are not (404). */
  private async membership(installation: Installation, userId: string): Promise<TeamInfo | undefined> {
    const teamId = installation.teamId ?? installation.conversationId;
    let team: TeamInfo | undefined;
    await this.adapter.continueConversationAsync(
      this.botAppId,
      toConversationReference(installation),
      async (context) => {
        try {
          await TeamsInfo.getTeamMember(context, teamId, userId);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 404) return;
          throw error;
        }
        const details = await TeamsInfo.getTeamDetails(context, teamId);
        team = { teamId, name: cleanText(details.name ?? '') || 'Your team' };
      },
    );
    return team;
  }
}

/** The stored plain reference, in the SDK's shape (which wants names the store does not keep). */
export function toConversationReference(installation: Installation): Partial<ConversationReference> {
  const { reference } = installation;
  return {
    serviceUrl: reference.serviceUrl,
    channelId: reference.channelId,
    conversation: {
      ...reference.conversation,
      conversationType: reference.conversation.conversationType ?? installation.kind,
      isGroup: installation.kind !== 'personal',
      name: '',
    },
    bot: { id: reference.bot.id, name: '' },
    user: { id: reference.user.id, name: '' },
  };
}
