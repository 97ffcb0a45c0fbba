// Practice shared across the council: a team's win from its check-in, approved by a lead of the team,
// becomes an example every team in the same organisation (tenant) can find beside the parts of the
// framework it shows. This file is the capability as the router sees it: typed commands ("practice",
// "practice on inclusion", "practice about online forms"), the verbs of its buttons, and the count
// the topic cards show. Nothing ever reads or shows another tenant's examples.
import { cleanText, ellipsised } from '../cards/plainText';
import type { AdaptiveCard } from '../cards/render';
import { StoreValidationError } from '../store/errors';
import type { PracticeExample } from '../store/practicePort';
import { guarded } from '../turns/guarded';
import { actionTable, patternCommand, type Registration } from '../turns/registration';
import type { CardMessageReply, TeamScope, TurnContextInfo } from '../turns/types';
import type { PracticeDeps } from './context';
import { listActionSchema, listExamples, listForNamedPart, searchExamples, type ListRequest } from './lists';
import { openOffer, submitOffer } from './offer';
import { isPart, partLabel } from './parts';
import { exampleCard, noticeReply, storeDownReply } from './practiceCards';
import { decide, openRemoval, remove, withdraw } from './review';

export type { NoteRecipient, PracticeNotes } from './context';

/** The verbs of the practice buttons (the check-in saved card's "Share this win" is one of them). */
export const PRACTICE_ACTIONS = [
  'practiceOffer',
  'practiceSubmit',
  'practiceApprove',
  'practiceDecline',
  'practiceWithdraw',
  'practiceRemoveForm',
  'practiceRemove',
  'practiceList',
] as const;

export interface Practice {
  /**
   * A press of one of PRACTICE_ACTIONS' buttons (inputs merged in, as Teams sends them), on the team
   * membership bound it to (`scope`), never on a team the data names.
   */
  handleAction(context: TurnContextInfo, scope: TeamScope | undefined, data: unknown): Promise<CardMessageReply[]>;
  /** A list typed: the newest, one part's, or a text search. */
  list(context: TurnContextInfo, request: ListRequest): Promise<CardMessageReply[]>;
  /** "practice on …": the part named in the person's words. */
  listNamed(context: TurnContextInfo, named: string): Promise<CardMessageReply[]>;
  /** How many approved examples of the tenant show a part (0 for anything that is not a part), for topic cards. */
  countFor(tenantId: string, topicId: string): Promise<number>;
  /** The examples of the tenant best matching `query` (the newest when empty), as message extension results. */
  shareResults(tenantId: string, query: string): Promise<SharedExample[]>;
}

/** A shared example as a message extension result: the list's preview, and the card inserted into the chat. */
export interface SharedExample {
  title: string;
  subtitle: string;
  preview: string;
  card: AdaptiveCard;
}

const PREVIEW_MAX_CHARS = 120;

function sharedExample(example: PracticeExample): SharedExample {
  const text = cleanText(example.text);
  return {
    title: `Shared practice: ${cleanText(example.teamName)}`,
    subtitle: example.parts.map(partLabel).join('; '),
    preview: ellipsised(text, PREVIEW_MAX_CHARS),
    card: exampleCard(example, { kind: 'shared' }),
  };
}

type PracticePress = (
  deps: PracticeDeps,
  context: TurnContextInfo,
  scope: TeamScope | undefined,
  data: unknown,
) => Promise<CardMessageReply[]>;

/** A list button: the newest, one part's, or a search, paged. */
const pressList: PracticePress = async (deps, context, _scope, data) => {
  const parsed = listActionSchema.safeParse(data);
  return parsed.success
    ? listExamples(deps, context, parsed.data)
    : [noticeReply('That button didn’t work', 'Type "practice" to see the newest examples.', { brief: true })];
};

/** Each button, by its verb; only offering a win acts on a team (the scope's). */
const PRESSES: Record<(typeof PRACTICE_ACTIONS)[number], PracticePress> = {
  practiceOffer: openOffer,
  practiceSubmit: submitOffer,
  practiceApprove: (deps, context, _scope, data) => decide(deps, context, data, 'approve'),
  practiceDecline: (deps, context, _scope, data) => decide(deps, context, data, 'decline'),
  practiceWithdraw: (deps, context, _scope, data) => withdraw(deps, context, data),
  practiceRemoveForm: (deps, context, _scope, data) => openRemoval(deps, context, data),
  practiceRemove: (deps, context, _scope, data) => remove(deps, context, data),
  practiceList: pressList,
};

/** The handler for a press's `action`; anything else is read as a list button, which refuses what it cannot read. */
function pressFor(data: unknown): PracticePress {
  const action = (data as { action?: unknown } | null)?.action;
  return typeof action === 'string' && Object.hasOwn(PRESSES, action)
    ? PRESSES[action as keyof typeof PRESSES]
    : pressList;
}

export function createPractice(deps: PracticeDeps): Practice {
  const cards = {
    storeDown: storeDownReply,
    // A continuation token that is not one of ours (an edited card): nothing to page through.
    others: [
      [
        StoreValidationError,
        () => noticeReply('That button didn’t work', 'Type "practice" to see the newest examples.', { brief: true }),
      ],
    ] as const,
  };
  return {
    handleAction: (context, scope, data) => guarded(() => pressFor(data)(deps, context, scope, data), cards),
    list: (context, request) => guarded(() => listExamples(deps, context, request), cards),
    listNamed: (context, named) => guarded(() => listForNamedPart(deps, context, named), cards),
    countFor: async (tenantId, topicId) => (isPart(topicId) ? deps.store.practice.countExamples(tenantId, topicId) : 0),
    shareResults: async (tenantId, query) => (await searchExamples(deps, tenantId, query)).map(sharedExample),
  };
}

/** What the text after a command's words is, as typed (the normalised text is lower case). */
function rest(text: string, pattern: RegExp): string {
  return text
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(pattern, '')
    .trim();
}

const SEARCH = /^\s*(?:practice|examples?)\s+about\s+/i;
const NAMED = /^\s*(?:(?:practice|examples?)\s+(?:on|of|for|in)|examples?\s+of)\s+/i;

/**
 * The typed commands: "practice" (also "examples", "shared practice"), "practice on inclusion" or
 * "examples of data" (a part by name or alias), "practice about online forms" (a text search).
 * Tried before knowledge, whose questions would otherwise take "examples of data". Only typed: the
 * command menu is full (ten a scope), and the help card names them.
 */
export const practiceRegistration: Registration<Practice> = {
  commands: [
    patternCommand(/^(shared )?(practice|examples)$/, (practice, context) => practice.list(context, {})),
    patternCommand(/^(practice|examples?) about .+$/, (practice, context, text) =>
      practice.list(context, { query: rest(text, SEARCH) }),
    ),
    patternCommand(/^((practice|examples?) (on|of|for|in)|examples? of) .+$/, (practice, context, text) =>
      practice.listNamed(context, rest(text, NAMED)),
    ),
  ],
  actions: actionTable<Practice>(PRACTICE_ACTIONS, (practice, context, scope, data) =>
    practice.handleAction(context, scope, data),
  ),
};
