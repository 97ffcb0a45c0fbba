// A pass's work, queued per tenant and done only where this instance holds the tenant's lease.
//
// Teams counts its rate limit per app per tenant, across every instance, while each instance's
// limiter only knows its own sends; so a tenant is worked by one instance at a time, the one holding
// its lease. The lease is renewed while the tenant is worked and released at the end of the pass; an
// instance that dies loses it within the lease's lifetime. Instances share the tenants: each asks for
// the leases of the tenants it has seen in an order of its own, so two instances starting together
// split them, and each works its share at the full per-tenant rate.
import fastq from 'fastq';
import type { PassEnv } from './promptPass';

type Work = () => Promise<void>;

/** One pass's turn at a tenant. */
interface TenantTurn {
  lease: string;
  /** Settles once the lease has been asked for: true when this pass holds it. */
  held: Promise<boolean>;
  settle(held: boolean): void;
  /** A renewal found the lease taken (this instance was too slow to renew): send nothing more. */
  lost: boolean;
  renewal?: NodeJS.Timeout;
}

/** Lease names allow a limited alphabet; tenant ids are GUIDs, anything else is made to fit. */
function tenantLeaseName(tenantId: string): string {
  return `prompts-tenant:${tenantId.replace(/[^A-Za-z0-9._:-]/g, '_')}`.slice(0, 200);
}

export interface TenantWorkCounts {
  /** A lease could not be asked for (the store failed). */
  errors: number;
  /** Tenants another instance was working, left to it. */
  tenantsElsewhere: number;
}

export class TenantWork {
  /** Per tenant, the teams' work, at most `teamConcurrency` at once; a failed item does not stop the rest. */
  private readonly queues = new Map<string, fastq.queueAsPromised<Work, void>>();
  /** This pass's turn at each tenant it has seen: whether it holds the tenant's lease. */
  private readonly tenants = new Map<string, TenantTurn>();
  /** Tenants seen whose lease this pass has not asked for yet. */
  private unclaimed: string[] = [];

  constructor(
    private readonly env: Pick<PassEnv, 'store' | 'logger' | 'instanceId' | 'tenantLeaseSeconds' | 'teamConcurrency'>,
    private readonly counts: TenantWorkCounts,
  ) {}

  /** Queues work for a tenant; it runs once the tenant's lease is asked for, and only if it is held. */
  push(tenantId: string, work: Work): void {
    void this.queueFor(tenantId).push(work);
  }

  private queueFor(tenantId: string): fastq.queueAsPromised<Work, void> {
    let queue = this.queues.get(tenantId);
    if (!queue) {
      let settle: (held: boolean) => void = () => undefined;
      const held = new Promise<boolean>((resolve) => (settle = resolve));
      const turn: TenantTurn = { lease: tenantLeaseName(tenantId), held, settle, lost: false };
      this.tenants.set(tenantId, turn);
      this.unclaimed.push(tenantId);
      // Work waits for the lease; without it (another instance is sending to the tenant) it is left to
      // that instance. fastq starts work as soon as it is pushed (no timer turn, unlike bottleneck,
      // which keeps the rate of sends in rateLimits.ts), and `drained()` covers work pushed while the
      // queue runs.
      queue = fastq.promise(
        async (work: Work) => {
          if ((await turn.held) && !turn.lost) await work();
        },
        Math.max(1, this.env.teamConcurrency),
      );
      this.queues.set(tenantId, queue);
    }
    return queue;
  }

  /** Asks for the leases of the tenants seen since the last call, in an order of this pass's own. */
  async claim(): Promise<void> {
    const { env, counts } = this;
    const tenantIds = this.unclaimed.splice(0);
    for (let i = tenantIds.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [tenantIds[i], tenantIds[j]] = [tenantIds[j] as string, tenantIds[i] as string];
    }
    for (const tenantId of tenantIds) {
      const turn = this.tenants.get(tenantId) as TenantTurn;
      let held = false;
      try {
        held = await env.store.tryAcquireLease(turn.lease, env.instanceId, env.tenantLeaseSeconds);
      } catch (error) {
        counts.errors += 1;
        env.logger.error({ tenantId, err: error }, "could not take a tenant's prompt lease; the next pass tries again");
      }
      if (held) {
        const renew = async () => {
          const renewed = await env.store
            .tryAcquireLease(turn.lease, env.instanceId, env.tenantLeaseSeconds)
            .catch(() => false);
          if (!renewed && !turn.lost) {
            turn.lost = true;
            env.logger.warn(
              { tenantId },
              "lost a tenant's prompt lease mid-pass; its other teams are left to the next pass",
            );
          }
        };
        turn.renewal = setInterval(() => void renew(), (env.tenantLeaseSeconds * 1000) / 3);
        turn.renewal.unref();
      } else {
        counts.tenantsElsewhere += 1;
      }
      turn.settle(held);
    }
  }

  /** Waits for every queue, work pushed meanwhile included. */
  async drained(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.drained()));
  }

  async release(): Promise<void> {
    for (const turn of this.tenants.values()) {
      clearInterval(turn.renewal);
      if (turn.renewal && !turn.lost)
        await this.env.store.releaseLease(turn.lease, this.env.instanceId).catch(() => undefined);
    }
  }
}
