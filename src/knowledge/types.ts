// The framework's parts as the guide knows them. Every topic says where its words come from: official
// wording (the outcomes of the LGA, Socitm and Solace; the missions of the LGA's Digitalisation
// Framework), or the guide's own summary (the enablers and principles).
import type { z } from 'zod';
import type { topicKindSchema } from '../turns/cardActions';

export type TopicKind = z.infer<typeof topicKindSchema>;

export type TopicSource =
  /** Word-for-word text from a published framework document. */
  | { kind: 'official'; attribution: string; document: string }
  /** The guide's own explanation; `basis` names what in the source documents supports it. */
  | { kind: 'guideSummary'; basis: string };

export interface Topic {
  /** Stable id, `<kind>:<slug>`, e.g. `outcome:data`, `mission:digitally-enabled-councils`. */
  id: string;
  kind: TopicKind;
  /** The name as the framework writes it, e.g. "Democracy and participation". */
  name: string;
  /** Position in the framework's own list (1-based), used for "the second mission". */
  ordinal: number;
  definition: string;
  source: TopicSource;
}

/**
 * A topic as the knowledge module keeps it: the shared `Topic` plus what the guide needs to link and
 * find it. Kept as a separate type so code that only needs a `Topic` is unaffected.
 */
export interface FrameworkTopic extends Topic {
  /** Ids of topics the source documents plainly connect to this one (e.g. the outcome and the enabler called Data). */
  related: readonly string[];
  /** Other names and word forms people search with, e.g. an outcome's earlier short name ("democracy"). */
  aliases: readonly string[];
}
