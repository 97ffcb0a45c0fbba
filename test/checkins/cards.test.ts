// Every check-in template, rendered with every kind of data it receives: valid for Teams, titled,
// and every one of the check-in templates in cards/ used (the same rule test/cards applies).
import { readdirSync } from 'node:fs';
import * as render from '../../src/cards/render';
import type { CardReply } from '../../src/turns/types';
import { everyCheckinReplyForCoverage } from './everyCheckinCard';
import { channelContext, closeHarnesses, expectGoodReply, openHarness, Person, TEAM, titleOf, WEEK } from './harness';
import { ownerOf } from '../../src/checkins/draftState';
import { boundScope } from '../support/boundScope';

test('every check-in card is valid, titled and summarised', () => {
  for (const reply of everyCheckinReplyForCoverage()) expectGoodReply({ ...reply, kind: 'card' });
});

test('every checkin* and teamSettings* template is used', () => {
  const used = new Set<string>();
  jest.isolateModules(() => {
    const freshRender = jest.requireActual<typeof render>('../../src/cards/render');
    const spy = jest.spyOn(freshRender, 'renderCard');
    jest
      .requireActual<{ everyCheckinReplyForCoverage: () => CardReply[] }>('./everyCheckinCard')
      .everyCheckinReplyForCoverage();
    for (const [name] of spy.mock.calls) used.add(name);
  });
  const mine = readdirSync(render.cardsDir)
    .filter((file) => /^(checkin|teamSettings).*\.json$/.test(file))
    .map((file) => file.replace(/\.json$/, ''));
  expect(mine.length).toBe(7);
  for (const template of mine) expect(used).toContain(template);
});

test('what people type stays text: nothing in it is expanded as a template', async () => {
  const h = await openHarness();
  try {
    const me = new Person(h, () => channelContext(), { teamId: TEAM });
    await me.start({ mission: 'digitally-enabled-councils' });
    await me.press('Next', { progress: '3' });
    await me.press('Skip');
    await me.press('Skip');
    await me.press('Skip');
    const notes = me.dataFor('Next');
    const [summary] = await h.checkins.handleAction(
      channelContext(),
      boundScope(notes),
      { ...notes, win: 'Saved ${budget} and {mission}' },
      { teamId: TEAM },
    );
    expect(titleOf(summary)).toMatch(/^Check your answers/);
    expect(JSON.stringify(summary?.card)).toContain('Win: Saved ${budget} and {mission}');
    expect(notes.owner).toBe(ownerOf('29:officer-1'));
    expect(notes.week).toBe(WEEK);
  } finally {
    await closeHarnesses();
  }
});
