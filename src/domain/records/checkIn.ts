// Check-in records: a person's answers for one team, mission and week, the unfinished draft of them,
// and the team's weekly roll-up of everyone's answers. The schemas are the stored shape: a record
// module checks every value against them before it is written, so neither backend ever holds a
// record the other could not.
import { z } from 'zod';
import { MISSIONS, type JsonObject } from '../index';

const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** Teams ids are long and not ours; 1,024 characters is what Cosmos DB lets a partition key hold. */
export const recordIdSchema = z.string().min(1).max(1024);
export const missionSchema = z.enum(MISSIONS);
export const isoWeekSchema = z.string().regex(ISO_WEEK, "must be an ISO week like '2026-W48'");
/** Whole days, as the team settings keep them. */
export const retentionDaysSchema = z.number().int().min(1).max(36500);
const counts = z.record(z.string(), z.number().int().min(0));
const count = z.number().int().min(0);

export const checkInKeySchema = z.object({
  teamId: recordIdSchema,
  userId: recordIdSchema,
  mission: missionSchema,
  week: isoWeekSchema,
});
export type CheckInKey = z.infer<typeof checkInKeySchema>;

export const checkInAnswersSchema = z.object({
  progress: z.literal([1, 2, 3, 4, 5]),
  outcomes: z.array(z.string().min(1)),
  enabler: z.string().min(1).nullable(),
  principles: z.array(z.string().min(1)),
  win: z.string().optional(),
  blocker: z.string().optional(),
});
export type CheckInAnswers = z.infer<typeof checkInAnswersSchema>;

export const checkInRecordSchema = checkInKeySchema.extend({
  kind: z.literal('answer'),
  answers: checkInAnswersSchema,
  submittedAt: z.iso.datetime({ offset: true }),
  /** Seconds the record lives after its last write. */
  ttl: z.number().int().min(1),
});
export type CheckInRecord = z.infer<typeof checkInRecordSchema>;

/** A draft is whatever the card had so far: any JSON object. */
export const draftContentSchema = z.record(z.string(), z.json()) as z.ZodType<JsonObject>;

export const checkInDraftSchema = checkInKeySchema.extend({
  kind: z.literal('draft'),
  draft: draftContentSchema,
  updatedAt: z.iso.datetime({ offset: true }),
  ttl: z.number().int().min(1),
});
export type CheckInDraft = z.infer<typeof checkInDraftSchema>;

export const weeklyRollupSchema = z.object({
  teamId: recordIdSchema,
  mission: missionSchema,
  week: isoWeekSchema,
  responses: count,
  progressSum: count,
  /** Counts of progress scores 1 to 5, at indexes 0 to 4. */
  progressHistogram: z.tuple([count, count, count, count, count]),
  outcomes: counts,
  enablers: counts,
  principles: counts,
});
export type WeeklyRollup = z.infer<typeof weeklyRollupSchema>;

/** What a submit hands the store: the key, the answers, and the team's retention setting. */
export const checkInSubmissionSchema = checkInKeySchema.extend({
  answers: checkInAnswersSchema,
  retentionDays: retentionDaysSchema,
});

/** What a draft save hands the store; the lifetime is whole seconds, as Cosmos DB's `ttl` is. */
export const draftInputSchema = checkInKeySchema.extend({
  draft: draftContentSchema,
  ttlSeconds: z.number().int().min(1).optional(),
});

/** Inclusive range of ISO weeks, maybe of one mission. */
export const weekRangeSchema = z.object({
  fromWeek: isoWeekSchema,
  toWeek: isoWeekSchema,
  mission: missionSchema.optional(),
});
