// The four containers and why each is partitioned the way it is. Every read a turn makes stays in
// one partition: a team's settings, answers, drafts and roll-ups share the team's partition; an
// installation is read by its conversation id; activity claims and leases by their own id.
import type { Container, ContainerDefinition, Database } from '@azure/cosmos';
import { PartitionKeyDefinitionVersion, PartitionKeyKind } from '@azure/cosmos';

export interface StoreContainers {
  teams: Container;
  installations: Container;
  activities: Container;
  leases: Container;
}

// Version 2 (hashed) partition keys accept values up to 2 KB; Teams conversation ids can be long.
const partitionedBy = (path: string) => ({
  paths: [path],
  kind: PartitionKeyKind.Hash,
  version: PartitionKeyDefinitionVersion.V2,
});

// defaultTtl -1 turns TTL on without expiring anything by default: only items that carry their own
// `ttl` (answers, drafts, activity claims, leases) are deleted by Cosmos DB.
const DEFINITIONS = {
  teams: { id: 'teams', partitionKey: partitionedBy('/teamId'), defaultTtl: -1 },
  installations: { id: 'installations', partitionKey: partitionedBy('/conversationId') },
  activities: { id: 'activities', partitionKey: partitionedBy('/id'), defaultTtl: -1 },
  leases: { id: 'leases', partitionKey: partitionedBy('/id'), defaultTtl: -1 },
} satisfies Record<keyof StoreContainers, ContainerDefinition & { id: string }>;

export function containersOf(database: Database): StoreContainers {
  return {
    teams: database.container(DEFINITIONS.teams.id),
    installations: database.container(DEFINITIONS.installations.id),
    activities: database.container(DEFINITIONS.activities.id),
    leases: database.container(DEFINITIONS.leases.id),
  };
}

/** Control-plane calls: only for identities allowed to create databases and containers. */
export async function createContainersIfMissing(database: Database, signal: AbortSignal): Promise<void> {
  for (const definition of Object.values(DEFINITIONS)) {
    await database.containers.createIfNotExists(definition, { abortSignal: signal });
  }
}
