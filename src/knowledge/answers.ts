// The knowledge capability as the Teams edge sees it: free text or a card button in, a card out.
// Everything behind these five functions (data, search, card data) may change without the edge
// noticing.
import { cardActionSchema } from '../turns/cardActions';
import { buttonDidNotWorkReply, noticeReply } from '../turns/guideCards';
import type { Registration } from '../turns/registration';
import type { CardReply, TurnContextInfo } from '../turns/types';
import { topicById, topics } from './framework';
import { listReply, noMatchReply, sharedTopicReply, topicReply, topicWithExamplesReply } from './replies';
import { rankTopics, resolveQuestion } from './search';
import type { FrameworkTopic, Topic, TopicKind } from './types';

const DEFAULT_SEARCH_LIMIT = 10;

/** Answers a typed question with a topic card, a list card, or the "not found" card. */
export function answerQuestion(text: string): CardReply {
  const resolution = resolveQuestion(text);
  switch (resolution.type) {
    case 'topic':
      return topicReply(resolution.topic);
    case 'list':
      return listReply(resolution.kind);
    case 'noMatch':
      return noMatchReply(resolution.suggestions);
  }
}

/** The card for a topic button; undefined for an id the framework does not have (e.g. a stale card). */
export function showTopic(topicId: string): CardReply | undefined {
  const topic = topicById(topicId);
  return topic ? topicReply(topic) : undefined;
}

/**
 * A topic's card for inserting into any conversation: no buttons that need the bot in that
 * conversation, and, when `askMoreUrl` is given, a link that opens a chat with the bot.
 */
export function shareTopic(topicId: string, askMoreUrl = ''): CardReply | undefined {
  const topic = topicById(topicId);
  return topic ? sharedTopicReply(topic, askMoreUrl) : undefined;
}

/** The card listing one kind of topic, or the whole framework. */
export function showList(kind: TopicKind | 'all'): CardReply {
  return listReply(kind);
}

/** Topics matching a query, best first; an empty query lists the framework in order. */
export function searchTopics(text: string, limit: number = DEFAULT_SEARCH_LIMIT): Topic[] {
  if (text.trim() === '') return topics.slice(0, Math.max(0, limit));
  return rankTopics(text, limit);
}

/** Every topic: outcomes, missions, enablers, then good practice principles, each in framework order. */
export function allTopics(): readonly Topic[] {
  return topics;
}

/** What the knowledge capability offers a turn; the functions above implement it, and createKnowledge adds counts. */
export interface KnowledgeAnswers {
  answerQuestion(text: string, context?: TurnContextInfo): CardReply | Promise<CardReply>;
  showTopic(topicId: string, context?: TurnContextInfo): CardReply | undefined | Promise<CardReply | undefined>;
  showList(kind: TopicKind | 'all'): CardReply;
}

/**
 * How many examples the turn's organisation (tenant) has shared for a part of the framework. The
 * practice capability counts them; app.ts passes the count in, so knowledge never imports practice.
 */
export type ExampleCount = (tenantId: string, topicId: string) => Promise<number>;

/**
 * The knowledge capability with each topic card saying how many examples the person's organisation
 * shared for it ("Shared in your organisation: 2 examples", with See examples). Without a count, or
 * when counting fails, the card is the plain one: a count is never worth failing an answer for.
 */
export function createKnowledge(options: { examples?: ExampleCount } = {}): KnowledgeAnswers {
  const { examples } = options;
  const withExamples = async (topic: FrameworkTopic, context: TurnContextInfo | undefined): Promise<CardReply> => {
    if (!examples || !context?.tenantId) return topicReply(topic);
    const count = await examples(context.tenantId, topic.id).catch(() => 0);
    return count > 0 ? topicWithExamplesReply(topic, count) : topicReply(topic);
  };
  return {
    answerQuestion: async (text, context) => {
      const resolution = resolveQuestion(text);
      return resolution.type === 'topic' ? withExamples(resolution.topic, context) : answerQuestion(text);
    },
    showTopic: async (topicId, context) => {
      const topic = topicById(topicId);
      return topic ? withExamples(topic, context) : undefined;
    },
    showList,
  };
}

/** A list's word, typed or sent by the manifest's command menu as it is, opens the list directly. */
function listCommand(
  word: string,
  kind: TopicKind | 'all',
  manifestDescription?: string,
): Registration<KnowledgeAnswers>['commands'][number] {
  return {
    matches: (normalised) => normalised === word,
    answer: (knowledge) => [knowledge.showList(kind)],
    ...(manifestDescription
      ? { manifest: { title: word, description: manifestDescription, scopes: ['personal', 'team', 'groupChat'] } }
      : {}),
  };
}

/**
 * What knowledge answers: the list commands and the topic and list buttons. Any other text is a
 * question, which the router gives answerQuestion once no registration claims it. The command menu
 * lists "framework" (every part, a button each) rather than the four lists: Teams allows ten commands
 * a scope, and the other six are things only the bot's commands can do.
 */
export const knowledgeRegistration: Registration<KnowledgeAnswers> = {
  commands: [
    listCommand(
      'framework',
      'all',
      "Every outcome, mission, enabler and principle: official definitions, and the guide's own summaries, marked",
    ),
    listCommand('outcomes', 'outcome'),
    listCommand('missions', 'mission'),
    listCommand('enablers', 'enabler'),
    listCommand('principles', 'principle'),
  ],
  actions: {
    showList(knowledge, _context, _scope, data) {
      const parsed = cardActionSchema.safeParse(data);
      return [
        parsed.success && parsed.data.action === 'showList'
          ? knowledge.showList(parsed.data.kind)
          : buttonDidNotWorkReply(),
      ];
    },
    async showTopic(knowledge, context, _scope, data) {
      const parsed = cardActionSchema.safeParse(data);
      if (!parsed.success || parsed.data.action !== 'showTopic') return [buttonDidNotWorkReply()];
      return [
        (await knowledge.showTopic(parsed.data.topicId, context)) ??
          noticeReply(
            'Topic not found',
            'I couldn\'t find that topic. It may have been renamed. Type "help" to see what I can do.',
          ),
      ];
    },
  },
};
