// A practice example as it is stored: a win one team offers to the rest of its organisation, tied to
// parts of the framework. The type is inferred from the schema, and the record module checks every
// write against it, so no store can hold an example another could not.
import { z } from 'zod';

/** The most characters an example's text may have (the offer form says so too). */
export const PRACTICE_TEXT_LIMIT = 500;
/** The most parts of the framework one example may show. */
export const PRACTICE_PARTS_LIMIT = 3;

const id = z.string().min(1).max(1024);
/** An outcome, enabler or principle id: the parts an example may show (missions are what check-ins are about). */
export const practicePartSchema = z.string().regex(/^(outcome|enabler|principle):[a-z0-9-]{1,80}$/);
const instant = z.iso.datetime();

export const practiceExampleSchema = z.object({
  /** Derived from the check-in it came from, so offering the same win twice is one example. */
  id: z.string().regex(/^[a-f0-9]{16,64}$/),
  tenantId: id,
  teamId: id,
  /** The team's name when offered: shown with every example so people know whom to ask. */
  teamName: z.string().min(1).max(256),
  authorId: id,
  /** Present only when the author chose to show their name. */
  authorName: z.string().min(1).max(256).optional(),
  text: z.string().min(1).max(PRACTICE_TEXT_LIMIT),
  parts: z.array(practicePartSchema).min(1).max(PRACTICE_PARTS_LIMIT),
  status: z.enum(['offered', 'approved', 'declined']),
  /** The check-in the win came from (the author's own). */
  source: z.object({ mission: z.string().min(1).max(64), week: z.string().min(1).max(16) }),
  offeredAt: instant,
  /** When a lead approved or declined it, and who. */
  decidedAt: instant.optional(),
  decidedBy: id.optional(),
  /** A lead's reason for declining, as typed (cleaned). */
  reason: z.string().max(PRACTICE_TEXT_LIMIT).optional(),
});

export type PracticeExample = z.infer<typeof practiceExampleSchema>;
