/**
 * No JSON input makes validation throw: random shapes, and random damage to realistic objects
 * (a field replaced by a value of any JSON type, including huge, negative and fractional numbers).
 */
import fc from 'fast-check';
import { validateBatchObject } from '../../../src/rules/registry';
import { goodCronJob, goodJob, Json } from './fixtures';

const VERSIONS = ['1.25', '1.28', '1.29', '1.31', '1.34'];

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    1e308,
    -1e308,
    2 ** 53 + 1,
    -0.5,
    2 ** 31,
    -(2 ** 31) - 1,
    '',
    'Indexed',
    'FailIndex',
    'TZ=UTC',
    'In',
    'Always',
    'OnFailure',
  ),
);

/** Every path to a value inside a JSON object. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths(value[k], [...prefix, k]))];
}

function replaceAt(object: Json, path: (string | number)[], value: unknown): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(object);
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step];
  node[path[path.length - 1]] = value;
  return copy;
}

describe('validation never throws', () => {
  test('random JSON with a batch/v1 kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Job', 'CronJob'),
        fc.jsonValue(),
        fc.jsonValue(),
        fc.constantFrom(...VERSIONS),
        (kind, metadata, spec, version) => {
          validateBatchObject({ apiVersion: 'batch/v1', kind, metadata, spec }, { kubernetesVersion: version, now: 0 });
        },
      ),
      { numRuns: 500 },
    );
  });

  test('random objects built from the real field names', () => {
    const fieldNames = fc.constantFrom(
      ...new Set(
        paths(goodJob())
          .concat(paths(goodCronJob()))
          .flat()
          .filter((k): k is string => typeof k === 'string'),
      ),
      'podFailurePolicy',
      'successPolicy',
      'rules',
      'onExitCodes',
      'onPodConditions',
      'values',
      'selector',
      'matchExpressions',
      'matchLabels',
      'completionMode',
      'backoffLimitPerIndex',
      'maxFailedIndexes',
      'managedBy',
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        anyValue,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fieldNames, tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.constantFrom('Job', 'CronJob'), tree, fc.constantFrom(...VERSIONS), (kind, spec, version) => {
        validateBatchObject(
          { apiVersion: 'batch/v1', kind, metadata: { name: 'x' }, spec },
          { kubernetesVersion: version, now: 0 },
        );
      }),
      { numRuns: 1000 },
    );
  });

  test('a value whose toString is not a function, beside the words it would be read with (a fuzz find)', () => {
    const odd = { toString: {} };
    const job = goodJob();
    job.spec.template.spec.containers[0].args = [odd, 'curl', '-u', odd, 'user:pass', odd];
    job.spec.template.spec.containers[0].command = ['sh', '-c', odd];
    expect(() => validateBatchObject(job, { kubernetesVersion: '1.25', now: 0 })).not.toThrow();
    expect(() => validateBatchObject(job, { now: 0 })).not.toThrow();
  });

  test('one field of a realistic object replaced by anything', () => {
    const objects = [goodJob(), goodCronJob()];
    const withPolicies = goodJob();
    Object.assign(withPolicies.spec, {
      completionMode: 'Indexed',
      completions: 4,
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 1,
      selector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] },
      podFailurePolicy: {
        rules: [
          { action: 'FailIndex', onExitCodes: { containerName: 'main', operator: 'In', values: [1, 2] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
      successPolicy: { rules: [{ succeededIndexes: '0-2', succeededCount: 1 }] },
    });
    objects.push(withPolicies);
    const targets = objects.flatMap((object) => paths(object).map((path) => [object, path] as const));
    fc.assert(
      fc.property(
        fc.constantFrom(...targets),
        anyValue,
        fc.constantFrom(...VERSIONS),
        ([object, path], value, version) => {
          const damaged = replaceAt(object, path, value);
          const found = validateBatchObject(damaged, { kubernetesVersion: version, now: 0 });
          for (const f of found) {
            expect(typeof f.field).toBe('string');
            expect(typeof f.message).toBe('string');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
