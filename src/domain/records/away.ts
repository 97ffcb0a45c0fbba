// Time away: a person's period away as one team sees it (no reminders meanwhile; progress counts
// them as away rather than missing). One record per team and person: a new period replaces the old.
import { z } from 'zod';
import { recordIdSchema } from './checkIn';

/** Calendar date 'yyyy-MM-dd'. */
export const isoDateSchema = z.iso.date();

export const awayInputSchema = z
  .object({ teamId: recordIdSchema, userId: recordIdSchema, from: isoDateSchema, until: isoDateSchema })
  .refine((away) => away.from <= away.until, 'must not end before it starts');
export type AwayInput = z.infer<typeof awayInputSchema>;

export const awayRecordSchema = z
  .object({
    teamId: recordIdSchema,
    userId: recordIdSchema,
    /** First day away. */
    from: isoDateSchema,
    /** Last day away (inclusive). */
    until: isoDateSchema,
    kind: z.literal('away'),
    setAt: z.iso.datetime({ offset: true }),
  })
  .refine((away) => away.from <= away.until, 'must not end before it starts');
export type AwayRecord = z.infer<typeof awayRecordSchema>;
