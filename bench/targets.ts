// The three servers measured, each run as its own process on loopback, and what a correct answer
// from each looks like.
import path from 'node:path';

export interface Target {
  label: string;
  /** Compiled entry point (this file runs from dist/bench). */
  script: string;
  /** Whether every reply must carry an Adaptive Card (the relay sends plain text). */
  repliesAreCards: boolean;
  env(port: number): NodeJS.ProcessEnv;
}

const projectRoot = path.join(__dirname, '..', '..');

function baseEnv(port: number): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1' };
}

export const TARGETS: readonly Target[] = [
  {
    label: 'relay',
    script: path.join(__dirname, 'relayBaseline.js'),
    repliesAreCards: false,
    env: baseEnv,
  },
  {
    label: 'minimal botbuilder',
    script: path.join(__dirname, 'minimalBotbuilderBaseline.js'),
    repliesAreCards: true,
    env: baseEnv,
  },
  {
    label: 'framework guide',
    script: path.join(projectRoot, 'dist', 'src', 'main.js'),
    repliesAreCards: true,
    env: (port) => ({
      ...baseEnv(port),
      // warn, not silent: the bot logs failed turns at error level, and the runner counts those.
      LOG_LEVEL: 'warn',
      // Auth off and no tenant filter, whatever a local .env says (dotenv never overrides a set variable).
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
      ALLOWED_TENANT_IDS: '',
    }),
  },
];

/** Where the Framework Guide expects to run from (it reads .env from the working directory). */
export const TARGET_CWD = projectRoot;
