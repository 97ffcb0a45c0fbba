// Charts on progress cards: Teams draws them on desktop and web, and every chart carries rows with
// the same numbers as its fallback, for mobile, the Playground and older clients. A week hidden by the
// privacy threshold has no point in a chart, and the fallback says why.
import { allTopics } from '../../src/knowledge/answers';
import { missionName } from '../../src/progress/sections';
import { weeksBefore } from '../../src/progress/weekWindow';
import { MISSIONS } from '../../src/domain';
import type { FrameworkStore } from '../../src/store/port';
import type { CardMessageReply } from '../../src/turns/types';
import {
  answers,
  channelContext,
  checkIn,
  closeStores,
  LAST_WEEK,
  LEAD,
  makeLead,
  MEMBER,
  MISSION,
  only,
  openStore,
  progressFor,
  TEAM,
  textOf,
  THIS_WEEK,
  writeRollup,
} from './support';

interface ChartElement {
  type: string;
  title?: string;
  data: unknown[];
  fallback: unknown;
}

/** Every Chart.* element in a card, in order. */
function chartsIn(reply: CardMessageReply): ChartElement[] {
  const found: ChartElement[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Chart.')) {
      found.push(record as unknown as ChartElement);
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(reply.card);
  return found;
}

/** The fallback's rows as [label, detail, value] texts, in order. */
function fallbackRows(chart: ChartElement): string[][] {
  const container = chart.fallback as { type: string; items: { columns: { items: { text: string }[] }[] }[] };
  expect(container.type).toBe('Container');
  return container.items.map((row) => row.columns.flatMap((column) => column.items.map((item) => item.text)));
}

function fallbackText(chart: ChartElement): string {
  return fallbackRows(chart)
    .map((row) => row.join('\n'))
    .join('\n');
}

function chartOfType(reply: CardMessageReply, type: string): ChartElement {
  const chart = chartsIn(reply).find((candidate) => candidate.type === type);
  if (!chart) throw new Error(`no ${type} in the card`);
  return chart;
}

type Points = [string, number][];

/** A chart's x label is the bare week number ('7', '48'); the fallback text says 'W07', 'W48'. */
function asWeek(x: string): string {
  expect(x).toMatch(/^\d{1,2}$/);
  return `W${x.padStart(2, '0')}`;
}

function linePoints(chart: ChartElement): Record<string, Points> {
  const series = chart.data as { legend: string; values: { x: string; y: number }[] }[];
  return Object.fromEntries(
    series.map((line) => [line.legend, line.values.map((value): [string, number] => [asWeek(value.x), value.y])]),
  );
}

/** "W47: 3.0 · W48: hidden" → [['W47', 3]]: only the weeks with a figure. */
function figuresIn(detail: string): Points {
  return [...detail.matchAll(/(W\d\d): (\d+(?:\.\d)?)(?= ·|$)/g)].map((match): [string, number] => [
    match[1] ?? '',
    Number(match[2]),
  ]);
}

const COUNCILS = 'Digitally enabled councils';

let store: FrameworkStore;

beforeEach(async () => {
  store = await openStore();
  await makeLead(store);
});

afterEach(closeStores);

async function twoWeeks(thisWeekPeople: string[]): Promise<void> {
  for (const [index, user] of ['A', 'B', 'C'].entries())
    await checkIn(store, user, LAST_WEEK, answers((index + 2) as 2 | 3 | 4, { outcomes: ['outcome:data'] }));
  for (const user of thisWeekPeople) await checkIn(store, user, THIS_WEEK, answers(5));
}

test('the overview: participation bars and mission lines equal the numbers in their fallback rows', async () => {
  await twoWeeks(['A', 'B', 'C']);
  const reply = only(await progressFor(store).overview(channelContext(LEAD), TEAM));

  const bars = chartOfType(reply, 'Chart.VerticalBar');
  const barRows = fallbackRows(bars);
  expect(barRows).toHaveLength(1);
  const [label, detail] = barRows[0] ?? [];
  expect(label).toBe('Week by week');
  expect((bars.data as { x: string; y: number }[]).map((bar): [string, number] => [asWeek(bar.x), bar.y])).toEqual(
    figuresIn(detail ?? ''),
  );
  expect(bars.data).toHaveLength(12);
  expect(bars.title).toBe('Answers a week, last 12 weeks');
  // The total is a row every client shows, charts or not.
  expect(textOf(reply)).toMatch(/Answers a week, last 12 weeks\n6\n/);

  const lines = chartOfType(reply, 'Chart.Line');
  const points = linePoints(lines);
  expect(points).toEqual({
    [COUNCILS]: [
      ['W47', 3],
      ['W48', 5],
    ],
  });
  const councilsRow = fallbackRows(lines).find((row) => row[0] === `${COUNCILS}, week by week`);
  expect(figuresIn(councilsRow?.[1] ?? '')).toEqual(points[COUNCILS]);
  expect(councilsRow?.[1]).toContain('W46: no answers · W47: 3.0 · W48: 5.0');
  // A mission nobody answered on has a fallback row and no line.
  expect(fallbackRows(lines).map((row) => row[0])).toEqual(
    MISSIONS.map((mission) => `${missionName(mission)}, week by week`),
  );
  expect(fallbackRows(lines)[1]?.[1]).toBe(
    Array.from({ length: 12 }, (_, back) => `${weeksBefore(THIS_WEEK, 11 - back).slice(5)}: no answers`).join(' · '),
  );
});

test('the mission card: the line equals the week-by-week fallback rows', async () => {
  await twoWeeks(['A', 'B', 'C']);
  const reply = only(await progressFor(store).mission(channelContext(LEAD), TEAM, MISSION));
  const charts = chartsIn(reply);
  expect(charts.map((chart) => chart.type)).toEqual(['Chart.Line']);
  const chart = charts[0] as ChartElement;
  const rows = fallbackRows(chart);
  expect(rows).toHaveLength(12);
  // Rows are newest first, "Week 48, 23 to 29 November 2026" / "3 answers ███" / "5.0".
  const shown = rows
    .filter((row) => /^\d\.\d$/.test(row[2] ?? ''))
    .map((row): [string, number] => [`W${/^Week (\d+)/.exec(row[0] ?? '')?.[1] ?? '?'}`, Number(row[2])])
    .reverse();
  expect(linePoints(chart)).toEqual({ [COUNCILS]: shown });
  expect(shown).toEqual([
    ['W47', 3],
    ['W48', 5],
  ]);
});

test('a week below the threshold has no point in any chart, and the fallback says why', async () => {
  await twoWeeks(['A', 'B']);
  const overview = only(await progressFor(store).overview(channelContext(LEAD), TEAM));
  const lines = chartOfType(overview, 'Chart.Line');
  expect(linePoints(lines)).toEqual({ [COUNCILS]: [['W47', 3]] });
  expect(fallbackText(lines)).toContain('W47: 3.0 · W48: hidden');
  expect(fallbackText(lines)).toContain(
    "A hidden week had fewer than 3 people answering on the mission, so it shows no figure and no one's answers can be picked out.",
  );
  // Participation names nobody: the small week still has its bar.
  expect(
    (chartOfType(overview, 'Chart.VerticalBar').data as { x: string; y: number }[])
      .slice(-2)
      .map((bar) => [asWeek(bar.x), bar.y]),
  ).toEqual([
    ['W47', 3],
    ['W48', 2],
  ]);

  const mission = only(await progressFor(store).mission(channelContext(LEAD), TEAM, MISSION));
  const line = chartOfType(mission, 'Chart.Line');
  expect(linePoints(line)).toEqual({ [COUNCILS]: [['W47', 3]] });
  expect(
    Object.values(linePoints(line))
      .flat()
      .map(([week]) => week),
  ).not.toContain('W48');
  expect(fallbackText(line)).toContain(
    "Hidden: 2 people answered; figures show once at least 3 do, so no one's answers can be picked out.",
  );
});

test('no line at all when every week is hidden: the rows say why instead', async () => {
  for (const user of ['A', 'B']) await checkIn(store, user, THIS_WEEK, answers(5));
  for (const reply of [
    only(await progressFor(store).overview(channelContext(LEAD), TEAM)),
    only(await progressFor(store).mission(channelContext(LEAD), TEAM, MISSION)),
  ]) {
    expect(chartsIn(reply).map((chart) => chart.type)).not.toContain('Chart.Line');
    expect(JSON.stringify(reply.card)).toContain(
      "Hidden: 2 people answered; figures show once at least 3 do, so no one's answers can be picked out.",
    );
  }
});

test('the fallback text for every chart on every progress card carries each number the chart draws', async () => {
  await twoWeeks(['A', 'B', 'C']);
  const progress = progressFor(store);
  const replies = [
    ...(await progress.overview(channelContext(LEAD), TEAM)),
    ...(await progress.mission(channelContext(LEAD), TEAM, MISSION)),
    ...(await progress.outcome(channelContext(LEAD), TEAM, 'outcome:data')),
    ...(await progress.attention(channelContext(LEAD), TEAM)),
    ...(await progress.summary(channelContext(MEMBER), TEAM)),
  ].map((reply) => only([reply]));
  const charts = replies.flatMap(chartsIn);
  // Overview: participation and missions; mission card: its line; summary: participation and missions.
  expect(charts.map((chart) => chart.type)).toEqual([
    'Chart.VerticalBar',
    'Chart.Line',
    'Chart.Line',
    'Chart.VerticalBar',
    'Chart.Line',
  ]);
  for (const chart of charts) {
    const text = fallbackText(chart);
    expect(text.length).toBeGreaterThan(20);
    const numbers =
      chart.type === 'Chart.Line'
        ? (chart.data as { values: { y: number }[] }[]).flatMap((line) =>
            line.values.map((value) => value.y.toFixed(1)),
          )
        : (chart.data as { y: number }[]).map((bar) => String(bar.y));
    expect(numbers.length).toBeGreaterThan(0);
    for (const number of numbers) expect(text).toContain(number);
  }
});

test('the worst case (12 weeks, 3 missions, every outcome named, long free text) stays under the size limit', async () => {
  const outcomes = allTopics()
    .filter((topic) => topic.kind === 'outcome')
    .map((topic) => topic.id);
  const long = (n: number) => `A long answer number ${n} ${'with many words in it '.repeat(20)}`;
  for (let back = 11; back >= 1; back--) {
    for (const mission of MISSIONS) {
      await writeRollup(
        store,
        weeksBefore(THIS_WEEK, back),
        [answers(3, { outcomes }), answers(4, { outcomes }), answers(5, { outcomes })],
        mission,
      );
    }
  }
  for (const [index, user] of ['A', 'B', 'C', 'D', 'E', 'F'].entries()) {
    for (const mission of MISSIONS)
      await checkIn(
        store,
        user,
        THIS_WEEK,
        answers(4, { outcomes, win: long(index), blocker: long(index + 10) }),
        mission,
      );
  }
  const reply = only(await progressFor(store).overview(channelContext(LEAD), TEAM)); // checks the 28 KB limit
  expect(Object.keys(linePoints(chartOfType(reply, 'Chart.Line')))).toHaveLength(3);
  // About 24 KB in all, of which the two charts are about 3 KB.
  expect(Buffer.byteLength(JSON.stringify(reply.card), 'utf8')).toBeLessThan(28 * 1024);
});
