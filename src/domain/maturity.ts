// Maturity self-assessment records: a person's assessment of their team for one quarter round,
// its draft, and each team's one maturity record (round figures, targets, action plan).
import type { JsonObject } from './index';

/** A round is a team's assessment for one calendar quarter, such as '2026-Q4'. Sorts correctly as a string. */
export type RoundId = string;

export type MaturityLevel = 1 | 2 | 3 | 4 | 5;

/** Counts of levels 1 to 5, at indexes 0 to 4. */
export type LevelHistogram = [number, number, number, number, number];

export interface AssessmentSubmission extends AssessmentKey {
  ratings: Record<string, ThemeRating>;
}

export interface AssessmentDraftInput extends AssessmentKey {
  draft: JsonObject;
}

export interface PersonAssessments {
  assessments: AssessmentRecord[];
  drafts: AssessmentDraft[];
}

export function emptyTeamMaturity(teamId: string): TeamMaturity {
  return { teamId, rollups: {}, closedRounds: [], targets: {}, actions: [] };
}

// Stored maturity records: types inferred from their schemas (src/domain/records/maturity.ts).
import type {
  ActionItem,
  AssessmentDraft,
  AssessmentKey,
  AssessmentRecord,
  RoundRollup,
  TeamMaturity,
  ThemeRating,
} from './records/maturity';
export type { ActionItem, AssessmentDraft, AssessmentKey, AssessmentRecord, RoundRollup, TeamMaturity, ThemeRating };
