// The benchmark's settings, read from the environment with bounds, so that a typo fails loudly
// instead of running a 0-second or hour-long benchmark:
// BENCH_SECONDS (measured seconds per target, default 8), BENCH_ROUNDS (slices those seconds are
// split into, default 4), BENCH_WARMUP_SECONDS (default 2), BENCH_CONCURRENCY (keep-alive
// connections, default 16), BENCH_CONVERSATIONS (personal conversations the load rotates through,
// default 50; 1 is one person asking over 8 connections), BENCH_QUESTIONS (how many of the questions,
// default all), BENCH_CPU_PROF_DIR (if set, targets run with --cpu-prof and write
// their profiles there).
import path from 'node:path';
import { QUESTIONS } from './questions';

function numberSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export interface Settings {
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  concurrency: number;
  conversations: number;
  questions: number;
  cpuProfDir: string | undefined;
}

export function readSettings(): Settings {
  return {
    seconds: numberSetting('BENCH_SECONDS', 8, 0.5, 120),
    rounds: Math.round(numberSetting('BENCH_ROUNDS', 4, 1, 20)),
    warmupSeconds: numberSetting('BENCH_WARMUP_SECONDS', 2, 0, 60),
    concurrency: Math.round(numberSetting('BENCH_CONCURRENCY', 16, 1, 256)),
    conversations: Math.round(numberSetting('BENCH_CONVERSATIONS', 50, 1, 1000)),
    questions: Math.round(numberSetting('BENCH_QUESTIONS', QUESTIONS.length, 1, QUESTIONS.length)),
    cpuProfDir: process.env.BENCH_CPU_PROF_DIR ? path.resolve(process.env.BENCH_CPU_PROF_DIR) : undefined,
  };
}
