// The product's front door: one plain request in, the replies out. Everything the Teams edge
// receives comes through here, so every capability is reachable without botbuilder.
import { CHECKIN_ACTIONS, type Checkins } from '../checkins';
import { PRIVACY_ACTIONS, type Privacy } from '../privacy';
import { PROGRESS_ACTIONS, type Progress } from '../progress';
import { StoreUnavailableError } from '../store/errors';
import { cardActionSchema } from '../turns/cardActions';
import { conversationTeam } from '../turns/conversationTeam';
import { helpReply, noticeReply, welcomeReply } from '../turns/guideCards';
import type { TopicKind } from '../knowledge/types';
import type { CardReply, Reply, TurnContextInfo, TurnRequest } from '../turns/types';

/** What the knowledge capability offers a turn (src/knowledge/answers.ts implements it). */
export interface KnowledgeAnswers {
  answerQuestion(text: string): CardReply;
  showTopic(topicId: string): CardReply | undefined;
  showList(kind: TopicKind | 'all'): CardReply;
}

export interface TurnCapabilities {
  knowledge: KnowledgeAnswers;
  checkins: Checkins;
  progress: Progress;
  privacy: Privacy;
  /** The privacy notice as a card (what is kept, why, for how long, who sees it), with the settings the bot runs with. */
  privacyNotice(): CardReply;
  /**
   * Whoever adds the app to a team or group chat becomes its first lead; their Teams client's time
   * zone, when the activity carries one, becomes the team's default (see calendar/timeZoneDefault.ts).
   */
  recordFirstLead(teamId: string, userId: string, timeZone?: string): Promise<void>;
}

const HELP_WORDS = new Set([
  'help',
  '?',
  'hi',
  'hello',
  'hey',
  'start',
  'menu',
  'commands',
  'what can you do',
  'what can you do?',
]);
// The manifest's command list sends these words as they are; they open the lists directly.
const LIST_COMMANDS: Record<string, TopicKind> = {
  outcomes: 'outcome',
  missions: 'mission',
  enablers: 'enabler',
  principles: 'principle',
};

export async function handleTurn(request: TurnRequest, capabilities: TurnCapabilities): Promise<Reply[]> {
  try {
    return await route(request, capabilities);
  } catch (error) {
    // The store being down is not a bug: say so plainly, and keep everything else working.
    if (error instanceof StoreUnavailableError)
      return [
        noticeReply(
          "Couldn't save that",
          "I couldn't reach my storage just now, so nothing was saved. Please try again in a minute.",
        ),
      ];
    throw error;
  }
}

async function route(request: TurnRequest, capabilities: TurnCapabilities): Promise<Reply[]> {
  switch (request.kind) {
    case 'installed': {
      const { context } = request;
      if (context.conversationKind !== 'personal' && context.userId)
        await capabilities.recordFirstLead(conversationTeam(context), context.userId, context.timeZone);
      return [welcomeReply(context.conversationKind)];
    }
    case 'message':
      return answerText(request.text, request.context, capabilities);
    case 'cardAction':
      if (isActionOf(CHECKIN_ACTIONS, request.data))
        return capabilities.checkins.handleAction(request.context, request.data, teamOptions(request.context));
      if (isActionOf(PRIVACY_ACTIONS, request.data))
        return capabilities.privacy.handleAction(request.context, request.data);
      if (isActionOf(PROGRESS_ACTIONS, request.data))
        return capabilities.progress.handleAction(request.context, request.data, {
          teamName: request.context.teamName,
        });
      return [answerCardAction(request.data, capabilities)];
    case 'fileOffer':
      // The person's data file is the only file offered so far.
      return capabilities.privacy.fileOfferAnswered(request.context, request.outcome);
  }
}

function isActionOf(actions: readonly string[], data: unknown): boolean {
  const action = (data as { action?: unknown } | null)?.action;
  return typeof action === 'string' && actions.includes(action);
}

function teamOptions(context: TurnContextInfo): { teamId?: string; teamName?: string } {
  return { teamId: context.teamId, teamName: context.teamName };
}

// Typed commands for check-ins, in the forms people write them ("check in", "check-in", "checkin").
const CHECK_IN = /^(start (a )?)?check[ -]?in( now)?$/;
const MY_CHECK_INS = /^(show )?my check[ -]?ins?$/;
const SETTINGS = /^((team|check[ -]?in) )?settings$/;
const PROGRESS = /^((show|team|our) )?progress$/;
const MY_DATA = /^(show |see )?my data$/;
const DELETE_MY_DATA = /^(delete|remove|erase) (all )?my data$/;
const PRIVACY_NOTICE = /^((show|see|read) )?(the )?privacy( (notice|policy|statement))?$/;

/** Progress belongs to a team: in a channel or group chat, that one; in a personal chat, ask there. */
async function progressFor(context: TurnContextInfo, { progress }: TurnCapabilities): Promise<Reply[]> {
  if (context.conversationKind === 'personal') {
    return [
      noticeReply(
        'Progress is shown in your team',
        'Type "progress" in your team\'s channel (mention me first) or in the group chat, and I will show that team\'s progress.',
      ),
    ];
  }
  return progress.overview(context, conversationTeam(context), { teamName: context.teamName });
}

async function answerText(text: string, context: TurnContextInfo, capabilities: TurnCapabilities): Promise<Reply[]> {
  const { knowledge, checkins } = capabilities;
  const normalised = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ');
  if (normalised === '' || HELP_WORDS.has(normalised)) return [helpReply()];
  if (CHECK_IN.test(normalised)) return checkins.start(context, {}, teamOptions(context));
  if (MY_CHECK_INS.test(normalised)) return checkins.myCheckins(context, teamOptions(context));
  if (SETTINGS.test(normalised)) return checkins.settings(context, teamOptions(context));
  if (PROGRESS.test(normalised)) return progressFor(context, capabilities);
  if (MY_DATA.test(normalised)) return capabilities.privacy.myData(context);
  if (DELETE_MY_DATA.test(normalised)) return capabilities.privacy.deleteMyData(context);
  if (PRIVACY_NOTICE.test(normalised)) return [capabilities.privacyNotice()];
  const listKind = LIST_COMMANDS[normalised];
  if (listKind) return [knowledge.showList(listKind)];
  return [knowledge.answerQuestion(text)];
}

function answerCardAction(data: unknown, { knowledge, privacyNotice }: TurnCapabilities): Reply {
  const parsed = cardActionSchema.safeParse(data);
  if (!parsed.success) {
    return noticeReply(
      "That button didn't work",
      'The card it came from may be out of date. Type "help" to see what I can do.',
    );
  }
  const action = parsed.data;
  switch (action.action) {
    case 'help':
      return helpReply();
    case 'privacyNotice':
      return privacyNotice();
    case 'showList':
      return knowledge.showList(action.kind);
    case 'showTopic':
      return (
        knowledge.showTopic(action.topicId) ??
        noticeReply(
          'Topic not found',
          'I couldn\'t find that topic. It may have been renamed. Type "help" to see what I can do.',
        )
      );
  }
}
