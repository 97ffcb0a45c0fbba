// What every record module shares: where records are filed (partitions, refs, hashed ids), the
// read-modify-write loop over the engine, and turning a schema failure into StoreValidationError.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ItemKey, ItemWrite, JsonValue, StorageEngine, StoredItem } from '../engine/engine';
import { StoreValidationError } from '../errors';
import { LOST_RACE, retryOnConflict, type ConflictPolicy } from '../optimisticRetry';
import type { Mutator, Versioned } from '../port';

export interface RecordOptions {
  conflictPolicy: ConflictPolicy;
}

/**
 * Partitions: what is read together stays together. A team's settings, answers, drafts, roll-ups,
 * time away and maturity share the team's; an installation is its conversation's; an organisation's
 * practice examples are the tenant's; a person's index is their own; each claim or lease is alone.
 * The prefixes keep a team whose id equals a conversation's (a team's General channel) apart.
 */
export const partitions = {
  team: (teamId: string) => `team:${teamId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  person: (userId: string) => `person:${digest(userId)}`,
  activity: (activityId: string) => `activity:${digest(activityId)}`,
  lease: (name: string) => `lease:${name}`,
};

/** Cross-partition references (ItemWrite.refs): "my data" finds a person's records by `person`, a sweep a team's by `team`. */
export const refs = {
  person: (userId: string) => `person:${digest(userId)}`,
  team: (teamId: string) => `team:${digest(teamId)}`,
};

/**
 * Ids may hold only safe ASCII and are limited in length, while Teams user ids and activity ids are
 * long and not ours: hash those parts. Deterministic, so a retried write lands on the same item.
 */
export function digest(...parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** `value` checked against `schema`; StoreValidationError naming the first problems otherwise. */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(value)'} ${issue.message}`);
  throw new StoreValidationError(`Invalid ${what}: ${problems.join('; ')}`);
}

/** The engine's item as the port's versioned value. */
export function versioned<T>(item: StoredItem): Versioned<T> {
  return { value: item.value as T, etag: item.version };
}

export interface ReadModifyWrite<T> {
  what: string;
  key: ItemKey;
  /** The new value, or undefined to leave the stored one as it is. */
  change: (current: T | undefined) => Promise<T | undefined>;
  /** How the value is written (its expiry and refs); the key is the one read. */
  toItem: (value: T) => Omit<ItemWrite, keyof ItemKey>;
}

/**
 * Reads the item, computes the change, and writes it only if nobody wrote in between (create when it
 * was absent, replace at the version read); a lost race reads again, a bounded number of times.
 */
export async function readModifyWrite<T>(
  engine: StorageEngine,
  policy: ConflictPolicy,
  op: ReadModifyWrite<T>,
): Promise<Versioned<T> | undefined> {
  return retryOnConflict(op.what, policy, async () => {
    const found = await engine.read(op.key);
    const current = found?.value as T | undefined;
    const next = await op.change(current);
    if (next === undefined) return found ? versioned<T>(found) : undefined;
    const item = { ...op.key, ...op.toItem(next), value: next as JsonValue };
    const written = found ? await engine.replace(item, found.version) : await engine.create(item);
    return written ? { value: next, etag: written.version } : LOST_RACE;
  });
}

/**
 * Runs the caller's mutator on a copy of `current` (a retry must start from what was read, not from
 * what the last attempt changed). Its errors reach the caller as they are: the engine maps only its
 * own failures, so a bug in a mutator is never reported as the database being down.
 */
export async function mutated<T>(mutate: Mutator<T>, current: T): Promise<T> {
  return mutate(structuredClone(current));
}

/**
 * A record as an earlier layout kept it, for the one-time move into the engine's items: the local
 * file's old tables and Cosmos DB's old containers both yield these (store/records/legacy.ts).
 * `type` is the old kind ('installation', 'settings', 'answer', 'draft', 'rollup', 'away',
 * 'assessment', 'assessmentDraft', 'maturity', 'personTeams', 'activity', 'practiceExample');
 * `data` the record as it was stored; `personHash` (personTeams only) the hash the old index was
 * filed under, which is `digest(userId)`.
 */
export interface LegacyRecord {
  type: string;
  data: JsonValue;
  expiresAt?: number;
  personHash?: string;
}

/** How a record module files one kind of legacy record as items (several, when it keeps index items). */
export type LegacyImport = (record: LegacyRecord) => ItemWrite[];
