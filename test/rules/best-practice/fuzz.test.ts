/**
 * Best-practice rules must never throw, whatever JSON arrives (a YAML file, an escape hatch), and
 * must be deterministic. We break hardened objects at random places with random values, and also
 * feed wholly random specs, through the registry every consumer uses.
 */
import * as fc from 'fast-check';
import { validateBatchObject } from '../../../src/rules/registry';
import { hardenedCronJob, hardenedJob } from './fixtures';

type Path = readonly (string | number)[];

/** Every path in a JSON value, containers and leaves alike. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}

function setAt(root: any, path: Path, value: unknown): any {
  if (path.length === 0) return value;
  let node = root;
  for (const step of path.slice(0, -1)) node = node[step];
  node[path[path.length - 1]] = value;
  return root;
}

const SCHEDULES = [
  '* * * * *',
  '@every 1s',
  '@every 90m',
  '0 0 30 2 *',
  'CRON_TZ=Europe/Berlin 30 2 * * *',
  'TZ=',
  '*/7 1-3 * * 0',
  '0 0 1-7 * 1',
  '@hourly',
  '61 * * * *',
];
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Bad/Zone', '', 'Local', 'utc', 'Etc/UTC'];

/**
 * Values that often trip readers: wrong types, empty containers, prototype-ish keys, extremes.
 * Anything a JSON or YAML document can hold, plus objects without a prototype and undefined.
 */
const awkward = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withNullPrototype: true }),
  fc.constantFrom(
    null,
    undefined,
    '',
    0,
    -1,
    1e21,
    NaN,
    Infinity,
    [],
    {},
    [null],
    { __proto__: null },
    { constructor: 'x', toString: 1 },
    'latest',
    'ALL',
  ),
  fc.constantFrom(...SCHEDULES, ...ZONES),
);

const version = fc.constantFrom('1.25', '1.28', '1.29', '1.31', '1.34');
const now = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) });
/** A few instants only: schedule analysis is cached per instant, as in one lint or synth run. */
const fixedNow = fc.constantFrom(Date.UTC(2026, 0, 15), Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2037, 2, 1));

function lintTwice(object: unknown, kubernetesVersion: string, at: number): void {
  const first = validateBatchObject(object, { kubernetesVersion, now: at });
  const second = validateBatchObject(object, { kubernetesVersion, now: at });
  expect(second).toEqual(first);
  for (const f of first) {
    expect(typeof f.rule).toBe('string');
    expect(typeof f.field).toBe('string');
    expect(typeof f.message).toBe('string');
    expect(typeof f.fix).toBe('string');
  }
}

describe('best-practice rules on arbitrary input', () => {
  test.each([
    ['Job', hardenedJob],
    ['CronJob', hardenedCronJob],
  ])('a %s broken at a random place never makes a rule throw, and lints the same twice', (_kind, make) => {
    const paths = pathsOf(make()).filter((p) => p.length > 0 && p[0] !== 'apiVersion' && p[0] !== 'kind');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), awkward), { minLength: 1, maxLength: 4 }),
        version,
        now,
        (changes, kubernetesVersion, at) => {
          let object: any = make();
          for (const [path, value] of changes) {
            try {
              object = setAt(object, path, value);
            } catch {
              // An earlier change replaced a parent with a primitive; skip this one.
            }
          }
          lintTwice(object, kubernetesVersion, at);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('wholly random specs and metadata never make a rule throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Job', 'CronJob'),
        awkward,
        awkward,
        version,
        now,
        (kind, spec, metadata, kubernetesVersion, at) => {
          lintTwice({ apiVersion: 'batch/v1', kind, metadata, spec }, kubernetesVersion, at);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('random schedules and zones never make a timing rule throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...SCHEDULES), fc.string()),
        fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
        fc.option(fc.integer({ min: -5, max: 10 ** 9 }), { nil: undefined }),
        version,
        fixedNow,
        (schedule, timeZone, startingDeadlineSeconds, kubernetesVersion, at) => {
          const cron = hardenedCronJob();
          Object.assign(cron.spec, { schedule, timeZone, startingDeadlineSeconds });
          lintTwice(cron, kubernetesVersion, at);
        },
      ),
      { numRuns: 300 },
    );
  });
});

test('an instant that is no date makes the look-ahead rules stay silent instead of throwing', () => {
  const cron = hardenedCronJob();
  cron.spec.schedule = '30 2 * * *';
  for (const at of [NaN, Infinity, -Infinity, 1e300, -1e300]) {
    const rules = validateBatchObject(cron, { now: at }).map((f) => f.rule);
    expect(rules).not.toContain('cronjob-dst-skipped-runs');
  }
});
