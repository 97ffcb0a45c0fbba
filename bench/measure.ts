// Runs the load against every target: starts them one at a time, warms each up, then measures
// short slices in alternating order (A B C, C B A, ...) so that a burst of other work on the
// machine, or a slow drift, lands on all targets alike instead of on whichever one was running.
// Along the way it checks every answered turn produced exactly one well-formed reply.
import { freePort, startChild, stopAll, waitUntilListening, type Child } from './children';
import type { Connector } from './connector';
import { cpuSnapshot, otherCores, processCpuSeconds } from './cpuUsage';
import { runLoad } from './loadGenerator';
import type { LoadMix } from './questions';
import { emptyResult, type TargetResult } from './report';
import type { Settings } from './settings';
import { TARGET_CWD, TARGETS, type Target } from './targets';

interface Running {
  target: Target;
  child: Child;
  port: number;
  listening: boolean;
  /** Where this target is in the question rotation, so every target gets the same sequence. */
  sequence: number;
  result: TargetResult;
  failures: Record<string, number>;
  cardReplies: number;
  duplicateReplies: number;
  malformed: number;
  /** Other processes' CPU (cores) × seconds, summed over measured slices. */
  otherCoreSeconds: number;
  otherMeasured: boolean;
  /** CPU seconds the target process used in measured slices. */
  cpuSeconds: number;
  cpuMeasured: boolean;
}

async function start(target: Target, settings: Settings): Promise<Running> {
  const port = await freePort();
  const execArgv = settings.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] : [];
  const child = startChild(target.label, target.script, { env: target.env(port), execArgv, cwd: TARGET_CWD });
  const running: Running = {
    target,
    child,
    port,
    listening: false,
    sequence: 0,
    result: emptyResult(target.label),
    failures: {},
    cardReplies: 0,
    duplicateReplies: 0,
    malformed: 0,
    otherCoreSeconds: 0,
    otherMeasured: true,
    cpuSeconds: 0,
    cpuMeasured: true,
  };
  try {
    await waitUntilListening(child, port);
    running.listening = true;
  } catch (error) {
    running.result.problems.push(error instanceof Error ? error.message : String(error));
  }
  return running;
}

/** One slice of load on one target; `measured` false for warm-up (checked, but not timed). */
async function phase(
  running: Running,
  connector: Connector,
  load: { seconds: number; concurrency: number; mix: LoadMix },
  measured: boolean,
): Promise<void> {
  await connector.reset();
  const targetPid = running.child.process.pid;
  const pids = [process.pid, connector.child.process.pid, targetPid].filter((pid): pid is number => pid !== undefined);
  const before = cpuSnapshot(pids);
  const cpuBefore = processCpuSeconds(targetPid);
  const slice = await runLoad({
    ...load,
    port: running.port,
    serviceUrl: connector.serviceUrl,
    firstSequence: running.sequence,
  });
  const cpuAfter = processCpuSeconds(targetPid);
  const others = otherCores(before, cpuSnapshot(pids));
  const counts = await connector.counts();

  running.sequence = slice.nextSequence;
  const { result } = running;
  result.turns += slice.ok;
  result.replies += counts.replies;
  result.replyBytes += counts.replyBytes;
  running.cardReplies += counts.cardReplies;
  running.duplicateReplies += counts.duplicateReplies;
  running.malformed += counts.malformed;
  for (const [reason, count] of Object.entries(slice.failures))
    running.failures[reason] = (running.failures[reason] ?? 0) + count;
  if (!measured) return;
  result.ok += slice.ok;
  result.elapsedSeconds += slice.elapsedSeconds;
  for (const latency of slice.latenciesMs) result.latenciesMs.push(latency);
  if (cpuBefore === undefined || cpuAfter === undefined) running.cpuMeasured = false;
  else running.cpuSeconds += cpuAfter - cpuBefore;
  if (others === undefined) running.otherMeasured = false;
  else running.otherCoreSeconds += others * slice.elapsedSeconds;
}

/** Everything that makes a target's numbers untrustworthy. */
function check(running: Running): void {
  const { result, target, child } = running;
  const failures = Object.entries(running.failures).map(([reason, count]) => `${count} × ${reason}`);
  if (failures.length > 0) result.problems.push(`requests failed: ${failures.join(', ')}`);
  if (result.ok === 0) result.problems.push('no turn was answered in the measured window');
  if (result.replies !== result.turns)
    result.problems.push(
      `the Connector stand-in recorded ${result.replies} replies for ${result.turns} answered turns`,
    );
  if (running.duplicateReplies > 0)
    result.problems.push(`${running.duplicateReplies} turns were answered more than once`);
  if (running.malformed > 0)
    result.problems.push(`${running.malformed} malformed requests reached the Connector stand-in`);
  if (target.repliesAreCards && running.cardReplies !== result.replies)
    result.problems.push(`${result.replies - running.cardReplies} replies had no Adaptive Card`);
  if (child.errorLogLines() > 0) result.problems.push(`${child.errorLogLines()} error lines in its log`);
  if (running.otherMeasured && result.elapsedSeconds > 0)
    result.otherCores = running.otherCoreSeconds / result.elapsedSeconds;
  if (running.cpuMeasured && result.ok > 0) result.cpuMsPerTurn = (running.cpuSeconds * 1000) / result.ok;
}

export async function measureAll(connector: Connector, settings: Settings): Promise<TargetResult[]> {
  const all: Running[] = [];
  try {
    // Started one at a time, so that one target's start-up never overlaps another's measurement.
    for (const target of TARGETS) all.push(await start(target, settings));
    const live = all.filter((running) => running.listening);
    const { concurrency } = settings;
    const mix = { conversations: settings.conversations, questions: settings.questions };
    for (const running of live)
      await phase(running, connector, { seconds: settings.warmupSeconds, concurrency, mix }, false);
    const slice = { seconds: settings.seconds / settings.rounds, concurrency, mix };
    for (let round = 0; round < settings.rounds; round += 1) {
      const order = round % 2 === 0 ? live : [...live].reverse();
      for (const running of order) await phase(running, connector, slice, true);
    }
    live.forEach(check);
  } finally {
    await stopAll(all.map((running) => running.child));
  }
  for (const running of all) {
    // What the process printed is the best clue to why it failed.
    if (running.result.problems.length > 0) running.result.outputTail = running.child.outputTail();
  }
  return all.map((running) => running.result);
}
