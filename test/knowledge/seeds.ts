// The project's source documents, for tests that check the guide's wording is traceable to them: the
// originals in shared/seeds beside the repository when present (as in CI), otherwise the copies in
// test/fixtures/sources (the same texts less the lines that name people).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const originalsDir = path.resolve(__dirname, '../../../shared/seeds');
export const copiesDir = path.resolve(__dirname, '../fixtures/sources');
export const seedsDir = existsSync(originalsDir) ? originalsDir : copiesDir;
export const originalsPresent = seedsDir === originalsDir;

/** The text of the seed file whose name starts with `prefix` (e.g. "003"). */
export function seed(prefix: string): string {
  const name = readdirSync(seedsDir).find((file) => file.startsWith(`${prefix}_`) && file.endsWith('.txt'));
  if (!name) throw new Error(`No seed ${prefix}_*.txt in ${seedsDir}`);
  return readFileSync(path.join(seedsDir, name), 'utf8');
}

export function allSeeds(): string {
  return ['000', '001', '002', '003', '004'].map(seed).join('\n');
}

/**
 * Names of people quoted or credited in the seeds, found by how the seeds introduce them
 * ("Cllr <First> <Last>", "<First> <Last> said", "<First> <Last> explains"), so that no test file
 * has to spell a person's name out.
 */
export function personNamesInSeeds(): string[] {
  const text = allSeeds();
  const patterns = [
    /Cllr ([A-Z][a-z]+ [A-Z][A-Za-z]+)/g,
    /([A-Z][a-z]+ (?:Mc)?[A-Z][a-z]+) (?:said|explains|has worked)/g,
  ];
  const names = new Set<string>();
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) if (match[1]) names.add(match[1]);
  }
  return [...names];
}
