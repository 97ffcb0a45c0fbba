// The card validator's accessibility rules, which every card test applies: each must catch what it is for.
import { expectValidCard } from '../support/cardValidation';

const good = {
  type: 'AdaptiveCard',
  version: '1.5',
  speak: 'Saved. Your check-in is saved.',
  fallbackText: 'Saved',
  body: [
    { type: 'TextBlock', text: 'Saved', wrap: true },
    { type: 'Container', style: 'good', items: [{ type: 'TextBlock', text: 'Your check-in is saved.', wrap: true }] },
    { type: 'Image', url: 'https://example.org/chart.png', altText: 'Answers a week: 3, then 4' },
  ],
};

test('a card with speak, a short fallbackText, alt text and words in its styled containers passes', () => {
  expect(() => expectValidCard(good)).not.toThrow();
});

test.each([
  ['no speak text', { ...good, speak: undefined }, 'card has no speak text'],
  ['no fallbackText', { ...good, fallbackText: '' }, 'card has no fallbackText'],
  ['a long fallbackText', { ...good, fallbackText: 'x'.repeat(201) }, 'over 200'],
  [
    'an image without alt text',
    { ...good, body: [...good.body, { type: 'Image', url: 'https://example.org/a.png' }] },
    'image without altText',
  ],
  [
    'a coloured container with nothing to read',
    { ...good, body: [...good.body, { type: 'Container', style: 'attention', items: [] }] },
    'its meaning would be its colour alone',
  ],
  [
    'columns drawn right to left',
    {
      ...good,
      body: [...good.body, { type: 'Container', rtl: true, items: [{ type: 'TextBlock', text: 'Value', wrap: true }] }],
    },
    'against its visual order',
  ],
  ['a card drawn right to left', { ...good, rtl: true }, 'card: rtl is set'],
])('%s is refused', (_name, card, problem) => {
  expect(() => expectValidCard(card)).toThrow(problem);
});
