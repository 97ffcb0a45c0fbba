// The shape every progress card is drawn from: a title, sections of rows, charts, buttons. Layout
// lives in cards/progressReport.json; this file only turns plain rows into the template's data. Every
// number is in a row of text: a chart (drawn by Teams on desktop and web) always carries, as its
// fallback, the rows with the same numbers, so mobile, older clients and screen readers get the
// figures too (the Agents Playground draws the charts).
import { cardButton, type CardButton } from '../cards/cardButton';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { JsonObject } from '../domain';
import type { Audience, CardMessageReply, CardPlacement } from '../turns/types';
import { shortSummary } from '../turns/summary';

export type { CardButton } from '../cards/cardButton';

/** Progress buttons ignore the card's inputs unless they ask for them (the roster's "add"). */
export function button(
  title: string,
  payload: JsonObject & { action: string },
  options: { primary?: boolean; withInputs?: boolean } = {},
): CardButton {
  return cardButton(title, payload, { primary: options.primary, inputs: options.withInputs ? 'auto' : 'none' });
}

export interface Row {
  label: string;
  value?: string;
  detail?: string;
  open?: CardButton;
}

/** One point of a chart. Weeks hidden by the privacy threshold have no point at all. */
export interface ChartPoint {
  x: string;
  y: number;
}

/**
 * A Teams chart element and the rows that say the same numbers in text. The element shapes follow
 * Microsoft's "Charts in Adaptive Cards" page for Teams (Chart.Line: data is a list of series, each a
 * legend and x/y values; Chart.VerticalBar: data is a list of x/y bars), using only the documented
 * properties title, xAxisTitle, yAxisTitle and data (and, for bars, a data point's color).
 */
export type Chart =
  | {
      kind: 'line';
      title: string;
      xAxisTitle: string;
      yAxisTitle: string;
      series: { legend: string; points: ChartPoint[] }[];
      fallback: Row[];
    }
  | { kind: 'verticalBar'; title: string; xAxisTitle: string; yAxisTitle: string; bars: ChartPoint[]; fallback: Row[] };

export interface Section {
  heading: string;
  intro?: string;
  rows: Row[];
  /** Drawn after the rows; clients without charts show `chart.fallback` in its place. */
  chart?: Chart;
}

export interface Report {
  title: string;
  subtitle: string;
  notice?: string;
  sections: Section[];
  footnote: string;
  buttons: CardButton[];
  /** Notification and screen-reader line. */
  summary: string;
}

export function reply(
  card: AdaptiveCard,
  summary: string,
  delivery: CardPlacement,
  audience: Audience,
): CardMessageReply {
  return { kind: delivery === 'new' ? 'card' : 'updateCard', audience, card, summary: shortSummary(summary) };
}

function rowData(row: Row) {
  return {
    label: row.label,
    hasValue: Boolean(row.value),
    value: row.value ?? '',
    hasDetail: Boolean(row.detail),
    detail: row.detail ?? '',
    hasOpen: row.open !== undefined,
    open: row.open ?? {},
  };
}

/** One of the colours Teams documents for chart data points. */
const BAR_COLOR = 'categoricalBlue';

function chartData(chart: Chart) {
  const common = {
    title: chart.title,
    xAxisTitle: chart.xAxisTitle,
    yAxisTitle: chart.yAxisTitle,
    rows: chart.fallback.map(rowData),
  };
  return chart.kind === 'line'
    ? {
        ...common,
        type: 'Chart.Line',
        data: chart.series.map((series) => ({
          legend: series.legend,
          values: series.points.map((point) => ({ x: point.x, y: point.y })),
        })),
      }
    : // One colour for every bar (a data point's `color`, as the Teams SDK's VerticalBarChartDataValue
      // has it): bars of one measure in many colours would read as categories.
      {
        ...common,
        type: 'Chart.VerticalBar',
        data: chart.bars.map((bar) => ({ x: bar.x, y: bar.y, color: BAR_COLOR })),
      };
}

export function renderReport(report: Report, delivery: CardPlacement, audience: Audience): CardMessageReply {
  const card = renderCard('progressReport', {
    title: report.title,
    subtitle: report.subtitle,
    speak: `${report.title}. ${report.subtitle}`,
    hasNotice: report.notice !== undefined,
    notice: report.notice ?? '',
    sections: report.sections.map((section) => ({
      heading: section.heading,
      hasIntro: Boolean(section.intro),
      intro: section.intro ?? '',
      rows: section.rows.map(rowData),
      hasChart: section.chart !== undefined,
      chart: section.chart ? chartData(section.chart) : {},
    })),
    footnote: report.footnote,
    buttons: report.buttons,
  });
  return reply(card, report.summary, delivery, audience);
}
