// The whole store: every kind of record, each written once on the engine, put together as the port
// the product uses. Which backend is underneath is openStore's choice; nothing here knows it.
import type { StorageEngine } from '../engine/engine';
import { DEFAULT_CONFLICT_POLICY } from '../optimisticRetry';
import type { FrameworkStore } from '../port';
import { createAwayRecords, legacyImports as awayImports } from './away';
import { createCheckInsRecords, legacyImports as checkInImports } from './checkIns';
import { createClaimsRecords, legacyImports as claimImports } from './claims';
import { createInstallationsRecords, legacyImports as installationImports } from './installations';
import { createMaturityRecords, legacyImports as maturityImports } from './maturity';
import { createPersonTeamsRecords, legacyImports as personTeamsImports } from './personTeams';
import { createPracticeRecords, legacyImports as practiceImports } from './practice';
import type { LegacyImport, RecordOptions } from './shared';
import { createTeamSettingsRecords, legacyImports as settingsImports } from './teamSettings';

export function createRecordStore(engine: StorageEngine, options: Partial<RecordOptions> = {}): FrameworkStore {
  const recordOptions: RecordOptions = { conflictPolicy: options.conflictPolicy ?? DEFAULT_CONFLICT_POLICY };
  return {
    ...createInstallationsRecords(engine, recordOptions),
    ...createTeamSettingsRecords(engine, recordOptions),
    ...createCheckInsRecords(engine, recordOptions),
    ...createAwayRecords(engine, recordOptions),
    ...createPersonTeamsRecords(engine, recordOptions),
    ...createClaimsRecords(engine, recordOptions),
    ...createMaturityRecords(engine, recordOptions),
    practice: createPracticeRecords(engine, recordOptions),
    checkWritable: () => engine.checkWritable(),
    close: () => engine.close(),
  };
}

/** How every record module files its records of the earlier layouts (store/records/legacy.ts). */
export const LEGACY_IMPORTS: Readonly<Record<string, LegacyImport>> = {
  ...installationImports,
  ...settingsImports,
  ...checkInImports,
  ...awayImports,
  ...personTeamsImports,
  ...claimImports,
  ...maturityImports,
  ...practiceImports,
};
