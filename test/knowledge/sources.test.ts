// Says only what the sources say, and credits each part to its own source. Every sentence shown for a
// mission, enabler or principle (on its card, read aloud, in the notification, in the message
// extension and in the check-in's term explainers) is either quoted from a source file and attributed
// to it, or marked as the guide's summary with every quotation in it found in the file it names. The
// credits: the 12 outcomes are the LGA's, Socitm's and Solace's (files 001-003); the missions,
// enablers and principles are the LGA's Digitalisation Framework (files 000 and 004), and file 004 is
// an article by the LGA's deputy chair for digital, not by the LGA.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { showTopic } from '../../src/knowledge/answers';
import { guideSummaryLabel, kindInfo, topicsOfKind } from '../../src/knowledge/framework';
import type { FrameworkTopic } from '../../src/knowledge/types';
import { questionCard } from '../../src/checkins/checkinCards';
import { newState, ownerOf } from '../../src/checkins/draftState';
import { explainTerms } from '../../src/extension/explain';
import { extensionResults } from '../../src/extension/results';
import { seed } from './seeds';
import { textBlocks } from '../support/cardValidation';

const repoRoot = path.resolve(__dirname, '../..');
const readRepo = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** Which seed file a sentence names as its source, by how the guide refers to each. */
const namedSources: [RegExp, string][] = [
  [/\bannouncement\b/i, '000'],
  [/\barticle\b/i, '004'],
  [/\bofficial definition of the outcome\b|\b12 local government digitalisation outcomes\b/i, '003'],
];

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[A-Z“])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/** Normalises for comparing a card's sentence with a seed's text (case of the first letter, full stop). */
function clause(sentence: string): string {
  return sentence.replace(/[.…]$/, '').toLowerCase();
}

function quotesIn(sentence: string): string[] {
  return [...sentence.matchAll(/“([^”]+)”/g)].map((match) => match[1] ?? '');
}

/** Problems with one sentence of a guide summary: each quotation must be in the file the sentence names. */
function quoteProblems(topic: FrameworkTopic, sentence: string): string[] {
  const quotes = quotesIn(sentence);
  if (quotes.length === 0) return [];
  const named = namedSources.filter(([pattern]) => pattern.test(sentence)).map(([, file]) => file);
  if (named.length === 0) return [`${topic.id}: a quotation with no source named: ${sentence}`];
  return quotes
    .filter((quote) => !named.some((file) => seed(file).includes(quote)))
    .map((quote) => `${topic.id}: “${quote}” is not in file ${named.join(' or ')}`);
}

const topicsShown = [...topicsOfKind('mission'), ...topicsOfKind('enabler'), ...topicsOfKind('principle')];

describe('every sentence shown for a mission, enabler or principle', () => {
  test.each(topicsShown.map((topic) => [topic.id, topic]))(
    '%s: on its card, quoted and attributed or marked as the guide’s summary',
    (_id, topic) => {
      const reply = showTopic(topic.id);
      if (!reply) throw new Error(topic.id);
      const info = kindInfo(topic.kind);
      const blocks = textBlocks(reply.card.body);
      const chrome = new Set([topic.name, `${info.label} ${topic.ordinal} of ${topicsOfKind(topic.kind).length}`]);
      const problems: string[] = [];
      if (topic.source.kind === 'official') {
        const attribution = `${info.officialLabel} — ${topic.source.attribution}`;
        expect(blocks).toContain(attribution);
        expect(blocks).toContain(`Source: ${topic.source.document}`);
        // The LGA's announcement (file 000) is the source of the mission descriptions.
        expect(topic.source.document).toMatch(namedSources[0]?.[0] ?? /never/);
        chrome.add(attribution).add(`Source: ${topic.source.document}`);
        for (const block of blocks.filter((text) => !chrome.has(text))) {
          for (const sentence of sentences(block)) {
            if (!seed('000').toLowerCase().includes(clause(sentence))) problems.push(`${topic.id}: ${sentence}`);
          }
        }
        expect(blocks).not.toContain(guideSummaryLabel);
      } else {
        // The mark stands on the card itself, and every quotation is in the file its sentence names.
        expect(blocks).toContain(guideSummaryLabel);
        chrome.add(guideSummaryLabel);
        for (const block of blocks.filter((text) => !chrome.has(text))) {
          for (const sentence of sentences(block.replace(/^What this is based on: /, ''))) {
            problems.push(...quoteProblems(topic, sentence));
          }
        }
        // Spoken text and notifications are heard or read without the card: they carry the mark themselves.
        expect(String(reply.card.speak)).toContain(guideSummaryLabel);
        expect(reply.summary).toMatch(/the guide’s summary/i);
      }
      expect(problems).toEqual([]);
    },
  );

  test('the enabler and principle summaries say the sources give their purpose, not their meaning', () => {
    for (const topic of [...topicsOfKind('enabler'), ...topicsOfKind('principle')]) {
      expect(topic.definition).not.toMatch(/without fuller definitions/);
      expect(topic.definition).toMatch(/The sources name the six (enablers|principles) and say what they are for, not/);
    }
  });

  test('no summary keeps a claim the sources do not support', () => {
    const sustainable = topicsShown.find((topic) => topic.id === 'principle:sustainable');
    expect(sustainable?.definition).not.toMatch(/affordable/i);
    const data = topicsShown.find((topic) => topic.id === 'enabler:data');
    expect(data?.definition).not.toMatch(/managed|shared/);
    const value = topicsShown.find((topic) => topic.id === 'enabler:value');
    expect(value?.definition).not.toMatch(/meaningful outcomes/);
    expect(value?.source.kind === 'guideSummary' && value.source.basis).not.toMatch(/meaningful outcomes/);
  });

  test('in the message extension: previews and explanations of guide summaries say so', () => {
    const results = extensionResults('', 0, 25);
    if (results.type !== 'list') throw new Error('expected a list');
    for (const item of results.items) {
      const topic = topicsShown.find((each) => each.id === item.topicId);
      if (topic?.source.kind === 'guideSummary') expect(item.preview.startsWith(guideSummaryLabel)).toBe(true);
      if (topic?.source.kind === 'official') expect(item.preview).not.toContain(guideSummaryLabel);
    }
    const explained = JSON.stringify(explainTerms('Our collaboration enabler work and the first mission').card);
    expect(explained).toContain(`Enabler · ${guideSummaryLabel}`);
    const outcome = JSON.stringify(explainTerms('We talked about partnership').card);
    expect(outcome).toContain('Outcome · Official definition — LGA, Socitm and Solace');
  });

  test('in the check-in: each “What do the … mean?” part says where its explanations come from', () => {
    const target = {
      teamId: '19:team@thread.tacv2',
      mission: 'digitally-equipped-places' as const,
      week: '2026-W48',
      owner: ownerOf('29:someone'),
    };
    const notes = {
      progress: 'Official description — LGA Digitalisation Framework',
      outcomes: 'Official definitions — LGA, Socitm and Solace',
      enabler: guideSummaryLabel.replace('summary', 'summaries'),
      principles: guideSummaryLabel.replace('summary', 'summaries'),
    } as const;
    for (const [step, note] of Object.entries(notes)) {
      const card = questionCard(
        step as keyof typeof notes,
        target,
        { ...newState(), step: step as keyof typeof notes },
        [],
        {
          delivery: 'new',
        },
      ).card;
      const showCard = JSON.stringify(card).match(/"type":"Action\.ShowCard".*/)?.[0] ?? '';
      expect([step, showCard.includes(`"text":"${note}"`)]).toEqual([step, true]);
    }
  });
});

/**
 * A text credits each part to its own source: wherever it names the LGA, Socitm and Solace, the part
 * credited (the nearest part named before them in the clause, or else just after) is the outcomes,
 * never the framework as a whole nor its missions, enablers or principles.
 */
function creditProblems(where: string, text: string): string[] {
  const problems: string[] = [];
  const parts = /\b(outcomes?|missions?|enablers?|principles?|framework)\b/gi;
  for (const clauseText of text.replace(/Framework Guide/g, 'The guide').split(/[.;:]\s|\\n|",|—/)) {
    for (const credit of clauseText.matchAll(/\bSocitm\b/g)) {
      const before = [...clauseText.slice(0, credit.index).matchAll(parts)].at(-1)?.[1];
      const after = [...clauseText.slice(credit.index).matchAll(parts)][0]?.[1];
      const part = before ?? after;
      if (part !== undefined && !/^outcomes?$/i.test(part))
        problems.push(`${where}: credits the ${part} to Socitm and Solace: ${clauseText}`);
    }
  }
  if (/article[^.]*\bby the LGA\b(?!['’]s deputy chair)/i.test(text))
    problems.push(`${where}: file 004 is not by the LGA`);
  return problems;
}

describe('credits', () => {
  const welcome = JSON.stringify(JSON.parse(readRepo('cards/welcome.json')));
  const help = JSON.stringify(JSON.parse(readRepo('cards/help.json')));
  const footer = textBlocks(JSON.parse(readRepo('cards/extensionTerms.json'))).at(-1) ?? '';
  const manifest = JSON.parse(readRepo('manifest/manifest.json')) as { description: { short: string; full: string } };
  const readme = readRepo('README.md');
  const opening = readme.split('\n\n').find((paragraph) => paragraph.startsWith('Framework Guide is')) ?? '';
  const whatItKnows = readme.match(/## What it knows\n([\s\S]*?)\n## /)?.[1] ?? '';

  test.each([
    ['the welcome card', welcome],
    ['the help card', help],
    ['the message extension footer', footer],
    ['the manifest short description', manifest.description.short],
    ['the manifest full description', manifest.description.full],
    ['the README opening', opening],
    ['the README’s “What it knows”', whatItKnows],
  ])('%s credits the outcomes to the LGA, Socitm and Solace and the rest to the LGA', (where, text) => {
    expect(text).toMatch(/outcome/i);
    expect(text).toMatch(/LGA, Socitm and Solace/);
    expect(text).toMatch(/LGA(’s|'s)? Digitalisation Framework/);
    expect(creditProblems(where, text)).toEqual([]);
  });

  test('the help card says mission descriptions are official text too, and only enablers and principles are summaries', () => {
    expect(help).toMatch(/mission descriptions from the LGA’s Digitalisation Framework/);
    expect(help).toMatch(/explanations of the enablers and principles are the guide’s own summaries/);
    expect(help).not.toMatch(/other explanations are the guide/);
  });

  test('the cards credit each part to its own source, and file 004 to the LGA’s deputy chair for digital', () => {
    for (const topic of [...topicsOfKind('outcome'), ...topicsShown]) {
      const text = JSON.stringify(showTopic(topic.id)?.card);
      const blocks = textBlocks(showTopic(topic.id)?.card.body);
      expect(blocks.flatMap((block) => creditProblems(topic.id, block))).toEqual([]);
      if (topic.kind === 'outcome') expect(text).toContain('LGA, Socitm and Solace');
      if (topic.kind === 'mission') expect(text).toContain('LGA Digitalisation Framework');
      if (/article/.test(text)) expect(text).toContain('by the LGA’s deputy chair for digital');
    }
  });

  test('the manifest’s commands say what the bot does: it explains, it does not advise', () => {
    const commands = readRepo('manifest/manifest.json');
    expect(commands).not.toMatch(/in practice|how to apply/);
    const described = JSON.parse(commands) as {
      bots: { commandLists: { commands: { title: string; description: string }[] }[] }[];
    };
    for (const list of described.bots[0]?.commandLists ?? []) {
      const byTitle = new Map(list.commands.map((command) => [command.title, command.description]));
      // One entry opens the whole framework, so it says which words are official and which the guide's.
      expect(byTitle.get('framework')).toMatch(/official definitions, and the guide's own summaries/);
    }
  });
});
