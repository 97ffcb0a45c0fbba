// Installations: the conversations the app is in, one item each in the conversation's own
// partition. A turn refreshes its installation on every message, so a write is skipped when nothing
// changed (the rules in store/records.ts); the scheduler and the removal sweep list them all.
import type { StorageEngine } from '../engine/engine';
import { StoreUnavailableError } from '../errors';
import type { InstallationsPort, ListInstallationsOptions, Page } from '../port';
import { refreshedInstallation, removedBefore, removedInstallation } from './rules';
import { validId, validInstant, validPageSize } from '../validation';
import {
  installationInputSchema,
  installationSchema,
  type Installation,
  type InstallationInput,
} from '../../domain/records/installation';
import { parseRecord, partitions, readModifyWrite, type LegacyImport, type RecordOptions } from './shared';

const KIND = 'installation';
/** A conversation's partition holds its one installation, so the id needs to say nothing more. */
const ID = 'installation';

function installationKey(conversationId: string) {
  return { partition: partitions.conversation(conversationId), kind: KIND, id: ID };
}

/** How a change turns the stored installation, the turn's input and the time into the new one; undefined: no change. */
type InstallationChange = (
  current: Installation | undefined,
  fresh: InstallationInput,
  at: string,
) => Installation | undefined;

export function createInstallationsRecords(engine: StorageEngine, options: RecordOptions): InstallationsPort {
  const policy = options.conflictPolicy;

  async function writeInstallation(
    input: InstallationInput,
    what: string,
    change: InstallationChange,
    notSaved: string,
  ): Promise<Installation> {
    const fresh = parseRecord(installationInputSchema, input, 'installation');
    const at = new Date(engine.now()).toISOString();
    const result = await readModifyWrite<Installation>(engine, policy, {
      what,
      key: installationKey(fresh.conversationId),
      change: async (current) => {
        const next = change(current, fresh, at);
        return next && parseRecord(installationSchema, next, 'installation');
      },
      toItem: (value) => ({ value }),
    });
    if (!result) throw new StoreUnavailableError(notSaved);
    return result.value;
  }

  return {
    upsertInstallation: (input) =>
      writeInstallation(input, 'save the installation', refreshedInstallation, 'The installation was not saved'),

    async getInstallation(conversationId) {
      validId(conversationId, 'conversation id');
      return (await engine.read<Installation>(installationKey(conversationId)))?.value;
    },

    async markInstallationInactive(conversationId) {
      validId(conversationId, 'conversation id');
      const at = new Date(engine.now()).toISOString();
      const result = await readModifyWrite<Installation>(engine, policy, {
        what: 'mark the installation inactive',
        key: installationKey(conversationId),
        change: async (current) =>
          current?.active
            ? parseRecord(installationSchema, { ...current, active: false, updatedAt: at }, 'installation')
            : undefined,
        toItem: (value) => ({ value }),
      });
      return result !== undefined;
    },

    markInstallationRemoved: (input) =>
      writeInstallation(input, 'record the removal', removedInstallation, 'The removal was not saved'),

    async deleteInstallation(conversationId, condition) {
      validId(conversationId, 'conversation id');
      const before = condition ? validInstant(condition.removedBefore, 'removal time') : undefined;
      const key = installationKey(conversationId);
      if (before === undefined) return engine.delete(key);
      // Checked on a read, deleted only at that read's version: if the app was added back in
      // between (the record rewritten), the delete fails and the installation is kept.
      const found = await engine.read<Installation>(key);
      if (!found || !removedBefore(found.value, before)) return false;
      return engine.delete(key, found.version);
    },

    listInstallations: (request) => listInstallations(engine, request),
  };
}

/**
 * One page of installations. Installations are spread over one partition per conversation, so this
 * scans every one (it runs from the scheduler and the sweep, not from turns). The filters are applied
 * to each scanned page, and scanning goes on until the page is full or the scan ends; each scan asks
 * for no more than the page still lacks, so the engine's token is always exactly where to go on.
 */
async function listInstallations(
  engine: StorageEngine,
  options: ListInstallationsOptions | undefined,
): Promise<Page<Installation>> {
  const pageSize = validPageSize(options);
  const before = options?.removedBefore !== undefined ? validInstant(options.removedBefore, 'removal time') : undefined;
  const wanted = (installation: Installation) =>
    (!options?.activeOnly || installation.active) && (before === undefined || removedBefore(installation, before));
  const items: Installation[] = [];
  let token = options?.continuationToken || undefined;
  do {
    const page = await engine.scan<Installation>(KIND, {
      pageSize: pageSize - items.length,
      ...(token ? { continuationToken: token } : {}),
    });
    items.push(...page.items.map((item) => item.value).filter(wanted));
    token = page.continuationToken;
  } while (token && items.length < pageSize);
  return token ? { items, continuationToken: token } : { items };
}

/** An old installation record (its `data` is the Installation) as the item it is now. */
const importInstallation: LegacyImport = (record) => {
  const installation = parseRecord(installationSchema, record.data, 'installation');
  return [{ ...installationKey(installation.conversationId), value: installation }];
};

export const legacyImports: Record<string, LegacyImport> = { installation: importInstallation };
