// Every privacy card, with every kind of data it gets, is a valid Adaptive Card for Teams.
import { readdirSync } from 'node:fs';
import * as render from '../../src/cards/render';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
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
  expect(mine.sort()).toEqual([
    'privacyConfirmDelete',
    'privacyDeleted',
    'privacyMyData',
    'privacyNotice',
    'privacyStatement',
  ]);
  for (const template of mine) expect(used).toContain(template);
  expect(JSON.stringify(replies)).toContain('{braces}');
  // The long list is cut on the card; the download has it all.
  expect(JSON.stringify(replies[0]?.card)).toContain('…and 2 more (in the download)');
  expect(JSON.stringify(replies[0]?.card)).toContain('Digital team');
});
