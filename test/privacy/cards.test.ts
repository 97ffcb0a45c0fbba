// Every privacy card, with every kind of data it gets, is a valid Adaptive Card for Teams.
import { readdirSync } from 'node:fs';
import * as render from '../../src/cards/render';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { handOverFirstCard } from '../../src/privacy/privacyCards';
import { everyPrivacyReplyForCoverage } from './everyPrivacyCard';

it('renders every privacy card as a valid Adaptive Card with a title and a summary', () => {
  for (const reply of everyPrivacyReplyForCoverage()) {
    expectValidCard(reply.card);
    expect(firstTextBlock(reply.card)).toEqual(expect.any(String));
    expect(reply.summary.length).toBeGreaterThan(0);
  }
});

it('uses every privacy template', () => {
  const spy = jest.spyOn(render, 'renderCard');
  const replies = everyPrivacyReplyForCoverage();
  const used = new Set(spy.mock.calls.map(([name]) => name));
  spy.mockRestore();
  const mine = readdirSync(render.cardsDir)
    .filter((file) => /^privacy.*\.json$/.test(file))
    .map((file) => file.replace(/\.json$/, ''));
  expect(mine.sort()).toEqual(['privacyConfirmDelete', 'privacyDeleted', 'privacyMyData', 'privacyStatement']);
  for (const template of mine) expect(used).toContain(template);
  expect(JSON.stringify(replies)).toContain('{braces}');
  // The long list is cut on the card; the download has it all.
  expect(JSON.stringify(replies[0]?.card)).toContain('…and 2 more (in the download)');
  expect(JSON.stringify(replies[0]?.card)).toContain('Digital team');
});

it('names the teams on the hand-over card in plain words, never by their ids', () => {
  // What a person reads: every text and title on the card, not the buttons' data (which carries the id).
  const texts = (part: unknown): string => {
    if (Array.isArray(part)) return part.map(texts).join('\n');
    if (typeof part !== 'object' || part === null) return '';
    return Object.entries(part)
      .map(([key, value]) =>
        key === 'data' ? '' : (key === 'text' || key === 'title') && typeof value === 'string' ? value : texts(value),
      )
      .join('\n');
  };
  const one = handOverFirstCard(['19:team-1@thread.tacv2'], 'new').card;
  expect(texts(one)).toContain('• this team');
  expect(texts(one)).toContain('The team you lead alone:');
  expect(texts(one)).not.toMatch(/team-1|thread|…/);
  const two = handOverFirstCard(['19:team-1@thread.tacv2', '19:team-2@thread.tacv2'], 'new').card;
  expect(texts(two)).toContain('• team 1');
  expect(texts(two)).toContain('• team 2');
  expect(texts(two)).toContain('Choose a new lead for team 2');
  expect(texts(two)).not.toMatch(/team-[12]|thread|…/);
  // Each button still opens its own team's roster.
  const opened = (two.actions as { data?: { teamId?: string } }[]).map((action) => action.data?.teamId);
  expect(opened).toEqual(['19:team-1@thread.tacv2', '19:team-2@thread.tacv2', undefined]);
});
