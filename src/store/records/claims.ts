// Activity claims and leases: small items, each alone in its own partition, that expire. Every turn
// claims its activity, so a claim is one conditional create and nothing else: the engine's create
// fails while a live claim is there and takes the place of an expired one.
import type { StorageEngine } from '../engine/engine';
import type { ClaimsPort } from '../port';
import { validId, validLeaseName, validTtlSeconds } from '../validation';
import { z } from 'zod';
import { parseRecord, partitions, type LegacyImport, type RecordOptions } from './shared';

const SECONDS = 1000;
const CLAIM_KIND = 'claim';
const LEASE_KIND = 'lease';
/** Each claim and each lease has its own partition, so the id needs to say nothing more. */
const CLAIM_ID = 'claim';
const LEASE_ID = 'lease';

/**
 * "in progress" while a turn handles the activity (a short lease: if its process dies, a resend after
 * it runs out runs the turn again), then "done" for longer, so later resends are still ignored.
 */
type ClaimState = 'in progress' | 'done';

type Lease = { owner: string };

function claimKey(activityId: string) {
  return { partition: partitions.activity(activityId), kind: CLAIM_KIND, id: CLAIM_ID };
}

function leaseKey(name: string) {
  return { partition: partitions.lease(name), kind: LEASE_KIND, id: LEASE_ID };
}

export function createClaimsRecords(engine: StorageEngine, _options: RecordOptions): ClaimsPort {
  const claim = (activityId: string, state: ClaimState, ttlSeconds: number) => ({
    ...claimKey(activityId),
    value: { state },
    expiresAt: engine.now() + ttlSeconds * SECONDS,
  });

  return {
    async claimActivity(activityId, ttlSeconds) {
      validId(activityId, 'activity id');
      const ttl = validTtlSeconds(ttlSeconds);
      // Of several instances racing, only one create succeeds.
      return (await engine.create(claim(activityId, 'in progress', ttl))) !== undefined;
    },

    async finishActivity(activityId, ttlSeconds) {
      validId(activityId, 'activity id');
      const ttl = validTtlSeconds(ttlSeconds);
      // Written whatever is there: the claim becomes "done", or is written again if it expired meanwhile.
      await engine.upsert(claim(activityId, 'done', ttl));
    },

    async tryAcquireLease(name, owner, ttlSeconds) {
      validLeaseName(name);
      validId(owner, 'lease owner');
      const ttl = validTtlSeconds(ttlSeconds);
      const key = leaseKey(name);
      const lease = { ...key, value: { owner } satisfies Lease, expiresAt: engine.now() + ttl * SECONDS };
      // An expired lease reads as absent, and a create takes its place.
      const found = await engine.read<Lease>(key);
      if (!found) return (await engine.create(lease)) !== undefined;
      // Held by someone else: not ours. Ours: renewed, but only if nobody took it since our read.
      if (found.value.owner !== owner) return false;
      return (await engine.replace(lease, found.version)) !== undefined;
    },

    async releaseLease(name, owner) {
      validLeaseName(name);
      validId(owner, 'lease owner');
      const key = leaseKey(name);
      // An expired lease reads as absent: the owner no longer held it, so there is nothing to give up.
      const found = await engine.read<Lease>(key);
      if (!found || found.value.owner !== owner) return false;
      return engine.delete(key, found.version);
    },
  };
}

const legacyClaimSchema = z.object({
  activityId: z.string().min(1),
  state: z.enum(['in progress', 'done']),
});

/**
 * An old activity claim ({activityId, state} with its expiry) as the item it is now. A claim without
 * an expiry would hold its activity for ever, and a claim only matters for minutes: none is moved.
 */
const importClaim: LegacyImport = (record) => {
  const old = parseRecord(legacyClaimSchema, record.data, 'activity claim');
  if (record.expiresAt === undefined) return [];
  return [{ ...claimKey(old.activityId), value: { state: old.state }, expiresAt: record.expiresAt }];
};

export const legacyImports: Record<string, LegacyImport> = { activity: importClaim };
