// Maturity self-assessment records: a person's assessment of their team for one quarter round,
// its draft, and each team's one maturity record (round figures, targets, action plan).
import type { JsonObject } from './index';

/** A round is a team's assessment for one calendar quarter, such as '2026-Q4'. Sorts correctly as a string. */
export type RoundId = string;

export type MaturityLevel = 1 | 2 | 3 | 4 | 5;

/** Counts of levels 1 to 5, at indexes 0 to 4. */
export type LevelHistogram = [number, number, number, number, number];

export interface AssessmentKey {
  teamId: string;
  userId: string;
  round: RoundId;
}

/** One theme's answer: a level, or null when the person skipped it; an optional short note (plain text). */
export interface ThemeRating {
  level: MaturityLevel | null;
  note?: string;
}

/** A person's submitted assessment for one team and round; submitting again replaces it. */
export interface AssessmentRecord extends AssessmentKey {
  kind: 'assessment';
  /** Keyed by theme id ('enabler:data', 'principle:ethical', ...). */
  ratings: Record<string, ThemeRating>;
  submittedAt: string;
}

export interface AssessmentSubmission extends AssessmentKey {
  ratings: Record<string, ThemeRating>;
}

/** An unfinished assessment, overwritten on every save; expires after DEFAULT_DRAFT_TTL_SECONDS. */
export interface AssessmentDraft extends AssessmentKey {
  kind: 'assessmentDraft';
  draft: JsonObject;
  updatedAt: string;
}

export interface AssessmentDraftInput extends AssessmentKey {
  draft: JsonObject;
}

/** A round's figures, rebuilt from its assessments after every change (never added to blindly). */
export interface RoundRollup {
  round: RoundId;
  /** How many people submitted an assessment this round. */
  responses: number;
  /** Per theme, the count of each level given (skips are not counted). */
  levels: Record<string, LevelHistogram>;
}

export interface ActionItem {
  /** Made by the card that adds it, so a double press or retry adds it once. */
  id: string;
  title: string;
  /** The theme (enabler or principle id) the action serves. */
  theme: string;
  /** Optionally, the outcome it serves. */
  outcome?: string;
  /**
   * A user id from the team's roster. Absent once the owner deleted their data ("delete my data"):
   * the action belongs to the team's plan, so it stays there without an owner until a lead acts.
   */
  ownerUserId?: string;
  /** The owner's name as the roster gave it when the action was saved; absent with ownerUserId. */
  ownerName?: string;
  /** 'YYYY-MM-DD'. */
  due: string;
  status: 'open' | 'done';
  createdAt: string;
}

/**
 * Everything about a team's maturity that is not one person's: its round roll-ups, the rounds a
 * lead opened early or closed, the targets and the action plan. One record per team, so the
 * maturity card costs one read whatever the number of rounds.
 */
export interface TeamMaturity {
  teamId: string;
  rollups: Record<RoundId, RoundRollup>;
  /** Rounds a lead closed before their quarter ended; no more changes to them. */
  closedRounds: RoundId[];
  /** A round a lead opened before its quarter began (the quarter after the current one). */
  openedEarly?: RoundId;
  /** Target level per theme, set by leads. */
  targets: Record<string, MaturityLevel>;
  actions: ActionItem[];
  /** When the team last had a weekly reminder to assess (the week, ISO), so there is at most one a week. */
  lastReminderWeek?: string;
}

export interface PersonAssessments {
  assessments: AssessmentRecord[];
  drafts: AssessmentDraft[];
}

export function emptyTeamMaturity(teamId: string): TeamMaturity {
  return { teamId, rollups: {}, closedRounds: [], targets: {}, actions: [] };
}
