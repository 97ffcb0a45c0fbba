// Measures the knowledge search over phrasings grouped by class (test/knowledge/phrasings.json):
// names, names with their kind, topics described under a named kind, synonyms, paraphrases of the
// official text, typos, lists, ordinals, and everyday or off-topic requests. Prints the share answered
// right and the number of confidently wrong answers (a topic card for the wrong topic), per class and
// overall. Confidently wrong must be zero: a wrong card is worse than the fallback card.
import { topics } from '../../src/knowledge/framework';
import { resolveQuestion, type Resolution } from '../../src/knowledge/search';
import phrasingFile from './phrasings.json';

type Case = { q: string; expect: string; suggestKind?: string };

const classes: [string, Case[]][] = Object.entries(phrasingFile.classes).map(([name, rows]) => [
  name,
  rows.map(([q = '', expect = '', suggestKind]) => ({ q, expect, suggestKind })),
]);
const allCases = classes.flatMap(([, cases]) => cases);

/** The share of right answers the phrasings must keep; raise it as the search improves, never lower it. */
const RIGHT_SHARE_FLOOR = 0.95;

function answerOf(resolution: Resolution): string {
  if (resolution.type === 'topic') return resolution.topic.id;
  if (resolution.type === 'list') return `list:${resolution.kind}`;
  return 'none';
}

const results = classes.map(([name, cases]) => ({
  name,
  cases: cases.map((item) => ({ ...item, resolution: resolveQuestion(item.q) })),
}));

const isConfidentlyWrong = (item: { expect: string; resolution: Resolution }) =>
  item.resolution.type === 'topic' && item.resolution.topic.id !== item.expect;

describe('knowledge search over phrasings grouped by class', () => {
  test('is broad: 300+ phrasings, every class and every topic covered', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(300);
    const known = new Set([...topics.map((topic) => topic.id), 'none', 'list:all']);
    for (const kind of ['outcome', 'mission', 'enabler', 'principle']) known.add(`list:${kind}`);
    expect(allCases.filter((item) => !known.has(item.expect))).toEqual([]);
    for (const topic of topics) {
      expect([topic.id, allCases.filter((item) => item.expect === topic.id).length >= 4]).toEqual([topic.id, true]);
    }
    for (const [name, cases] of classes) expect([name, cases.length >= 10]).toEqual([name, true]);
  });

  test('answers the share floor right, with no confidently wrong answer', () => {
    const lines: string[] = [];
    let right = 0;
    let wrong = 0;
    for (const { name, cases } of results) {
      const classRight = cases.filter((item) => answerOf(item.resolution) === item.expect).length;
      const classWrong = cases.filter(isConfidentlyWrong).length;
      right += classRight;
      wrong += classWrong;
      lines.push(`  ${name}: ${classRight}/${cases.length} right, ${classWrong} confidently wrong`);
    }
    const misses = results.flatMap(({ cases }) =>
      cases
        .filter((item) => answerOf(item.resolution) !== item.expect)
        .map((item) => `  ${JSON.stringify(item.q)}: expected ${item.expect}, got ${answerOf(item.resolution)}`),
    );
    const share = right / allCases.length;
    console.log(
      `knowledge phrasings: ${allCases.length} asked, ${right} right (${(share * 100).toFixed(1)}%), ` +
        `${wrong} confidently wrong\n${lines.join('\n')}` +
        (misses.length > 0 ? `\nmisses:\n${misses.join('\n')}` : ''),
    );
    expect(results.flatMap(({ cases }) => cases.filter(isConfidentlyWrong).map((item) => item.q))).toEqual([]);
    expect(share).toBeGreaterThanOrEqual(RIGHT_SHARE_FLOOR);
  });

  test('an everyday or off-topic request never gets a topic or a list', () => {
    const offTopic = results.flatMap(({ cases }) => cases.filter((item) => item.expect === 'none'));
    expect(offTopic.filter((item) => item.resolution.type !== 'noMatch').map((item) => item.q)).toEqual([]);
  });

  test('a question naming a kind is answered by, or suggests, only topics of that kind', () => {
    const named = results.flatMap(({ cases }) => cases.filter((item) => item.suggestKind !== undefined));
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const item of named) {
      expect(item.resolution.type).toBe('noMatch');
      if (item.resolution.type !== 'noMatch') continue;
      const kinds = item.resolution.suggestions.map((topic) => topic.kind);
      expect([item.q, kinds.length > 0, kinds.every((kind) => kind === item.suggestKind)]).toEqual([
        item.q,
        true,
        true,
      ]);
    }
    // And every answer to a question in the "kind named" classes is of the kind the question named.
    const kindWords = { outcome: /\b(outcome|goal)s?\b/i, mission: /\bmissions?\b/i, enabler: /\benablers?\b/i };
    for (const { cases } of results) {
      for (const item of cases) {
        if (item.resolution.type !== 'topic') continue;
        const named = Object.entries(kindWords).filter(([, pattern]) => pattern.test(item.q));
        const principle = /\bprincip(le|al)s?\b|good practice/i.test(item.q);
        const kindsNamed = [...named.map(([kind]) => kind), ...(principle ? ['principle'] : [])];
        if (kindsNamed.length === 1) expect([item.q, item.resolution.topic.kind]).toEqual([item.q, kindsNamed[0]]);
      }
    }
  });
});
