// Measures how well free-text questions reach the right answer, over a question set written as
// council officers would type them (test/knowledge/questions.json). Prints the accuracy so changes
// to the vocabulary or the matcher can be compared, and holds a high bar: 90% overall, and no
// off-topic question ever answered with a topic.
import { resolveQuestion, type Resolution } from '../../src/knowledge/search';
import { topics } from '../../src/knowledge/framework';
import questionFile from './questions.json';

interface Case {
  q: string;
  expect: string;
}

const cases: Case[] = questionFile.questions;

function outcomeOf(resolution: Resolution): string {
  if (resolution.type === 'topic') return resolution.topic.id;
  if (resolution.type === 'list') return `list:${resolution.kind}`;
  return 'none';
}

describe('knowledge Q&A question set', () => {
  const results = cases.map((item) => ({ ...item, got: outcomeOf(resolveQuestion(item.q)) }));

  test('is broad enough: 150+ phrasings, 3+ per topic, lists and off-topic cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const topic of topics) {
      const phrasings = cases.filter((item) => item.expect === topic.id).length;
      expect([topic.id, phrasings >= 3]).toEqual([topic.id, true]);
    }
    for (const list of ['list:outcome', 'list:mission', 'list:enabler', 'list:principle', 'list:all']) {
      expect(cases.some((item) => item.expect === list)).toBe(true);
    }
    expect(cases.filter((item) => item.expect === 'none').length).toBeGreaterThanOrEqual(15);
    const known = new Set([
      ...topics.map((topic) => topic.id),
      'list:outcome',
      'list:mission',
      'list:enabler',
      'list:principle',
      'list:all',
      'none',
    ]);
    expect(cases.filter((item) => !known.has(item.expect))).toEqual([]);
  });

  test('answers at least 90% correctly', () => {
    const correct = results.filter((item) => item.got === item.expect).length;
    const percent = ((correct / results.length) * 100).toFixed(1);
    console.log(`knowledge Q&A accuracy: ${correct}/${results.length} (${percent}%)`);
    const misses = results.filter((item) => item.got !== item.expect);
    if (misses.length > 0)
      console.log(
        `knowledge Q&A misses:\n${misses.map((m) => `  ${JSON.stringify(m.q)}: expected ${m.expect}, got ${m.got}`).join('\n')}`,
      );
    expect(correct / results.length).toBeGreaterThanOrEqual(0.9);
  });

  test('never answers with a card for the wrong topic (confidently wrong)', () => {
    const wrong = results.filter(
      (item) => item.got.includes(':') && !item.got.startsWith('list:') && item.got !== item.expect,
    );
    expect(wrong).toEqual([]);
  });

  test('never answers an off-topic question with a topic or a list', () => {
    const offTopic = results.filter((item) => item.expect === 'none');
    expect(offTopic.filter((item) => item.got !== 'none')).toEqual([]);
  });
});
