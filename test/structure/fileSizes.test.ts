// The house's measures that a test can hold (docs/architecture.md, "Measures"): a source file over
// 400 lines is doing two jobs, and the two storage engines stay thin, so records are written once
// above them rather than twice inside them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');
const MAX_LINES = 400;
const ENGINE_FILES = [
  'store/local/sqliteEngine.ts',
  'store/local/sqliteItems.ts',
  'store/local/itemsSchema.ts',
  'store/cosmos/cosmosEngine.ts',
  'store/cosmos/cosmosItems.ts',
];
const MAX_ENGINE_LINES = 999;

function lines(file: string): number {
  return readFileSync(file, 'utf8').split('\n').length - 1;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

it(`keeps every source file in src/ at ${MAX_LINES} lines or fewer`, () => {
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(100);
  const over = files
    .map((file) => ({ file: path.relative(SRC, file), lines: lines(file) }))
    .filter((each) => each.lines > MAX_LINES);
  expect(over).toEqual([]);
});

it('keeps the two storage engines thin', () => {
  const total = ENGINE_FILES.reduce((sum, file) => sum + lines(path.join(SRC, file)), 0);
  expect(total).toBeGreaterThan(300);
  expect(total).toBeLessThanOrEqual(MAX_ENGINE_LINES);
});
