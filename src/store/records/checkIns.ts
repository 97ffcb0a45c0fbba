// Check-in answers and drafts, filed in the team's partition beside the weekly roll-ups (rollups.ts)
// so that an answer and its roll-up can land in one batch. An answer's or draft's id is
// `${week}|${mission}|${digest(userId)}`: "this week's answers, maybe of one mission" is one prefix
// query, and "everyone else's answers for this roll-up" is the same query.
import {
  checkInDraftSchema,
  checkInKeySchema,
  checkInRecordSchema,
  checkInSubmissionSchema,
  draftInputSchema,
  isoWeekSchema,
  missionSchema,
  recordIdSchema,
  type CheckInDraft,
  type CheckInKey,
  type CheckInRecord,
  type WeeklyRollup,
} from '../../domain/records/checkIn';
import type { AwayRecord } from '../../domain/records/away';
import type { IsoWeek, Mission, PersonRecords } from '../../domain';
import { DEFAULT_DRAFT_TTL_SECONDS } from '../defaults';
import type { ItemKey, ItemWrite, JsonValue, StorageEngine } from '../engine/engine';
import { LOST_RACE, retryOnConflict } from '../optimisticRetry';
import type { CheckInSubmission, CheckInsPort, DraftInput, RollupBuilder, SubmittedCheckIn } from '../port';
import { builtRollup, keyOf } from './rules';
import { AWAY_KIND } from './away';
import { PERSON_TEAMS_KIND } from './personTeams';
import { createRollupRecords, rollupKey, legacyRollupImports } from './rollups';
import {
  digest,
  parseRecord,
  partitions,
  refs,
  type LegacyImport,
  type LegacyRecord,
  type RecordOptions,
} from './shared';
import { forEachLimited } from '../forEachLimited';

export const ANSWER_KIND = 'answer';
export const DRAFT_KIND = 'draft';

/** Every kind a person's own records are filed as, for "my data" (all carry `refs.person`). */
export const PERSON_RECORD_KINDS = [ANSWER_KIND, DRAFT_KIND, AWAY_KIND] as const;

const SECONDS = 1000;
const DAY_SECONDS = 24 * 3600;
/** Deleting a person's records is one delete per item; a few at a time keeps the database responsive. */
const DELETE_CONCURRENCY = 8;

/** The ids of a team's answers (or drafts) of one week, and of one mission when given. */
function weekPrefix(week: IsoWeek, mission?: Mission): string {
  return mission === undefined ? `${week}|` : `${week}|${mission}|`;
}

function checkInItemKey(kind: typeof ANSWER_KIND | typeof DRAFT_KIND, key: CheckInKey): ItemKey {
  return {
    partition: partitions.team(key.teamId),
    kind,
    id: `${weekPrefix(key.week, key.mission)}${digest(key.userId)}`,
  };
}

function answerWrite(record: CheckInRecord, expiresAt: number): ItemWrite {
  const value = parseRecord(checkInRecordSchema, record, 'check-in');
  return { ...checkInItemKey(ANSWER_KIND, value), value, expiresAt, refs: [refs.person(value.userId)] };
}

function draftWrite(draft: CheckInDraft, expiresAt: number): ItemWrite {
  const value = parseRecord(checkInDraftSchema, draft, 'draft');
  return { ...checkInItemKey(DRAFT_KIND, value), value, expiresAt, refs: [refs.person(value.userId)] };
}

/** The answer record a submit writes, and when it expires: retentionDays after this write. */
function submittedAnswer(input: CheckInSubmission, now: number): { record: CheckInRecord; expiresAt: number } {
  const ttl = input.retentionDays * DAY_SECONDS;
  const record: CheckInRecord = {
    ...keyOf(input),
    kind: 'answer',
    answers: input.answers,
    submittedAt: new Date(now).toISOString(),
    ttl,
  };
  return { record, expiresAt: now + ttl * SECONDS };
}

/** Today's local store's order: a person's records by team, week and mission; a team's by person and mission. */
function compareBy<T>(...fields: ((value: T) => string)[]) {
  return (a: T, b: T): number => {
    for (const field of fields) {
      const [x, y] = [field(a), field(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** The ref is a hash: the user id inside the record is what makes it theirs. */
function isOf(value: unknown, userId: string): boolean {
  return typeof value === 'object' && value !== null && (value as { userId?: unknown }).userId === userId;
}

export function createCheckInsRecords(engine: StorageEngine, options: RecordOptions): CheckInsPort {
  const rollups = createRollupRecords(engine, options);

  /** Removes the draft; false when there was none (an expired one counts as none). */
  const deleteDraftItem = (key: CheckInKey) => engine.delete(checkInItemKey(DRAFT_KIND, key));

  return {
    ...rollups,

    async submitCheckInWithRollup(submission, build: RollupBuilder): Promise<SubmittedCheckIn> {
      const what = 'save the check-in and its roll-up';
      const input = parseRecord(checkInSubmissionSchema, submission, 'check-in');
      const key = keyOf(input);
      const { record, expiresAt } = submittedAnswer(input, engine.now());
      const answer = answerWrite(record, expiresAt);
      const rollupAt = rollupKey(key.teamId, key.mission, key.week);
      const rollup = await retryOnConflict(what, options.conflictPolicy, async () => {
        // The roll-up's version first, then the answers: any answer written since is written with a
        // roll-up change, which changes the version, so our batch fails and we read both again.
        const found = await engine.read<WeeklyRollup>(rollupAt);
        const stored = await engine.query<CheckInRecord>(ANSWER_KIND, answer.partition, {
          prefix: weekPrefix(key.week, key.mission),
        });
        const others = stored.filter((item) => item.id !== answer.id).map((item) => item.value.answers);
        // The stored shape (checked inside builtRollup) is the domain's roll-up by another name.
        const built: WeeklyRollup = builtRollup(key, build, [...others, input.answers]);
        const rollupItem = { ...rollupAt, value: built };
        // The conditional operation goes first: where it fails, nothing after it was applied, even
        // on a server that does not roll a failed batch back.
        const versions = await engine.batch(answer.partition, [
          found ? { op: 'replace', item: rollupItem, version: found.version } : { op: 'create', item: rollupItem },
          { op: 'upsert', item: answer },
        ]);
        // The roll-up's operation is the first, so the batch's first version is the one it wrote the roll-up at.
        return versions ? { value: built, etag: versions[0]! } : LOST_RACE;
      });
      // After the batch: the draft may be absent, which would fail a batch. A retried submit removes it.
      await deleteDraftItem(key);
      return { checkIn: record, rollup };
    },

    async getCheckIn(key) {
      const checked = keyOf(parseRecord(checkInKeySchema, key, 'check-in key'));
      return (await engine.read<CheckInRecord>(checkInItemKey(ANSWER_KIND, checked)))?.value;
    },

    async listTeamCheckIns(teamId, week, mission) {
      parseRecord(recordIdSchema, teamId, 'team id');
      parseRecord(isoWeekSchema, week, 'week');
      if (mission !== undefined) parseRecord(missionSchema, mission, 'mission');
      const items = await engine.query<CheckInRecord>(ANSWER_KIND, partitions.team(teamId), {
        prefix: weekPrefix(week, mission),
      });
      return items
        .map((item) => item.value)
        .sort(
          compareBy(
            (r) => r.userId,
            (r) => r.mission,
          ),
        );
    },

    async saveDraft(input: DraftInput) {
      const checked = parseRecord(draftInputSchema, input, 'draft');
      const ttl = checked.ttlSeconds ?? DEFAULT_DRAFT_TTL_SECONDS;
      const now = engine.now();
      const draft: CheckInDraft = {
        ...keyOf(checked),
        kind: 'draft',
        draft: checked.draft,
        updatedAt: new Date(now).toISOString(),
        ttl,
      };
      await engine.upsert(draftWrite(draft, now + ttl * SECONDS));
      return draft;
    },

    async getDraft(key) {
      const checked = keyOf(parseRecord(checkInKeySchema, key, 'check-in key'));
      return (await engine.read<CheckInDraft>(checkInItemKey(DRAFT_KIND, checked)))?.value;
    },

    async listPersonRecords(userId) {
      parseRecord(recordIdSchema, userId, 'user id');
      const items = await engine.findByRef<CheckInRecord | CheckInDraft | AwayRecord>(
        refs.person(userId),
        PERSON_RECORD_KINDS,
      );
      const records: PersonRecords = { checkIns: [], drafts: [] };
      const away: AwayRecord[] = [];
      for (const { value } of items) {
        if (!isOf(value, userId)) continue;
        if (value.kind === 'answer') records.checkIns.push(value);
        else if (value.kind === 'draft') records.drafts.push(value);
        else away.push(value);
      }
      const byTeamWeekMission = compareBy<CheckInKey>(
        (r) => r.teamId,
        (r) => r.week,
        (r) => r.mission,
      );
      records.checkIns.sort(byTeamWeekMission);
      records.drafts.sort(byTeamWeekMission);
      if (away.length > 0) records.away = away.sort(compareBy((r) => r.teamId));
      return records;
    },

    async deletePersonRecords(userId) {
      parseRecord(recordIdSchema, userId, 'user id');
      // Their person → teams index carries their ref too: it goes with them, but as before it is not
      // counted among their records.
      const items = await engine.findByRef<CheckInRecord | CheckInDraft | AwayRecord | JsonValue[]>(
        refs.person(userId),
        [...PERSON_RECORD_KINDS, PERSON_TEAMS_KIND],
      );
      const theirs = items.filter((item) => item.kind === PERSON_TEAMS_KIND || isOf(item.value, userId));
      let deleted = 0;
      // Each delete is atomic on its own; if the call is cut short, running it again finishes the job.
      await forEachLimited(theirs, DELETE_CONCURRENCY, async ({ partition, kind, id }) => {
        if ((await engine.delete({ partition, kind, id })) && kind !== PERSON_TEAMS_KIND) deleted += 1;
      });
      return deleted;
    },
  };
}

// ---- Legacy records ----------------------------------------------------------------------------

/** The old record's expiry, or (a record that had none written down) its own lifetime from its time. */
function legacyExpiry(record: LegacyRecord, stampedAt: string, ttlSeconds: number): number {
  return record.expiresAt ?? Date.parse(stampedAt) + ttlSeconds * SECONDS;
}

export const legacyImports: Record<string, LegacyImport> = {
  answer(record) {
    const answer = parseRecord(checkInRecordSchema, record.data, 'legacy check-in');
    return [answerWrite(answer, legacyExpiry(record, answer.submittedAt, answer.ttl))];
  },
  draft(record) {
    const draft = parseRecord(checkInDraftSchema, record.data, 'legacy draft');
    return [draftWrite(draft, legacyExpiry(record, draft.updatedAt, draft.ttl))];
  },
  ...legacyRollupImports,
};
