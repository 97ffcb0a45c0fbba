// The framework's content, loaded from framework.json and checked once at module load. Content
// lives in JSON so people can correct wording without touching code; the checks here make a bad
// edit fail at start-up (and in tests) instead of producing a broken card in Teams.
import { z } from 'zod';
import { topicKindSchema } from '../turns/cardActions';
import rawFramework from './framework.json';
import type { FrameworkTopic, TopicKind, TopicSource } from './types';

const officialSourceSchema = z.strictObject({
  kind: z.literal('official'),
  attribution: z.string().min(1),
  document: z.string().min(1),
});

const guideSummarySchema = z.strictObject({
  kind: z.literal('guideSummary'),
  basis: z.string().min(1),
});

const kindInfoSchema = z.strictObject({
  /** Singular label shown on cards, e.g. "Good practice principle". */
  label: z.string().min(1),
  /** Plural used in list titles, e.g. "good practice principles". */
  plural: z.string().min(1),
  /** How official text of this kind is introduced on a card, e.g. "Official definition". */
  officialLabel: z.string().min(1),
  listIntro: z.string().min(1),
  /** Where the explanations of this kind come from, shown wherever they appear outside their cards. */
  sourceNote: z.string().min(1),
});

const topicEntrySchema = z.strictObject({
  id: z.string().regex(/^(outcome|mission|enabler|principle):[a-z0-9-]+$/),
  kind: topicKindSchema,
  name: z.string().min(1),
  definition: z.string().min(1),
  /** A key of `sources` (shared official documents) or an inline guide summary. */
  source: z.union([z.string().min(1), guideSummarySchema]),
  related: z.array(z.string()),
  aliases: z.array(z.string().min(1)),
});

const frameworkFileSchema = z.object({
  sources: z.record(z.string(), officialSourceSchema),
  /** The mark on every guide summary, so it is never taken for the framework's own words. */
  guideSummaryLabel: z.string().min(1),
  kinds: z.strictObject({
    outcome: kindInfoSchema,
    mission: kindInfoSchema,
    enabler: kindInfoSchema,
    principle: kindInfoSchema,
  }),
  wholeFramework: z.strictObject({ title: z.string().min(1), intro: z.string().min(1) }),
  topics: z.array(topicEntrySchema).min(1),
});

export type KindInfo = z.infer<typeof kindInfoSchema>;

/** Kinds in the order the guide presents them (outcomes first: they are the framework's core list). */
export const kindOrder: readonly TopicKind[] = topicKindSchema.options;

function buildTopics(file: z.infer<typeof frameworkFileSchema>): readonly FrameworkTopic[] {
  const positions = new Map<TopicKind, number>();
  const topics = file.topics.map((entry): FrameworkTopic => {
    if (!entry.id.startsWith(`${entry.kind}:`))
      throw new Error(`Topic ${entry.id} does not start with its kind ${entry.kind}`);
    let source: TopicSource;
    if (typeof entry.source === 'string') {
      const shared = file.sources[entry.source];
      if (!shared) throw new Error(`Topic ${entry.id} names unknown source ${entry.source}`);
      source = Object.freeze({ ...shared });
    } else {
      source = Object.freeze({ ...entry.source });
    }
    // The ordinal is the position within its kind, so reordering the file reorders the framework.
    const ordinal = (positions.get(entry.kind) ?? 0) + 1;
    positions.set(entry.kind, ordinal);
    return Object.freeze({
      id: entry.id,
      kind: entry.kind,
      name: entry.name,
      ordinal,
      definition: entry.definition,
      source,
      related: Object.freeze([...entry.related]),
      aliases: Object.freeze([...entry.aliases]),
    });
  });

  for (const kind of kindOrder) {
    // A kind's source note speaks for all its topics, so they must all come from the same kind of source.
    const origins = new Set(topics.filter((topic) => topic.kind === kind).map((topic) => topic.source.kind));
    if (origins.size > 1) throw new Error(`The ${kind} topics mix official text and guide summaries`);
  }

  const ids = new Set<string>();
  for (const topic of topics) {
    if (ids.has(topic.id)) throw new Error(`Duplicate topic id ${topic.id}`);
    ids.add(topic.id);
  }
  for (const topic of topics) {
    for (const relatedId of topic.related) {
      if (!ids.has(relatedId) || relatedId === topic.id)
        throw new Error(`Topic ${topic.id} has a bad related id ${relatedId}`);
    }
  }
  return Object.freeze(topics);
}

const frameworkFile = frameworkFileSchema.parse(rawFramework);

const builtTopics = buildTopics(frameworkFile);
const topicsByKind = new Map<TopicKind, readonly FrameworkTopic[]>(
  kindOrder.map((kind) => [kind, Object.freeze(builtTopics.filter((topic) => topic.kind === kind))]),
);

/** Every topic, grouped by kind in `kindOrder`, each kind in the framework's own order. */
export const topics: readonly FrameworkTopic[] = Object.freeze(
  kindOrder.flatMap((kind) => topicsByKind.get(kind) ?? []),
);

const topicsById = new Map(topics.map((topic) => [topic.id, topic]));

export function topicById(id: string): FrameworkTopic | undefined {
  return topicsById.get(id);
}

export function topicsOfKind(kind: TopicKind): readonly FrameworkTopic[] {
  return topicsByKind.get(kind) ?? [];
}

export function kindInfo(kind: TopicKind): KindInfo {
  return frameworkFile.kinds[kind];
}

export const wholeFramework: { readonly title: string; readonly intro: string } = Object.freeze({
  ...frameworkFile.wholeFramework,
});

/** The mark every guide summary carries wherever it is shown: cards, spoken text, previews. */
export const guideSummaryLabel: string = frameworkFile.guideSummaryLabel;

/** One line saying where a topic's explanation comes from: its official source, or the guide's summary. */
export function originLine(topic: FrameworkTopic): string {
  return topic.source.kind === 'official'
    ? `${kindInfo(topic.kind).officialLabel} — ${topic.source.attribution}`
    : guideSummaryLabel;
}
