// Card rendering: templates are JSON files in cards/, expanded with adaptivecards-templating.
// Code picks a template and builds its data; it never writes card JSON by hand.
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';

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
  const cut = text.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/** Expands the template `cards/<name>.json` with `data` (available as `$root` in the template). */
export function renderCard(name: string, data: object): AdaptiveCard {
  const card = templateFor(name).expand({ $root: data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error(`Template ${name} did not expand to an AdaptiveCard`);
  // The fallback text stands in for the whole card where cards are not shown: a title that carries a
  // long team name or person's words must not make it long, so it is cut at a word, whatever the template.
  if (typeof card.fallbackText === 'string') card.fallbackText = shortened(card.fallbackText, FALLBACK_TEXT_MAX);
  return card;
}
