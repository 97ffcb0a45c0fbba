// The chart elements Teams documents for Adaptive Cards, as zod schemas of their documented
// properties and nothing else, so a typo or an invented property fails a test instead of being
// silently ignored by Teams.
//
// Sources: Microsoft Learn, Teams platform, "Charts in Adaptive Cards"
// (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards)
// for the element types and their properties; the shapes of the data points are those of its
// examples, with the fields the Teams SDK's card types name (Microsoft.Teams.Cards: LineChartData
// legend/values/color, LineChartValue x/y, HorizontalBarChartDataValue and VerticalBarChartDataValue
// x/y/color). The page marks `data` required only for Chart.Donut; every chart here must have data,
// since a chart without points shows nothing.
import { z } from 'zod';

/** Every chart type on the page. */
export const DOCUMENTED_CHART_TYPES = [
  'Chart.Donut',
  'Chart.Gauge',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.Line',
  'Chart.Pie',
  'Chart.HorizontalBar.Stacked',
  'Chart.VerticalBar',
] as const;

const COLORS = [
  'good',
  'warning',
  'attention',
  'neutral',
  ...['Red', 'Purple', 'Lavender', 'Blue', 'LightBlue', 'Teal', 'Green', 'Lime', 'Marigold'].map(
    (name) => `categorical${name}`,
  ),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((step) => `sequential${step}`),
  ...['Blue', 'LightBlue', 'Cyan', 'Teal', 'Yellow', 'Peach', 'LightRed', 'Red', 'Maroon', 'Gray'].map(
    (name) => `diverging${name}`,
  ),
];
const color = z.string().refine((value) => COLORS.includes(value), { message: 'not a documented chart color' });

const WIDTHS = ['VeryNarrow', 'Narrow', 'Standard', 'Wide'];
const targetWidth = z.enum([...WIDTHS, ...WIDTHS.flatMap((width) => [`atLeast:${width}`, `atMost:${width}`])]);

/** What every chart element on the page lists (the fallback is checked on its own, as an element). */
const elementProperties = {
  colorSet: z.string().optional(),
  fallback: z.union([z.string(), z.object({ type: z.string() }).loose()]).optional(),
  'grid.area': z.string().optional(),
  height: z.enum(['auto', 'stretch']).optional(),
  horizontalAlignment: z.enum(['Left', 'Center', 'Right']).optional(),
  id: z.string().optional(),
  isVisible: z.boolean().optional(),
  lang: z.string().optional(),
  requires: z.record(z.string(), z.string()).optional(),
  separator: z.boolean().optional(),
  spacing: z.enum(['None', 'ExtraSmall', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding']).optional(),
  targetWidth: targetWidth.optional(),
  title: z.string().optional(),
};

/** Bar and line charts also have one colour for all points and axis titles. */
const axisChartProperties = {
  ...elementProperties,
  color: color.optional(),
  xAxisTitle: z.string().optional(),
  yAxisTitle: z.string().optional(),
};

const number = z.number();

const partsData = z
  .array(z.strictObject({ color: color.optional(), legend: z.string().optional(), value: number.optional() }))
  .min(1);

const SCHEMAS: Partial<Record<(typeof DOCUMENTED_CHART_TYPES)[number], z.ZodType>> = {
  'Chart.Donut': z.strictObject({ type: z.literal('Chart.Donut'), ...elementProperties, data: partsData }),
  'Chart.Pie': z.strictObject({ type: z.literal('Chart.Pie'), ...elementProperties, data: partsData }),
  'Chart.Line': z.strictObject({
    type: z.literal('Chart.Line'),
    ...axisChartProperties,
    data: z
      .array(
        z.strictObject({
          legend: z.string().optional(),
          color: color.optional(),
          values: z.array(z.strictObject({ x: z.union([z.string(), number]), y: number })).min(1),
        }),
      )
      .min(1),
  }),
  'Chart.HorizontalBar': z.strictObject({
    type: z.literal('Chart.HorizontalBar'),
    ...axisChartProperties,
    displayMode: z.enum(['AbsoluteWithAxis', 'AbsoluteNoAxis', 'PartToWhole']).optional(),
    data: z.array(z.strictObject({ x: z.string(), y: number, color: color.optional() })).min(1),
  }),
  'Chart.VerticalBar': z.strictObject({
    type: z.literal('Chart.VerticalBar'),
    ...axisChartProperties,
    showBarValues: z.boolean().optional(),
    data: z.array(z.strictObject({ x: z.union([z.string(), number]), y: number, color: color.optional() })).min(1),
  }),
};

/** Why a chart element is not one Teams documents, or not shaped as documented; [] when it is. */
export function chartShapeProblems(element: Record<string, unknown>): string[] {
  const type = String(element.type);
  if (!(DOCUMENTED_CHART_TYPES as readonly string[]).includes(type))
    return [`${type} is not a chart type Teams documents`];
  const schema = SCHEMAS[type as (typeof DOCUMENTED_CHART_TYPES)[number]];
  if (!schema)
    return [`${type} is documented, but this validator has no schema for it yet: write one before sending it`];
  const result = schema.safeParse(element);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${type} ${issue.path.join('.') || '(element)'}: ${issue.message}`);
}
