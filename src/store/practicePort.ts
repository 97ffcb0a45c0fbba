// The practice part of the storage port: examples of practice one team offers to the rest of its
// organisation (a check-in's win, tied to parts of the framework). The record, its schema and its type
// are the domain's (domain/records/practiceExample.ts); the record module checks every write against
// that schema. Examples are kept per tenant: an organisation's examples are one partition, and nothing
// here can read another tenant's.
import {
  practiceExampleSchema,
  PRACTICE_PARTS_LIMIT,
  PRACTICE_TEXT_LIMIT,
  type PracticeExample,
} from '../domain/records/practiceExample';
import { StoreValidationError } from './errors';
import type { Page, PageRequest, Versioned } from './port';

// The record and its limits are the domain's; the capabilities find them here, beside the port they use.
export { PRACTICE_PARTS_LIMIT, PRACTICE_TEXT_LIMIT, type PracticeExample };

export interface PracticeListRequest extends PageRequest {
  /** Only examples showing this part (an outcome, enabler or principle id); all approved examples without it. */
  part?: string;
}

export function validTenant(tenantId: string): string {
  // The same check as an example's own tenant id gets, so reads and writes agree on what a tenant is.
  if (!practiceExampleSchema.shape.tenantId.safeParse(tenantId).success)
    throw new StoreValidationError('Invalid tenant id');
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
