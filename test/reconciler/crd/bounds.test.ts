/**
 * The CRD's bounds, enums and patterns against the reconciler's own checks: a numeric field is
 * refused by the schema exactly when `validatePlanSpec` refuses it; enums are the plan's enums;
 * and no pattern refuses a string the reconciler's parsers accept (exclusion windows, instants,
 * time zones), so the CRD never stands in the way of a spec the reconciler would run.
 */
import * as fc from 'fast-check';
import { INT32_MAX, JsonSchema } from '../../../src/reconciler/crd/json-schema';
import { IntegerModel } from '../../../src/reconciler/resource/wire-model';
import { scheduledJobCrd } from '../../../src/reconciler/crd/scheduled-job-crd';
import { ExclusionCalendar } from '../../../src/reconciler/plan/exclusions';
import { formatInstant } from '../../../src/schedule/instants';
import { validatePlanSpec } from '../../../src/reconciler/plan/spec-validation';
import {
  MAX_BACKFILL_RUNS,
  MAX_BUFFER_LIMIT,
  MAX_CATCH_UP_LIMIT,
  MAX_JITTER_SECONDS,
  MAX_PAUSE_AFTER_FAILURES,
  SPEC_MODEL,
} from '../../../src/reconciler/resource/scheduled-job-model';
import {
  CatchUpPolicy,
  DstPolicy,
  ExclusionWindow,
  OverlapPolicy,
  ScheduledJobSpec,
} from '../../../src/reconciler/plan/types';
import { validateTimeZone } from '../../../src/schedule/validation';
import { UTC } from '../../../src/schedule/time-zone';
import tzdata from 'tzdata';
import { valueProblems } from './support/schema-values';

const spec = scheduledJobCrd().spec.versions[0].schema.openAPIV3Schema.properties!.spec;
const field = (name: string): JsonSchema => spec.properties![name];
const exclusion = field('exclusions').items!;
const accepts = (schema: JsonSchema, value: unknown) => valueProblems(schema, value).length === 0;

describe("numeric bounds are the plan's", () => {
  const BASE: ScheduledJobSpec = { schedule: '0 * * * *' };
  /** What a field needs beside it to be allowed at all (its cross-field rule). */
  const CONTEXT: Readonly<Record<string, Partial<ScheduledJobSpec>>> = {
    bufferLimit: { overlapPolicy: OverlapPolicy.BUFFER_ALL },
    catchUpLimit: { catchUpPolicy: CatchUpPolicy.UP_TO },
  };
  test('the bounds are the documented ones', () => {
    expect([field('bufferLimit').minimum, field('bufferLimit').maximum]).toEqual([1, MAX_BUFFER_LIMIT]);
    expect([field('jitterSeconds').minimum, field('jitterSeconds').maximum]).toEqual([0, MAX_JITTER_SECONDS]);
    expect([field('catchUpLimit').minimum, field('catchUpLimit').maximum]).toEqual([1, MAX_CATCH_UP_LIMIT]);
    expect(field('pauseAfterFailures').maximum).toBe(MAX_PAUSE_AFTER_FAILURES);
    expect(field('startingDeadlineSeconds')).toMatchObject({ format: 'int64', minimum: 0 });
  });

  test.each(Object.entries(SPEC_MODEL.fields).filter(([, f]) => f.kind === 'integer'))(
    '%s: the schema refuses exactly what validatePlanSpec refuses, at and around its bounds',
    (name, model) => {
      const { minimum, maximum, format } = model as IntegerModel;
      const max = maximum ?? (format === 'int32' ? INT32_MAX : undefined);
      const values = [
        minimum - 1,
        minimum,
        minimum + 0.5,
        minimum + 1,
        ...(max === undefined ? [1e9] : [max, max + 1]),
      ];
      for (const value of values) {
        const planAccepts = validatePlanSpec({ ...BASE, ...CONTEXT[name], [name]: value }).every(
          (p) => p.field !== name,
        );
        expect([value, accepts(field(name), value)]).toEqual([value, planAccepts]);
      }
    },
  );

  test("backfill.maxRuns: from 1 to the plan's maximum", () => {
    const maxRuns = field('backfill').properties!.maxRuns;
    for (const value of [0, 1, 1.5, MAX_BACKFILL_RUNS, MAX_BACKFILL_RUNS + 1]) {
      const planAccepts = validatePlanSpec({ ...BASE, backfill: { from: 0, to: 1, maxRuns: value } }).every(
        (p) => p.field !== 'backfill.maxRuns',
      );
      expect([value, accepts(maxRuns, value)]).toEqual([value, planAccepts]);
    }
  });
});

describe("enums are the plan's", () => {
  test.each<[string, Record<string, string>]>([
    ['overlapPolicy', OverlapPolicy],
    ['catchUpPolicy', CatchUpPolicy],
    ['dstPolicy', DstPolicy],
  ])('%s', (name, values) => {
    expect(field(name).enum).toEqual(Object.values(values));
    expect(accepts(field(name), 'Forbid')).toBe(false);
    expect(validatePlanSpec({ schedule: '* * * * *', [name]: 'Forbid' }).map((p) => p.field)).toContain(name);
  });
});

/** Strings shaped like the exclusion forms, near misses included. */
const digits = (n: number, max = 10 ** n - 1) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
const year = digits(4);
const month = digits(2, 13);
const day = digits(2, 32);
const dateText = fc.oneof(
  fc.tuple(year, month, day).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.tuple(month, day).map(([m, d]) => `${m}-${d}`),
);
const dateRange = fc.oneof(
  dateText,
  fc.tuple(dateText, dateText).map(([a, b]) => `${a}..${b}`),
);
const dayText = fc.oneof(
  fc.constantFrom('Mon', 'tue', 'WED', 'thu', 'Fri', 'sat', 'sun', 'Xyz'),
  fc.integer({ min: 0, max: 9 }).map(String),
);
const weekdayText = fc.oneof(
  dayText,
  fc.tuple(dayText, dayText).map(([a, b]) => `${a}-${b}`),
);
const clock = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 30 }), digits(2)).map(([h, m]) => `${h}:${m}`),
);
const hoursText = fc.tuple(clock, clock).map(([a, b]) => `${a}-${b}`);
const localDateTime = fc
  .tuple(
    year,
    month,
    day,
    digits(2, 25),
    digits(2, 61),
    fc.option(digits(2, 61)),
    fc.constantFrom('', 'Z', '+02:00', '-05:30'),
  )
  .map(([y, mo, d, h, mi, s, zone]) => `${y}-${mo}-${d}T${h}:${mi}${s === null ? '' : `:${s}`}${zone}`);

function parserAccepts(window: ExclusionWindow): boolean {
  return !Array.isArray(ExclusionCalendar.compile([window], UTC));
}

describe('exclusion patterns accept everything the exclusion parser accepts', () => {
  const runs = { numRuns: 2000 };
  test('the generators produce strings the parser accepts (the properties below are not vacuous)', () => {
    expect(fc.sample(dateRange, 500).filter((t) => parserAccepts({ dates: [t] })).length).toBeGreaterThan(10);
    expect(fc.sample(weekdayText, 500).filter((t) => parserAccepts({ weekdays: [t] })).length).toBeGreaterThan(10);
    expect(fc.sample(hoursText, 500).filter((t) => parserAccepts({ hours: t })).length).toBeGreaterThan(10);
    expect(fc.sample(localDateTime, 500).filter((t) => parserAccepts({ from: t })).length).toBeGreaterThan(10);
  });

  test('dates', () => {
    fc.assert(
      fc.property(
        dateRange,
        (text) => !parserAccepts({ dates: [text] }) || accepts(exclusion.properties!.dates, [text]),
      ),
      runs,
    );
  });
  test('weekdays', () => {
    fc.assert(
      fc.property(
        weekdayText,
        (text) => !parserAccepts({ weekdays: [text] }) || accepts(exclusion.properties!.weekdays, [text]),
      ),
      runs,
    );
  });
  test('hours', () => {
    fc.assert(
      fc.property(hoursText, (text) => !parserAccepts({ hours: text }) || accepts(exclusion.properties!.hours, text)),
      runs,
    );
  });
  test('from and until', () => {
    fc.assert(
      fc.property(localDateTime, (text) => {
        const ok = parserAccepts({ from: text });
        return !ok || (accepts(exclusion.properties!.from, text) && accepts(exclusion.properties!.until, text));
      }),
      runs,
    );
  });

  test("the README's windows pass both", () => {
    const windows: ExclusionWindow[] = [
      { name: 'year-end freeze', from: '2026-12-18T18:00', until: '2027-01-04T08:00' },
      { name: 'weekday nights', weekdays: ['Mon-Fri'], hours: '22:00-06:00' },
      { name: 'public holidays', dates: ['05-01', '10-03', '12-24..01-02', '2026-04-03'] },
      { hours: '9-17', weekdays: ['sat', '0'] },
    ];
    for (const window of windows) {
      expect(parserAccepts(window)).toBe(true);
      expect(valueProblems(exclusion, window)).toEqual([]);
    }
  });

  test.each<[string, unknown]>([
    ['dates', ['tomorrow']],
    ['dates', []],
    ['weekdays', ['Monday-Friday']],
    ['hours', '9am-5pm'],
    ['from', '18.12.2026 18:00'],
  ])('the schema refuses %s %j (and so does the parser)', (name, value) => {
    expect(accepts(exclusion.properties![name], value)).toBe(false);
    expect(parserAccepts({ [name]: value })).toBe(false);
  });
});

describe('instants and names', () => {
  const instantSchemas = [field('runNowAt'), field('backfill').properties!.from];

  test('every instant the controller writes (Go RFC 3339, fractions when there are any) matches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) =>
        instantSchemas.every((s) => accepts(s, formatInstant(ms))),
      ),
      { numRuns: 1000 },
    );
    for (const text of ['2026-03-01T10:00:00+01:00', '2026-03-01T10:00:00.5-05:30'])
      expect(accepts(field('runNowAt'), text)).toBe(true);
  });

  test('an instant without a zone or seconds is refused', () => {
    for (const text of ['2026-03-01T10:00:00', '2026-03-01T10:00Z', '2026-03-01', 'now'])
      expect(accepts(field('runNowAt'), text)).toBe(false);
  });

  test('every IANA zone the reconciler can load matches the timeZone pattern', () => {
    const names = Object.keys((tzdata as { zones: object }).zones);
    expect(names.length).toBeGreaterThan(500);
    const refused = names.filter((name) => validateTimeZone(name).length === 0 && !accepts(field('timeZone'), name));
    expect(refused).toEqual([]);
  });

  test.each([
    'Europe/Berlin/',
    '/Europe/Berlin',
    'Europe//Berlin',
    'America/-Foo',
    'Etc/GMT+5 ',
    'Very_long_segment_name/X',
    '',
  ])("timeZone %j is refused by the pattern and by the API server's CronJob check", (name) => {
    expect(accepts(field('timeZone'), name)).toBe(false);
    expect(validateTimeZone(name).length).toBeGreaterThan(0);
  });

  test('scheduledTimeEnv: environment variable names', () => {
    for (const name of ['SCHEDULED_TIME', 'scheduled.time', '_X', 'A-1'])
      expect(accepts(field('scheduledTimeEnv'), name)).toBe(true);
    for (const name of ['1X', 'SCHEDULED TIME', 'A=B', ''])
      expect(accepts(field('scheduledTimeEnv'), name)).toBe(false);
  });

  test('schedules: each one non-empty, as the plan requires', () => {
    expect(accepts(field('schedules'), ['0 9 * * 1-5', '0 12 * * 6'])).toBe(true);
    expect(accepts(field('schedules'), [''])).toBe(false);
    expect(validatePlanSpec({ schedule: '0 9 * * *', schedules: [''] }).map((p) => p.field)).toEqual(['schedules[0]']);
  });
});
