// What every card the bot sends must satisfy: Adaptive Card schema 1.5 at most (Teams' limit),
// parsed by the official `adaptivecards` package with no errors, no `${...}` left unexpanded, and
// under Teams' message size limit.
//
// Teams' chart elements (`Chart.*`) are not in that package, so they are checked on their own: each
// must be a chart type Teams documents, match the schema of its documented properties
// (./teamsCharts.ts) and carry a fallback element. The package then parses the card as a client
// without charts renders it, each chart replaced by its fallback; the version, template and size
// rules apply to the card as sent, charts and all.
import { chartShapeProblems } from './teamsCharts';

// The package's `main` points at ES module files without a module type, which Node cannot load;
// its bundled UMD build is the same code, so load that and take the types from the package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Teams refuses messages over about 28 KB; keep cards well under it. */
const TEAMS_CARD_BYTE_LIMIT = 28 * 1024;

function isChart(node: unknown): node is Record<string, unknown> {
  return (
    typeof node === 'object' &&
    node !== null &&
    !Array.isArray(node) &&
    typeof (node as Record<string, unknown>).type === 'string' &&
    ((node as Record<string, unknown>).type as string).startsWith('Chart.')
  );
}

/**
 * The card as a client without charts sees it: every chart checked (its problems added to
 * `problems`) and replaced by its fallback, itself resolved the same way (a fallback may be another
 * chart). A chart with no usable fallback is left out, its problem already recorded.
 */
function withoutCharts(node: unknown, path: string, problems: string[]): unknown {
  if (isChart(node)) {
    problems.push(...chartShapeProblems(node).map((problem) => `${path}: ${problem}`));
    const fallback = node.fallback;
    if (fallback === undefined) {
      problems.push(`${path}: ${String(node.type)} has no fallback, so clients without charts would show nothing`);
      return undefined;
    }
    if (typeof fallback !== 'object' || fallback === null || Array.isArray(fallback)) {
      problems.push(
        `${path}: ${String(node.type)}'s fallback is ${JSON.stringify(fallback)}, not an element with the chart's numbers`,
      );
      return undefined;
    }
    return withoutCharts(fallback, `${path}.fallback`, problems);
  }
  if (Array.isArray(node))
    return node
      .map((child, index) => withoutCharts(child, `${path}[${index}]`, problems))
      .filter((child) => child !== undefined);
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const resolved = withoutCharts(value, `${path}.${key}`, problems);
    if (resolved !== undefined) copy[key] = resolved;
  }
  return copy;
}

function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (typeof card !== 'object' || card === null) return ['card is not an object'];
  const json = JSON.stringify(card);
  const record = card as Record<string, unknown>;
  if (record.type !== 'AdaptiveCard') problems.push(`type is ${String(record.type)}`);
  const version = String(record.version ?? '');
  const match = /^1\.(\d+)$/.exec(version);
  if (!match || Number(match[1]) > 5) problems.push(`version ${version} is not 1.0-1.5`);
  if (json.includes('${'))
    problems.push('unexpanded template field: ' + json.slice(json.indexOf('${'), json.indexOf('${') + 40));
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > TEAMS_CARD_BYTE_LIMIT) problems.push(`card is ${bytes} bytes, over ${TEAMS_CARD_BYTE_LIMIT}`);

  problems.push(...accessibilityProblems(record));

  const asRendered = withoutCharts(card, 'card', problems);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  parsed.parse(asRendered, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }
  return problems;
}

/** Longest `fallbackText`: it stands in for the whole card where cards are not shown, so it is short. */
const FALLBACK_TEXT_MAX = 200;
/** Container styles whose colour says something (good, attention, warning): the words inside must say it too. */
const MEANINGFUL_STYLES = new Set(['good', 'attention', 'warning', 'accent', 'emphasis']);

function hasText(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasText);
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  if (record.type === 'TextBlock' && typeof record.text === 'string' && record.text.trim() !== '') return true;
  if (record.type === 'RichTextBlock' || record.type === 'FactSet') return true;
  return ['items', 'columns', 'inlines', 'facts'].some((key) => hasText(record[key]));
}

/**
 * What a screen reader and a client without cards need: a `speak` text and a short `fallbackText`
 * on every card; alt text on every image; and no styled container whose meaning is its colour alone
 * (it must hold text that says it). Charts keep a text fallback (checked in withoutCharts). And the
 * reading order is the visual order: a card's elements are drawn in the order of its JSON, which is the
 * order a screen reader reads them, except where `rtl` draws a container's columns right to left.
 */
function accessibilityProblems(card: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof card.speak !== 'string' || card.speak.trim() === '') problems.push('card has no speak text');
  if (typeof card.fallbackText !== 'string' || card.fallbackText.trim() === '')
    problems.push('card has no fallbackText');
  else if (card.fallbackText.length > FALLBACK_TEXT_MAX)
    problems.push(`fallbackText is ${card.fallbackText.length} characters, over ${FALLBACK_TEXT_MAX}`);
  if (card.rtl === true) problems.push('card: rtl is set: a screen reader would read it against its visual order');
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, index) => visit(child, `${path}[${index}]`));
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Image' && (typeof record.altText !== 'string' || record.altText.trim() === ''))
      problems.push(`${path}: image without altText`);
    if (record.rtl === true)
      problems.push(`${path}: rtl is set: a screen reader would read it against its visual order`);
    if (
      record.type === 'Container' &&
      typeof record.style === 'string' &&
      MEANINGFUL_STYLES.has(record.style) &&
      !hasText(record.items)
    )
      problems.push(`${path}: a ${record.style} container with no text: its meaning would be its colour alone`);
    for (const [key, value] of Object.entries(record)) if (key !== 'fallback') visit(value, `${path}.${key}`);
  };
  visit(card.body, 'card.body');
  return problems;
}

/** Jest-friendly assertion: throws with every problem listed. */
export function expectValidCard(card: unknown): void {
  const problems = cardProblems(card);
  if (problems.length > 0) {
    throw new Error(
      `Invalid Adaptive Card:\n- ${problems.join('\n- ')}\n${JSON.stringify(card, null, 2).slice(0, 2000)}`,
    );
  }
}

/** The text of the first TextBlock in the card body, searched depth-first (the card contract's title). */
export function firstTextBlock(card: unknown): string | undefined {
  const visit = (node: unknown): string | undefined => {
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = visit(child);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (typeof node !== 'object' || node === null) return undefined;
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') return record.text;
    for (const key of ['body', 'items', 'columns']) {
      const found = visit(record[key]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit((card as Record<string, unknown>)?.body);
}

/** Every TextBlock text of a card (or any part of one), in order. */
export function textBlocks(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textBlocks);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'TextBlock' && typeof record.text === 'string' ? [record.text] : [];
  return [...own, ...Object.entries(record).flatMap(([key, value]) => (key === 'text' ? [] : textBlocks(value)))];
}

/** Every piece of text a TextBlock or a fact shows as Markdown. */
export function markdownTexts(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => markdownTexts(item, found));
  else if (typeof node === 'object' && node !== null) {
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') found.push(element.text);
    if (element.type === 'FactSet' && Array.isArray(element.facts))
      for (const fact of element.facts as Record<string, unknown>[])
        found.push(String(fact.title ?? ''), String(fact.value ?? ''));
    Object.values(element).forEach((value) => markdownTexts(value, found));
  }
  return found;
}
