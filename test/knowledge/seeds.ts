// The project's source documents, read from /work/shared/seeds (beside the repository), for tests
// that check the guide's wording is traceable to them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const seedsDir = path.resolve(__dirname, '../../../shared/seeds');

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
