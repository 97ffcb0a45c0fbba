// Checks of the values the record modules take that are not whole records (ids, lifetimes, lease
// names, page sizes, instants), and of the two records a mutator returns (settings and roll-ups).
// The records' schemas are the domain's (domain/records); a bad value fails fast with
// StoreValidationError instead of surfacing weeks later.
import { z } from 'zod';
import { recordIdSchema, weeklyRollupSchema, type WeeklyRollup } from '../domain/records/checkIn';
import { teamSettingsSchema, type TeamSettings } from '../domain/records/teamSettings';
import type { ListInstallationsOptions } from './port';
import { parseRecord } from './records/shared';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

// Built once: zod schemas are costly to build, and claims check a ttl on every turn.
/** Lifetimes are whole seconds, as Cosmos DB's `ttl` is. */
const ttlSeconds = z
  .number()
  .int()
  .min(1)
  .max(10 * 365 * 24 * 3600);
const leaseName = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be 1-200 of A-Z a-z 0-9 . _ : -');
const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE);
const instant = z.iso.datetime({ offset: true });

export const validTeamSettings = (value: TeamSettings) => parseRecord(teamSettingsSchema, value, 'team settings');
export const validRollup = (value: WeeklyRollup) => parseRecord(weeklyRollupSchema, value, 'roll-up');
export const validId = (value: string, what: string) => parseRecord(recordIdSchema, value, what);

export function validTtlSeconds(value: number): number {
  return parseRecord(ttlSeconds, value, 'ttl in seconds');
}

/** Lease names become Cosmos DB ids as they are, so they keep to characters any id may hold. */
export function validLeaseName(value: string): string {
  return parseRecord(leaseName, value, 'lease name');
}

export function validPageSize(options: ListInstallationsOptions | undefined): number {
  return parseRecord(pageSize, options?.pageSize ?? DEFAULT_PAGE_SIZE, 'page size');
}

/**
 * A time to compare with stored ISO timestamps, in the one form the stores write (toISOString, UTC),
 * so that comparing the strings compares the times.
 */
export function validInstant(value: string, what: string): string {
  return new Date(parseRecord(instant, value, what)).toISOString();
}
