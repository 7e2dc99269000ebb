/**
 * Differential property test: random schedules, zones and instants, answered by our code and by
 * the real Kubernetes parser (the k8s-cron-oracle), which must agree on validity and on the
 * next five fire times. Each run draws new cases; a failure prints the seed to replay it
 * (DIFFERENTIAL_SEED=<seed>).
 */
import * as fc from 'fast-check';
import { controllerSchedule, nextFireTimes } from '../../src/schedule/controller-schedule';
import { loadLocation } from '../../src/schedule/time-zone';
import { validateCronSchedule } from '../../src/schedule/validation';
import { askOracle, oraclePath } from '../support/cron-oracle';
import { readReferenceText } from '../support/reference-data';

const CASES = Number(process.env.DIFFERENTIAL_CASES ?? 2500);
const oracle = oraclePath();
const inCi = process.env.CI === 'true';

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Santiago',
  'Asia/Beirut',
  'America/Havana',
  'Africa/Casablanca',
  'Europe/Dublin',
  'Asia/Tehran',
  'Europe/London',
  'UTC',
  'Etc/GMT-14',
];
const BAD_ZONES = [
  'utc',
  'Local',
  'local',
  'Mars/Olympus',
  'America/New York',
  '+05:00',
  'Europe/../Berlin',
  'Asia/Kolkatta',
];

/** Instants where the zones above change offset in 2025-2027 (midnight changes, half hours, Ramadan), to probe DST behaviour. */
const TRANSITIONS = ZONES.flatMap((name) => {
  const zone = loadLocation(name)!;
  const found: number[] = [];
  const from = Date.parse('2025-01-01T00:00:00Z') / 1000;
  for (let t = from; t < from + 3 * 365 * 86_400; t += 6 * 3600) {
    if (zone.changesBetween(t, t + 6 * 3600)) found.push((t + 3 * 3600) * 1000);
  }
  return found;
});

const oddNumber = fc.constantFrom('7', '60', '24', '32', '13', '0', '+5', '05', '-1', '1.5', '0x10', '99999999999');
const dialect = fc.constantFrom(
  'L',
  'W',
  '5L',
  '15W',
  'LW',
  '5#3',
  'FRI#2',
  'H',
  'H/15',
  'H(0-29)',
  'monday',
  'JANUARY',
);
const MONTH_NAMES = ['jan', 'FEB', 'Mar', 'apr', 'MAY', 'jun', 'Jul', 'aug', 'SEP', 'oct', 'Nov', 'DEC'];
const DAY_NAMES = ['sun', 'MON', 'Tue', 'wed', 'THU', 'fri', 'Sat'];

interface FieldShape {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

/** A list item that is usually valid for the field (so fire times get compared), sometimes not. */
function atom(shape: FieldShape): fc.Arbitrary<string> {
  const inRange = fc.integer({ min: shape.min, max: shape.max });
  const value = shape.names
    ? fc.oneof(
        { weight: 3, arbitrary: inRange.map(String) },
        { weight: 1, arbitrary: inRange.map((v) => shape.names![v - shape.min]) },
      )
    : inRange.map(String);
  const range = fc.tuple(inRange, inRange).map(([a, b]) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return `${lo}-${hi}`;
  });
  const clean = fc.oneof(
    { weight: 4, arbitrary: value },
    { weight: 2, arbitrary: range },
    { weight: 3, arbitrary: fc.constant('*') },
    { weight: 1, arbitrary: fc.constant('?') },
  );
  const step = fc.integer({ min: 1, max: shape.max + 2 });
  const valid = fc.oneof(
    { weight: 5, arbitrary: clean },
    { weight: 2, arbitrary: fc.tuple(clean, step).map(([b, n]) => `${b}/${n}`) },
  );
  const noisy = fc.oneof(
    oddNumber,
    dialect,
    fc.constantFrom('*-5', '1-2-3', '', '1/2/3', '*/0', '5-2'),
    fc.tuple(inRange, fc.integer({ min: shape.max + 1, max: shape.max + 3 })).map(([a, b]) => `${a}-${b}`),
  );
  return fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: noisy });
}

const FIELDS: FieldShape[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES },
  { min: 0, max: 6, names: DAY_NAMES },
];
const field = (i: number) => fc.array(atom(FIELDS[i]), { minLength: 1, maxLength: 3 }).map((items) => items.join(','));

const fiveFields = fc
  .tuple(field(0), field(1), field(2), field(3), field(4), fc.constantFrom(' ', ' ', ' ', '  ', '\t'))
  .map(([mi, h, dom, mo, dow, sep]) => [mi, h, dom, mo, dow].join(sep));

const otherCounts = fc.oneof(
  fc.tuple(field(0), field(0), field(1), field(2), field(3), field(4)).map((f) => f.join(' ')),
  fc.tuple(field(0), field(1), field(2), field(3)).map((f) => f.join(' ')),
);

const goDuration = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 200 }), fc.constantFrom('s', 'm', 'h', 'ms', 'us', 'ns', 'd', ''))
    .map(([n, u]) => `${n}${u}`),
  fc.constantFrom(
    '1h30m',
    '90s',
    '0s',
    '-5m',
    '1.5h',
    '.5m',
    '1h0m0.5s',
    '5',
    '',
    '1d',
    '2h45m10s',
    '0',
    '+10m',
    '1e3s',
  ),
);

const descriptor = fc.oneof(
  fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'),
  fc.constantFrom('@minutely', '@weekdays', '@reboot', '@HOURLY', ' @daily', '@daily ', '@every'),
  goDuration.map((d) => `@every ${d}`),
);

const tzPrefix = fc
  .tuple(fc.constantFrom('TZ=', 'CRON_TZ='), fc.constantFrom(...ZONES, 'Mars/Olympus'))
  .map(([p, z]) => `${p}${z} `);

const schedule = fc.oneof(
  { weight: 14, arbitrary: fiveFields },
  { weight: 2, arbitrary: otherCounts },
  { weight: 3, arbitrary: descriptor },
  { weight: 1, arbitrary: fc.tuple(tzPrefix, fiveFields).map(([p, s]) => p + s) },
);

const zone = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  { weight: 16, arbitrary: fc.constantFrom(...ZONES) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_ZONES) },
);

const SECONDS = 1000;
const DAY = 86_400 * SECONDS;
const instant = fc.oneof(
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }))
    .map(([t, d]) => t + d * SECONDS),
  fc.integer({ min: 0, max: 365 * 12 }).map((d) => Date.parse('2020-01-01T00:00:00Z') + d * DAY + 3_600_000 * (d % 24)),
);

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const HOW_TO_BUILD =
  'build it with `tools/k8s-cron-oracle/build.sh /tmp/k8s-cron-oracle` ' +
  '(Debian Go and golang-github-robfig-cron-dev), or set K8S_CRON_ORACLE to a built binary';
const describeWithOracle = oracle || inCi ? describe : describe.skip;
const title = oracle || inCi ? '' : ` (skipped: no k8s-cron-oracle binary; ${HOW_TO_BUILD})`;
if (!oracle && !inCi) {
  console.warn(`Skipping the differential schedule test: no k8s-cron-oracle binary; ${HOW_TO_BUILD}.`);
}

describeWithOracle(`differential test against the Kubernetes parser (k8s-cron-oracle)${title}`, () => {
  test(`${CASES} random schedules agree on validity and the next 5 fire times`, () => {
    if (!oracle) {
      throw new Error(`CI=true but the k8s-cron-oracle binary is missing: ${HOW_TO_BUILD}.`);
    }
    const seed = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 2 ** 31);
    const inputs = fc.sample(fc.tuple(schedule, zone, instant), { numRuns: CASES, seed });
    // The probe corpus (test/data/schedule-probe-inputs.txt) rides along with every run.
    const probes = readReferenceText('schedule-probe-inputs.txt')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l): [string, string, number] => {
        const [s, z = '', from = '2026-01-01T00:00:00Z'] = l.split('|');
        return [s, z, Date.parse(from)];
      });
    expect(probes.length).toBeGreaterThan(100);
    inputs.push(...probes);
    // The oracle reads one line per case; schedules with newlines or '|' cannot be expressed.
    const usable = inputs.filter(([s]) => !/[|\n\r]/.test(s) && s.trim() !== '' && !s.startsWith('#'));
    const lines = usable.map(([s, z, t]) => `${s}|${z}|${iso(t)}`);
    const answers = askOracle(oracle, lines, 5);
    expect(answers).toHaveLength(usable.length);

    const disagreements: string[] = [];
    let validCount = 0;
    usable.forEach(([s, z, t], i) => {
      const answer = answers[i];
      const timeZone = z === '' ? undefined : z;
      const valid = validateCronSchedule(s, timeZone).length === 0;
      const parsed = controllerSchedule(s, timeZone);
      let next: string[] = [];
      if (parsed.error === undefined) {
        const times = nextFireTimes(parsed.schedule, t, 5);
        next = times.map(iso);
        if (times.length < 5) next.push('none');
      }
      if (valid) validCount++;
      if (valid !== answer.api_ok || JSON.stringify(next) !== JSON.stringify(answer.next)) {
        disagreements.push(
          `${JSON.stringify(lines[i])}: ours valid=${valid} next=${next.join(',')}; k8s valid=${answer.api_ok} next=${answer.next.join(',')}`,
        );
      }
    });
    if (disagreements.length > 0) {
      throw new Error(
        `seed ${seed}: ${disagreements.length} disagreements, first ones:\n${disagreements.slice(0, 10).join('\n')}`,
      );
    }
    expect(usable.length).toBeGreaterThanOrEqual(Math.min(2000, CASES * 0.9));
    // The generator must reach both sides of validity to mean anything.
    expect(validCount).toBeGreaterThan(usable.length / 3);
    expect(validCount).toBeLessThan(usable.length);
  });
});
