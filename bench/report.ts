// Printing: one table of turns/s and latency per target, then the ratios the benchmark exists for.
import os from 'node:os';
import { percentile } from './loadGenerator';

export interface TargetResult {
  label: string;
  /** Turns answered 200 in the measured slices, and the time those slices took. */
  ok: number;
  elapsedSeconds: number;
  /** Milliseconds per measured turn. */
  latenciesMs: number[];
  /** Turns answered 200 and replies the Connector stand-in recorded, warm-up included (must be equal). */
  turns: number;
  replies: number;
  replyBytes: number;
  /** CPU milliseconds the target process spent per measured turn (Linux only): steadier than turns/s on a busy machine. */
  cpuMsPerTurn?: number;
  /** CPU cores' worth of other processes' work while this target was measured (Linux only). */
  otherCores?: number;
  /** Anything that makes this target's numbers untrustworthy; empty when all turns were answered correctly. */
  problems: string[];
  /** What the target process printed last, kept only when it failed. */
  outputTail?: string;
}

export const AIM = 0.9;
// Above this much of a core taken by other processes, the numbers are noticeably skewed on 2 cores.
const BUSY_MACHINE_CORES = 0.15;

export function emptyResult(label: string): TargetResult {
  return { label, ok: 0, elapsedSeconds: 0, latenciesMs: [], turns: 0, replies: 0, replyBytes: 0, problems: [] };
}

export function turnsPerSecond(result: TargetResult): number {
  return result.elapsedSeconds > 0 ? result.ok / result.elapsedSeconds : 0;
}

export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `machine: ${os.availableParallelism()} cores (${model}), node ${process.version}, ${process.platform} ${process.arch}`;
}

const fixed = (value: number | undefined, digits: number) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '-';

export function printTable(results: readonly TargetResult[]): void {
  const header = [
    'target',
    'turns/s',
    'p50 ms',
    'p99 ms',
    'CPU ms/turn',
    'reply bytes',
    'turns',
    'replies',
    'other load',
    'check',
  ];
  const rows = results.map((result) => [
    result.label,
    fixed(turnsPerSecond(result), 1),
    fixed(percentile(result.latenciesMs, 0.5), 2),
    fixed(percentile(result.latenciesMs, 0.99), 2),
    fixed(result.cpuMsPerTurn, 3),
    result.replies > 0 ? String(Math.round(result.replyBytes / result.replies)) : '-',
    String(result.turns),
    String(result.replies),
    result.otherCores === undefined ? '-' : `${fixed(result.otherCores, 2)} cores`,
    result.problems.length === 0 ? 'ok' : 'FAILED',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  // First column left-aligned (names), the numbers right-aligned so they line up.
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  rows.forEach((row) => console.log(format(row)));
  console.log(
    'turns/s and latencies: measured slices only. turns = answered 200 and replies = recorded by the Connector stand-in, warm-up included.',
  );
  console.log(
    'CPU ms/turn: CPU time of the target process per measured turn. reply bytes: average reply body the bot sent.',
  );
  console.log('other load: CPU cores used meanwhile by processes outside the benchmark.');
  const busiest = Math.max(0, ...results.map((result) => result.otherCores ?? 0));
  if (busiest > BUSY_MACHINE_CORES) {
    console.log(
      `note: other processes used up to ${busiest.toFixed(2)} cores during measurement; the ratios are less reliable. Rerun on a quiet machine.`,
    );
  }
}

export function printRatios(results: readonly TargetResult[]): void {
  const rate = (label: string) => {
    // A target that answered wrongly has no meaningful rate: its ratios print as '-'.
    const result = results.find((r) => r.label === label);
    return result && result.problems.length === 0 ? turnsPerSecond(result) : Number.NaN;
  };
  const ratio = (top: string, bottom: string) => rate(top) / rate(bottom);
  const guideVsMinimal = ratio('framework guide', 'minimal botbuilder');
  console.log('');
  // Three decimals, so that a ratio just under the aim never prints as if it met it (0.897 → "0.90").
  console.log(`framework guide / minimal botbuilder  ${fixed(guideVsMinimal, 3)}`);
  console.log(`framework guide / relay               ${fixed(ratio('framework guide', 'relay'), 3)}`);
  console.log(`minimal botbuilder / relay            ${fixed(ratio('minimal botbuilder', 'relay'), 3)}`);
  // CPU per turn is the same comparison seen from cost rather than throughput; it is less swayed by
  // other work on the machine, so when the two disagree, trust this one more.
  const cost = (label: string) => {
    const result = results.find((r) => r.label === label);
    return result && result.problems.length === 0 ? (result.cpuMsPerTurn ?? Number.NaN) : Number.NaN;
  };
  console.log(
    `CPU per turn, minimal botbuilder / framework guide  ${fixed(cost('minimal botbuilder') / cost('framework guide'), 3)}  (same sense as above: 1 = as cheap)`,
  );
  const verdict = !Number.isFinite(guideVsMinimal) ? 'not measured' : guideVsMinimal >= AIM ? 'met' : 'MISSED';
  console.log(`aim: framework guide ≥ ${AIM} × minimal botbuilder: ${verdict}`);
}
