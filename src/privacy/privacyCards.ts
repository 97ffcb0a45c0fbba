// The privacy cards, drawn from templates in cards/privacy*.json. Buttons are Action.Execute with
// an Action.Submit fallback carrying the same data, as on every other card.
import { renderNotice, type NoticeLink, type NoticeStyle } from '../cards/notice';
import { renderCard } from '../cards/render';
import { missionName } from '../checkins/checkinCards';
import { weekLabel } from '../calendar/weeks';
import { roundLabel } from '../maturity/rounds';
import { themeName } from '../maturity/themes';
import type { JsonObject } from '../domain';
import type { CardMessageReply, CardPlacement } from '../turns/types';
import type { DeletionResult } from './deletion';
import type { PersonData } from './personData';
import { withoutThread } from '../turns/conversationTeam';
import { cleanText } from '../cards/plainText';
import { leadsPayload } from '../cards/progressPayloads';

/** The card lists this many lines per section at most; the download has everything. */
const MAX_LINES = 12;

interface Button {
  title: string;
  verb: string;
  style: 'positive' | 'destructive' | 'default';
  payload: JsonObject;
}

export function privacyPayload(op: string, extra: JsonObject = {}): JsonObject & { action: 'privacy' } {
  return { action: 'privacy', op, ...extra };
}

function button(title: string, payload: JsonObject & { action: string }, style: Button['style'] = 'default'): Button {
  return { title, verb: payload.action, style, payload };
}

function reply(card: ReturnType<typeof renderCard>, summary: string, delivery: CardPlacement): CardMessageReply {
  // Everything these cards show is the person's own (their data, its deletion, its download).
  return { kind: delivery === 'new' ? 'card' : 'updateCard', audience: 'person', about: 'your data', card, summary };
}

/** Team ids are long and opaque; show the end, which is what differs between teams. */
function teamLabel(teamId: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(teamId);
  if (name) return cleanText(name);
  const id = withoutThread(teamId);
  return `team …${id.slice(-18)}`;
}

function capped(lines: string[], more: (count: number) => string): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), more(lines.length - MAX_LINES)];
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function myDataCard(
  data: PersonData,
  names: ReadonlyMap<string, string>,
  delivery: CardPlacement,
): CardMessageReply {
  const title = 'What Framework Guide keeps about you';
  const nothing =
    data.checkIns.length === 0 &&
    data.drafts.length === 0 &&
    data.away.length === 0 &&
    data.assessments.length === 0 &&
    data.assessmentDrafts.length === 0 &&
    data.ownedActions.length === 0 &&
    data.personalChats.length === 0 &&
    data.leadOf.length === 0 &&
    data.knownTeams.length === 0 &&
    data.sharedExamples.length === 0;
  const intro = nothing
    ? 'Nothing: there are no check-ins, drafts or roles stored for you.'
    : 'Everything stored under your Teams account, in every team. Download it for the full detail, or delete it.';
  const sections = [
    {
      heading: `Check-in answers (${data.checkIns.length})`,
      description: 'What you answered, kept for each team’s retention period.',
      lines: capped(
        data.checkIns.map(
          (record) => `${missionName(record.mission)} · ${weekLabel(record.week)} · ${teamLabel(record.teamId, names)}`,
        ),
        (count) => `…and ${count} more (in the download)`,
      ),
    },
    {
      heading: `Unfinished check-ins (${data.drafts.length})`,
      description: 'Check-ins you started and did not submit; dropped after two weeks.',
      lines: capped(
        data.drafts.map(
          (draft) => `${missionName(draft.mission)} · ${weekLabel(draft.week)} · ${teamLabel(draft.teamId, names)}`,
        ),
        (count) => `…and ${count} more (in the download)`,
      ),
    },
    ...(data.away.length > 0
      ? [
          {
            heading: `Time away (${data.away.length})`,
            description: 'The days you said you were away, per team; kept until a year after the last day.',
            lines: capped(
              data.away.map((away) => `${away.from} to ${away.until} · ${teamLabel(away.teamId, names)}`),
              (count) => `…and ${count} more (in the download)`,
            ),
          },
        ]
      : []),
    {
      heading: `Self-assessments (${data.assessments.length})`,
      description:
        'Your maturity ratings and notes, one per team and round. Your team sees only medians; leads see notes without names.',
      lines: capped(
        data.assessments.map((record) => `${roundLabel(record.round)} · ${teamLabel(record.teamId, names)}`),
        (count) => `…and ${count} more (in the download)`,
      ),
    },
    {
      heading: `Unfinished self-assessments (${data.assessmentDrafts.length})`,
      description: 'Self-assessments you started and did not submit; dropped after two weeks.',
      lines: capped(
        data.assessmentDrafts.map((draft) => `${roundLabel(draft.round)} · ${teamLabel(draft.teamId, names)}`),
        (count) => `…and ${count} more (in the download)`,
      ),
    },
    ...(data.sharedExamples.length > 0
      ? [
          {
            heading: `Wins you shared with your organisation (${data.sharedExamples.length})`,
            description: 'Shown to everyone in your organisation once a lead approves them, until withdrawn.',
            lines: capped(
              data.sharedExamples.map(
                (example) => `${cleanText(example.text.slice(0, 80), { multiline: true })} · ${example.status}`,
              ),
              (count) => `…and ${count} more (in the download)`,
            ),
          },
        ]
      : []),
    ...(data.ownedActions.length > 0
      ? [
          {
            heading: `Actions you own (${data.ownedActions.length})`,
            description:
              'Items on your teams’ action plans that name you as owner. They belong to the team: deleting your data takes your name off them and leaves them in the plan.',
            lines: capped(
              data.ownedActions.map(
                (action) =>
                  `${cleanText(action.title)} · ${themeName(action.theme)} · due ${action.due} · ${action.status} · ${teamLabel(action.teamId, names)}`,
              ),
              (count) => `…and ${count} more (in the download)`,
            ),
          },
        ]
      : []),
    {
      heading: `Personal chat with the bot (${data.personalChats.length})`,
      description: 'The address of your chat with Framework Guide, so it can send you reminders.',
      lines: data.personalChats.map(
        (chat) => `Added ${chat.installedAt.slice(0, 10)}${chat.active ? '' : ' (removed)'}`,
      ),
    },
    {
      heading: `Teams you were seen in (${data.knownTeams.length})`,
      description: 'So that “check in” finds your teams without asking Teams about every team with the app.',
      lines: capped(
        data.knownTeams.map((team) => teamLabel(team.teamId, names)),
        (count) => `…and ${count} more (in the download)`,
      ),
    },
    {
      heading: `Check-in lead (${data.leadOf.length})`,
      description: 'Teams whose check-in settings name you as a lead.',
      lines: capped(
        data.leadOf.map((teamId) => teamLabel(teamId, names)),
        (count) => `…and ${count} more`,
      ),
    },
  ].filter((section) => !nothing || section.lines.length > 0);
  const buttons = nothing
    ? []
    : [
        button('Download my data', privacyPayload('export'), 'positive'),
        button('Delete my data', privacyPayload('delete'), 'destructive'),
      ];
  const card = renderCard('privacyMyData', {
    title,
    intro,
    sections,
    footer:
      'Team roll-ups hold totals only, with no names; your answers are counted in them while the answers are kept.',
    buttons,
  });
  return reply(
    card,
    nothing
      ? `${title}: nothing`
      : `${title}: ${plural(data.checkIns.length, 'answer', 'answers')}, ${plural(data.drafts.length, 'draft', 'drafts')}`,
    delivery,
  );
}

export function confirmDeleteCard(
  data: PersonData,
  token: string,
  issuedAt: number,
  delivery: CardPlacement,
): CardMessageReply {
  const title = 'Delete your Framework Guide data?';
  const message = 'This cannot be undone. Your answers will also be taken out of your teams’ weekly totals.';
  const items = [
    plural(data.checkIns.length, 'check-in answer', 'check-in answers'),
    plural(data.drafts.length, 'unfinished check-in', 'unfinished check-ins'),
    data.leadOf.length === 0
      ? 'no check-in lead roles'
      : `your check-in lead role in ${plural(data.leadOf.length, 'team', 'teams')}`,
    data.personalChats.length === 0
      ? 'no personal chat record'
      : 'the record of your personal chat with the bot (its address, for replies and reminders)',
    ...(data.sharedExamples.length > 0
      ? [`${plural(data.sharedExamples.length, 'win', 'wins')} you offered to your organisation, shared or not`]
      : []),
    ...(data.ownedActions.length > 0
      ? [
          `your name on ${plural(data.ownedActions.length, 'action', 'actions')} you own on your teams’ action plans (the actions stay in the plans, without an owner)`,
        ]
      : []),
  ];
  const card = renderCard('privacyConfirmDelete', {
    title,
    message,
    items,
    listHeading: 'This will delete:',
    kept: 'Framework Guide keeps only what it needs to answer you: when you next message it, it records this chat again. This confirmation works for 15 minutes.',
    buttons: [
      button('Yes, delete my data', privacyPayload('confirmDelete', { token, issuedAt }), 'destructive'),
      button('Cancel', privacyPayload('cancelDelete')),
    ],
  });
  return reply(card, title, delivery);
}

/**
 * "Delete my data" from a team's only lead: refused until someone else leads the team, so its
 * progress is never left with nobody to see it, nor claimable by whoever adds the app next. The
 * card offers each team's lead roster (the lead picks a successor there); an admin can appoint one too.
 */
export function handOverFirstCard(teamIds: readonly string[], delivery: CardPlacement): CardMessageReply {
  const title = 'Choose another lead first';
  const teams = teamIds.length === 1 ? 'a team' : `${teamIds.length} teams`;
  const message = `You are the only check-in lead of ${teams}. Before your data can be deleted, add another lead from the team’s members, so the team’s progress stays with someone. Nothing has been deleted.`;
  // Team names are not stored, and an id means nothing to a person: one team is "this team", several
  // are told apart by number, each with its own button to that team's lead roster.
  const label = (index: number) => (teamIds.length === 1 ? 'this team' : `team ${index + 1}`);
  const card = renderCard('privacyConfirmDelete', {
    title,
    message,
    items: teamIds.map((_teamId, index) => label(index)),
    listHeading: teamIds.length === 1 ? 'The team you lead alone:' : 'Teams you lead alone:',
    kept: 'Once another lead is added, type "delete my data" again. If nobody else can lead the team, your organisation’s Framework Guide admin can appoint a lead.',
    buttons: [
      ...teamIds
        .slice(0, 5)
        .map((teamId, index) =>
          button(
            teamIds.length === 1 ? 'Choose a new lead' : `Choose a new lead for ${label(index)}`,
            leadsPayload('open', teamId),
            'positive',
          ),
        ),
      button('Cancel', privacyPayload('cancelDelete')),
    ],
  });
  return reply(card, title, delivery);
}

export function deletedCard(result: DeletionResult, delivery: CardPlacement): CardMessageReply {
  const title = 'Your data has been deleted';
  const message =
    'Framework Guide no longer keeps your check-ins, self-assessments, drafts, lead roles or the record of your personal chat, and your teams’ weekly totals and maturity figures have been recounted without your answers.';
  const card = renderCard('privacyDeleted', {
    title,
    message,
    facts: [
      { label: 'Check-in answers', value: String(result.checkIns) },
      { label: 'Unfinished check-ins', value: String(result.drafts) },
      { label: 'Self-assessments', value: String(result.assessments + result.assessmentDrafts) },
      { label: 'Maturity rounds recounted', value: String(result.roundsRecounted) },
      { label: 'Actions no longer in your name', value: String(result.actionsUnassigned) },
      { label: 'Lead roles removed', value: String(result.leadRolesRemoved.length) },
      { label: 'Weekly totals recounted', value: String(result.rollupsRebuilt.length) },
      { label: 'Personal chat records', value: String(result.personalChats) },
      { label: 'Wins shared with your organisation', value: String(result.sharedExamples) },
    ],
    kept: 'Framework Guide keeps only what it needs to answer you: when you next message it, it records this chat again, and if you check in again, new answers are kept as before.',
  });
  return reply(
    card,
    `${title}: ${plural(result.checkIns, 'answer', 'answers')}, ${plural(result.drafts, 'draft', 'drafts')}`,
    delivery,
  );
}

export function noticeCard(
  title: string,
  message: string,
  options: { style?: NoticeStyle; buttons?: Button[]; links?: NoticeLink[]; delivery?: CardPlacement } = {},
): CardMessageReply {
  return reply(renderNotice(title, message, options), `${title}. ${message}`, options.delivery ?? 'new');
}

export function staleConfirmationCard(): CardMessageReply {
  return noticeCard(
    'That confirmation is out of date',
    'Nothing was deleted. The card is older than 15 minutes, your data has changed since it was shown, or it is not yours. Ask again to see what would be deleted now.',
    { style: 'warning', buttons: [button('Delete my data', privacyPayload('delete'))], delivery: 'update' },
  );
}

export function cancelledCard(): CardMessageReply {
  return noticeCard('Nothing was deleted', 'Your data is as it was.', {
    buttons: [button('See my data', privacyPayload('myData'))],
    delivery: 'update',
  });
}

export function personalChatOnlyCard(): CardMessageReply {
  return noticeCard(
    'Let’s do this in private',
    'Your data is only shown or deleted in your personal chat with Framework Guide. Open the chat with the app and type "my data".',
  );
}

export function unreadableCard(): CardMessageReply {
  return noticeCard(
    "That button didn't work",
    'The card it came from may be out of date or damaged. Type "my data" to start again.',
    { style: 'warning' },
  );
}

export function storeDownCard(): CardMessageReply {
  return noticeCard(
    'Sorry, that couldn’t be done',
    'Something went wrong on our side. Please try again in a moment: trying again is always safe, and nothing is deleted twice.',
    { style: 'attention', buttons: [button('See my data', privacyPayload('myData'))] },
  );
}

/** The person declined the file in Teams: nothing was sent, and they can ask for it again. */
export function fileDeclinedCard(): CardMessageReply {
  return noticeCard(
    'Nothing was sent',
    'You declined the file, so it was not saved to your OneDrive. You can download your data whenever you like.',
    {
      buttons: [button('Download my data', privacyPayload('export'))],
    },
  );
}

/** The person accepted the file but it could not be saved to their OneDrive. */
export function fileFailedCard(): CardMessageReply {
  return noticeCard(
    'Your data file could not be sent',
    'Something went wrong while saving it to your OneDrive, so no file was sent. Please try again: press "Download my data" to get a new file.',
    { style: 'attention', buttons: [button('Download my data', privacyPayload('export'))] },
  );
}

/**
 * The data file as a download link, where Teams' file consent flow is not available (the Agents
 * Playground in local mode): the link is served by this bot and works for `minutes`.
 */
export function fileLinkCard(url: string, minutes: number, fileName = ''): CardMessageReply {
  // The same link serves a lead's progress export (CSV) and quarterly report (Word); the card says which file it is.
  const [title, what] = /\.csv$/i.test(fileName)
    ? ['Your progress export is ready', 'Your teams’ weekly progress, as a CSV file for Excel or Power BI.']
    : /\.docx$/i.test(fileName)
      ? ['Your quarterly report is ready', 'The quarterly report, as a Word document.']
      : ['Your data file is ready', 'Everything Framework Guide keeps about you, as a JSON file.'];
  return noticeCard(title, `${what} The link works for ${minutes} minutes, only from this computer's bot.`, {
    style: 'good',
    links: [{ title: 'Open the file', url }],
  });
}

/** Neither Teams' file consent flow nor a local download link is available where the person asked. */
export function fileUnavailableCard(): CardMessageReply {
  return noticeCard(
    'Your data file can’t be sent here',
    'Downloads work in Teams, in your personal chat with Framework Guide: type "my data" there and press "Download my data".',
    { style: 'warning' },
  );
}
