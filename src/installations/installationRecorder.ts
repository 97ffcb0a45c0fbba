// Keeps the store's list of installations current: every incoming activity refreshes the conversation
// reference that proactive messages (weekly prompts) will need, and removal marks it inactive and
// records when, so the team's data can be deleted after the grace period.
import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../boundedCache';
import type { Logger } from '../logging';
import { StoreUnavailableError } from '../store/errors';
import type { FrameworkStore, InstallationInput } from '../store/port';

/** How many conversations to remember as "already recorded, unchanged" in this process. */
const RECENTLY_RECORDED_LIMIT = 10_000;
/**
 * How long "already recorded" is trusted. The record can change behind this process's back: another
 * instance may record a removal, and "delete my data" deletes a personal chat's record. After this
 * long the next message checks the store again (a read; the write is skipped when nothing changed).
 */
const RECENTLY_RECORDED_MS = 10 * 60 * 1000;

export class InstallationRecorder {
  // Conversation id → the stored form last written, trusted for RECENTLY_RECORDED_MS. Skips a store round trip on most
  // turns: the reference rarely changes, and the store would skip the write anyway.
  private readonly recentlyRecorded: LRUCache<string, string>;

  constructor(
    private readonly store: Pick<FrameworkStore, 'upsertInstallation' | 'markInstallationRemoved'>,
    private readonly logger: Logger,
    clock: () => number = Date.now,
  ) {
    this.recentlyRecorded = boundedCache({ max: RECENTLY_RECORDED_LIMIT, ttlMs: RECENTLY_RECORDED_MS, now: clock });
  }

  /**
   * Records that the app is in this conversation. `added`: the app was just added (installed, or
   * the bot added), so the store is always written: it may hold a removal another instance recorded.
   * Never throws: a store outage must not stop a turn.
   */
  async seen(installation: InstallationInput, options: { added?: boolean } = {}): Promise<void> {
    const fingerprint = JSON.stringify(installation);
    if (!options.added && this.recentlyRecorded.get(installation.conversationId) === fingerprint) return;
    try {
      await this.store.upsertInstallation(installation);
      this.recentlyRecorded.set(installation.conversationId, fingerprint);
    } catch (error) {
      this.logFailure(error, installation.conversationId, 'could not record installation');
    }
  }

  /**
   * The app was uninstalled or removed from this conversation: recorded with the time, which starts
   * the grace period after which the team's data is deleted (see teamDataSweep.ts). Never throws.
   */
  async removed(installation: InstallationInput): Promise<void> {
    const { conversationId } = installation;
    this.recentlyRecorded.delete(conversationId);
    try {
      const stored = await this.store.markInstallationRemoved(installation);
      this.logger.info(
        { conversationId, removedAt: stored.removedAt },
        'installation removed; its team data is deleted after the grace period unless the app is added back',
      );
    } catch (error) {
      this.logFailure(error, conversationId, 'could not record the removal');
    }
  }

  /** The record was deleted ("delete my data"): the next message from the conversation records it again. */
  forget(conversationId: string): void {
    this.recentlyRecorded.delete(conversationId);
  }

  private logFailure(error: unknown, conversationId: string, message: string): void {
    const level = error instanceof StoreUnavailableError ? 'warn' : 'error';
    this.logger[level]({ conversationId, err: error }, message);
  }
}
