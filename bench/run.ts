// `npm run bench`: question-answer turns per second through POST /api/messages for the Framework
// Guide and two baselines, measured one after another with the same load on the same machine.
// Exits 0 whatever the ratios (benchmarks inform, they don't fail builds) but 1 if any target
// failed to answer correctly, because then its numbers mean nothing.
//
// Settings (BENCH_SECONDS, BENCH_ROUNDS, ...): see settings.ts.
import { startConnector } from './connector';
import { stopAll } from './children';
import { measureAll } from './measure';
import { QUESTIONS } from './questions';
import { machineLine, printRatios, printTable, type TargetResult } from './report';
import { readSettings } from './settings';

// Enough of a failed target's output to see why, without burying the table.
const OUTPUT_LINES_SHOWN = 15;

async function main(): Promise<number> {
  const settings = readSettings();
  console.log('Framework Guide benchmark: POST /api/messages, one question-answer turn per request');
  console.log(machineLine());
  console.log(
    `load: ${settings.concurrency} keep-alive connections; per target ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured ` +
      `in ${settings.rounds} alternating slices; ${settings.questions} of the ${QUESTIONS.length} questions and ${settings.conversations} personal conversation(s) in rotation, fresh activity id per request; auth off; loopback only`,
  );
  if (settings.cpuProfDir) console.log(`cpu profiles: ${settings.cpuProfDir}`);
  console.log('');

  const connector = await startConnector();
  let results: TargetResult[];
  try {
    results = await measureAll(connector, settings);
  } finally {
    await stopAll([connector.child]);
  }

  printTable(results);
  printRatios(results);

  const failed = results.filter((result) => result.problems.length > 0);
  for (const result of failed) {
    console.error(`\n${result.label} FAILED: ${result.problems.join('; ')}`);
    const lastLines = (result.outputTail ?? '').trim().split('\n').slice(-OUTPUT_LINES_SHOWN).join('\n');
    if (lastLines)
      console.error(`--- ${result.label} output (last ${OUTPUT_LINES_SHOWN} lines at most) ---\n${lastLines}`);
  }
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('benchmark failed:', error);
    process.exit(1);
  },
);
