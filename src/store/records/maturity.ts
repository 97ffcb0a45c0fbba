// Maturity records on the storage engine: each team's one maturity record, and each person's
// assessment and draft per round. All of them sit in the team's partition, so deleting a team's data
// (one deletePartition) takes them too; each assessment and draft carries its person's ref, so "my
// data" finds them across teams.
import {
  assessmentDraftSchema,
  assessmentKeySchema,
  assessmentRecordSchema,
  roundSchema,
  teamMaturitySchema,
  type AssessmentDraft,
  type AssessmentKey,
  type AssessmentRecord,
  type TeamMaturity,
} from '../../domain/records/maturity';
import {
  emptyTeamMaturity,
  type AssessmentDraftInput,
  type AssessmentSubmission,
  type PersonAssessments,
  type RoundId,
} from '../../domain';
import { DEFAULT_DRAFT_TTL_SECONDS } from '../defaults';
import type { ItemKey, ItemWrite, JsonValue, StorageEngine } from '../engine/engine';
import { StoreUnavailableError, StoreValidationError } from '../errors';
import type { MaturityStore } from '../maturityPort';
import type { Mutator, Page, PageRequest, Versioned } from '../port';
import * as valid from '../validation';
import {
  digest,
  mutated,
  parseRecord,
  partitions,
  readModifyWrite,
  refs,
  versioned,
  type LegacyImport,
  type RecordOptions,
} from './shared';

const MATURITY = 'maturity';
const ASSESSMENT = 'assessment';
const ASSESSMENT_DRAFT = 'assessmentDraft';
/** A team has one maturity record, alone under its kind in the team's partition. */
const MATURITY_ID = 'maturity';
const SECONDS = 1000;

type AssessmentKind = typeof ASSESSMENT | typeof ASSESSMENT_DRAFT;

// What a submit and a draft save hand the store: the record's own fields, before the store adds the rest.
const assessmentSubmissionSchema = assessmentRecordSchema.pick({
  teamId: true,
  userId: true,
  round: true,
  ratings: true,
});
const assessmentDraftInputSchema = assessmentDraftSchema.pick({ teamId: true, userId: true, round: true, draft: true });

/** Just the key fields, checked, so nothing else from a caller's object is stored under the key. */
function checkedKey(key: AssessmentKey): AssessmentKey {
  return parseRecord(assessmentKeySchema, key, 'assessment key');
}

function maturityKey(teamId: string): ItemKey {
  return { partition: partitions.team(teamId), kind: MATURITY, id: MATURITY_ID };
}

/** Round first, so one round's assessments are one prefix of the team's; the user id is hashed (not ours). */
function assessmentKey(kind: AssessmentKind, key: AssessmentKey): ItemKey {
  return { partition: partitions.team(key.teamId), kind, id: `${key.round}|${digest(key.userId)}` };
}

function maturityItem(record: TeamMaturity): ItemWrite {
  const value = parseRecord(teamMaturitySchema, record, 'team maturity');
  return { ...maturityKey(value.teamId), value: value as JsonValue };
}

function assessmentItem(record: AssessmentRecord): ItemWrite {
  const value = parseRecord(assessmentRecordSchema, record, 'assessment');
  // Kept until the person's or the team's data is deleted: no expiry.
  return { ...assessmentKey(ASSESSMENT, value), value: value as JsonValue, refs: [refs.person(value.userId)] };
}

function draftItem(record: AssessmentDraft, expiresAt: number | undefined): ItemWrite {
  const value = parseRecord(assessmentDraftSchema, record, 'assessment draft');
  return {
    ...assessmentKey(ASSESSMENT_DRAFT, value),
    value: value as JsonValue,
    refs: [refs.person(value.userId)],
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

/** The order today's stores list a person's records in: by team, then round. */
function byTeamThenRound(a: AssessmentKey, b: AssessmentKey): number {
  return compare(a.teamId, b.teamId) || compare(a.round, b.round);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createMaturityRecords(engine: StorageEngine, options: RecordOptions): MaturityStore {
  const isoNow = () => new Date(engine.now()).toISOString();

  return {
    async getTeamMaturity(teamId: string): Promise<Versioned<TeamMaturity> | undefined> {
      valid.validId(teamId, 'team id');
      const found = await engine.read(maturityKey(teamId));
      return found ? versioned<TeamMaturity>(found) : undefined;
    },

    async updateTeamMaturity(teamId: string, mutate: Mutator<TeamMaturity>): Promise<Versioned<TeamMaturity>> {
      valid.validId(teamId, 'team id');
      const result = await readModifyWrite<TeamMaturity>(engine, options.conflictPolicy, {
        what: 'update the team maturity',
        key: maturityKey(teamId),
        change: async (current) => {
          const next = parseRecord(
            teamMaturitySchema,
            await mutated(mutate, current ?? emptyTeamMaturity(teamId)),
            'team maturity',
          );
          if (next.teamId !== teamId) throw new StoreValidationError('A maturity change must not change the team id');
          return next;
        },
        toItem: (value) => ({ value: value as JsonValue }),
      });
      if (!result) throw new StoreUnavailableError('The team maturity was not saved');
      return result;
    },

    async listTeamMaturity(request?: PageRequest): Promise<Page<TeamMaturity>> {
      const pageSize = valid.validPageSize(request);
      // One record per team, across every team's partition: only the admins' organisation view asks.
      const page = await engine.scan<JsonValue>(MATURITY, {
        pageSize,
        ...(request?.continuationToken ? { continuationToken: request.continuationToken } : {}),
      });
      const items = page.items.map((item) => item.value as unknown as TeamMaturity);
      return page.continuationToken ? { items, continuationToken: page.continuationToken } : { items };
    },

    async submitAssessment(submission: AssessmentSubmission): Promise<AssessmentRecord> {
      const { ratings, ...key } = parseRecord(assessmentSubmissionSchema, submission, 'assessment');
      const record: AssessmentRecord = { ...key, kind: ASSESSMENT, ratings, submittedAt: isoNow() };
      // Upsert on the key's id: a repeated submit overwrites the same item. The draft goes after; a
      // batch could not hold its delete, which fails the batch when there is no draft.
      await engine.upsert(assessmentItem(record));
      await engine.delete(assessmentKey(ASSESSMENT_DRAFT, key));
      return record;
    },

    async getAssessment(key: AssessmentKey): Promise<AssessmentRecord | undefined> {
      const checked = checkedKey(key);
      const found = await engine.read(assessmentKey(ASSESSMENT, checked));
      return found?.value as AssessmentRecord | undefined;
    },

    async listRoundAssessments(teamId: string, round: RoundId): Promise<AssessmentRecord[]> {
      valid.validId(teamId, 'team id');
      parseRecord(roundSchema, round, 'round');
      const items = await engine.query(ASSESSMENT, partitions.team(teamId), { prefix: `${round}|` });
      // Ids order by the user id's hash; today's stores list by the user id itself.
      return items.map((item) => item.value as unknown as AssessmentRecord).sort((a, b) => compare(a.userId, b.userId));
    },

    async saveAssessmentDraft(input: AssessmentDraftInput): Promise<AssessmentDraft> {
      const { draft: content, ...key } = parseRecord(assessmentDraftInputSchema, input, 'assessment draft');
      const now = engine.now();
      const draft: AssessmentDraft = {
        ...key,
        kind: ASSESSMENT_DRAFT,
        draft: content,
        updatedAt: new Date(now).toISOString(),
      };
      await engine.upsert(draftItem(draft, now + DEFAULT_DRAFT_TTL_SECONDS * SECONDS));
      return draft;
    },

    async getAssessmentDraft(key: AssessmentKey): Promise<AssessmentDraft | undefined> {
      const checked = checkedKey(key);
      const found = await engine.read(assessmentKey(ASSESSMENT_DRAFT, checked));
      return found?.value as AssessmentDraft | undefined;
    },

    async listPersonAssessments(userId: string): Promise<PersonAssessments> {
      valid.validId(userId, 'user id');
      const items = await engine.findByRef(refs.person(userId), [ASSESSMENT, ASSESSMENT_DRAFT]);
      const found: PersonAssessments = { assessments: [], drafts: [] };
      for (const item of items) {
        if (item.kind === ASSESSMENT) found.assessments.push(item.value as unknown as AssessmentRecord);
        else found.drafts.push(item.value as unknown as AssessmentDraft);
      }
      found.assessments.sort(byTeamThenRound);
      found.drafts.sort(byTeamThenRound);
      return found;
    },

    async deletePersonAssessments(userId: string): Promise<number> {
      valid.validId(userId, 'user id');
      const items = await engine.findByRef(refs.person(userId), [ASSESSMENT, ASSESSMENT_DRAFT]);
      // Each delete stands on its own; if the call is cut short, running it again finishes the job.
      const deleted = await Promise.all(
        items.map((item) => engine.delete({ partition: item.partition, kind: item.kind, id: item.id })),
      );
      return deleted.filter(Boolean).length;
    },
  };
}

/**
 * Old records into today's items. Submitted assessments had no lifetime (the local file marked them
 * with the largest expiry), so only drafts keep theirs.
 */
export const legacyImports: Record<string, LegacyImport> = {
  maturity: (record) => [maturityItem(record.data as unknown as TeamMaturity)],
  assessment: (record) => [assessmentItem(record.data as unknown as AssessmentRecord)],
  assessmentDraft: (record) => [draftItem(record.data as unknown as AssessmentDraft, record.expiresAt)],
};
