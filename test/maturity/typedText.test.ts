// Typed text in maturity forms is cleaned when it is parsed (issue 28, fault 3): a note, an action's
// title and an owner's name keep their words and lose control, bidi and zero-width characters, and a
// name cut to its limit never keeps half of a 4-byte character.
import { parseAction, parseOwnerAndDue } from '../../src/maturity/plan';
import { parseRating } from '../../src/maturity/steps';
import { THEME_IDS } from '../../src/maturity/themes';

const HIDDEN = '\u202e\u2066\u200b\u0007\ufeff';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const theme = THEME_IDS[0] ?? '';
const owner = (name: string) => [{ userId: '29:owner', name }];

it('cleans a maturity note as it is parsed, keeping its lines', () => {
  const parsed = parseRating(theme, { level: '3', note: `Good ${HIDDEN}work\r\nsecond line` });
  expect(parsed).toEqual({ ok: true, rating: { level: 3, note: 'Good work\nsecond line' } });
});

it("cleans an action's title as it is parsed", () => {
  const parsed = parseAction(
    'a1',
    { title: `Publish ${HIDDEN}the data\nplan`, theme, owner: '29:owner', due: '2099-01-31' },
    owner('Owner'),
    new Date(),
  );
  expect(parsed.ok && parsed.action.title).toBe('Publish the data plan');
});

it.each([197, 198, 199, 200])(
  "never cuts an owner's name inside a 4-byte character (%i characters before it)",
  (length) => {
    const name = `${'x'.repeat(length)}😀😀${HIDDEN}`;
    const parsed = parseOwnerAndDue({ owner: '29:owner', due: '2099-01-31' }, owner(name));
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.change.ownerName.length).toBeLessThanOrEqual(200);
    expect(LONE_SURROGATE.test(parsed.change.ownerName)).toBe(false);
    expect(parsed.change.ownerName.startsWith('x'.repeat(Math.min(length, 200)))).toBe(true);
  },
);

it('refuses an action due before today, with the reason, and takes today or later', () => {
  const data = (due: string) => ({ title: 'Publish the data plan', theme, owner: '29:owner', due });
  const refused = parseAction('a1', data('2026-11-22'), owner('Owner'), new Date(), '2026-11-23');
  expect(refused).toEqual({ ok: false, problem: 'The due date has passed: choose today or a later date.' });
  expect(parseAction('a1', data('2026-11-23'), owner('Owner'), new Date(), '2026-11-23').ok).toBe(true);
  expect(parseOwnerAndDue({ owner: '29:owner', due: '2020-01-31' }, owner('Owner'), '2026-11-23').ok).toBe(false);
});
