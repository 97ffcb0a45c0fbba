// The maturity part of the storage port (FrameworkStore extends it); both stores implement it.
// The records themselves are the domain's (src/domain/maturity.ts).
import type {
  AssessmentDraft,
  AssessmentDraftInput,
  AssessmentKey,
  AssessmentRecord,
  AssessmentSubmission,
  PersonAssessments,
  RoundId,
  TeamMaturity,
} from '../domain';
import type { Mutator, Page, PageRequest, Versioned } from './port';

/**
 * The maturity part of the store. Errors as for FrameworkStore: StoreUnavailableError,
 * ConflictError, StoreValidationError.
 */
export interface MaturityStore {
  getTeamMaturity(teamId: string): Promise<Versioned<TeamMaturity> | undefined>;
  /** Read-modify-write; `mutate` gets an empty record when the team has none yet. */
  updateTeamMaturity(teamId: string, mutate: Mutator<TeamMaturity>): Promise<Versioned<TeamMaturity>>;
  /** Every team's maturity record, in pages (the admins' organisation view). */
  listTeamMaturity(request?: PageRequest): Promise<Page<TeamMaturity>>;

  /** Writes (or replaces) the person's assessment for the round and removes their draft. */
  submitAssessment(submission: AssessmentSubmission): Promise<AssessmentRecord>;
  getAssessment(key: AssessmentKey): Promise<AssessmentRecord | undefined>;
  listRoundAssessments(teamId: string, round: RoundId): Promise<AssessmentRecord[]>;
  saveAssessmentDraft(input: AssessmentDraftInput): Promise<AssessmentDraft>;
  getAssessmentDraft(key: AssessmentKey): Promise<AssessmentDraft | undefined>;
  /** A person's assessments and drafts across every team. */
  listPersonAssessments(userId: string): Promise<PersonAssessments>;
  /** Deletes a person's assessments and drafts across every team; returns how many went. */
  deletePersonAssessments(userId: string): Promise<number>;
}
