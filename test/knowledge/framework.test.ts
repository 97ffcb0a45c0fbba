// The framework data: complete, in the framework's order, official wording word for word from the
// seeds, guide summaries marked as such and grounded, and no person's name anywhere.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { kindInfo, topics, topicsOfKind } from '../../src/knowledge/framework';
import { allSeeds, copiesDir, originalsPresent, personNamesInSeeds, seed } from './seeds';

const repoRoot = path.resolve(__dirname, '../..');

describe('framework data', () => {
  test('has 12 outcomes, 3 missions, 6 enablers and 6 good practice principles', () => {
    expect(topicsOfKind('outcome')).toHaveLength(12);
    expect(topicsOfKind('mission')).toHaveLength(3);
    expect(topicsOfKind('enabler')).toHaveLength(6);
    expect(topicsOfKind('principle')).toHaveLength(6);
    expect(topics).toHaveLength(27);
  });

  test('numbers each kind 1..n in the framework order', () => {
    for (const kind of ['outcome', 'mission', 'enabler', 'principle'] as const) {
      expect(topicsOfKind(kind).map((topic) => topic.ordinal)).toEqual(topicsOfKind(kind).map((_, i) => i + 1));
    }
  });

  test('outcome names are those of file 003, in its order (with "growth" in sentence case)', () => {
    const page = seed('003');
    const names = topicsOfKind('outcome').map((topic) => topic.name);
    expect(names).toEqual([
      'Connectivity',
      'Data',
      'Democracy and participation',
      'Economic productivity and growth',
      'Ethics and sustainability',
      'Inclusion',
      'Leadership',
      'Organisational capability',
      'Partnership',
      'Security and resilience',
      'Services',
      'Value',
    ]);
    const positions = names.map((name) => page.toLowerCase().indexOf(`\n${name.toLowerCase()}\n`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(seed('002')).toContain('economic productivity and growth');
  });

  test('every outcome definition is word for word in files 003 and 002, in the same order', () => {
    const page003 = seed('003');
    const page002 = seed('002');
    let last003 = -1;
    let last002 = -1;
    for (const topic of topicsOfKind('outcome')) {
      const at003 = page003.indexOf(topic.definition);
      const at002 = page002.indexOf(topic.definition);
      expect([topic.id, at003 >= 0, at002 >= 0]).toEqual([topic.id, true, true]);
      expect(at003).toBeGreaterThan(last003);
      expect(at002).toBeGreaterThan(last002);
      last003 = at003;
      last002 = at002;
      // Definitions keep the seed's typographic apostrophe.
      expect(topic.definition).not.toContain("'");
      expect(topic.source).toEqual({
        kind: 'official',
        attribution: 'LGA, Socitm and Solace',
        document: expect.stringContaining('12 local government digitalisation outcomes'),
      });
    }
  });

  test('mission descriptions are file 000 words, attributed to the LGA announcement', () => {
    const announcement = seed('000');
    for (const topic of topicsOfKind('mission')) {
      const clause = topic.definition.charAt(0).toLowerCase() + topic.definition.slice(1).replace(/\.$/, '');
      expect([topic.id, announcement.includes(clause)]).toEqual([topic.id, true]);
      const hyphenated = topic.name.toLowerCase().replace('digitally ', 'digitally-');
      expect(announcement).toContain(hyphenated);
      expect(topic.aliases).toContain(hyphenated);
      expect(topic.source).toMatchObject({
        kind: 'official',
        attribution: 'LGA Digitalisation Framework',
        document: expect.stringContaining('LGA announcement'),
      });
    }
  });

  test('enabler and principle names are the lists of file 000', () => {
    const announcement = seed('000');
    const enablers = topicsOfKind('enabler').map((topic) => topic.name.toLowerCase());
    expect(announcement).toContain(`The six enablers are ${enablers.slice(0, -1).join(', ')} and ${enablers.at(-1)}.`);
    const principles = topicsOfKind('principle').map((topic) => topic.name.toLowerCase());
    expect(announcement).toContain(`principles include ${principles.slice(0, -1).join(', ')} and ${principles.at(-1)}`);
  });

  test('enablers and principles are guide summaries whose quoted basis is in the seeds', () => {
    const seeds = allSeeds();
    for (const topic of [...topicsOfKind('enabler'), ...topicsOfKind('principle')]) {
      expect(topic.source.kind).toBe('guideSummary');
      if (topic.source.kind !== 'guideSummary') continue;
      const quotes = [...topic.source.basis.matchAll(/“([^”]+)”/g)].map((match) => match[1] ?? '');
      expect(quotes.length).toBeGreaterThan(0);
      for (const quote of quotes) expect([topic.id, quote, seeds.includes(quote)]).toEqual([topic.id, quote, true]);
      // Modest summaries: no dates, numbers or claims the seeds do not make.
      expect(topic.definition).not.toMatch(/\d/);
      expect(topic.definition).toContain(topic.name);
    }
  });

  test('the older short names of file 001 are aliases', () => {
    const article = seed('001');
    const aliases = topicsOfKind('outcome').flatMap((topic) => topic.aliases);
    for (const oldName of ['democracy', 'ethics', 'local productivity']) {
      expect(article).toContain(oldName);
      expect(aliases).toContain(oldName);
    }
  });

  test('related topics are only the plain ones: same-name topics and the other missions', () => {
    for (const topic of topics) {
      for (const relatedId of topic.related) {
        const other = topics.find((each) => each.id === relatedId);
        expect(other).toBeDefined();
        if (!other) continue;
        expect(other.related).toContain(topic.id);
        const sameName = other.name === topic.name && other.kind !== topic.kind;
        const otherMission = topic.kind === 'mission' && other.kind === 'mission';
        expect([topic.id, other.id, sameName || otherMission]).toEqual([topic.id, other.id, true]);
      }
    }
    for (const name of ['Data', 'Connectivity', 'Leadership', 'Value']) {
      const outcome = topics.find((topic) => topic.kind === 'outcome' && topic.name === name);
      expect(outcome?.related).toContain(`enabler:${name.toLowerCase()}`);
    }
  });

  test('kind labels read as the card contract expects', () => {
    expect(kindInfo('outcome').label).toBe('Outcome');
    expect(kindInfo('mission').label).toBe('Mission');
    expect(kindInfo('enabler').label).toBe('Enabler');
    expect(kindInfo('principle').label).toBe('Good practice principle');
  });

  // Needs the originals: the copies in test/fixtures/sources have no names left to look for.
  (originalsPresent ? test : test.skip)(
    'no person named in the seeds is named in the knowledge data, code, cards or questions',
    () => {
      const people = personNamesInSeeds();
      expect(people.length).toBeGreaterThanOrEqual(3);
      const nameWords = [...new Set(people.flatMap((person) => person.split(' ')))];
      const files = [
        ...readdirSync(path.join(repoRoot, 'src/knowledge')).map((file) => path.join('src/knowledge', file)),
        ...readdirSync(path.join(repoRoot, 'test/knowledge')).map((file) => path.join('test/knowledge', file)),
        'cards/topic.json',
        'cards/topicList.json',
        'cards/noMatch.json',
      ];
      for (const file of files) {
        const text = readFileSync(path.join(repoRoot, file), 'utf8');
        for (const word of nameWords) {
          expect([file, word, new RegExp(`\\b${word}\\b`, 'i').test(text)]).toEqual([file, word, false]);
        }
      }
    },
  );
});

describe('the source copies in test/fixtures/sources', () => {
  // Where the originals are at hand (CI), every line of the copies must be a line of the originals,
  // so the copies can only ever lose lines (the ones naming people), never change one.
  (originalsPresent ? test : test.skip)('are the originals less some lines', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const original = new Set(seed(prefix).split('\n'));
      const copyName = readdirSync(copiesDir).find((file) => file.startsWith(`${prefix}_`));
      const copy = readFileSync(path.join(copiesDir, copyName ?? 'missing'), 'utf8').split('\n');
      expect(copy.length).toBeGreaterThan(5);
      for (const line of copy) expect([prefix, line, original.has(line)]).toEqual([prefix, line, true]);
    }
  });
});
