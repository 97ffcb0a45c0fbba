// How records sit in Cosmos DB: every item is an envelope with a `type`, the partition key field
// of its container at the top level, and the record itself under `data`, so one container can hold
// several kinds and mapping back is just `item.data`.
import { createHash } from 'node:crypto';
import type { AssessmentKey, CheckInKey, IsoWeek, Mission } from '../../domain';

type DocType =
  | 'installation'
  | 'settings'
  | 'answer'
  | 'draft'
  | 'rollup'
  | 'activity'
  | 'lease'
  | 'assessment'
  | 'assessmentDraft'
  | 'maturity'
  | 'personTeams'
  | 'away'
  | 'practiceExample';

export interface Envelope<T> {
  id: string;
  type: DocType;
  data: T;
  /** Epoch ms after which the record counts as gone, checked on read (see CosmosStore). */
  expiresAt?: number;
  /** Seconds after the last write when Cosmos DB deletes the item (containers have defaultTtl -1). */
  ttl?: number;
}

/** Items in the `teams` container, partitioned by /teamId. */
export interface TeamItem<T> extends Envelope<T> {
  teamId: string;
}

/** Items in the `installations` container, partitioned by /conversationId. */
export interface InstallationItem<T> extends Envelope<T> {
  conversationId: string;
}

// Cosmos DB ids may not contain '/', '\\', '?' or '#' and are limited to 255 characters, while
// Teams user ids and activity ids are long and not ours to constrain: hash those parts. The hash
// is deterministic, so a retried or repeated submit lands on the same item.
function digest(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Each conversation is its own partition, so its one item needs no distinguishing id. */
export const INSTALLATION_ID = 'installation';
export const SETTINGS_ID = 'settings';

export function checkInId(kind: 'answer' | 'draft', key: CheckInKey): string {
  return `${kind}-${digest([key.teamId, key.userId, key.mission, key.week])}`;
}

/** Mission ids and ISO weeks are our own safe strings, so roll-up ids stay readable. */
export function rollupId(mission: Mission, week: IsoWeek): string {
  return `rollup|${mission}|${week}`;
}

export const MATURITY_ID = 'maturity';

export function assessmentId(kind: 'assessment' | 'assessmentDraft', key: AssessmentKey): string {
  return `${kind}-${digest([key.teamId, key.userId, key.round])}`;
}

/** A person's entry in the person → teams index: one item each, in the `activities` container (partitioned by id). */
export function personTeamsId(userId: string): string {
  return `person-teams-${digest([userId])}`;
}

export function activityItemId(activityId: string): string {
  return `activity-${digest([activityId])}`;
}

/** One time-away record per team and person, in the team's partition. */
export function awayId(userId: string): string {
  return `away-${digest([userId])}`;
}
