// The card validator and Teams' chart elements: a chart passes only as a documented type, shaped as
// documented, with a fallback element; the card is then parsed as a client without charts sees it,
// and the other rules (version, template fields, size) still apply to the card as sent.
import { expectValidCard } from '../support/cardValidation';

const fallbackRows = { type: 'Container', items: [{ type: 'TextBlock', text: 'W47: 3.0 · W48: 4.0', wrap: true }] };

const line = {
  type: 'Chart.Line',
  title: 'Average progress a week',
  xAxisTitle: 'Week',
  yAxisTitle: 'Average (1 to 5)',
  data: [
    {
      legend: 'A mission',
      values: [
        { x: 'W47', y: 3 },
        { x: 'W48', y: 4 },
      ],
    },
  ],
  fallback: fallbackRows,
};

const bars = {
  type: 'Chart.VerticalBar',
  title: 'Answers a week',
  data: [
    { x: 'W47', y: 3 },
    { x: 'W48', y: 4 },
  ],
  fallback: { type: 'TextBlock', text: 'W47: 3 · W48: 4', wrap: true },
};

function cardWith(...elements: unknown[]) {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    speak: 'Team progress',
    fallbackText: 'Team progress',
    body: [
      { type: 'TextBlock', text: 'Team progress', wrap: true },
      { type: 'Container', items: elements },
    ],
  };
}

test('documented charts with fallbacks pass, wherever they sit in the card', () => {
  expect(() => expectValidCard(cardWith(line, bars))).not.toThrow();
  // A chart whose fallback is another chart, whose fallback is text.
  expect(() => expectValidCard(cardWith({ ...bars, fallback: line }))).not.toThrow();
  expect(() =>
    expectValidCard({
      ...cardWith(),
      body: [line, { type: 'ColumnSet', columns: [{ type: 'Column', items: [bars] }] }],
    }),
  ).not.toThrow();
});

test('a chart without a fallback fails, and so does one that only drops itself', () => {
  const { fallback: _dropped, ...bare } = line;
  expect(() => expectValidCard(cardWith(bare))).toThrow(/card\.body\[1\]\.items\[0\]: Chart\.Line has no fallback/);
  expect(() => expectValidCard(cardWith({ ...line, fallback: 'drop' }))).toThrow(/fallback is "drop", not an element/);
  // Nested: the fallback's own fallback chart has none.
  expect(() => expectValidCard(cardWith({ ...line, fallback: bare }))).toThrow(
    /items\[0\]\.fallback: Chart\.Line has no fallback/,
  );
});

test('an unknown chart type fails, as does a documented one this validator has no schema for', () => {
  expect(() => expectValidCard(cardWith({ ...line, type: 'Chart.Radar' }))).toThrow(
    /Chart\.Radar is not a chart type Teams documents/,
  );
  expect(() => expectValidCard(cardWith({ type: 'Chart.Gauge', value: 50, fallback: fallbackRows }))).toThrow(
    /Chart\.Gauge is documented, but this validator has no schema/,
  );
});

test('a chart with a bad data shape or an undocumented property fails', () => {
  const bad: [unknown, RegExp][] = [
    [
      { ...line, data: [{ legend: 'A mission', values: [{ x: 'W47', y: '3.0' }] }] },
      /Chart\.Line data\.0\.values\.0\.y/,
    ],
    [{ ...line, data: [{ x: 'W47', y: 3 }] }, /Chart\.Line data\.0/],
    [{ ...line, data: [] }, /Chart\.Line data/],
    [{ ...line, data: undefined }, /Chart\.Line data/],
    [{ ...bars, data: [{ x: 'W47' }] }, /Chart\.VerticalBar data\.0\.y/],
    [{ ...bars, data: [{ x: 'W47', y: 3, label: 'three' }] }, /Chart\.VerticalBar data\.0/],
    [{ ...bars, showLegend: true }, /Chart\.VerticalBar \(element\)/],
    [{ ...line, color: 'hotPink' }, /Chart\.Line color: not a documented chart color/],
    [{ ...bars, spacing: 'Huge' }, /Chart\.VerticalBar spacing/],
  ];
  for (const [chart, problem] of bad) expect(() => expectValidCard(cardWith(chart))).toThrow(problem);
});

test('a fallback that is itself invalid fails: it is what clients without charts render', () => {
  expect(() =>
    expectValidCard(
      cardWith({
        ...line,
        fallback: { type: 'Container', items: [{ type: 'TextBlock', text: 'W47: 3.0', size: 'Huge' }] },
      }),
    ),
  ).toThrow(/parse: Invalid value "Huge" for property "size"/);
  expect(() => expectValidCard(cardWith({ ...line, fallback: { type: 'FancyTable', rows: [] } }))).toThrow(
    /parse: Unknown element type "FancyTable"/,
  );
});

test('the other rules still apply to the card as sent, charts included', () => {
  expect(() => expectValidCard(cardWith({ ...line, title: '${chart.title}' }))).toThrow(/unexpanded template field/);
  const many = Array.from({ length: 2000 }, (_, index) => ({ x: `W${index}`, y: index }));
  expect(() => expectValidCard(cardWith({ ...bars, data: many }))).toThrow(/card is \d+ bytes, over 28672/);
  expect(() => expectValidCard({ ...cardWith(line), version: '1.6' })).toThrow(/version 1\.6 is not 1\.0-1\.5/);
});
