// The parts of the framework an example may show: outcomes, enablers and good practice principles
// (missions are what check-ins are about, so every win has one already). Found by name with the
// guide's own search, suggested from a check-in's outcomes and its text, and parsed from a form.
import { searchTopics } from '../knowledge/answers';
import { resolveQuestion } from '../knowledge/search';
import { kindInfo, topicById, topicsOfKind } from '../knowledge/framework';
import type { TopicKind } from '../knowledge/types';
import { PRACTICE_PARTS_LIMIT } from '../store/practicePort';

const PART_KINDS: readonly TopicKind[] = ['outcome', 'enabler', 'principle'];

export function isPart(id: string): boolean {
  const topic = topicById(id);
  return topic !== undefined && PART_KINDS.includes(topic.kind);
}

/** "Outcome: Digital inclusion": the part as the cards name it. */
export function partLabel(id: string): string {
  const topic = topicById(id);
  return topic ? `${kindInfo(topic.kind).label}: ${topic.name}` : id;
}

/** Every part, as the choices of a form. */
export function partChoices(): { title: string; value: string }[] {
  return PART_KINDS.flatMap((kind) =>
    topicsOfKind(kind).map((topic) => ({ title: partLabel(topic.id), value: topic.id })),
  );
}

/** The part a person named ("inclusion", "the data enabler"), with the same search the guide answers questions with. */
export function partNamed(text: string): string | undefined {
  const resolution = resolveQuestion(text);
  return resolution.type === 'topic' && isPart(resolution.topic.id) ? resolution.topic.id : undefined;
}

/**
 * Up to three parts to start the offer form with: the outcomes the check-in named first (the person
 * chose them), then what the guide's search finds in the win's text.
 */
export function suggestedParts(outcomes: readonly string[], text: string): string[] {
  const fromCheckin = outcomes.map((id) => (id.startsWith('outcome:') ? id : `outcome:${id}`)).filter(isPart);
  const fromText = searchTopics(text, 10)
    .map((topic) => topic.id)
    .filter(isPart);
  return [...new Set([...fromCheckin, ...fromText])].slice(0, PRACTICE_PARTS_LIMIT);
}

/** A form's parts (the ChoiceSet's comma-separated values): the parts, or what is wrong with them. */
export function partsFromInput(value: unknown): { parts: string[] } | { error: string } {
  const ids = typeof value === 'string' ? value.split(',').map((each) => each.trim()) : [];
  const parts = [...new Set(ids.filter((id) => id !== ''))];
  if (parts.length === 0) return { error: 'Choose at least one part of the framework the win shows.' };
  if (parts.length > PRACTICE_PARTS_LIMIT)
    return { error: `Choose at most ${PRACTICE_PARTS_LIMIT} parts of the framework.` };
  if (!parts.every(isPart)) return { error: 'Choose parts of the framework from the list.' };
  return { parts };
}
