// Which team a check-in belongs to. In a channel or group chat it is that conversation's team or
// chat; in a personal chat it is a team the person picks among those where they are a member and
// the app is installed. The edge knows the rosters, so it answers through the small TeamDirectory
// port and this module stays free of the Bot Framework.
import { conversationTeam } from '../turns/conversationTeam';
import type { TurnContextInfo } from '../turns/types';

export interface TeamInfo {
  teamId: string;
  name: string;
}

/** Implemented by the edge (rosters and installations); fakes in tests. */
export interface TeamDirectory {
  /** Teams where the app is installed and `userId` is a member. */
  teamsFor(userId: string, tenantId: string): Promise<TeamInfo[]>;
  /**
   * The one team or group chat `teamId` names, when the app is installed there and `userId` is a
   * member; undefined otherwise. Lets a check-in started in a group chat carry on in the personal
   * chat (teamsFor lists teams only). Without it, `teamsFor` is searched.
   */
  teamFor?(teamId: string, userId: string, tenantId: string): Promise<TeamInfo | undefined>;
}

/** What the edge knows about the turn beyond TurnContextInfo. */
export interface CheckinTurnOptions {
  /** In a channel: the team's id (the conversation id is the channel's). Pass it on every call. */
  teamId?: string;
  /** The team's or chat's name, when the edge knows it, for card titles. */
  teamName?: string;
}

/** The directory failed (the edge's roster lookup threw); the person can only try again. */
export class TeamDirectoryError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The team directory could not list the person’s teams', options);
    this.name = 'TeamDirectoryError';
  }
}

async function teamsOf(directory: TeamDirectory, context: TurnContextInfo): Promise<TeamInfo[]> {
  try {
    return await directory.teamsFor(context.userId, context.tenantId ?? '');
  } catch (error) {
    throw new TeamDirectoryError({ cause: error });
  }
}

async function requestedTeam(
  directory: TeamDirectory,
  context: TurnContextInfo,
  requested: string,
): Promise<TeamInfo | undefined> {
  if (!directory.teamFor) return (await teamsOf(directory, context)).find((team) => team.teamId === requested);
  try {
    return await directory.teamFor(requested, context.userId, context.tenantId ?? '');
  } catch (error) {
    throw new TeamDirectoryError({ cause: error });
  }
}

export type TeamResolution =
  | { kind: 'team'; team: { teamId: string; name?: string } }
  /** Personal chat with several teams: the person must choose. */
  | { kind: 'choose'; teams: TeamInfo[] }
  /** Personal chat, and no team has the app. */
  | { kind: 'none' }
  /** The team asked for is not this conversation's, nor one of the person's. */
  | { kind: 'notMember' };

/** A channel conversation id carries ";messageid=..." when the turn is a reply in a thread. */
function conversationTeamOf(context: TurnContextInfo, options: CheckinTurnOptions | undefined): string {
  return conversationTeam({ teamId: options?.teamId, conversationId: context.conversationId });
}

/**
 * The team for this turn. `requested` comes from a card (never trusted): in a channel or group chat
 * it must be this conversation's team; in a personal chat, one of the person's teams.
 * A failing directory surfaces as TeamDirectoryError, which the caller answers with a "try again" card.
 */
export async function resolveTeam(
  directory: TeamDirectory,
  context: TurnContextInfo,
  requested: string | undefined,
  options: CheckinTurnOptions | undefined,
): Promise<TeamResolution> {
  if (context.conversationKind !== 'personal') {
    const here = conversationTeamOf(context, options);
    if (requested !== undefined && requested !== here) return { kind: 'notMember' };
    return { kind: 'team', team: { teamId: here, ...(options?.teamName ? { name: options.teamName } : {}) } };
  }
  if (requested !== undefined) {
    const found = await requestedTeam(directory, context, requested);
    return found ? { kind: 'team', team: found } : { kind: 'notMember' };
  }
  const teams = await teamsOf(directory, context);
  if (teams.length === 0) return { kind: 'none' };
  if (teams.length === 1 && teams[0]) return { kind: 'team', team: teams[0] };
  return { kind: 'choose', teams };
}
