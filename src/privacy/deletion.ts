// Deleting a person's data. The confirmation card carries a token that digests who asked, when,
// and exactly what there was to delete; confirming recomputes it from the store, so a card pressed
// by someone else, an old card (after 15 minutes), or a card drawn before anything changed (a new
// answer, a draft saved, a previous deletion) matches nothing and changes nothing.
//
// Roll-ups: a team's weekly roll-up counts every answer of that week, including the person's. For
// every week the person answered in, the roll-up is first rebuilt from the week's answers without
// theirs, then their records are deleted, then the roll-up is reconciled with the stored answers
// (the check-ins capability's own reconcileRollup). The first step means a failure half-way never
// leaves their answers counted after they are gone; the last brings in anything another person
// submitted meanwhile. Each step is idempotent, so "try again" is always safe.
//
// The records of the person's personal chats with the bot go too (the conversation address and
// their id). The chat they confirm in is recorded again when they next message the bot: it keeps
// what it needs to answer them, and nothing else.
import { createHash } from 'node:crypto';
import { reconcileRollup, rollupOf } from '../checkins/rollupContribution';
import { reconcileRound } from '../maturity/context';
import { rollupOfRound } from '../maturity/figures';
import type { IsoWeek, Mission } from '../domain';
import type { PrivacyStore } from './personData';
import type { PersonData } from './personData';

/** How long a confirmation card can be pressed. */
export const CONFIRM_WINDOW_MS = 15 * 60 * 1000;
/** Clock skew tolerated between instances for a card's issue time. */
const CLOCK_SKEW_MS = 60 * 1000;

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** What there is to delete, in a stable order: any change to it changes the token. */
function contentsOf(data: PersonData): unknown {
  return {
    checkIns: data.checkIns.map((record) => [record.teamId, record.mission, record.week, record.submittedAt]).sort(),
    drafts: data.drafts.map((draft) => [draft.teamId, draft.mission, draft.week, draft.updatedAt]).sort(),
    assessments: data.assessments.map((record) => [record.teamId, record.round, record.submittedAt]).sort(),
    assessmentDrafts: data.assessmentDrafts.map((draft) => [draft.teamId, draft.round, draft.updatedAt]).sort(),
    ownedActions: data.ownedActions.map((action) => [action.teamId, action.actionId]).sort(),
    leadOf: [...data.leadOf].sort(),
    personalChats: data.personalChats.map((chat) => chat.conversationId).sort(),
    knownTeams: data.knownTeams.map((team) => team.teamId).sort(),
    sharedExamples: data.sharedExamples.map((example) => [example.tenantId, example.id, example.status]).sort(),
  };
}

export function confirmationToken(data: PersonData, issuedAt: number): string {
  return digest({ purpose: 'privacy-delete', userId: data.userId, issuedAt, contents: contentsOf(data) });
}

export type TokenCheck = 'ok' | 'expired' | 'mismatch';

export function checkToken(data: PersonData, token: string, issuedAt: number, now: number): TokenCheck {
  if (issuedAt > now + CLOCK_SKEW_MS || now - issuedAt > CONFIRM_WINDOW_MS) return 'expired';
  return confirmationToken(data, issuedAt) === token ? 'ok' : 'mismatch';
}

export interface RollupKey {
  teamId: string;
  mission: Mission;
  week: IsoWeek;
}

export interface DeletionResult {
  checkIns: number;
  drafts: number;
  /** Self-assessments and their drafts. */
  assessments: number;
  assessmentDrafts: number;
  /** Rounds whose figures were recounted without the person's ratings. */
  roundsRecounted: number;
  /** Action plan items the person owned, left in their teams' plans without an owner. */
  actionsUnassigned: number;
  /** Records the store removed (may include expired ones not yet purged). */
  recordsDeleted: number;
  leadRolesRemoved: string[];
  rollupsRebuilt: RollupKey[];
  /** Records of the person's personal chats with the bot that were deleted. */
  personalChats: number;
  /** Wins the person offered to their organisation, shared or not, that were deleted. */
  sharedExamples: number;
}

function affectedRollups(data: PersonData): RollupKey[] {
  const keys = new Map<string, RollupKey>();
  for (const record of data.checkIns)
    keys.set(JSON.stringify([record.teamId, record.mission, record.week]), {
      teamId: record.teamId,
      mission: record.mission,
      week: record.week,
    });
  return [...keys.values()].sort((a, b) => (a.teamId + a.week + a.mission < b.teamId + b.week + b.mission ? -1 : 1));
}

/** The roll-up of the week's answers from everyone but `userId`; read inside the mutator, so a retry re-reads. */
async function rebuildWithout(store: PrivacyStore, key: RollupKey, userId: string): Promise<void> {
  await store.applyToRollup(key.teamId, key.mission, key.week, async () => {
    const records = await store.listTeamCheckIns(key.teamId, key.week, key.mission);
    return rollupOf(
      key.teamId,
      key.mission,
      key.week,
      records.filter((record) => record.userId !== userId).map((record) => record.answers),
    );
  });
}

/**
 * The person's name and id come off the action plan items they own. The items are the team's (a
 * lead set them for the team's plan), so they stay, without an owner, for a lead to give to someone
 * else or mark done. Read-modify-write per team, so an action added meanwhile is kept, and a retry
 * finds nothing left to change.
 */
async function unassignActions(store: PrivacyStore, data: PersonData): Promise<number> {
  let unassigned = 0;
  for (const teamId of [...new Set(data.ownedActions.map((action) => action.teamId))].sort()) {
    let changed = 0;
    await store.updateTeamMaturity(teamId, (current) => {
      changed = 0;
      const actions = current.actions.map((action) => {
        if (action.ownerUserId !== data.userId) return action;
        changed += 1;
        const { ownerUserId: _id, ownerName: _name, ...unowned } = action;
        return unowned;
      });
      return { ...current, actions };
    });
    unassigned += changed;
  }
  return unassigned;
}

/** Deletes what `data` lists (already checked against the token) and rebuilds the affected roll-ups. */
export async function deletePersonData(
  store: PrivacyStore,
  data: PersonData,
  installationDeleted?: (conversationId: string) => void,
): Promise<DeletionResult> {
  const rollups = affectedRollups(data);
  for (const key of rollups) await rebuildWithout(store, key, data.userId);
  // The same for maturity rounds: recounted without the person, then their ratings deleted, then
  // reconciled with what is stored (anyone who submitted meanwhile).
  const rounds = [...new Set(data.assessments.map((record) => JSON.stringify([record.teamId, record.round])))]
    .sort()
    .map((key) => JSON.parse(key) as [string, string]);
  for (const [teamId, round] of rounds)
    await store.updateTeamMaturity(teamId, async (current) => {
      const others = (await store.listRoundAssessments(teamId, round)).filter(
        (record) => record.userId !== data.userId,
      );
      return { ...current, rollups: { ...current.rollups, [round]: rollupOfRound(round, others) } };
    });
  const recordsDeleted =
    (await store.deletePersonRecords(data.userId)) + (await store.deletePersonAssessments(data.userId));
  for (const [teamId, round] of rounds) await reconcileRound(store, teamId, round);
  const actionsUnassigned = await unassignActions(store, data);
  const sharedExamples = await store.practice.deletePersonExamples(data.userId);
  const leadRolesRemoved: string[] = [];
  for (const teamId of data.leadOf) {
    // Never the last lead (checked before, and again here against a lead leaving at the same moment):
    // a team without one would be claimed by whoever added the app next.
    const updated = await store.updateTeamSettings(teamId, (settings) => {
      const leads = settings.leads.filter((lead) => lead !== data.userId);
      return leads.length === 0 ? settings : { ...settings, leads };
    });
    if (!updated.value.leads.includes(data.userId)) leadRolesRemoved.push(teamId);
  }
  for (const key of rollups) await reconcileRollup(store, key.teamId, key.mission, key.week);
  // Last, the record of their personal chat (its address and their id). The chat they are in now
  // is recorded again when they next message the bot: it keeps only what it needs to answer.
  let personalChats = 0;
  for (const chat of data.personalChats) {
    if (await store.deleteInstallation(chat.conversationId)) personalChats += 1;
    installationDeleted?.(chat.conversationId);
  }
  return {
    checkIns: data.checkIns.length,
    drafts: data.drafts.length,
    assessments: data.assessments.length,
    assessmentDrafts: data.assessmentDrafts.length,
    roundsRecounted: rounds.length,
    actionsUnassigned,
    recordsDeleted,
    leadRolesRemoved,
    rollupsRebuilt: rollups,
    personalChats,
    sharedExamples,
  };
}
