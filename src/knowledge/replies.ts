// Builds the data for the knowledge cards (cards/topic.json, topicList.json, noMatch.json) and
// expands them with renderCard. Card layout lives in the templates; this file only decides what
// each card says, so wording and layout can change independently.
import { renderCard } from '../cards/render';
import type { CardReply } from '../turns/types';
import {
  guideSummaryLabel,
  kindInfo,
  kindOrder,
  originLine,
  topicById,
  topicsOfKind,
  wholeFramework,
} from './framework';
import type { FrameworkTopic, TopicKind } from './types';
import { shortSummary } from '../turns/summary';

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "The 12 outcomes", "The 6 good practice principles". */
function listTitle(kind: TopicKind): string {
  return `The ${topicsOfKind(kind).length} ${kindInfo(kind).plural}`;
}

/** Button label for a related topic: a topic sharing this one's name says which kind it is. */
function relatedLabel(topic: FrameworkTopic, related: FrameworkTopic): string {
  if (related.name === topic.name && related.kind !== topic.kind) {
    const label = lowerFirst(kindInfo(related.kind).label);
    return `Also ${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}: ${related.name}`;
  }
  return related.name;
}

function topicButton(topic: FrameworkTopic, title: string): { title: string; topicId: string } {
  return { title, topicId: topic.id };
}

// A topic's card and a list's card depend only on the framework data, which is fixed while the bot
// runs, so each is rendered once; templating is the costliest part of answering a question.
const renderedTopics = new Map<string, CardReply>();
const renderedLists = new Map<TopicKind | 'all', CardReply>();

function once<K>(cache: Map<K, CardReply>, key: K, render: () => CardReply): CardReply {
  let reply = cache.get(key);
  if (!reply) {
    reply = deepFreeze(render());
    cache.set(key, reply);
  }
  return reply;
}

/** Shared replies are frozen so that no caller can change what the next caller gets. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function topicReply(topic: FrameworkTopic): CardReply {
  return once(renderedTopics, topic.id, () => renderTopicReply(topic));
}

export function listReply(kind: TopicKind | 'all'): CardReply {
  return once(renderedLists, kind, () => renderListReply(kind));
}

/**
 * The topic card for sharing into a conversation (the message extension): the same card without the
 * buttons that only work where the bot is installed, and with a link to chat with the bot instead.
 */
export function sharedTopicReply(topic: FrameworkTopic, askMoreUrl: string): CardReply {
  return once(renderedShared, `${topic.id}|${askMoreUrl}`, () => renderTopicReply(topic, { askMoreUrl }));
}

const renderedShared = new Map<string, CardReply>();

/**
 * The topic card with the count of examples the person's organisation shared for it, and See
 * examples (the practice capability's verb). Rendered for each answer, as the count changes.
 */
export function topicWithExamplesReply(topic: FrameworkTopic, count: number): CardReply {
  return renderTopicReply(topic, undefined, count);
}

function renderTopicReply(topic: FrameworkTopic, shared?: { askMoreUrl: string }, examples = 0): CardReply {
  const info = kindInfo(topic.kind);
  const count = topicsOfKind(topic.kind).length;
  const official = topic.source.kind === 'official';
  const related = shared
    ? []
    : topic.related.flatMap((id) => {
        const other = topicById(id);
        return other ? [topicButton(other, relatedLabel(topic, other))] : [];
      });
  // The spoken text and the notification carry the same origin as the card: a guide summary is never
  // read out or previewed as if it were the framework's own words.
  const speak = official
    ? `${topic.name}. ${topic.definition} ${originLine(topic)}.`
    : `${topic.name}. ${guideSummaryLabel}: ${topic.definition}`;
  const summary = official
    ? `${topic.name} (${lowerFirst(info.label)}): ${topic.definition}`
    : `${topic.name} (${lowerFirst(info.label)}), the guide’s summary: ${topic.definition}`;
  const card = renderCard('topic', {
    name: topic.name,
    speak,
    guideSummaryLabel,
    position: `${info.label} ${topic.ordinal} of ${count}`,
    definition: topic.definition,
    isOfficial: official,
    sourceLine: official ? originLine(topic) : '',
    sourceDocument: topic.source.kind === 'official' ? `Source: ${topic.source.document}` : '',
    basis: topic.source.kind === 'guideSummary' ? `What this is based on: ${topic.source.basis}` : '',
    related,
    hasRelated: related.length > 0,
    // Missions can be checked in on; the check-in capability knows them by the id without its kind.
    checkinMission: topic.kind === 'mission' && !shared ? topic.id.slice('mission:'.length) : '',
    shared: Boolean(shared),
    askMoreUrl: shared?.askMoreUrl ?? '',
    listKind: topic.kind,
    listButton: `All ${count} ${info.plural}`,
    examplesLine:
      examples > 0 ? `Shared in your organisation: ${examples} ${examples === 1 ? 'example' : 'examples'}` : '',
    examplesPart: topic.id,
  });
  return { kind: 'card', audience: 'everyone', card, summary: shortSummary(summary) };
}

interface ListSection {
  heading: string;
  showHeading: boolean;
  items: { title: string; topicId: string }[];
}

function section(kind: TopicKind, showHeading: boolean): ListSection {
  return {
    heading: listTitle(kind),
    showHeading,
    items: topicsOfKind(kind).map((topic) => topicButton(topic, `${topic.ordinal}. ${topic.name}`)),
  };
}

function renderListReply(kind: TopicKind | 'all'): CardReply {
  const whole = kind === 'all';
  const title = whole ? wholeFramework.title : listTitle(kind);
  const intro = whole ? wholeFramework.intro : kindInfo(kind).listIntro;
  const kinds = whole ? kindOrder : [kind];
  const card = renderCard('topicList', {
    title,
    intro,
    sections: kinds.map((each) => section(each, whole)),
  });
  const names = whole
    ? kindOrder.map((each) => `${topicsOfKind(each).length} ${kindInfo(each).plural}`).join(', ')
    : topicsOfKind(kind)
        .map((topic) => topic.name)
        .join(', ');
  return { kind: 'card', audience: 'everyone', card, summary: shortSummary(`${title}: ${names}`) };
}

export function noMatchReply(suggestions: readonly FrameworkTopic[]): CardReply {
  const counts = Object.fromEntries(kindOrder.map((kind) => [kind, topicsOfKind(kind).length]));
  const card = renderCard('noMatch', {
    canAnswer:
      `I can explain the ${counts.outcome} outcomes, ${counts.mission} missions, ${counts.enabler} enablers and ` +
      `${counts.principle} good practice principles of the local government digitalisation framework. ` +
      'Ask about one by name, for example “What does data mean?” or “What are the enablers?”, or type “help”.',
    suggestions: suggestions.map((topic) =>
      topicButton(topic, `${topic.name} (${lowerFirst(kindInfo(topic.kind).label)})`),
    ),
    hasSuggestions: suggestions.length > 0,
  });
  const closest =
    suggestions.length > 0 ? ` Closest topics: ${suggestions.map((topic) => topic.name).join(', ')}.` : '';
  return {
    kind: 'card',
    audience: 'everyone',
    card,
    summary: shortSummary(`I couldn’t find that in the framework.${closest}`),
  };
}
