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

/** Expands the template `cards/<name>.json` with `data` (available as `$root` in the template). */
export function renderCard(name: string, data: object): AdaptiveCard {
  const card = templateFor(name).expand({ $root: data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error(`Template ${name} did not expand to an AdaptiveCard`);
  return card;
}
