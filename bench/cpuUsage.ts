// How much CPU processes outside the benchmark took while it measured. The benchmark machine is
// small (2 cores) and may be shared (builds, tests), and a busy neighbour skews whichever target
// happens to run at that moment, so the runner reports it next to the numbers. Linux only (it
// reads /proc); elsewhere it reports nothing rather than guess.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuSnapshot {
  /** Busy and total ticks of the whole machine, all cores, from /proc/stat. */
  machineBusy: number;
  machineTotal: number;
  /** Ticks used by the benchmark's own processes (user + system). */
  ours: number;
}

function machineTicks(): { busy: number; total: number } {
  // First line: "cpu  user nice system idle iowait irq softirq steal guest guest_nice".
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3; utime and stime are 14 and 15.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[11]) + Number(after[12]);
  } catch {
    return 0; // The process has exited: its ticks can no longer be counted.
  }
}

// /proc reports times in USER_HZ ticks, which Linux fixes at 100 per second for user space.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; undefined where /proc is not available. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (process.platform !== 'linux' || pid === undefined) return undefined;
  const ticks = processTicks(pid);
  return ticks > 0 ? ticks / TICKS_PER_SECOND : undefined;
}

/** A snapshot, or undefined where /proc is not available. */
export function cpuSnapshot(pids: readonly number[]): CpuSnapshot | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const { busy, total } = machineTicks();
    return { machineBusy: busy, machineTotal: total, ours: pids.reduce((sum, pid) => sum + processTicks(pid), 0) };
  } catch {
    return undefined;
  }
}

/** CPU cores' worth of work done by other processes between two snapshots (0 when quiet). */
export function otherCores(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined): number | undefined {
  if (!before || !after) return undefined;
  const total = after.machineTotal - before.machineTotal;
  if (total <= 0) return undefined;
  const others = after.machineBusy - before.machineBusy - (after.ours - before.ours);
  return Math.max(0, (others / total) * os.availableParallelism());
}
