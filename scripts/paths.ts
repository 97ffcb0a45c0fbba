// Where the project lives on disk. Scripts run both from source (jest) and compiled
// (dist/scripts/*.js), so paths are found by walking up to package.json, not fixed `../..` hops.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The Teams app manifest and its icons. */
export const manifestDir = (): string => path.join(findProjectRoot(), 'manifest');
