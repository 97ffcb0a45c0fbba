// Card rendering: templates are JSON files in cards/, expanded with adaptivecards-templating.
// Code picks a template and builds its data; it never writes card JSON by hand.
//
// Text is escaped by default. Every string in a card's data is treated as text: wherever it lands
// where Teams reads Markdown (a TextBlock's text, a fact's title and value) its marks are escaped
// (escapeMarkdown), so a team renamed to a link, or a note written as one, shows as written. Each
// data string is fenced with two private-use marks before expansion, so that after expansion the
// renderer knows which parts of a text came from data and which from the template. Control, bidi
// and zero-width characters are removed from every data string shown (titles, inputs, speech too),
// whatever its source; a button's data goes back to the bot exactly as given. The guide's own
// wording in data needs no Markdown today; a string that ever must be formatted would opt in here,
// visibly, rather than every card opting out.
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { cutText, escapeMarkdown, withoutUnwanted } from './plainText';

/** An expanded Adaptive Card, ready to attach to a message. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body?: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

/** The cards/ folder: found by walking up from this file, so it works from src/ (tests) and dist/src/ (built). */
function findCardsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'cards');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cards/ folder not found above ' + __dirname);
    dir = parent;
  }
}

export const cardsDir = findCardsDir();

// Parsing a template is the costly part of templating; do it once per template, not once per turn.
const parsedTemplates = new Map<string, ACData.Template>();

function templateFor(name: string): ACData.Template {
  let template = parsedTemplates.get(name);
  if (!template) {
    if (!/^[a-zA-Z][\w-]*$/.test(name)) throw new Error(`Bad card template name: ${name}`);
    const json: unknown = JSON.parse(readFileSync(path.join(cardsDir, `${name}.json`), 'utf8'));
    template = new ACData.Template(json);
    parsedTemplates.set(name, template);
  }
  return template;
}

/** Longest fallbackText a card carries (Teams shows it where it cannot draw the card, as a notification line). */
const FALLBACK_TEXT_MAX = 200;

function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never half a character: a cut between a surrogate pair's halves would leave neither readable.
  const cut = cutText(text, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/** Fences around a data string (private-use characters, removed from the data first so text cannot forge them). */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const FENCES = /[\uE000\uE001]/g;
const FENCED = /\uE000([^\uE000\uE001]*)\uE001/g;

/**
 * The data with every string that cleaning or escaping would change fenced. Strings both leave alone
 * (ids, choices, empty strings) stay as they are, so templates' comparisons of them still hold.
 */
function fenced(value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.replace(FENCES, '');
    return escapeMarkdown(withoutUnwanted(text)) === text ? text : `${OPEN}${text}${CLOSE}`;
  }
  if (Array.isArray(value)) return value.map(fenced);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, fenced(each)]));
  return value;
}

/**
 * Where a string of the expanded card is: read as Markdown (a TextBlock's text, a fact), shown as
 * plain text (titles, inputs, speech), or a button's data, which goes back to the bot as it was.
 */
type Place = 'markdown' | 'text' | 'buttonData';

function unfencedText(text: string, place: Place): string {
  if (place === 'buttonData') return text.replace(FENCES, '');
  const shown = (inner: string) =>
    place === 'markdown' ? escapeMarkdown(withoutUnwanted(inner)) : withoutUnwanted(inner);
  return text.replace(FENCED, (_match, inner: string) => shown(inner)).replace(FENCES, '');
}

/** The expanded card with its fences gone: data escaped where Teams reads Markdown, cleaned where it is shown. */
function unfenced(node: unknown, place: Place = 'text'): unknown {
  if (typeof node === 'string') return unfencedText(node, place);
  if (Array.isArray(node)) return node.map((each) => unfenced(each, place));
  if (typeof node !== 'object' || node === null) return node;
  const element = node as Record<string, unknown>;
  const isAction = typeof element.type === 'string' && element.type.startsWith('Action.');
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (element.type === 'TextBlock' && key === 'text') result[key] = unfenced(value, 'markdown');
    else if (element.type === 'FactSet' && key === 'facts') result[key] = unfenced(value, 'markdown');
    else if (isAction && key === 'data') result[key] = unfenced(value, 'buttonData');
    else result[key] = unfenced(value, place);
  }
  return result;
}

/** Expands the template `cards/<name>.json` with `data` (available as `$root` in the template), its strings as text. */
export function renderCard(name: string, data: object): AdaptiveCard {
  const card = unfenced(templateFor(name).expand({ $root: fenced(data) })) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error(`Template ${name} did not expand to an AdaptiveCard`);
  // The fallback text stands in for the whole card where cards are not shown: a title that carries a
  // long team name or person's words must not make it long, so it is cut at a word, whatever the template.
  if (typeof card.fallbackText === 'string') card.fallbackText = shortened(card.fallbackText, FALLBACK_TEXT_MAX);
  return card;
}
