/**
 * Noise, measured: the average number of warnings per checked object with default settings on
 * test/fixtures/lint/real-world-shapes/, our rewrite of Job and CronJob manifests from public
 * repositories (their shapes: fields set and left out, schedules, image tags, mistakes). Issue 11's
 * target is at most 6. The average is printed on every run. A removed API version counts as
 * checked but its fields are not, so those objects are left out of the average.
 */
import { join } from 'path';
import { runLint } from '../../src/cli/lint';
import { fakeIo } from '../support/fake-io';

const CORPUS = join(__dirname, '..', 'fixtures', 'lint', 'real-world-shapes');

interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
}

async function lint(args: string[] = []): Promise<{ checked: number; findings: JsonFinding[] }> {
  const io = fakeIo();
  await runLint(['--format', 'json', ...args, CORPUS], io);
  return JSON.parse(io.stdout());
}

async function warningsPerObject(args: string[] = []): Promise<{ objects: number; average: number }> {
  const { checked, findings } = await lint(args);
  const removed = findings.filter((f) => f.rule === 'batch-api-removed').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return { objects: checked - removed, average: warnings / (checked - removed) };
}

test('on real-world shapes, default settings give at most 6 warnings per object on average (issue 11)', async () => {
  const { objects, average } = await warningsPerObject();
  console.log(`lint noise: ${average.toFixed(2)} warnings per object on ${objects} objects in ${CORPUS}`);
  expect(objects).toBeGreaterThanOrEqual(29);
  expect(average).toBeLessThanOrEqual(6);
});

test('--strict reports more warnings than the default', async () => {
  expect((await warningsPerObject(['--strict'])).average).toBeGreaterThan((await warningsPerObject()).average);
});
