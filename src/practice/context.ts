// What the practice capability works with: its part of the store, the team directory that vouches
// for a person's team, the way to reach people's personal chats (leads to approve, authors to be told
// the outcome) and the admins. Ports, so this folder stays free of the Bot Framework.
import type { AdaptiveCard } from '../cards/render';
import type { FrameworkStore } from '../store/port';

/** The part of the store practice uses: its records, the check-in a win came from, and the team's leads. */
export type PracticeStoreDeps = Pick<FrameworkStore, 'practice' | 'getCheckIn' | 'getTeamSettings'>;

/** A team the person is a member of, where the app is installed (the check-ins' team directory answers it). */
export interface PracticeTeams {
  teamFor(teamId: string, userId: string, tenantId: string): Promise<{ teamId: string; name: string } | undefined>;
}

/** Whom a personal note goes to: a person of a team (the team's installation says how to reach them). */
export interface NoteRecipient {
  tenantId: string;
  teamId: string;
  userId: string;
}

/**
 * Sends a card to someone's personal chat, off the presser's turn (the edge implements it). False
 * when the chat could not be reached; nothing else is retried.
 */
export interface PracticeNotes {
  send(to: NoteRecipient, card: AdaptiveCard, summary: string): Promise<boolean>;
}

export interface PracticeDeps {
  store: PracticeStoreDeps;
  teams: PracticeTeams;
  notes: PracticeNotes;
  /** The person's name on the team's roster, for an author who chose to show it. */
  nameOf?: (teamId: string, userId: string) => Promise<string | undefined>;
  /** Entra object ids (lower case) of the organisation's admins (ADMIN_OBJECT_IDS): they may remove any example. */
  adminObjectIds: ReadonlySet<string>;
  now?: () => Date;
}

/** At most this many offers a person makes in a day (any status), so sharing cannot flood the leads. */
export const OFFERS_PER_DAY = 10;
/** Examples on one page of a list. */
export const PAGE_SIZE = 5;
