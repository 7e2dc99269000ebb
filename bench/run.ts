/**
 * `npm run bench`: every benchmark in one run, each printing its own table and ratios. Timings are
 * measured here and reported; the test suite never asserts on them.
 */
import { runLintBenchmark } from './lint';
import { runMapBenchmark } from './map';
import { spawnSync } from 'child_process';
import { join } from 'path';
import { runScheduleBenchmark } from './schedule';
import { runSynthBenchmark } from './synth';

function main(): void {
  console.log(`cdk8s-batch benchmarks (node ${process.version}, ${new Date().toISOString()})`);
  runScheduleBenchmark();
  runSynthBenchmark();
  runLintBenchmark();
  runMapBenchmark();
  // The reconciler's benchmark belongs to the runtime package (cdk8s-batch-reconciler), built beside this one.
  const reconciler = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, '..', '..', 'packages', 'reconciler', 'bench', 'reconciler.ts'),
    ],
    { stdio: 'inherit' },
  );
  if (reconciler.status !== 0) throw new Error('the reconciler benchmark failed');
}

try {
  main();
} catch (error: unknown) {
  console.error(error);
  process.exitCode = 1;
}
