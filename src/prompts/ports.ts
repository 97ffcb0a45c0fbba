// The ports the prompt scheduler talks through. Plain TypeScript, so the scheduler never imports
// botbuilder: the Teams edge (src/teams/proactiveSender.ts) implements them, tests fake them.
import type { AdaptiveCard } from '../cards/render';
import type { Logger } from '../logging';
import type { Installation, IsoWeek } from '../domain';
import type { FrameworkStore } from '../store/port';

/** The part of the store the prompt passes and prompt-card updates use. */
export type PromptsStore = Pick<
  FrameworkStore,
  | 'listInstallations'
  | 'getInstallation'
  | 'markInstallationInactive'
  | 'markInstallationRemoved'
  | 'getTeamSettings'
  | 'updateTeamSettings'
  | 'listTeamCheckIns'
  | 'listTeamAway'
  | 'tryAcquireLease'
  | 'releaseLease'
>;

/**
 * What became of one proactive message (a new one, or an update of one sent before).
 * - ok: Teams accepted it. For a new message, `activityId` is the id the Connector gave it
 *   (ResourceResponse.id), which an update later names; absent if the Connector gave none.
 * - gone: 403 (bot removed or blocked) or 404 (conversation not found). Retrying cannot help, so
 *   the installation is marked inactive and never prompted again until Teams re-installs it.
 *   `removed`: Teams said the bot is not in the conversation's roster (BotNotInConversationRoster),
 *   so the app was removed, perhaps while this bot was down and missed the removal activity.
 * - throttled: 429; wait at least `retryAfterMs` (Retry-After) before trying again.
 * - failed: 5xx, a network error or anything else. `retryable` is false for answers that will not
 *   change on a retry within the pass (e.g. 400), which are left to the next pass instead.
 */
export type SendResult =
  | { status: 'ok'; activityId?: string }
  | { status: 'gone'; statusCode: 403 | 404; removed?: true }
  | { status: 'throttled'; retryAfterMs?: number }
  | { status: 'failed'; statusCode?: number; retryable: boolean; retryAfterMs?: number };

export interface ProactiveSender {
  /** Sends `card` as a new message in the installation's conversation. Expected failures are results, not throws. */
  send(installation: Installation, card: AdaptiveCard, summary: string): Promise<SendResult>;
  /**
   * Replaces the message `activityId` (one `send` made) in the installation's conversation with `card`.
   * Failures are results, as for send; 403 and 404 mean only that this message cannot be updated.
   */
  update(installation: Installation, activityId: string, card: AdaptiveCard, summary: string): Promise<SendResult>;
}

/** Whether someone is on a team's roster; the edge asks Teams, tests use a fake. */
export interface TeamMembership {
  isMember(teamId: string, userId: string): Promise<boolean>;
}

/**
 * Builds the card posted to a team after one of its check-in weeks has closed: the team summary for
 * that week (the progress capability's weeklySummary; app.ts wires it in). Throws when it cannot read
 * what it needs, and the delivery is tried again later.
 */
export type WeeklySummaryBuilder = (teamId: string, week: IsoWeek) => Promise<{ card: AdaptiveCard; summary: string }>;

/** What the weekly prompt says about the team's maturity self-assessment, from the maturity capability. */
export interface MaturityNote {
  /** The open round's label ("October to December 2026"), when one is open. */
  openRound?: string;
  /** How many of the team's open actions are past their due date. */
  overdueActions: number;
}

/** Reads the team's maturity note for its prompt card (app.ts wires the maturity capability in). */
export type MaturityNoteBuilder = (teamId: string, timeZone: string) => Promise<MaturityNote>;

export type PromptLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * The team's open self-assessment round, for the weekly reminder to people who have not assessed:
 * who has submitted an assessment, and the reminder card (from the maturity capability). Undefined
 * when no round is open (closed early by a lead).
 */
export interface MaturityRoundReminder {
  assessed: ReadonlySet<string>;
  card: AdaptiveCard;
  summary: string;
}

/** Reads the team's open round for its reminders (app.ts wires the maturity capability in). */
export type MaturityReminderBuilder = (teamId: string, timeZone: string) => Promise<MaturityRoundReminder | undefined>;
