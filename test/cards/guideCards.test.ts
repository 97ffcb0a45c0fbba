// Every template in cards/ is rendered with every kind of data it receives and validated.
import { readdirSync } from 'node:fs';
import * as render from '../../src/cards/render';
import { noticeReply } from '../../src/turns/guideCards';
import type { CardReply } from '../../src/turns/types';
import { everyReplyForCoverage } from './everyReply';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const everyReply = everyReplyForCoverage;

it('renders every card the bot can send as a valid Adaptive Card with a title and a summary', async () => {
  for (const reply of await everyReply()) {
    expectValidCard(reply.card);
    expect(firstTextBlock(reply.card)).toEqual(expect.any(String));
    expect(reply.summary.length).toBeGreaterThan(0);
  }
});

it('uses every template in cards/, so no template goes untested', async () => {
  // Fresh modules, so cards that were rendered once and kept are rendered again under the spy.
  const used = new Set<string>();
  await jest.isolateModulesAsync(async () => {
    const freshRender = jest.requireActual<typeof render>('../../src/cards/render');
    const spy = jest.spyOn(freshRender, 'renderCard');
    const freshEveryReply = jest.requireActual<{ everyReplyForCoverage: () => Promise<CardReply[]> }>(
      './everyReply',
    ).everyReplyForCoverage;
    await freshEveryReply();
    for (const [name] of spy.mock.calls) used.add(name);
  });
  const templates = readdirSync(render.cardsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''));
  expect(templates.length).toBeGreaterThan(0);
  for (const template of templates) expect(used).toContain(template);
});

it('keeps data values as text: nothing in the data is expanded as a template', () => {
  const card = noticeReply('Title ${1+1}', 'Body ${title}').card;
  expect(JSON.stringify(card)).toContain('Title ${1+1}');
});

it('refuses template names that could reach outside cards/', () => {
  expect(() => render.renderCard('../package', {})).toThrow(/Bad card template name/);
});
