// The arguments that start the Microsoft 365 Agents Playground against the bot, shared by `npm run dev`
// and the end-to-end tests so both talk to the bot as Teams does (channel id msteams), without telemetry.
import path from 'node:path';

/** Arguments for `node`: the Playground's CLI from node_modules, pointed at the bot's endpoint. */
export function playgroundArgs(root: string, botPort: number, playgroundPort: number): string[] {
  return [
    path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '--app-endpoint',
    `http://127.0.0.1:${botPort}/api/messages`,
    '--channel-id',
    'msteams',
    '--port',
    String(playgroundPort),
    '--disable-telemetry',
  ];
}
