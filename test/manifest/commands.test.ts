// The manifest's command lists are what the capabilities register: every command a scope lists
// is one the router answers there, with the same title and description, and nothing registered
// for the manifest is missing from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestCommands } from '../../src/router/handleTurn';
import { helpReply } from '../../src/turns/guideCards';

interface CommandList {
  scopes: string[];
  commands: { title: string; description: string }[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'manifest', 'manifest.json'), 'utf8')) as {
  bots: { commandLists: CommandList[] }[];
};
const lists = manifest.bots[0]?.commandLists ?? [];

function registeredFor(scope: string): string[] {
  return manifestCommands()
    .filter((command) => command.scopes.includes(scope as never))
    .map((command) => `${command.title}: ${command.description}`)
    .sort();
}

it('lists, for each scope, exactly the commands registered for it', () => {
  expect(lists.map((list) => list.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
  for (const list of lists) {
    const listed = list.commands.map((command) => `${command.title}: ${command.description}`).sort();
    expect({ scope: list.scopes[0], commands: listed }).toEqual({
      scope: list.scopes[0],
      commands: registeredFor(list.scopes[0] as string),
    });
  }
});

it('registers each manifest command once', () => {
  const titles = manifestCommands().map((command) => command.title);
  expect(new Set(titles).size).toBe(titles.length);
  expect(titles).toEqual(expect.arrayContaining(['help', 'check in', 'progress', 'my data', 'framework', 'away']));
});

it('names every command on the help card, the one place that lists them all (the menus hold ten a scope)', () => {
  const help = JSON.stringify(helpReply().card);
  const typedOnly = [
    'outcomes',
    'missions',
    'enablers',
    'principles',
    'back',
    'delete my data',
    'organisation maturity',
    'report',
    'report last quarter',
    'organisation report',
    'practice',
    'practice on',
    'examples of',
    'practice about',
  ];
  const listed = manifestCommands()
    .map((command) => command.title)
    .filter((title) => title !== 'help');
  for (const title of [...listed, ...typedOnly])
    expect({ title, onHelpCard: help.includes(title) }).toEqual({ title, onHelpCard: true });
});
