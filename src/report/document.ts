// The quarterly report as a Word document, written by the `docx` library: real Heading 1 and 2
// styles (so Word's navigation pane, a table of contents and screen readers find the structure),
// tables whose first row is marked as a header that repeats on every page, charts with alt text that
// states their figures, en-GB as the language, A4 pages, and the cover title in the document's
// properties. Everything people or Teams named (the title, the team, actions, owners) is a plain
// text run: Word never reads it as a field, a link or formatting.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ATTRIBUTION } from '../maturity/themes';
import { maturityChart, missionChart, participationChart, type ChartImage } from './charts';
import type { ReportContent, TallyRow, ThemeRow } from './content';

/** A4 in twentieths of a point (210 by 297 mm), with 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;

export type Block = Paragraph | Table;

export function heading(text: string, level: 1 | 2 = 1): Paragraph {
  // Space above a heading, so a section does not run on from the table before it.
  return new Paragraph({
    text,
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: level === 1 ? 360 : 240, after: 120 },
    keepNext: true,
  });
}

export function para(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
}

function cell(text: string, header: boolean): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] });
}

/** A table with one header row, marked to repeat at the top of each page, as accessibility checkers require. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((text) => cell(text, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text) => cell(text, false)) })),
    ],
  });
}

export function image(chart: ChartImage): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: chart.width, height: chart.height },
          altText: { name: chart.title, title: chart.title, description: chart.description },
        }),
      ],
    }),
    // A caption that names the chart; the table after it has the same figures for anyone who copies them.
    new Paragraph({ children: [new TextRun({ text: chart.title, italics: true })], spacing: { after: 200 } }),
  ];
}

function tallyTable(first: string, rows: readonly TallyRow[], empty: string): Block[] {
  if (rows.length === 0) return [para(empty)];
  return [
    table(
      [first, 'Answers', 'Share of answers'],
      rows.map((row) => [row.name, String(row.count), row.share]),
    ),
  ];
}

function coverBlocks(content: ReportContent): Block[] {
  const weeks = content.weeks;
  const span =
    weeks.length > 0 ? `${weeks[0]?.label} to ${weeks.at(-1)?.label}` : 'no weeks of this quarter have begun yet';
  return [
    ...(content.sampleData ? [para('Sample data from the demo command: these figures were made up.')] : []),
    para(`Team: ${content.teamName}`),
    para(`Quarter: ${content.quarter} (${span})`),
    para(`Made on ${content.madeOn} by Framework Guide from the team’s weekly check-ins and its maturity round.`),
    para(
      `No figure in this report is made from fewer than ${content.minResponses} people’s answers: such a figure says “too few answers”. The report names nobody, and quotes nobody but the wins the team approved for sharing.`,
    ),
  ];
}

function participationBlocks(content: ReportContent): Block[] {
  const total = content.weeks.reduce((sum, week) => sum + week.answers, 0);
  const off = content.weeks.filter((week) => week.off).length;
  return [
    heading('Who checked in'),
    para(
      `${total} answers across missions in ${content.weeks.length} weeks.${off > 0 ? ` ${off} ${off === 1 ? 'week was' : 'weeks were'} marked off by a lead, so no one was asked.` : ''} People who said they were away are counted as away, not as missing.`,
    ),
    ...(content.weeks.length > 0 ? image(participationChart(content.weeks)) : []),
    table(
      ['Week', 'Starting', 'Answers', 'Notes'],
      content.weeks.map((week) => [
        week.label,
        week.starts,
        String(week.answers),
        [week.off ? 'Week off' : '', week.away > 0 ? `${week.away} away` : ''].filter(Boolean).join(', '),
      ]),
    ),
  ];
}

/** The missions' quarter and week-by-week figures: a team's, or the organisation's summed. */
export function missionBlocks(
  content: Pick<ReportContent, 'missions'> & { weeks: readonly { label: string }[] },
): Block[] {
  const labels = content.weeks.map((week) => week.label);
  const anyPoint = content.missions.some((mission) => mission.weeks.some((week) => week.average !== undefined));
  return [
    heading('Progress by mission'),
    para(
      'How people rated the week’s progress on each mission, from 1 (low) to 5 (high): the average of the answers each week, and over the quarter.',
    ),
    table(
      ['Mission', 'Quarter’s average', 'Trend'],
      content.missions.map((mission) => [mission.name, mission.average, mission.trend]),
    ),
    ...(anyPoint ? image(missionChart(content.missions, labels)) : []),
    ...content.missions.flatMap((mission) => [
      heading(mission.name, 2),
      table(
        ['Week', 'Average (1 to 5)'],
        mission.weeks.map((week, index) => [labels[index] ?? week.week, week.figure]),
      ),
    ]),
  ];
}

/** Outcomes, what held the work back and principles rarely checked: a team's, or the organisation's. */
export function breakdownBlocks(
  content: Pick<ReportContent, 'breakdownNote' | 'outcomes' | 'enablers' | 'rarePrinciples'>,
): Block[] {
  return [
    heading('Outcomes the work touched'),
    para(content.breakdownNote),
    ...tallyTable('Outcome', content.outcomes, 'No outcome was named in weeks with enough answers.'),
    heading('What most often held the work back'),
    ...tallyTable(
      'Enabler',
      content.enablers,
      'Nothing was named as holding the work back in weeks with enough answers.',
    ),
    heading('Principles rarely checked against'),
    para('Principles the work was checked against in fewer than one answer in five.'),
    ...tallyTable(
      'Principle',
      content.rarePrinciples,
      'None: every principle was checked in at least one answer in five.',
    ),
  ];
}

function themeTable(themes: readonly ThemeRow[]): Table {
  return table(
    ['Theme', 'Median this round', 'Last round', 'Target'],
    themes.map((theme) => [theme.name, theme.thisRound, theme.lastRound, theme.target]),
  );
}

function maturityBlocks(content: ReportContent): Block[] {
  const shown = content.themes.some((theme) => theme.median !== undefined);
  return [
    heading('Digital maturity'),
    para(
      `Each person rated the team privately against the framework’s enablers and good practice principles, from 1 to 5. ${content.assessed} ${content.assessed === 1 ? 'person' : 'people'} assessed the team this round; a theme shows its median (the middle rating) once at least ${content.minResponses} people rated it.${content.lastRoundLabel ? ` Last round: ${content.lastRoundLabel}.` : ''}`,
    ),
    ...(shown ? image(maturityChart(content.themes)) : []),
    heading('Enablers', 2),
    themeTable(content.themes.filter((theme) => theme.kind === 'enabler')),
    heading('Good practice principles', 2),
    themeTable(content.themes.filter((theme) => theme.kind === 'principle')),
  ];
}

function actionBlocks(content: ReportContent): Block[] {
  const actions = content.actions;
  if (!actions) return [];
  const count = (status: string) => actions.filter((action) => action.status === status).length;
  return [
    heading('Action plan'),
    para(`${count('Open') + count('Overdue')} open (${count('Overdue')} overdue) and ${count('Done')} done.`),
    ...(actions.length === 0
      ? [para('No actions on the plan yet.')]
      : [
          table(
            ['Action', 'Theme', 'Owner', 'Due', 'Status'],
            actions.map((action) => [action.title, action.theme, action.owner, action.due, action.status]),
          ),
        ]),
  ];
}

function practiceBlocks(content: ReportContent): Block[] {
  return [
    heading('Practice shared with the organisation'),
    para('Wins from the team’s check-ins that a lead approved this quarter for every team in the organisation to see.'),
    ...(content.examples.length === 0
      ? [para('None approved this quarter.')]
      : [
          table(
            ['Example', 'Parts of the framework', 'Approved'],
            content.examples.map((example) => [example.text, example.parts, example.approved]),
          ),
        ]),
  ];
}

/** A Word file of `blocks` under the cover title: A4, en-GB, the title in the document's properties. */
export function documentOf(title: string, quarter: string, blocks: readonly Block[]): Promise<Buffer> {
  const document = new Document({
    title,
    subject: `Quarterly report, ${quarter}`,
    creator: 'Framework Guide',
    description: `Check-in progress and digital maturity for ${quarter}.`,
    styles: { default: { document: { run: { language: { value: 'en-GB' }, font: 'Calibri', size: 22 } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children: [new Paragraph({ text: title, heading: HeadingLevel.TITLE }), ...blocks],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The team's report as a Word file (.docx). */
export function reportDocx(content: ReportContent): Promise<Buffer> {
  return documentOf(content.title, content.quarter, [
    ...coverBlocks(content),
    ...participationBlocks(content),
    ...missionBlocks(content),
    ...breakdownBlocks(content),
    ...maturityBlocks(content),
    ...actionBlocks(content),
    ...practiceBlocks(content),
    heading('About this report'),
    para(
      'Figures come from the team’s weekly check-ins (five short questions on one mission) and its quarterly self-assessment against the framework. Free-text answers and notes are never included, other than the wins a lead approved for sharing with the organisation.',
    ),
    para(ATTRIBUTION),
  ]);
}
