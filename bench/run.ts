/**
 * `npm run bench`: every benchmark in one run, each printing its own table and ratios. Timings are
 * measured here and reported; the test suite never asserts on them.
 */
import { runLintBenchmark } from './lint';
import { runReconcilerBenchmark } from './reconciler';
import { runScheduleBenchmark } from './schedule';
import { runSynthBenchmark } from './synth';

async function main(): Promise<void> {
  console.log(`cdk8s-batch benchmarks (node ${process.version}, ${new Date().toISOString()})`);
  await runScheduleBenchmark();
  await runSynthBenchmark();
  await runLintBenchmark();
  await runReconcilerBenchmark();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
