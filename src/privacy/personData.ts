// Everything the bot keeps about one person, read from the store: their check-in answers and
// unfinished drafts in every team, their self-assessments, the action plan items they own, the
// record of their personal chat with the bot (the conversation reference the bot needs to message
// them), and the teams where they are named as a check-in lead.
// Roll-ups are team totals with no user ids in them, so they are not personal data on their own;
// deleting a person rebuilds them without that person's answers (see deletion.ts).
import type {
  AssessmentDraft,
  AssessmentRecord,
  AwayRecord,
  CheckInDraft,
  CheckInRecord,
  Installation,
} from '../domain';
import type { FrameworkStore } from '../store/port';
import type { PracticeExample } from '../store/practicePort';
import { everyPage } from '../store/paging';

/** The part of the store the privacy capability uses (showing, exporting and deleting a person's data). */
export type PrivacyStore = Pick<
  FrameworkStore,
  | 'listInstallations'
  | 'getTeamSettings'
  | 'updateTeamSettings'
  | 'listPersonRecords'
  | 'deletePersonRecords'
  | 'deleteInstallation'
  | 'listTeamCheckIns'
  | 'applyToRollup'
  | 'listPersonAssessments'
  | 'deletePersonAssessments'
  | 'listRoundAssessments'
  | 'updateTeamMaturity'
  | 'listTeamMaturity'
  | 'knownTeamsOf'
  | 'practice'
>;

/** Installations are few (one per team, group chat and personal chat); the scan stops here regardless. */
const MAX_INSTALLATIONS_SCANNED = 20_000;
const PAGE_SIZE = 500;

export interface PersonalChatRecord {
  conversationId: string;
  tenantId: string;
  active: boolean;
  installedAt: string;
  updatedAt: string;
}

/** An item on a team's action plan that names the person as its owner. */
export interface OwnedAction {
  teamId: string;
  actionId: string;
  title: string;
  /** The theme (enabler or principle id) it serves. */
  theme: string;
  /** 'YYYY-MM-DD'. */
  due: string;
  status: 'open' | 'done';
}

export interface PersonData {
  userId: string;
  checkIns: CheckInRecord[];
  drafts: CheckInDraft[];
  /** Time away the person told the bot about, per team. */
  away: AwayRecord[];
  /** Maturity self-assessments (ratings and notes), one per team and round. */
  assessments: AssessmentRecord[];
  /** Self-assessments started and not submitted. */
  assessmentDrafts: AssessmentDraft[];
  /** Items on teams' action plans the person owns (the items are the team's; the person is named on them). */
  ownedActions: OwnedAction[];
  personalChats: PersonalChatRecord[];
  /** Team (or group chat) ids whose settings name the person as a check-in lead. */
  leadOf: string[];
  /** The teams the person was seen in (the person → teams index that finds their teams for check-ins). */
  knownTeams: { teamId: string; seenAt: string }[];
  /** Wins the person offered to their organisation (store/practicePort.ts), whatever a lead decided. */
  sharedExamples: PracticeExample[];
}

/** The document a person downloads: everything in PersonData, with what it is and when it was made. */
export interface PersonDataExport extends PersonData {
  format: 'framework-guide-person-data';
  version: 1;
  exportedAt: string;
  notes: string[];
}

function allInstallations(store: PrivacyStore): Promise<Installation[]> {
  return everyPage((request) => store.listInstallations(request), PAGE_SIZE, MAX_INSTALLATIONS_SCANNED);
}

/** Where team settings may live: every team or group chat with the app, and every team the person answered in. */
function candidateTeams(installations: Installation[], records: { teamId: string }[]): string[] {
  const teams = new Set<string>();
  for (const installation of installations) {
    if (installation.kind !== 'personal') teams.add(installation.teamId ?? installation.conversationId);
  }
  for (const record of records) teams.add(record.teamId);
  return [...teams].sort();
}

/** Every team's action plan, in pages, for the items the person owns (one small record per team). */
async function actionsOwnedBy(store: PrivacyStore, userId: string): Promise<OwnedAction[]> {
  const teams = await everyPage((request) => store.listTeamMaturity(request), PAGE_SIZE);
  const owned = teams.flatMap((team) =>
    team.actions
      .filter((action) => action.ownerUserId === userId)
      .map((action) => ({
        teamId: team.teamId,
        actionId: action.id,
        title: action.title,
        theme: action.theme,
        due: action.due,
        status: action.status,
      })),
  );
  return owned.sort((a, b) => a.teamId.localeCompare(b.teamId) || a.due.localeCompare(b.due));
}

export async function gatherPersonData(store: PrivacyStore, userId: string): Promise<PersonData> {
  const records = await store.listPersonRecords(userId);
  const maturity = await store.listPersonAssessments(userId);
  const installations = await allInstallations(store);
  const personalChats = installations
    .filter((installation) => installation.kind === 'personal' && installation.reference.user.id === userId)
    .map(({ conversationId, tenantId, active, installedAt, updatedAt }) => ({
      conversationId,
      tenantId,
      active,
      installedAt,
      updatedAt,
    }));
  const leadOf: string[] = [];
  for (const teamId of candidateTeams(installations, [
    ...records.checkIns,
    ...records.drafts,
    ...maturity.assessments,
    ...maturity.drafts,
  ])) {
    const settings = await store.getTeamSettings(teamId);
    if (settings?.value.leads.includes(userId)) leadOf.push(teamId);
  }
  const knownTeams = (await store.knownTeamsOf(userId)).map(({ teamId, seenAt }) => ({ teamId, seenAt }));
  return {
    userId,
    checkIns: records.checkIns,
    drafts: records.drafts,
    away: records.away ?? [],
    assessments: maturity.assessments,
    assessmentDrafts: maturity.drafts,
    ownedActions: await actionsOwnedBy(store, userId),
    personalChats,
    leadOf,
    knownTeams,
    sharedExamples: await store.practice.listPersonExamples(userId),
  };
}

export function toExport(data: PersonData, at: Date): PersonDataExport {
  return {
    format: 'framework-guide-person-data',
    version: 1,
    exportedAt: at.toISOString(),
    ...data,
    notes: [
      'checkIns: your submitted check-in answers, one per team, mission and week, kept for the team’s retention period (ttl, in seconds after submittedAt).',
      'drafts: check-ins you started and have not submitted; they are dropped after ttl seconds.',
      'away: the time away you told Framework Guide about, per team (first and last day); kept until a year after the last day, so progress can count you as away.',
      'assessments: your maturity self-assessments, one per team and round: your level (1 to 5, or null when you skipped) and note for each theme. Kept until you delete them or the team’s data is deleted; your team sees only medians, and leads see notes without names.',
      'assessmentDrafts: self-assessments you started and have not submitted; dropped after two weeks.',
      'personalChats: the record of your personal chat with Framework Guide, which it needs to message you.',
      'leadOf: the teams whose check-in settings name you as a lead.',
      'ownedActions: the items on your teams’ action plans that a lead gave you to own (title, theme, due date, open or done). The plan names you on them (your name as Teams gave it). The items belong to the team: deleting your data takes your name off them and leaves them in the plan.',
      'knownTeams: the teams you were seen in (a message in the team, or its member list), so that "check in" finds your teams without asking Teams about every team with the app.',
      'sharedExamples: the wins you offered to your organisation from your check-ins (text, the parts of the framework, your team, your name only if you chose to show it), and whether a lead of your team approved or declined each. Approved ones are shown to everyone in your organisation until you or a lead withdraw them, an admin removes them, or your data or your team’s is deleted.',
      'Weekly roll-ups hold team totals only (no names or user ids); your answers are counted in them while the answers are kept.',
    ],
  };
}
