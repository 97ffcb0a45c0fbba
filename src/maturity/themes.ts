// The twelve themes a team assesses itself against (the framework's six enablers and six good
// practice principles, in its own order), with the question and the five level descriptions of
// each from themes.json. Checked when loaded: a theme missing, one the framework does not have, or
// a level without its description stops the app at start rather than showing a broken card.
import { z } from 'zod';
import { topicById, topicsOfKind } from '../knowledge/framework';
import type { MaturityLevel } from '../domain';
import data from './themes.json';

export type ThemeKind = 'enabler' | 'principle';

export interface Theme {
  id: string;
  kind: ThemeKind;
  name: string;
  question: string;
  /** Five entries, for levels 1 to 5: a short label and the guide's own description. */
  levels: { level: MaturityLevel; label: string; description: string }[];
}

const fiveTexts = z.array(z.string().min(1).max(200)).length(5);
const fileSchema = z.object({
  attribution: z.string().min(1),
  noteLimit: z.number().int().min(20).max(1000),
  kinds: z.object({
    enabler: z.object({ question: z.string().includes('{theme}'), labels: fiveTexts }),
    principle: z.object({ question: z.string().includes('{theme}'), labels: fiveTexts }),
  }),
  themes: z.array(z.object({ id: z.string(), levels: fiveTexts, basis: z.string().min(1) })),
});

const file = fileSchema.parse(data);
const LEVELS: readonly MaturityLevel[] = [1, 2, 3, 4, 5];

function loadThemes(): Theme[] {
  const expected = [...topicsOfKind('enabler'), ...topicsOfKind('principle')].map((topic) => topic.id);
  const listed = file.themes.map((theme) => theme.id);
  if (JSON.stringify(listed) !== JSON.stringify(expected))
    throw new Error(`themes.json must list ${expected.join(', ')} in that order; it lists ${listed.join(', ')}`);
  return file.themes.map((entry) => {
    const topic = topicById(entry.id);
    if (!topic || (topic.kind !== 'enabler' && topic.kind !== 'principle'))
      throw new Error(`themes.json: ${entry.id} is not an enabler or principle`);
    const kind = file.kinds[topic.kind];
    return {
      id: topic.id,
      kind: topic.kind,
      name: topic.name,
      question: kind.question.replace('{theme}', topic.name.toLowerCase()),
      levels: LEVELS.map((level) => ({
        level,
        label: kind.labels[level - 1] as string,
        description: entry.levels[level - 1] as string,
      })),
    };
  });
}

export const THEMES: readonly Theme[] = loadThemes();
export const THEME_IDS: readonly string[] = THEMES.map((theme) => theme.id);
export const ATTRIBUTION = file.attribution;
/** The most characters a note may have. */
export const NOTE_LIMIT = file.noteLimit;

export function themeById(id: string): Theme | undefined {
  return THEMES.find((theme) => theme.id === id);
}

export function themeName(id: string): string {
  return themeById(id)?.name ?? id;
}

/** "3 · Developing". */
export function levelLabel(theme: Theme, level: number): string {
  const found = theme.levels.find((each) => each.level === level);
  return found ? `${level} · ${found.label}` : String(level);
}
