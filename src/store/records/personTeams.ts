// The person → teams index: one item per person, in the person's own partition, listing the teams
// they were seen in, most recently seen first. It carries the person's ref, so "delete my data"
// finds it with the rest of their records.
import type { StorageEngine } from '../engine/engine';
import { MAX_KNOWN_TEAMS, type PersonTeamsPort } from '../port';
import { validId } from '../validation';
import { z } from 'zod';
import { knownTeamSchema, type KnownTeam } from '../../domain/records/knownTeam';
import { parseRecord, partitions, readModifyWrite, refs, type LegacyImport, type RecordOptions } from './shared';
import { forEachLimited } from '../forEachLimited';

/** The kind "delete my data" looks for by the person's ref. */
export const PERSON_TEAMS_KIND = 'personTeams';
/** A person's partition holds their one index item. */
const ID = 'teams';
/** People noted at once: each is its own read-modify-write, so a roster of hundreds neither crawls nor floods. */
const NOTE_CONCURRENCY = 8;

const knownTeamsSchema = z.array(knownTeamSchema).max(MAX_KNOWN_TEAMS);

function indexKey(userId: string) {
  return { partition: partitions.person(userId), kind: PERSON_TEAMS_KIND, id: ID };
}

/** Most recently seen first; teams seen at the same instant in id order, so every read agrees. */
function newestFirst(teams: readonly KnownTeam[]): KnownTeam[] {
  return [...teams].sort((a, b) =>
    a.seenAt !== b.seenAt ? (a.seenAt > b.seenAt ? -1 : 1) : a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0,
  );
}

export function createPersonTeamsRecords(engine: StorageEngine, options: RecordOptions): PersonTeamsPort {
  /** One read-modify-write of a person's index; a person never seen gets no item for a change that leaves nothing. */
  async function changeKnownTeams(what: string, userId: string, change: (teams: KnownTeam[]) => KnownTeam[]) {
    await readModifyWrite<KnownTeam[]>(engine, options.conflictPolicy, {
      what,
      key: indexKey(userId),
      change: async (current) => {
        if (current === undefined && change([]).length === 0) return undefined;
        return parseRecord(knownTeamsSchema, change(current ?? []), "a person's teams");
      },
      toItem: (value) => ({ value, refs: [refs.person(userId)] }),
    });
  }

  return {
    async noteTeamMembers(teamId, tenantId, userIds) {
      validId(teamId, 'team id');
      validId(tenantId, 'tenant id');
      userIds.forEach((userId) => validId(userId, 'user id'));
      const seen: KnownTeam = { teamId, tenantId, seenAt: new Date(engine.now()).toISOString() };
      // Beyond the limit, the teams a person was seen in longest ago make room.
      const noted = (teams: KnownTeam[]) =>
        newestFirst([seen, ...teams.filter((team) => team.teamId !== teamId)]).slice(0, MAX_KNOWN_TEAMS);
      await forEachLimited([...new Set(userIds)], NOTE_CONCURRENCY, (userId) =>
        changeKnownTeams('note team members', userId, noted),
      );
    },

    async knownTeamsOf(userId) {
      validId(userId, 'user id');
      const found = await engine.read<KnownTeam[]>(indexKey(userId));
      return newestFirst(found?.value ?? []);
    },

    async forgetTeamMember(teamId, userId) {
      validId(teamId, 'team id');
      validId(userId, 'user id');
      await changeKnownTeams('forget a team member', userId, (teams) => teams.filter((team) => team.teamId !== teamId));
    },
  };
}

/**
 * An old index entry (its `data` the person's KnownTeam[]) as the item it is now. The old record was
 * filed under the person's hash, which is the same digest the person's partition and ref are made of.
 */
const importPersonTeams: LegacyImport = (record) => {
  if (record.personHash === undefined) throw new Error('An old person → teams record without its person hash');
  const teams = newestFirst(parseRecord(z.array(knownTeamSchema), record.data, "a person's teams")).slice(
    0,
    MAX_KNOWN_TEAMS,
  );
  const person = `person:${record.personHash}`;
  return [{ partition: person, kind: PERSON_TEAMS_KIND, id: ID, value: teams, refs: [person] }];
};

export const legacyImports: Record<string, LegacyImport> = { personTeams: importPersonTeams };
