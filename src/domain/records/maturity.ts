// Maturity records as they are stored: each team's one maturity record, a person's submitted
// assessment for a round and its draft. The types are inferred from the schemas, and the record
// modules check every write against them, so a stored record can never drift from its type.
import { z } from 'zod';
import type { JsonObject } from '../index';

const ROUND = /^\d{4}-Q[1-4]$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Theme, outcome and action ids are the bot's own short ids. */
const ownId = z.string().regex(/^[a-z0-9:-]{1,100}$/);
const id = z.string().min(1).max(1024);
const count = z.number().int().min(0);
/** A note is short, plain text; the capability enforces its own limit, the store a generous bound. */
const note = z.string().min(1).max(1000);

/** A calendar quarter such as '2026-Q4'; sorts correctly as a string. */
export const roundSchema = z.string().regex(ROUND, "must be a quarter like '2026-Q4'");
export const maturityLevelSchema = z.literal([1, 2, 3, 4, 5]);

export const assessmentKeySchema = z.object({ teamId: id, userId: id, round: roundSchema });
export type AssessmentKey = z.infer<typeof assessmentKeySchema>;

/** One theme's answer: a level, or null when the person skipped it. */
export const themeRatingSchema = z.object({ level: maturityLevelSchema.nullable(), note: note.optional() });
export type ThemeRating = z.infer<typeof themeRatingSchema>;

export const ratingsSchema = z
  .record(ownId, themeRatingSchema)
  .refine((value) => Object.keys(value).length <= 50, 'has too many themes');

export const assessmentRecordSchema = z.object({
  ...assessmentKeySchema.shape,
  kind: z.literal('assessment'),
  ratings: ratingsSchema,
  submittedAt: z.iso.datetime({ offset: true }),
});
export type AssessmentRecord = z.infer<typeof assessmentRecordSchema>;

// z.json() admits exactly the domain's JSON values; the cast names them by the domain's type.
const jsonObjectSchema = z.record(z.string(), z.json()) as unknown as z.ZodType<JsonObject>;

export const assessmentDraftSchema = z.object({
  ...assessmentKeySchema.shape,
  kind: z.literal('assessmentDraft'),
  draft: jsonObjectSchema,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type AssessmentDraft = z.infer<typeof assessmentDraftSchema>;

export const roundRollupSchema = z.object({
  round: roundSchema,
  responses: count,
  levels: z.record(ownId, z.tuple([count, count, count, count, count])),
});
export type RoundRollup = z.infer<typeof roundRollupSchema>;

export const actionItemSchema = z.object({
  id: ownId,
  title: z.string().min(1).max(200),
  theme: ownId,
  outcome: ownId.optional(),
  ownerUserId: id.optional(),
  ownerName: z.string().min(1).max(200).optional(),
  due: z.string().regex(DAY),
  status: z.enum(['open', 'done']),
  createdAt: z.iso.datetime({ offset: true }),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const teamMaturitySchema = z.object({
  teamId: id,
  rollups: z.record(roundSchema, roundRollupSchema),
  closedRounds: z.array(roundSchema).max(400),
  openedEarly: roundSchema.optional(),
  targets: z.record(ownId, maturityLevelSchema),
  actions: z.array(actionItemSchema).max(500),
  lastReminderWeek: z.string().max(10).optional(),
});
export type TeamMaturity = z.infer<typeof teamMaturitySchema>;
