// Node.js 24 is the one runtime the bot supports. On an older Node.js, `npm install` and `npm start`
// stop at once with one line saying so (scripts/check-node.cjs, run as their preinstall and prestart),
// instead of a native module (better-sqlite3) crashing later.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const check = path.join(root, 'scripts/check-node.cjs');
const LINE = /^Framework Guide needs Node\.js 24 or later; this is v20\.\d+\.\d+: install Node\.js 24 LTS$/;

/** Runs the check in this Node.js, told that it is another version. */
function checkAs(version: string) {
  const pretend = `Object.defineProperty(process.versions, 'node', { value: '${version}' });
    Object.defineProperty(process, 'version', { value: 'v${version}' });
    require(${JSON.stringify(check)});`;
  return spawnSync(process.execPath, ['-e', pretend], { encoding: 'utf8' });
}

it('stops an older Node.js with one clear line and a non-zero exit', () => {
  const result = checkAs('20.20.2');
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(LINE)]);
  expect(checkAs('22.11.0').status).toBe(1);
});

it('lets Node.js 24 and later through without a word', () => {
  for (const version of [process.versions.node, '24.0.0', '26.1.0']) {
    const result = checkAs(version);
    expect({ version, status: result.status, out: result.stdout + result.stderr }).toEqual({
      version,
      status: 0,
      out: '',
    });
  }
});

it('runs the check before npm install and npm start, and names 24 wherever a version is chosen', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(pkg.engines).toEqual({ node: '>=24' });
  expect(pkg.scripts.preinstall).toBe('node scripts/check-node.cjs');
  expect(pkg.scripts.prestart).toBe('node scripts/check-node.cjs');
  expect(readFileSync(path.join(root, '.nvmrc'), 'utf8').trim()).toBe('24');
  expect(readFileSync(path.join(root, '.node-version'), 'utf8').trim()).toBe('24');
  expect(readFileSync(path.join(root, 'deploymentTemplates/azuredeploy.json'), 'utf8')).toContain('NODE|24-lts');
});

// The real thing where the machine has an older Node.js of its own (CI's is 20): `npm start` with
// that Node.js first on PATH stops in its prestart, before the bot is loaded.
const olderNode = ['/usr/bin/node', '/usr/local/bin/node'].find((candidate) => {
  if (!existsSync(candidate)) return false;
  const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  return version !== '' && Number(version.split('.')[0]) < 24;
});
(olderNode ? it : it.skip)('npm start on the machine’s own older Node.js stops with the line', () => {
  const env = { ...process.env, PATH: `${path.dirname(olderNode!)}:${process.env.PATH ?? ''}` };
  const result = spawnSync('npm', ['start', '--silent'], { cwd: root, env, encoding: 'utf8' });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(
    /^Framework Guide needs Node\.js 24 or later; this is v\d+\.\d+\.\d+: install Node\.js 24 LTS$/m,
  );
  expect(result.stdout + result.stderr).not.toMatch(/listening|better_sqlite3|Error: /);
});
