// The practice part of the storage port: examples of practice one team offers to the rest of its
// organisation (a check-in's win, tied to parts of the framework). The record's type is inferred from
// its schema, and the schema is checked on every write, so neither store can hold an example the
// other could not. Examples are kept per tenant: an organisation's examples are one partition, and
// nothing here can read another tenant's.
import { z } from 'zod';
import { StoreValidationError } from './errors';
import type { Page, PageRequest, Versioned } from './port';

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

export interface PracticeListRequest extends PageRequest {
  /** Only examples showing this part (an outcome, enabler or principle id); all approved examples without it. */
  part?: string;
}

/** Fails with StoreValidationError unless `value` is a whole, valid example. */
export function validExample(value: PracticeExample): PracticeExample {
  const parsed = practiceExampleSchema.safeParse(value);
  if (!parsed.success) throw new StoreValidationError(`Invalid practice example: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function validTenant(tenantId: string): string {
  if (!id.safeParse(tenantId).success) throw new StoreValidationError('Invalid tenant id');
  return tenantId;
}

/**
 * The practice part of the store (FrameworkStore.practice). Errors as for FrameworkStore:
 * StoreUnavailableError, ConflictError, StoreValidationError.
 */
export interface PracticeStore {
  /** Saves a new example; one with the same id already stored stays as it was (`created` false). */
  offerExample(example: PracticeExample): Promise<{ example: PracticeExample; created: boolean }>;
  getExample(tenantId: string, exampleId: string): Promise<Versioned<PracticeExample> | undefined>;
  /** Writes `next` only while the stored example is still at `etag`; false when it changed or went meanwhile. */
  replaceExample(next: PracticeExample, etag: string): Promise<boolean>;
  /** Removes an example; what was removed, or undefined when it was already gone. */
  deleteExample(tenantId: string, exampleId: string): Promise<PracticeExample | undefined>;
  /**
   * Approved examples of the tenant, newest approval first, one page at a time; with `part`, only
   * those showing it. One query within the tenant's partition, however many examples there are.
   */
  listExamples(tenantId: string, request?: PracticeListRequest): Promise<Page<PracticeExample>>;
  /** How many approved examples of the tenant show `part`. */
  countExamples(tenantId: string, part: string): Promise<number>;
  /** Every example one person offered in the tenant, any status, newest first (for the daily limit). */
  listAuthorExamples(tenantId: string, authorId: string): Promise<PracticeExample[]>;
  /** Every example a person offered, in every tenant ("my data"). */
  listPersonExamples(authorId: string): Promise<PracticeExample[]>;
  /** Deletes every example a person offered; how many went ("delete my data"). */
  deletePersonExamples(authorId: string): Promise<number>;
  /** Deletes every example of a team (its data is deleted after the app was removed); how many went. */
  deleteTeamExamples(teamId: string): Promise<number>;
}

// Continuation tokens are opaque to callers; inside, where the previous page ended.
export function encodeAfter(after: { at: string; id: string }): string {
  return Buffer.from(JSON.stringify(after), 'utf8').toString('base64url');
}

export function decodeAfter(token: string): { at: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    if (typeof parsed.at === 'string' && typeof parsed.id === 'string') return { at: parsed.at, id: parsed.id };
  } catch {
    // fall through
  }
  throw new StoreValidationError('Invalid continuation token');
}

/** Where an example sits in its lists: approved ones by approval time; others are in no list. */
export function listedAt(example: PracticeExample): string | undefined {
  return example.status === 'approved' ? (example.decidedAt ?? example.offeredAt) : undefined;
}
