// Which teams a person is in, and who is in a team, as Teams' roster says, at a bounded cost.
// Check-ins from a personal chat need the person's teams; progress from a personal chat needs to
// know whether the person is in the team a card names. Asking Teams about every team with the app
// would cost one call per team in the tenant; instead the store keeps a person → teams index,
// learned from channel traffic (every message in a team's channel says its sender is in it) and
// from roster reads, and only those teams are checked with Teams (a person is in a handful).
// Answers are cached for a while (bounded LRU caches), calls run a few at a time, and a lookup
// stops at an overall deadline: a slow Teams API makes a short list, not a stuck turn.
import { TeamsInfo, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../boundedCache';
import type { TeamDirectory, TeamInfo } from '../checkins';
import type { TeamMember, TeamMembers } from '../progress';
import type { Installation } from '../domain';
import type { FrameworkStore } from '../store/port';
import { cleanText } from '../cards/plainText';

/** Rosters change slowly and check-in buttons are pressed often: remember answers for a while. */
const CACHE_MS = 10 * 60 * 1000;
/** People whose teams are cached at once; the least recently asked go first. */
const PEOPLE_CACHED = 10_000;
/** Team rosters cached at once (up to 10,000 members each). */
const ROSTERS_CACHED = 200;
const ROSTER_CACHE_MS = 5 * 60 * 1000;
/** How long "this person is in this team" (seen in its channel) goes unwritten again. */
const NOTED_MS = 60 * 60 * 1000;
/** Known teams checked with Teams per lookup, most recently seen first. */
const MAX_TEAMS_CHECKED = 10;
/** Teams API calls in flight at once for one lookup. */
const CONCURRENCY = 4;
/** A lookup gives what it has after this long. */
const DEADLINE_MS = 8000;
/** Pages of a team roster fetched at most, 500 members each. */
const MAX_ROSTER_PAGES = 20;

type DirectoryStore = Pick<FrameworkStore, 'getInstallation' | 'noteTeamMembers' | 'knownTeamsOf' | 'forgetTeamMember'>;

export class RosterTeamDirectory implements TeamDirectory, TeamMembers {
  private readonly teamsOfPerson: LRUCache<string, TeamInfo[]>;
  private readonly rosters: LRUCache<string, Promise<TeamMember[]>>;
  private readonly teamNames: LRUCache<string, string>;
  private readonly noted: LRUCache<string, true>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly store: DirectoryStore,
    now: () => number = Date.now,
    /** Told of a failure in the background (noting members): logged, never thrown. */
    private readonly onBackgroundError: (error: unknown) => void = () => undefined,
  ) {
    this.teamsOfPerson = boundedCache({ max: PEOPLE_CACHED, ttlMs: CACHE_MS, now });
    this.rosters = boundedCache({ max: ROSTERS_CACHED, ttlMs: ROSTER_CACHE_MS, now });
    this.teamNames = boundedCache({ max: PEOPLE_CACHED, ttlMs: CACHE_MS, now });
    this.noted = boundedCache({ max: 50_000, ttlMs: NOTED_MS, now });
  }

  /**
   * A person was seen in a team's channel (or added the app there): they are in it. Written to the
   * index at most once an hour per person and team; never throws, never holds up the turn.
   */
  seenInTeam(teamId: string, tenantId: string, userId: string, teamName?: string): void {
    if (teamName) this.teamNames.set(teamId, teamName);
    // A cached list of the person's teams that lacks this one is out of date: it is looked up afresh.
    const personKey = `${tenantId}|${userId}`;
    if (this.teamsOfPerson.get(personKey)?.some((team) => team.teamId === teamId) === false)
      this.teamsOfPerson.delete(personKey);
    const key = `${teamId}|${userId}`;
    if (this.noted.has(key)) return;
    this.noted.set(key, true);
    this.store.noteTeamMembers(teamId, tenantId, [userId]).catch((error: unknown) => {
      this.noted.delete(key);
      this.onBackgroundError(error);
    });
  }

  /** Reads the team's roster in the background (the app was just added): the index learns everyone in it. */
  learnRoster(teamId: string): void {
    // Not kept in the roster cache: this read is for the index, and a lead's roster card reads afresh.
    this.readRoster(teamId).catch(this.onBackgroundError);
  }

  async teamsFor(userId: string, tenantId: string): Promise<TeamInfo[]> {
    const key = `${tenantId}|${userId}`;
    const cached = this.teamsOfPerson.get(key);
    if (cached) return cached;
    const known = (await this.store.knownTeamsOf(userId))
      .filter((team) => team.tenantId === tenantId)
      .slice(0, MAX_TEAMS_CHECKED);
    const found = await withinDeadline(known, async (team) => {
      const installation = await this.store.getInstallation(team.teamId);
      if (!installation?.active || installation.kind !== 'channel' || installation.tenantId !== tenantId) return;
      return this.membership(installation, userId);
    });
    // In the order last seen, whatever order Teams answered in.
    const teams = known.flatMap((team) => found.filter((info) => info.teamId === team.teamId));
    this.teamsOfPerson.set(key, teams);
    return teams;
  }

  /**
   * Whether `userId` is in this one team or group chat (a card or a channel names it), and its name:
   * one question to Teams at most, remembered like teamsFor's answers.
   */
  async teamFor(teamId: string, userId: string, tenantId: string): Promise<TeamInfo | undefined> {
    // The person's teams already looked up (teamsFor) answer without asking Teams again.
    const known = this.teamsOfPerson.get(`${tenantId}|${userId}`);
    if (known) return known.find((team) => team.teamId === teamId);
    const key = `one|${tenantId}|${userId}|${teamId}`;
    const cached = this.teamsOfPerson.get(key);
    if (cached) return cached[0];
    const installation = await this.store.getInstallation(teamId);
    const usable = installation?.active && installation.tenantId === tenantId && installation.kind !== 'personal';
    const found = usable ? await this.membership(installation, userId) : undefined;
    const team = found && installation?.kind === 'groupChat' ? { teamId, name: 'your group chat' } : found;
    this.teamsOfPerson.set(key, team ? [team] : []);
    return team;
  }

  /**
   * Whether `userId` is in the team: from a roster read lately if there is one, else one question to
   * Teams (getTeamMember), whatever the person named. Never a full roster read for someone who may
   * not be in the team.
   */
  async isMember(teamId: string, userId: string): Promise<boolean> {
    const roster = this.rosters.get(teamId);
    if (roster) return (await roster).some((member) => member.userId === userId);
    const installation = await this.store.getInstallation(teamId);
    if (!installation?.active) return false;
    return (await this.membership(installation, userId, { withName: false })) !== undefined;
  }

  /** The roster of a team or group chat where the app is installed; empty where it is not. Cached a few minutes. */
  async listMembers(teamId: string): Promise<TeamMember[]> {
    let roster = this.rosters.get(teamId);
    if (!roster) {
      const read = this.readRoster(teamId);
      roster = read;
      this.rosters.set(teamId, read);
      // A failed read is not remembered: the next question asks Teams again.
      read.catch(() => {
        if (this.rosters.peek(teamId) === read) this.rosters.delete(teamId);
      });
    }
    return roster;
  }

  private async readRoster(teamId: string): Promise<TeamMember[]> {
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
    // Everyone on the roster is in the team: the index learns it, off the turn.
    if (installation.kind === 'channel' && members.length > 0)
      this.store
        .noteTeamMembers(
          teamId,
          installation.tenantId,
          members.map((member) => member.userId),
        )
        .catch(this.onBackgroundError);
    return members;
  }

  /** The team's name when the person is on its roster; undefined when Teams says they are not (404). */
  private async membership(
    installation: Installation,
    userId: string,
    { withName }: { withName: boolean } = { withName: true },
  ): Promise<TeamInfo | undefined> {
    const teamId = installation.teamId ?? installation.conversationId;
    let team: TeamInfo | undefined;
    await this.adapter.continueConversationAsync(
      this.botAppId,
      toConversationReference(installation),
      async (context) => {
        try {
          if (installation.kind === 'channel') await TeamsInfo.getTeamMember(context, teamId, userId);
          else await TeamsInfo.getMember(context, userId);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
          // Not (or no longer) in the team: out of the person's index too.
          await this.store.forgetTeamMember(teamId, userId).catch(this.onBackgroundError);
          return;
        }
        let name = this.teamNames.get(teamId);
        if (!name && withName && installation.kind === 'channel') {
          name = cleanText((await TeamsInfo.getTeamDetails(context, teamId)).name ?? '') || 'Your team';
          this.teamNames.set(teamId, name);
        }
        team = { teamId, name: name ?? 'Your team' };
      },
    );
    return team;
  }
}

/**
 * Runs `check` over `items`, CONCURRENCY at a time, and gives the answers that came in before the
 * deadline. A check that fails counts as no answer; if every one failed, the first failure is thrown
 * (Teams is down: the person is told to try again rather than shown no teams).
 */
async function withinDeadline<I, R>(items: readonly I[], check: (item: I) => Promise<R | undefined>): Promise<R[]> {
  const found: R[] = [];
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as I;
      try {
        const result = await check(item);
        if (result !== undefined) found.push(result);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DEADLINE_MS);
    timer.unref();
  });
  await Promise.race([Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker)), deadline]);
  clearTimeout(timer);
  // Nothing more starts once the deadline has passed.
  next = items.length;
  if (found.length === 0 && failures.length > 0 && failures.length === items.length) throw failures[0];
  return [...found];
}

/** The stored plain reference, in the SDK's shape (which wants names the store does not keep). */
export function toConversationReference(
  installation: Pick<Installation, 'reference' | 'kind'>,
): Partial<ConversationReference> {
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
