// People's data: "my data" shows everything the bot keeps about the person and offers it as a
// download; "delete my data" asks for confirmation and then deletes it everywhere, taking their
// answers out of their teams' weekly roll-ups. Plain TypeScript: the Teams edge turns typed
// commands and card presses into these calls, and the replies back into messages, in-place card
// updates and (for the download) a file offer: in Teams, a file consent card; when the person
// accepts, the file is built again and saved to their OneDrive. Without the consent flow (the Agents
// Playground in local mode) the edge gives a short-lived link to the file instead (exportLinks.ts).
import { z } from 'zod';
import type { PrivacyStore } from './personData';
import { actionTable, patternCommand, type Registration } from '../turns/registration';
import { guarded, type FailureCards } from '../turns/guarded';
import type { CardMessageReply, FileOfferReply, TurnContextInfo, CardPlacement } from '../turns/types';
import { checkToken, confirmationToken, deletePersonData } from './deletion';
import { gatherPersonData, toExport, type PersonData, type PersonDataExport } from './personData';
import {
  cancelledCard,
  confirmDeleteCard,
  deletedCard,
  handOverFirstCard,
  fileDeclinedCard,
  fileFailedCard,
  myDataCard,
  personalChatOnlyCard,
  staleConfirmationCard,
  storeDownCard,
  unreadableCard,
} from './privacyCards';

export type { PersonDataExport } from './personData';

/** Every `action` value the privacy cards send; the router hands these to handleAction. */
export const PRIVACY_ACTIONS = ['privacy'] as const;

/** The download: the edge delivers `content` as a JSON file named `fileName`. */
export interface PrivacyFileReply {
  kind: 'file';
  audience: 'person';
  fileName: string;
  contentType: 'application/json';
  content: PersonDataExport;
  summary: string;
}

/** The offer of the data file (see FileOfferReply): what is offered is the person's export. */
export interface PrivacyFileOffer extends FileOfferReply {
  file: PrivacyFileReply;
}

export type PrivacyReply = CardMessageReply | PrivacyFileReply | PrivacyFileOffer;

/** What happened to a file offer: see TurnRequest `fileOffer`. */
export type FileOfferOutcome = 'accepted' | 'declined' | 'failed';

export interface Privacy {
  /** "my data" typed: the card listing what is kept, with Download and Delete buttons. */
  myData(context: TurnContextInfo): Promise<PrivacyReply[]>;
  /** "delete my data" typed: the confirmation card. */
  deleteMyData(context: TurnContextInfo): Promise<PrivacyReply[]>;
  /** Everything kept about `userId`, as the JSON document the person downloads. */
  exportPersonData(userId: string): Promise<PersonDataExport>;
  /** Any card data whose `action` is one of PRIVACY_ACTIONS: about the person alone, so it takes no team scope. */
  handleAction(context: TurnContextInfo, data: unknown): Promise<PrivacyReply[]>;
  /**
   * The person answered the offer of their data file: accepted (the file, built now), declined, or
   * accepted and the file could not be delivered (a card saying so, to try again).
   */
  fileOfferAnswered(context: TurnContextInfo, outcome: FileOfferOutcome): Promise<PrivacyReply[]>;
}

const actionSchema = z.discriminatedUnion('op', [
  z.object({ action: z.literal('privacy'), op: z.literal('myData') }),
  z.object({ action: z.literal('privacy'), op: z.literal('export') }),
  z.object({ action: z.literal('privacy'), op: z.literal('delete') }),
  z.object({ action: z.literal('privacy'), op: z.literal('cancelDelete') }),
  z.object({
    action: z.literal('privacy'),
    op: z.literal('confirmDelete'),
    token: z.string().regex(/^[0-9a-f]{32}$/),
    issuedAt: z.number().int().nonnegative(),
  }),
]);

/** The store down or too busy: the person can try again (every step is safe to repeat). */
const failureCards: FailureCards<PrivacyReply> = { storeDown: storeDownCard };

export interface PrivacyDependencies {
  store: PrivacyStore;
  now?: () => Date;
  /** Told of each installation record "delete my data" deleted, so nothing in memory counts it as still stored. */
  installationDeleted?: (conversationId: string) => void;
  /** The person's data was deleted: what is kept outside the store for them (download links) goes too. */
  personDeleted?: (userId: string) => void;
}

export function createPrivacy(deps: PrivacyDependencies): Privacy {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  // Team names are not stored; the card shows a short form of the team id.
  const names = new Map<string, string>();

  const exportPersonData = async (userId: string) => toExport(await gatherPersonData(store, userId), now());

  const showMyData = async (context: TurnContextInfo, delivery: CardPlacement) => [
    myDataCard(await gatherPersonData(store, context.userId), names, delivery),
  ];

  /** Teams whose only lead is this person: their data waits until someone else leads (see handOverFirstCard). */
  const ledAlone = async (data: PersonData): Promise<string[]> => {
    const alone: string[] = [];
    for (const teamId of data.leadOf) {
      const leads = (await store.getTeamSettings(teamId))?.value.leads ?? [];
      if (leads.length === 1 && leads[0] === data.userId) alone.push(teamId);
    }
    return alone;
  };

  const askToConfirm = async (context: TurnContextInfo, delivery: CardPlacement) => {
    const data = await gatherPersonData(store, context.userId);
    const alone = await ledAlone(data);
    if (alone.length > 0) return [handOverFirstCard(alone, delivery)];
    const issuedAt = now().getTime();
    return [confirmDeleteCard(data, confirmationToken(data, issuedAt), issuedAt, delivery)];
  };

  const dataFile = async (context: TurnContextInfo): Promise<PrivacyFileReply> => {
    const content = await exportPersonData(context.userId);
    return {
      kind: 'file',
      audience: 'person',
      fileName: `framework-guide-my-data-${content.exportedAt.slice(0, 10)}.json`,
      contentType: 'application/json',
      content,
      summary: `Your Framework Guide data: ${content.checkIns.length} answers, ${content.drafts.length} drafts`,
    };
  };

  /** The offer carries only its name; the file in it is for its size (and for clients that take files as they are). */
  const offerDownload = async (context: TurnContextInfo): Promise<PrivacyReply[]> => {
    const file = await dataFile(context);
    return [
      {
        kind: 'fileOffer',
        audience: 'person',
        offer: 'personData',
        description:
          'Everything Framework Guide keeps about you (check-ins, drafts, your chat with the bot and lead roles), as a JSON file.',
        summary: 'Your Framework Guide data is ready to download',
        file,
      },
    ];
  };

  const confirm = async (context: TurnContextInfo, token: string, issuedAt: number): Promise<PrivacyReply[]> => {
    const data = await gatherPersonData(store, context.userId);
    if (checkToken(data, token, issuedAt, now().getTime()) !== 'ok') return [staleConfirmationCard()];
    // Checked again here: the other leads may have gone since the card was drawn.
    const alone = await ledAlone(data);
    if (alone.length > 0) return [handOverFirstCard(alone, 'update')];
    const deleted = await deletePersonData(store, data, deps.installationDeleted);
    deps.personDeleted?.(context.userId);
    return [deletedCard(deleted, 'update')];
  };

  return {
    exportPersonData,

    myData: (context) =>
      context.conversationKind === 'personal'
        ? guarded(() => showMyData(context, 'new'), failureCards)
        : Promise.resolve([personalChatOnlyCard()]),

    deleteMyData: (context) =>
      context.conversationKind === 'personal'
        ? guarded(() => askToConfirm(context, 'new'), failureCards)
        : Promise.resolve([personalChatOnlyCard()]),

    async handleAction(context, data) {
      const parsed = actionSchema.safeParse(data);
      if (!parsed.success) return [unreadableCard()];
      // Someone's data is never shown in a channel or group chat, whatever card was pressed there.
      if (context.conversationKind !== 'personal') return [personalChatOnlyCard()];
      const action = parsed.data;
      switch (action.op) {
        case 'myData':
          return guarded(() => showMyData(context, 'update'), failureCards);
        case 'export':
          return guarded(() => offerDownload(context), failureCards);
        case 'delete':
          return guarded(() => askToConfirm(context, 'update'), failureCards);
        case 'cancelDelete':
          return [cancelledCard()];
        case 'confirmDelete':
          return guarded(() => confirm(context, action.token, action.issuedAt), failureCards);
      }
    },

    async fileOfferAnswered(context, outcome) {
      if (context.conversationKind !== 'personal') return [personalChatOnlyCard()];
      switch (outcome) {
        case 'accepted':
          return guarded(async () => [await dataFile(context)], failureCards);
        case 'declined':
          return [fileDeclinedCard()];
        case 'failed':
          return [fileFailedCard()];
      }
    },
  };
}

/** What privacy answers: "my data" and "delete my data" typed, and the privacy cards' buttons. */
export const privacyRegistration: Registration<Privacy> = {
  commands: [
    patternCommand(/^(show |see )?my data$/, (privacy, context) => privacy.myData(context), {
      title: 'my data',
      description: 'Everything the bot keeps about you, to see, download or delete',
      scopes: ['personal'],
    }),
    patternCommand(/^(delete|remove|erase) (all )?my data$/, (privacy, context) => privacy.deleteMyData(context)),
  ],
  // A person's own data: no button of these names a team, so the scope is not needed.
  actions: actionTable<Privacy>(PRIVACY_ACTIONS, (privacy, context, _scope, data) =>
    privacy.handleAction(context, data),
  ),
};
