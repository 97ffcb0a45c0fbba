// The folders of src/ import each other one way only: no folder imports a folder that imports it
// back, directly or round a longer loop. The edges are read from the source's relative imports,
// including imports of a folder's index ('../prompts'), so a new arrow the wrong way fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');
const IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"](\.[^'"]+)['"]/g;

type Edges = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder of src/ a path is in, or undefined for a file at the top of src/ or outside it. */
function folderOf(path: string): string | undefined {
  const parts = relative(SRC, path).split(sep);
  if (parts[0] === '..' || parts[0] === '') return undefined;
  if (parts.length > 1) return parts[0];
  // '../prompts' names the folder itself (its index.ts).
  try {
    return statSync(path).isDirectory() ? parts[0] : undefined;
  } catch {
    return undefined;
  }
}

function folderEdges(): Edges {
  const edges: Edges = new Map();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = folderOf(normalize(join(dirname(file), match[1] ?? '')));
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? new Set<string>();
      targets.add(to);
      edges.set(from, targets);
    }
  }
  return edges;
}

/** Each group of folders that reach one another, as 'a+b' (sorted); empty when the arrows run one way. */
function cycles(edges: Edges): string[] {
  const reach = (start: string): Set<string> => {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length > 0) {
      for (const next of edges.get(todo.pop() as string) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          todo.push(next);
        }
      }
    }
    return seen;
  };
  const reached = new Map([...edges.keys()].map((folder) => [folder, reach(folder)]));
  const groups = new Set<string>();
  for (const [folder, seen] of reached) {
    if (!seen.has(folder)) continue;
    const group = [...seen].filter((other) => reached.get(other)?.has(folder));
    groups.add([...new Set([folder, ...group])].sort().join('+'));
  }
  return [...groups].sort();
}

it('finds a loop when there is one (so the check below can fail)', () => {
  const edges: Edges = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a', 'd'])],
    ['d', new Set()],
  ]);
  expect(cycles(edges)).toEqual(['a+b+c']);
  expect(cycles(new Map([['a', new Set(['b'])]]))).toEqual([]);
});

it('reads imports of files and of folder indexes', () => {
  const edges = folderEdges();
  // The Teams edge uses the router, and the router the capabilities through their index.
  expect(edges.get('teams')?.has('router')).toBe(true);
  expect(edges.get('router')?.has('checkins')).toBe(true);
});

it('has no folder of src/ importing a folder that imports it back', () => {
  expect(cycles(folderEdges())).toEqual([]);
});
