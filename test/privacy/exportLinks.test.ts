// Local mode's download links: unguessable tokens, a fixed lifetime, and a bounded number held.
import { createExportLinks, EXPORT_LINK_TTL_MS, isExportToken, MAX_EXPORT_LINKS } from '../../src/privacy/exportLinks';

const file = (text: string) => Buffer.from(text, 'utf8');

it('gives each file a fresh 256-bit token in base64url, and finds it by that token only', () => {
  const links = createExportLinks();
  const first = links.add(file('{"a":1}'), 'first.json');
  const second = links.add(file('{"b":2}'), 'second.json');
  expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(Buffer.from(first, 'base64url')).toHaveLength(32);
  expect(second).not.toBe(first);
  expect(links.find(first)).toMatchObject({ fileName: 'first.json', bytes: file('{"a":1}') });
  expect(links.find(second)?.fileName).toBe('second.json');
  expect(links.find(first.slice(0, 42) + (first.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
});

it('refuses malformed tokens before looking them up', () => {
  const links = createExportLinks();
  const token = links.add(file('{}'), 'f.json');
  for (const bad of [
    '',
    'short',
    token + 'x',
    token.slice(0, 42) + '/',
    token.slice(0, 42) + '=',
    '../' + token.slice(3),
  ]) {
    expect(isExportToken(bad)).toBe(false);
    expect(links.find(bad)).toBeUndefined();
  }
  expect(isExportToken(token)).toBe(true);
});

it('works for the whole lifetime and not a moment after; an expired file is removed', () => {
  let now = 1_000_000;
  const links = createExportLinks({ now: () => now });
  const token = links.add(file('{}'), 'f.json');
  expect(links.find(token)?.expiresAt).toBe(1_000_000 + EXPORT_LINK_TTL_MS);
  now += EXPORT_LINK_TTL_MS - 1;
  expect(links.find(token)).toBeDefined();
  now += 1;
  expect(links.find(token)).toBeUndefined();
  expect(links.size()).toBe(0);
});

it('holds a bounded number of files, dropping the oldest first and expired ones whenever one is added', () => {
  let now = 0;
  const links = createExportLinks({ now: () => now, maxHeld: 3 });
  const tokens = [1, 2, 3, 4].map((n) => links.add(file(`{"n":${n}}`), `${n}.json`));
  expect(links.size()).toBe(3);
  expect(links.find(tokens[0] ?? '')).toBeUndefined();
  expect(tokens.slice(1).map((token) => links.find(token)?.fileName)).toEqual(['2.json', '3.json', '4.json']);

  now += EXPORT_LINK_TTL_MS;
  links.add(file('{}'), 'new.json');
  expect(links.size()).toBe(1);
});

it('keeps at most MAX_EXPORT_LINKS files by default', () => {
  const links = createExportLinks();
  for (let n = 0; n < MAX_EXPORT_LINKS + 5; n += 1) links.add(file('{}'), `${n}.json`);
  expect(links.size()).toBe(MAX_EXPORT_LINKS);
});
