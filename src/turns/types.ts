// The product's own view of a conversation turn. The Teams edge (src/teams) turns activities into
// these plain values and turns replies back into activities; nothing here knows about botbuilder.
import type { AdaptiveCard } from '../cards/render';
import type { JsonObject } from '../domain';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** Who is speaking, where, and when: what every capability may need to know about a turn. */
export interface TurnContextInfo {
  activityId: string;
  tenantId?: string;
  conversationId: string;
  conversationKind: ConversationKind;
  /** Channel-scoped user id (stable per bot); never a display name. */
  userId: string;
  /** Microsoft Entra object id, when Teams sends it. */
  userAadObjectId?: string;
  locale?: string;
  /** IANA time zone from the person's Teams client (clientInfo), checked at the edge; absent when missing or not a zone. */
  timeZone?: string;
  /** In a team channel: the team's id and name (the conversation id is the channel's). */
  teamId?: string;
  teamName?: string;
}

/**
 * The team a card action may act on, verified by src/membership before any capability sees the press:
 * the conversation's own team, or one on the person's roster. Card data is whatever the client sends,
 * so a capability takes the team from here, never from the data; a press that names no team has none.
 */
export interface TeamScope {
  readonly teamId: string;
}

export type TurnRequest =
  /** Free text typed by a person (mentions of the bot already removed). */
  | { kind: 'message'; text: string; context: TurnContextInfo }
  /** Data sent back by a card button; validated before use. */
  | { kind: 'cardAction'; data: unknown; context: TurnContextInfo }
  /** The app was added to a personal chat, team or group chat. */
  | { kind: 'installed'; context: TurnContextInfo }
  /**
   * The person answered a file offer: accepted it (build the file afresh), declined it, or accepted
   * it and the file could not be delivered (`failed`).
   */
  | {
      kind: 'fileOffer';
      offer: FileOfferKind;
      outcome: 'accepted' | 'declined' | 'failed';
      /** What the offer carried to make the file again (FileOfferReply `details`): untrusted, checked by its capability. */
      details?: unknown;
      context: TurnContextInfo;
    };

/**
 * Who a reply is for, set by the capability that makes it:
 * - 'everyone': anyone in the conversation may see it (topic answers, help, the team summary, prompt cards, plain notices);
 * - 'person': only the person it answers (check-in steps, their check-ins, their data);
 * - 'leads': only the team's leads (the overview, mission, outcome and attention cards, the lead roster).
 * The Teams edge sends every reply through one function (answer in src/teams), where this is enforced.
 */
export type Audience = 'everyone' | 'person' | 'leads';

/** What the delivery policy (src/teams/deliveryPolicy.ts) may need beside the audience. */
export interface Addressed {
  /** A few words that say nothing personal, naming what was sent to the personal chat ("your check-in"). */
  about?: string;
  /**
   * A short notice whose summary says it all (a refusal): answered to the person who pressed a button
   * in a shared conversation alone, instead of being sent to their personal chat.
   */
  brief?: boolean;
}

/** What the product says back. `summary` is the plain text shown in notifications and to screen readers. */
export interface CardReply extends Addressed {
  kind: 'card';
  audience: Audience;
  card: AdaptiveCard;
  summary: string;
}

/** Replaces the card the person pressed (in place), instead of posting a new message. */
export interface CardUpdateReply extends Addressed {
  kind: 'updateCard';
  audience: Audience;
  card: AdaptiveCard;
  summary: string;
}

/** A file for the person to download (their data export, a progress export, a quarterly report). */
export interface FileReply extends Addressed {
  kind: 'file';
  audience: Audience;
  fileName: string;
  /**
   * JSON files carry an object (written out indented); CSV files their text, byte order mark included;
   * Word documents their bytes.
   */
  contentType:
    'application/json' | 'text/csv' | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  content: object | string | Buffer;
  summary: string;
}

/** The files a person can be offered; the name is all an offer carries (no content, no user data). */
export type FileOfferKind = 'personData' | 'progressExport' | 'quarterlyReport';

/**
 * A file the person must accept before it is sent (in Teams, the file consent card). When they
 * accept, the file is built again (so it is current) through a `fileOffer` request. `file` is the
 * file as it is now: its size is shown on the offer, and clients with no consent step get it as it is.
 */
export interface FileOfferReply extends Addressed {
  kind: 'fileOffer';
  audience: Audience;
  offer: FileOfferKind;
  /** What the file is, shown with the offer. */
  description: string;
  summary: string;
  file: FileReply;
  /**
   * What making the file again needs beyond the person (the quarterly report's team, quarter and
   * title), carried by Teams' consent card and back: never personal, and checked again on its return.
   */
  details?: JsonObject;
}

/** A reply that is a card, new or in place of the pressed one. */
export type CardMessageReply = CardReply | CardUpdateReply;

export type Reply = CardMessageReply | FileReply | FileOfferReply;

/**
 * Where a capability's card reply goes in the conversation: a new message, or in place of the card
 * whose button was pressed. (How a reply then reaches Teams, posted, updated or sent to the personal
 * chat, is the edge's delivery: src/teams/deliveryPolicy.ts.)
 */
export type CardPlacement = 'new' | 'update';
