// Checks every maturity value before it is written, as validation.ts does for the rest, so both
// stores hold the same shapes and a bad value fails fast with StoreValidationError.
import { z } from 'zod';
import { StoreValidationError } from './errors';
import {
  emptyTeamMaturity,
  type AssessmentDraftInput,
  type AssessmentKey,
  type AssessmentSubmission,
  type TeamMaturity,
} from '../domain';
import type { Mutator } from './port';
import { mutated } from './records/shared';

const ROUND = /^\d{4}-Q[1-4]$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Theme, outcome and action ids are the bot's own short ids. */
const ownId = z.string().regex(/^[a-z0-9:-]{1,100}$/);
const id = z.string().min(1).max(1024);
const round = z.string().regex(ROUND, "must be a quarter like '2026-Q4'");
const level = z.literal([1, 2, 3, 4, 5]);
const count = z.number().int().min(0);
/** A note is short, plain text; the capability enforces its own limit, the store a generous bound. */
const note = z.string().min(1).max(1000);

const keyShape = { teamId: id, userId: id, round };
const keySchema: z.ZodType<AssessmentKey> = z.object(keyShape);

const ratings = z
  .record(ownId, z.object({ level: level.nullable(), note: note.optional() }))
  .refine((value) => Object.keys(value).length <= 50, 'has too many themes');

const submissionSchema: z.ZodType<AssessmentSubmission> = z.object({ ...keyShape, ratings });

const draftInputSchema: z.ZodType<AssessmentDraftInput> = z.object({
  ...keyShape,
  draft: z.record(z.string(), z.json()) as z.ZodType<AssessmentDraftInput['draft']>,
});

const teamMaturitySchema: z.ZodType<TeamMaturity> = z.object({
  teamId: id,
  rollups: z.record(
    round,
    z.object({
      round,
      responses: count,
      levels: z.record(ownId, z.tuple([count, count, count, count, count])),
    }),
  ),
  closedRounds: z.array(round).max(400),
  openedEarly: round.optional(),
  targets: z.record(ownId, level),
  actions: z
    .array(
      z.object({
        id: ownId,
        title: z.string().min(1).max(200),
        theme: ownId,
        outcome: ownId.optional(),
        ownerUserId: id.optional(),
        ownerName: z.string().min(1).max(200).optional(),
        due: z.string().regex(DAY),
        status: z.enum(['open', 'done']),
        createdAt: z.iso.datetime({ offset: true }),
      }),
    )
    .max(500),
  lastReminderWeek: z.string().max(10).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(value)'} ${issue.message}`);
  throw new StoreValidationError(`Invalid ${what}: ${problems.join('; ')}`);
}

export const validAssessmentKey = (value: AssessmentKey) => parse(keySchema, value, 'assessment key');
export const validAssessmentSubmission = (value: AssessmentSubmission) => parse(submissionSchema, value, 'assessment');
export const validAssessmentDraftInput = (value: AssessmentDraftInput) =>
  parse(draftInputSchema, value, 'assessment draft');
export const validRound = (value: string) => parse(round, value, 'round');

/** Just the key fields, so nothing else from a caller's object is stored under the key. */
export function assessmentKeyOf(value: AssessmentKey): AssessmentKey {
  return { teamId: value.teamId, userId: value.userId, round: value.round };
}

/** The change a read-modify-write of a team's maturity applies: caller's mutator, from empty if new, checked. */
export function teamMaturityChange(teamId: string, mutate: Mutator<TeamMaturity>) {
  return async (current: TeamMaturity | undefined): Promise<TeamMaturity> => {
    const next = parse(
      teamMaturitySchema,
      await mutated(mutate, current ?? emptyTeamMaturity(teamId)),
      'team maturity',
    );
    if (next.teamId !== teamId) throw new StoreValidationError('A maturity change must not change the team id');
    return next;
  };
}
