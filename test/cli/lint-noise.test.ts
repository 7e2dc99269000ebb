/**
 * Noise, measured: the average number of warnings per checked object with default settings on
 * the corpus in test/fixtures/lint/real/ (issue 11's target: at most 6 on real-world manifests
 * written by other people). The average is printed on every run. The corpus today is the two
 * files written for the lint tests, not a real-world sample, and the target is not reached yet:
 * the ceiling below guards against new noise, and the `failing` test turns red (to be flipped)
 * once the target is met.
 */
import { join } from 'path';
import { runLint } from '../../src/cli/lint';
import { fakeIo } from '../support/fake-io';

const CORPUS = join(__dirname, '..', 'fixtures', 'lint', 'real');

async function warningsPerObject(args: string[] = []): Promise<{ objects: number; average: number }> {
  const io = fakeIo();
  await runLint(['--format', 'json', ...args, CORPUS], io);
  const { checked, findings } = JSON.parse(io.stdout());
  const warnings = findings.filter((f: { severity: string }) => f.severity === 'warning').length;
  return { objects: checked, average: warnings / checked };
}

test('the average number of warnings per object on the corpus stays at or below the 8 measured today', async () => {
  const { objects, average } = await warningsPerObject();
  console.log(`lint noise: ${average.toFixed(2)} warnings per object on ${objects} objects in ${CORPUS}`);
  expect(objects).toBeGreaterThan(0);
  expect(average).toBeLessThanOrEqual(8);
});

test.failing('the average is at most 6 warnings per object (issue 11; not reached yet)', async () => {
  expect((await warningsPerObject()).average).toBeLessThanOrEqual(6);
});

test('--strict reports at least as many warnings as the default', async () => {
  expect((await warningsPerObject(['--strict'])).average).toBeGreaterThanOrEqual((await warningsPerObject()).average);
});
