// The report's charts: drawn by Apache ECharts as SVG on the server (its server-side rendering needs
// no browser and no canvas), then rasterised to PNG by resvg, because Word shows PNG everywhere and
// SVG only in recent versions. Text is drawn in DejaVu Sans from the files named here, not from
// whatever fonts the machine has, so the picture is the same on every server. Every chart comes with
// the alt text that says its figures, so a screen reader user gets what a sighted reader does.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { MissionRow, ThemeRow, WeekRow } from './content';
import { TOO_FEW } from './content';

/**
 * DejaVu Sans, the one font family the charts are drawn in, from the npm package dejavu-fonts-ttf
 * (DejaVu's own TrueType files): a server has it wherever the bot is installed, App Service included,
 * which has no fonts of its own to speak of. REPORT_FONT_DIR points elsewhere if ever needed.
 */
const FONT_DIR =
  process.env.REPORT_FONT_DIR ?? path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => path.join(FONT_DIR, file));

/** Drawn at twice the size it is shown at, so it stays sharp when printed. */
const WIDTH = 640;
const HEIGHT = 320;
const SCALE = 2;

/** Colours with enough contrast on white and apart from each other (the Okabe-Ito palette, safe for colour blindness). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

export interface ChartImage {
  png: Buffer;
  /** As shown in the document, in pixels at 96 to the inch. */
  width: number;
  height: number;
  title: string;
  /** The alt text: every figure the chart shows, in words. */
  description: string;
}

function render(option: echarts.EChartsOption): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: '#1a1a1a' },
      ...option,
    });
    const svg = chart.renderToSVGString();
    const fonts = FONT_FILES.filter((file) => existsSync(file));
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: WIDTH * SCALE },
      background: '#ffffff',
      // The named files only; the machine's own fonts are used only if those files are missing.
      font: { loadSystemFonts: fonts.length === 0, fontFiles: fonts, defaultFontFamily: FONT_FAMILY },
    });
    return Buffer.from(resvg.render().asPng());
  } finally {
    chart.dispose();
  }
}

const AXIS_NAME = { nameLocation: 'middle' as const, nameGap: 32, nameTextStyle: { fontSize: 12 } };

export function participationChart(weeks: readonly WeekRow[]): ChartImage {
  const title = 'Answers a week this quarter';
  const words = weeks.map((week) => {
    const notes = [week.off ? 'week off' : '', week.away > 0 ? `${week.away} away` : ''].filter(Boolean);
    return `${week.label}: ${week.answers}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  });
  return {
    png: render({
      grid: { left: 56, right: 24, top: 24, bottom: 48 },
      xAxis: { type: 'category', name: 'Week', ...AXIS_NAME, data: weeks.map((week) => week.label.slice(5)) },
      yAxis: { type: 'value', name: 'Answers', ...AXIS_NAME, nameGap: 40, minInterval: 1 },
      series: [{ type: 'bar', data: weeks.map((week) => week.answers), itemStyle: { color: COLOURS[0] } }],
    }),
    width: WIDTH,
    height: HEIGHT,
    title,
    description: `Bar chart of the answers given each week across missions. ${words.join('; ')}.`,
  };
}

/** A week of the organisation's participation: the people summed, or undefined when too few to show. */
export interface OrganisationWeek {
  label: string;
  people: number | undefined;
  /** As the table says it: the number, TOO_FEW or "no answers". */
  figure: string;
}

export function organisationParticipationChart(weeks: readonly OrganisationWeek[]): ChartImage {
  const title = 'People who checked in a week across the organisation';
  return {
    png: render({
      grid: { left: 56, right: 24, top: 24, bottom: 48 },
      xAxis: { type: 'category', name: 'Week', ...AXIS_NAME, data: weeks.map((week) => week.label.slice(5)) },
      yAxis: { type: 'value', name: 'People', ...AXIS_NAME, nameGap: 40, minInterval: 1 },
      // A week with too few people has no bar: its number is never drawn, as it is never written.
      series: [{ type: 'bar', data: weeks.map((week) => week.people ?? null), itemStyle: { color: COLOURS[0] } }],
    }),
    width: WIDTH,
    height: HEIGHT,
    title,
    description: `Bar chart of the people who checked in each week, summed over every team; a week marked ${TOO_FEW} has no bar. ${weeks.map((week) => `${week.label}: ${week.figure}`).join('; ')}.`,
  };
}

export function missionChart(missions: readonly MissionRow[], weekLabels: readonly string[]): ChartImage {
  const title = 'Average progress a week by mission, 1 to 5';
  const words = missions.map(
    (mission) =>
      `${mission.name}: ${mission.weeks.map((week, index) => `${weekLabels[index] ?? week.week} ${week.figure}`).join(', ')}`,
  );
  return {
    png: render({
      grid: { left: 56, right: 24, top: 48, bottom: 48 },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      xAxis: { type: 'category', name: 'Week', ...AXIS_NAME, data: weekLabels.map((label) => label.slice(5)) },
      yAxis: { type: 'value', name: 'Average (1 to 5)', ...AXIS_NAME, nameGap: 36, min: 1, max: 5, interval: 1 },
      // A week with too few answers has no point: the line breaks there rather than inventing one.
      series: missions.map((mission) => ({
        type: 'line' as const,
        name: mission.name,
        connectNulls: false,
        symbolSize: 7,
        data: mission.weeks.map((week) => (week.average === undefined ? null : Number(week.figure))),
      })),
    }),
    width: WIDTH,
    height: HEIGHT,
    title,
    description: `Line chart of each mission's average progress a week, from 1 low to 5 high; a week marked ${TOO_FEW} has no point. ${words.join('. ')}.`,
  };
}

export function maturityChart(themes: readonly ThemeRow[]): ChartImage {
  const title = 'Median level by theme this round, with targets';
  const words = themes.map(
    (theme) => `${theme.name}: median ${theme.thisRound}, target ${theme.target}, last round ${theme.lastRound}`,
  );
  return {
    png: render({
      grid: { left: 48, right: 24, top: 40, bottom: 96 },
      legend: { top: 0, textStyle: { fontSize: 11 } },
      xAxis: {
        type: 'category',
        data: themes.map((theme) => theme.name),
        axisLabel: { interval: 0, rotate: 35, fontSize: 10 },
      },
      yAxis: { type: 'value', name: 'Level (1 to 5)', ...AXIS_NAME, min: 0, max: 5, interval: 1 },
      series: [
        { type: 'bar', name: 'Median this round', data: themes.map((theme) => theme.median ?? null) },
        {
          type: 'scatter',
          name: 'Target',
          symbol: 'diamond',
          symbolSize: 12,
          data: themes.map((theme) => theme.targetLevel ?? null),
        },
      ],
    }),
    width: WIDTH,
    height: HEIGHT,
    title,
    description: `Bar chart of the team's median level in each theme this round, from 1 to 5, with its target as a diamond; a theme rated by too few people has no bar. ${words.join('; ')}.`,
  };
}
