// The private answer to "Explain framework terms": a card with a short entry for each term the
// message uses, or a plain statement that it uses none.
import { renderCard } from '../cards/render';
import { kindInfo, originLine } from '../knowledge/framework';
import type { FrameworkTopic } from '../knowledge/types';
import type { CardReply } from '../turns/types';
import { findTermsInMessage } from './terms';
import { ellipsised } from '../cards/plainText';

/** A task module is a small window; one or two sentences per term keep it readable. */
const ENTRY_MAX_CHARS = 280;

export const EXPLAIN_TITLE = 'Framework terms in this message';

function entry(topic: FrameworkTopic): { name: string; kindLine: string; definition: string } {
  const kind = kindInfo(topic.kind).label;
  // As on the topic card, official text is credited to its source and the guide's own summaries are
  // never passed off as framework text.
  return {
    name: topic.name,
    kindLine: `${kind} · ${originLine(topic)}`,
    definition: ellipsised(topic.definition, ENTRY_MAX_CHARS),
  };
}

function termsCard(intro: string, topics: readonly FrameworkTopic[], summary: string): CardReply {
  const entries = topics.map(entry);
  const card = renderCard('extensionTerms', { title: EXPLAIN_TITLE, intro, entries, hasEntries: entries.length > 0 });
  return { kind: 'card', audience: 'everyone', card, summary };
}

/** The card for a message's plain text. */
export function explainTerms(text: string): CardReply {
  const found = findTermsInMessage(text);
  if (found.length === 0) {
    return termsCard(
      'This message doesn’t name any of the framework’s outcomes, missions, enablers or good practice principles.',
      [],
      'No framework terms found in this message.',
    );
  }
  const names = found.map((topic) => topic.name).join(', ');
  const intro =
    found.length === 1 ? 'This message uses one framework term:' : `This message uses ${found.length} framework terms:`;
  return termsCard(intro, found, `Framework terms in this message: ${names}`);
}

/** The same card, saying why there was nothing to explain (an action Teams sent without a message we can read). */
export function explainProblem(reason: string): CardReply {
  return termsCard(reason, [], reason);
}
