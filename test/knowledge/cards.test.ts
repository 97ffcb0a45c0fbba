// Every knowledge card: valid for Teams (expectValidCard), titled as the card contract says, every
// button sending data the edge accepts, official text attributed and guide summaries marked.
import { answerQuestion, allTopics, searchTopics, showList, showTopic } from '../../src/knowledge/answers';
import { checkinActionSchema } from '../../src/checkins/validation';
import { cardActionSchema, type CardAction } from '../../src/turns/cardActions';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const GUIDE_MARKER = 'The guide’s summary, not official framework text';

const checkinStarts: unknown[] = [];
const isCheckinStart = (data: unknown) => (data as { action?: unknown } | undefined)?.action === 'checkinStart';

/** Every Action.Submit in a card (body ActionSets included), with its data parsed as the edge will. */
function submitActions(card: unknown): { title: string; data: CardAction }[] {
  const found: { title: string; data: CardAction }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit') {
      // A mission's "Check in on this mission" button belongs to the check-in capability and must
      // satisfy its schema; every other button must satisfy the knowledge actions' schema.
      if (isCheckinStart(record.data)) checkinStarts.push(checkinActionSchema.parse(record.data));
      else found.push({ title: String(record.title), data: cardActionSchema.parse(record.data) });
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
  return found;
}

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

describe('topic cards', () => {
  test.each(allTopics().map((topic) => [topic.id]))('%s is valid and follows the card contract', (id) => {
    const reply = showTopic(id);
    expect(reply).toBeDefined();
    if (!reply) return;
    const topic = allTopics().find((each) => each.id === id);
    if (!topic) throw new Error(id);
    expectValidCard(reply.card);
    expect(firstTextBlock(reply.card)).toBe(topic.name);
    const text = cardText(reply.card);
    expect(text).toContain(JSON.stringify(topic.definition).slice(1, -1));
    if (topic.source.kind === 'official') {
      expect(text).toContain(`— ${topic.source.attribution}`);
      expect(text).not.toContain(GUIDE_MARKER);
    } else {
      expect(text).toContain(GUIDE_MARKER);
      expect(text).not.toContain('Official');
    }
    const actions = submitActions(reply.card);
    expect(actions).toContainEqual({
      title: expect.stringMatching(/^All \d+ /),
      data: { action: 'showList', kind: topic.kind },
    });
    for (const action of actions) {
      if (action.data.action === 'showTopic') expect(showTopic(action.data.topicId)).toBeDefined();
    }
    expect(reply.summary.length).toBeLessThanOrEqual(160);
    expect(reply.summary.startsWith(topic.name)).toBe(true);
  });

  test('outcome cards say "Outcome n of 12" and credit LGA, Socitm and Solace', () => {
    const text = cardText(showTopic('outcome:democracy-and-participation')?.card);
    expect(text).toContain('Outcome 3 of 12');
    expect(text).toContain('Official definition — LGA, Socitm and Solace');
  });

  test('kind lines for missions, enablers and principles', () => {
    expect(cardText(showTopic('mission:digitally-enabled-councils')?.card)).toContain('Mission 1 of 3');
    expect(cardText(showTopic('enabler:collaboration')?.card)).toContain('Enabler 5 of 6');
    expect(cardText(showTopic('principle:cyber-resilient')?.card)).toContain('Good practice principle 5 of 6');
  });

  test('a bare shared name answers the outcome and offers the enabler', () => {
    const reply = answerQuestion('data');
    expect(firstTextBlock(reply.card)).toBe('Data');
    expect(reply.summary).toMatch(/^Data \(outcome\): The council’s data practices/);
    expect(submitActions(reply.card)).toContainEqual({
      title: 'Also an enabler: Data',
      data: { action: 'showTopic', topicId: 'enabler:data' },
    });
    const enabler = answerQuestion('the value enabler');
    expect(cardText(enabler.card)).toContain('Enabler 6 of 6');
    expect(submitActions(enabler.card)).toContainEqual({
      title: 'Also an outcome: Value',
      data: { action: 'showTopic', topicId: 'outcome:value' },
    });
  });

  test('missions link to the other missions', () => {
    const actions = submitActions(showTopic('mission:digitally-empowered-residents')?.card);
    expect(actions.map((action) => action.data)).toEqual(
      expect.arrayContaining([
        { action: 'showTopic', topicId: 'mission:digitally-enabled-councils' },
        { action: 'showTopic', topicId: 'mission:digitally-equipped-places' },
      ]),
    );
  });

  test('an unknown topic id has no card', () => {
    expect(showTopic('outcome:nonsense')).toBeUndefined();
    expect(showTopic('')).toBeUndefined();
  });
});

describe('list cards', () => {
  const titles = {
    outcome: 'The 12 outcomes',
    mission: 'The 3 missions',
    enabler: 'The 6 enablers',
    principle: 'The 6 good practice principles',
    all: 'The digitalisation framework',
  } as const;

  test.each(Object.entries(titles))('%s list is valid with a button for every item', (kind, title) => {
    const reply = showList(kind as keyof typeof titles);
    expectValidCard(reply.card);
    expect(firstTextBlock(reply.card)).toBe(title);
    const expected = allTopics().filter((topic) => kind === 'all' || topic.kind === kind);
    const opened = submitActions(reply.card).flatMap((action) =>
      action.data.action === 'showTopic' ? [action.data.topicId] : [],
    );
    expect(opened).toEqual(expected.map((topic) => topic.id));
    // Teams shows at most 6 card-level actions; the item buttons live in the body.
    expect(((reply.card.actions as unknown[] | undefined) ?? []).length).toBeLessThanOrEqual(6);
    expect(reply.summary.startsWith(title)).toBe(true);
  });

  test('questions asking for lists get list cards', () => {
    expect(firstTextBlock(answerQuestion('what are the enablers').card)).toBe('The 6 enablers');
    expect(firstTextBlock(answerQuestion('list the 12 outcomes').card)).toBe('The 12 outcomes');
    expect(firstTextBlock(answerQuestion('what is in the framework').card)).toBe('The digitalisation framework');
  });
});

describe('no-match card', () => {
  test('off-topic questions get the fallback card with list buttons and no topic', () => {
    for (const question of ["what's the weather", 'tell me a joke', 'asdfgh', '', '${oops}', 'x'.repeat(5000)]) {
      const reply = answerQuestion(question);
      expectValidCard(reply.card);
      expect(firstTextBlock(reply.card)).toBe('I couldn’t find that in the framework');
      const actions = submitActions(reply.card).map((action) => action.data);
      expect(actions).toEqual(
        expect.arrayContaining([
          { action: 'showList', kind: 'outcome' },
          { action: 'showList', kind: 'mission' },
          { action: 'showList', kind: 'enabler' },
          { action: 'showList', kind: 'principle' },
          { action: 'showList', kind: 'all' },
          { action: 'help' },
        ]),
      );
      expect(actions.filter((action) => action.action === 'showTopic')).toEqual([]);
      expect(cardText(reply.card)).toMatch(/outcomes.*missions.*enablers.*good practice principles/);
    }
  });

  test('a weakly related question offers up to 3 closest topics, never as the answer', () => {
    const reply = answerQuestion('who is responsible for cyber security');
    expectValidCard(reply.card);
    expect(firstTextBlock(reply.card)).toBe('I couldn’t find that in the framework');
    const suggested = submitActions(reply.card).flatMap((action) =>
      action.data.action === 'showTopic' ? [action.data.topicId] : [],
    );
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.length).toBeLessThanOrEqual(3);
    expect(suggested).toContain('outcome:security-and-resilience');
    expect(reply.summary).toContain('Security and resilience');
  });
});

describe('questions that name a kind', () => {
  test('are answered by that kind: the principle about hacking is Cyber resilient, not the outcome', () => {
    expect(firstTextBlock(answerQuestion('which principle is about hacking').card)).toBe('Cyber resilient');
    expect(firstTextBlock(answerQuestion('the teamwork enabler').card)).toBe('Collaboration');
    expect(firstTextBlock(answerQuestion('hacking').card)).toBe('Security and resilience');
  });

  test('that nothing of the kind answers get the fallback, with only that kind as buttons', () => {
    for (const [question, kind] of [
      ['which outcome covers bin collections', 'outcome'],
      ['which principle is about parking', 'principle'],
      ['the data principle', 'principle'],
    ] as const) {
      const reply = answerQuestion(question);
      expectValidCard(reply.card);
      expect(firstTextBlock(reply.card)).toBe('I couldn’t find that in the framework');
      const suggested = submitActions(reply.card).flatMap((action) =>
        action.data.action === 'showTopic' ? [action.data.topicId] : [],
      );
      expect(suggested.length).toBeGreaterThan(0);
      expect(suggested.every((id) => id.startsWith(`${kind}:`))).toBe(true);
    }
  });
});

describe('searchTopics and allTopics', () => {
  test('allTopics lists the 27 topics, outcomes first', () => {
    expect(allTopics()).toHaveLength(27);
    expect(allTopics()[0]?.id).toBe('outcome:connectivity');
  });

  test('ranks matches best first and honours the limit', () => {
    expect(searchTopics('broadband')[0]?.id).toBe('outcome:connectivity');
    expect(searchTopics('conn', 5)[0]?.name).toBe('Connectivity');
    expect(searchTopics('enablers').map((topic) => topic.kind)).toEqual(Array(6).fill('enabler'));
    expect(searchTopics('data', 1)).toHaveLength(1);
    expect(searchTopics('', 3).map((topic) => topic.id)).toEqual([
      'outcome:connectivity',
      'outcome:data',
      'outcome:democracy-and-participation',
    ]);
    expect(searchTopics('tell me a joke')).toEqual([]);
  });
});

describe('mission cards', () => {
  test.each(
    allTopics()
      .filter((topic) => topic.kind === 'mission')
      .map((topic) => [topic.id]),
  )('%s offers a check-in on that mission', (id) => {
    const card = showTopic(id)?.card;
    const buttons = JSON.stringify(card);
    expect(buttons).toContain('Check in on this mission');
    checkinStarts.length = 0;
    submitActions(card);
    expect(checkinStarts).toEqual([{ action: 'checkinStart', mission: id.slice('mission:'.length) }]);
  });
});
