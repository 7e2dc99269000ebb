/**
 * ScheduledJob: the same defaults and byte-identical job templates as the safe CronJob for the
 * same props, each extension prop in the YAML, deadlines that account for several schedules and
 * jitter, and synth-time validation with construct path, field path, rule id and fix.
 */
import { ApiObject, App, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import { ConcurrencyPolicy } from 'cdk8s-plus-28';
import { stringify } from 'yaml';
import { CompletionMode, CronJob, CronJobProps, PodFailurePolicyRules, Schedule, WeekDay } from '../../../src';
import { CatchUp } from '../../../src/reconciler/constructs/catch-up';
import { ScheduledJob, ScheduledJobProps } from '../../../src/reconciler/constructs/scheduled-job';
import { cronJobViewOf } from '../../../src/reconciler/constructs/scheduled-job-validation';
import { CatchUpPolicy, DstPolicy, OverlapPolicy } from '../../../src/reconciler/plan/types';
import { Synthesis } from '../../../src/constructs/synthesis';
import { CONTAINER, findingsOf, quietApp, thrownMessage } from '../../constructs/helpers';

const POD = { containers: [CONTAINER], securityContext: { user: 1000 } };
const BASE: ScheduledJobProps = { ...POD, schedule: '0 3 * * *' };

/** The single object of `kind` a fresh app's chart `test` holds after `build`. */
function synthesized(
  build: (chart: Chart) => void,
  kind: string,
  app: App = quietApp(),
  chartLabels?: { [key: string]: string },
): any {
  const chart = new Chart(app, 'test', { labels: chartLabels });
  build(chart);
  const objects = Testing.synth(chart).filter((o) => o.kind === kind);
  expect(objects).toHaveLength(1);
  return objects[0];
}

const scheduledJob = (props: Partial<ScheduledJobProps> = {}) =>
  synthesized((c) => new ScheduledJob(c, 'sj', { ...BASE, ...props }), 'ScheduledJob');

/** Validation error lines of an app whose chart `test` holds what `build` adds. */
function synthErrors(build: (chart: Chart) => void, app: App = quietApp()): string[] {
  const chart = new Chart(app, 'test');
  build(chart);
  const message = thrownMessage(() => Testing.synth(chart));
  return message === undefined ? [] : (Synthesis.validationErrors(new Error(message)) ?? [message]);
}

const errorsOf = (props: Partial<ScheduledJobProps>) =>
  synthErrors((c) => new ScheduledJob(c, 'sj', { ...BASE, ...props }));

describe('defaults', () => {
  const sj = scheduledJob();

  test('kind ScheduledJob in scheduling.cdk8s-batch.io/v1alpha1', () => {
    expect(sj.apiVersion).toBe('scheduling.cdk8s-batch.io/v1alpha1');
    expect(sj.kind).toBe('ScheduledJob');
  });

  test("the CronJob's defaults, and overlapPolicy Skip (the CronJob's Forbid) written out", () => {
    expect(sj.spec).toMatchObject({
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      overlapPolicy: 'Skip',
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    expect(sj.spec.jobTemplate.spec).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 2 });
  });

  test('no extension field is written unless set, so the reconciler behaves like the CronJob controller', () => {
    expect(Object.keys(sj.spec).sort()).toEqual(
      [
        'failedJobsHistoryLimit',
        'jobTemplate',
        'overlapPolicy',
        'schedule',
        'startingDeadlineSeconds',
        'successfulJobsHistoryLimit',
        'timeZone',
      ].sort(),
    );
  });

  test('synthesizes without a single finding, and the CronJob it corresponds to is clean too', () => {
    expect(errorsOf({})).toEqual([]);
    expect(findingsOf(cronJobViewOf(sj))).toEqual([]);
  });

  test('YAML', () => {
    expect(stringify(sj)).toMatchSnapshot();
  });
});

describe('the same job template as the CronJob for the same props', () => {
  const cases: [string, Partial<CronJobProps>, { [key: string]: string } | undefined][] = [
    ['defaults', {}, undefined],
    [
      'a hashed schedule in a zone, chart labels',
      { schedule: Schedule.hashed('H 4 * * *'), timeZone: 'Europe/Berlin' },
      { team: 'data' },
    ],
    [
      'every JobSpec prop, job labels and annotations',
      {
        schedule: Schedule.weekly({ weekDay: WeekDay.MONDAY, hour: 6 }),
        activeDeadline: Duration.minutes(20),
        backoffLimit: 4,
        completions: 3,
        parallelism: 3,
        completionMode: CompletionMode.INDEXED,
        podFailurePolicy: [PodFailurePolicyRules.failJobOnExitCodes([42], 'task')],
        suspendJobs: true,
        jobLabels: { tier: 'batch' },
        jobAnnotations: { owner: 'data-team' },
        ttlAfterFinished: Duration.hours(1),
      },
      undefined,
    ],
    [
      'every 15 minutes, Replace',
      {
        schedule: Schedule.every(Duration.minutes(15)),
        concurrencyPolicy: ConcurrencyPolicy.REPLACE,
        startingDeadline: Duration.minutes(2),
      },
      undefined,
    ],
  ];

  test.each(cases)('%s', (_name, props, chartLabels) => {
    const full = { ...POD, schedule: '0 3 * * *', ...props };
    // Same construct path in both apps: `H` and generated names derive from it.
    const cron = synthesized((c) => new CronJob(c, 'job', full), 'CronJob', quietApp(), chartLabels);
    const sj = synthesized((c) => new ScheduledJob(c, 'job', full), 'ScheduledJob', quietApp(), chartLabels);
    expect(stringify(sj.spec.jobTemplate)).toBe(stringify(cron.spec.jobTemplate));
    for (const field of [
      'schedule',
      'timeZone',
      'startingDeadlineSeconds',
      'suspend',
      'successfulJobsHistoryLimit',
      'failedJobsHistoryLimit',
    ]) {
      expect([field, sj.spec[field]]).toEqual([field, cron.spec[field]]);
    }
    expect(sj.spec.overlapPolicy).toBe(
      { Allow: 'AllowAll', Forbid: 'Skip', Replace: 'CancelOther' }[cron.spec.concurrencyPolicy as string],
    );
  });
});

describe('extension props', () => {
  test('each one lands in its field', () => {
    const sj = scheduledJob({
      overlapPolicy: OverlapPolicy.BUFFER_ALL,
      bufferLimit: 5,
      jitter: Duration.minutes(5),
      exclusions: [
        { name: 'year-end freeze', from: '2026-12-18T18:00', until: '2027-01-04T08:00' },
        { weekdays: ['Sat', 'Sun'] },
      ],
      additionalSchedules: ['0 12 * * 6', Schedule.hashed('H 18 * * 0')],
      catchUp: CatchUp.upTo(3),
      pauseAfterFailures: 3,
      dstPolicy: DstPolicy.ONCE,
      scheduledTimeEnv: 'SCHEDULED_TIME',
    });
    expect(sj.spec).toMatchObject({
      overlapPolicy: 'BufferAll',
      bufferLimit: 5,
      jitterSeconds: 300,
      exclusions: [
        { name: 'year-end freeze', from: '2026-12-18T18:00', until: '2027-01-04T08:00' },
        { weekdays: ['Sat', 'Sun'] },
      ],
      schedules: ['0 12 * * 6', expect.stringMatching(/^\d{1,2} 18 \* \* 0$/)],
      catchUpPolicy: 'UpTo',
      catchUpLimit: 3,
      pauseAfterFailures: 3,
      dstPolicy: 'Once',
      scheduledTimeEnv: 'SCHEDULED_TIME',
    });
    expect(
      errorsOf({
        overlapPolicy: OverlapPolicy.BUFFER_ALL,
        bufferLimit: 5,
        catchUp: CatchUp.upTo(3),
        pauseAfterFailures: 3,
      }),
    ).toEqual([]);
  });

  test.each<[string, CatchUp, CatchUpPolicy, number | undefined]>([
    ['none', CatchUp.none(), CatchUpPolicy.NONE, undefined],
    ['latest', CatchUp.latest(), CatchUpPolicy.LATEST, undefined],
    ['upTo(7)', CatchUp.upTo(7), CatchUpPolicy.UP_TO, 7],
  ])('CatchUp.%s', (_name, catchUp, policy, limit) => {
    const sj = scheduledJob({ catchUp });
    expect([sj.spec.catchUpPolicy, sj.spec.catchUpLimit]).toEqual([policy, limit]);
  });

  test.each<[ConcurrencyPolicy, string]>([
    [ConcurrencyPolicy.ALLOW, 'AllowAll'],
    [ConcurrencyPolicy.FORBID, 'Skip'],
    [ConcurrencyPolicy.REPLACE, 'CancelOther'],
  ])('concurrencyPolicy %s means overlapPolicy %s', (concurrencyPolicy, overlap) => {
    expect(scheduledJob({ concurrencyPolicy }).spec.overlapPolicy).toBe(overlap);
    expect(errorsOf({ concurrencyPolicy, overlapPolicy: overlap as OverlapPolicy })).toEqual([]);
  });

  test('the exclusion lists are copies: changing the props afterwards changes nothing', () => {
    const weekdays = ['Sat'];
    const chart = new Chart(quietApp(), 'test');
    new ScheduledJob(chart, 'sj', { ...BASE, exclusions: [{ weekdays }] });
    weekdays.push('Sun');
    expect(Testing.synth(chart).find((o) => o.kind === 'ScheduledJob').spec.exclusions).toEqual([
      { weekdays: ['Sat'] },
    ]);
  });

  test('public fields say what was decided', () => {
    const chart = new Chart(quietApp(), 'test');
    const sj = new ScheduledJob(chart, 'sj', {
      ...BASE,
      additionalSchedules: [Schedule.hashed('H 9 * * *')],
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
    });
    expect(sj.overlapPolicy).toBe(OverlapPolicy.CANCEL_OTHER);
    expect(sj.additionalSchedules).toEqual([expect.stringMatching(/^\d{1,2} 9 \* \* \*$/)]);
    expect([sj.schedule, sj.timeZone, sj.resourceType, sj.apiGroup]).toEqual([
      '0 3 * * *',
      'Etc/UTC',
      'scheduledjobs',
      'scheduling.cdk8s-batch.io',
    ]);
  });
});

describe('default deadlines with several schedules or jitter', () => {
  test('the gap between two schedules counts: daily 09:00 and 09:30 are 30 minutes apart', () => {
    const sj = scheduledJob({ schedule: '0 9 * * *', additionalSchedules: ['30 9 * * *'] });
    expect(sj.spec.startingDeadlineSeconds).toBe(900);
    expect(sj.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(1800);
  });

  test('a gap only a weekly schedule creates counts too', () => {
    const sj = scheduledJob({ schedule: '0 */6 * * *', additionalSchedules: ['10 12 * * 6'] });
    expect(sj.spec.startingDeadlineSeconds).toBe(300);
    expect(sj.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(600);
  });

  test('jitter shortens the interval by itself: hourly with 10 minutes of jitter is judged as 50 minutes', () => {
    const sj = scheduledJob({ schedule: '0 * * * *', jitter: Duration.minutes(10) });
    expect(sj.spec.startingDeadlineSeconds).toBe(1500);
    expect(sj.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(3000);
  });

  test('given deadlines are kept', () => {
    const sj = scheduledJob({
      schedule: '0 9 * * *',
      additionalSchedules: ['30 9 * * *'],
      startingDeadline: Duration.minutes(2),
      activeDeadline: Duration.minutes(10),
    });
    expect(sj.spec.startingDeadlineSeconds).toBe(120);
    expect(sj.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(600);
  });

  test('the resulting defaults pass the CronJob rules', () => {
    const sj = scheduledJob({
      schedule: '0 9 * * *',
      additionalSchedules: ['30 9 * * *'],
      jitter: Duration.minutes(5),
    });
    expect(findingsOf(cronJobViewOf(sj))).toEqual([]);
  });
});

describe('synth-time validation: construct path, field path, rule id and fix', () => {
  /** The one error line of `props` must match. */
  const single = (props: Partial<ScheduledJobProps>) => {
    const errors = errorsOf(props);
    expect(errors).toHaveLength(1);
    return errors[0];
  };

  test.each<[string, Partial<ScheduledJobProps>, string, string]>([
    ['bufferLimit without BufferAll', { bufferLimit: 5 }, 'spec.bufferLimit', 'scheduled-job-spec-invalid'],
    [
      'bufferLimit above 100',
      { overlapPolicy: OverlapPolicy.BUFFER_ALL, bufferLimit: 500 },
      'spec.bufferLimit',
      'scheduled-job-spec-invalid',
    ],
    [
      'jitter in fractions of a second',
      { jitter: Duration.millis(1500) },
      'spec.jitterSeconds',
      'scheduled-job-spec-invalid',
    ],
    [
      'jitter as long as the interval',
      { schedule: '*/10 * * * *', jitter: Duration.minutes(10) },
      'spec.jitterSeconds',
      'scheduled-job-jitter-too-long',
    ],
    [
      'an hour range past midnight',
      { exclusions: [{ hours: '9-33' }] },
      'spec.exclusions[0].hours',
      'scheduled-job-spec-invalid',
    ],
    [
      'a window with no condition',
      { exclusions: [{ name: 'empty' }] },
      'spec.exclusions[0]',
      'scheduled-job-spec-invalid',
    ],
    ['a catch-up limit of 0', { catchUp: CatchUp.upTo(0) }, 'spec.catchUpLimit', 'scheduled-job-spec-invalid'],
    ['pauseAfterFailures 0', { pauseAfterFailures: 0 }, 'spec.pauseAfterFailures', 'scheduled-job-spec-invalid'],
    [
      'an additional schedule Kubernetes cannot parse',
      { additionalSchedules: ['0 25 * * *'] },
      'spec.schedules[0]',
      'cronjob-schedule-invalid',
    ],
    [
      '@every next to another schedule',
      { additionalSchedules: ['@every 2h'] },
      'spec.schedules[0]',
      'scheduled-job-spec-invalid',
    ],
    ['a schedule Kubernetes cannot parse', { schedule: '0 3 * *' }, 'spec.schedule', 'cronjob-schedule-invalid'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'spec.timeZone', 'cronjob-time-zone-invalid'],
    [
      'overlapPolicy against concurrencyPolicy',
      { overlapPolicy: OverlapPolicy.BUFFER_ONE, concurrencyPolicy: ConcurrencyPolicy.REPLACE },
      'spec.overlapPolicy',
      'scheduled-job-overlap-policy-conflict',
    ],
    [
      'a scheduled-time variable name no release accepts',
      { scheduledTimeEnv: '1ST' },
      'spec.scheduledTimeEnv',
      'scheduled-job-spec-invalid',
    ],
    [
      'a scheduled-time variable the container sets itself',
      { scheduledTimeEnv: 'RUN_AT', containers: [{ ...CONTAINER, envVariables: { RUN_AT: { value: 'x' } } }] },
      'spec.jobTemplate.spec.template.spec.containers[0].env[0]',
      'scheduled-job-time-env-conflict',
    ],
  ])('%s', (_name, props, field, rule) => {
    const line = single(props);
    expect(line.startsWith(`[test/sj] ${field}: `)).toBe(true);
    expect(line).toContain(`[${rule}] Fix: `);
    expect(line).toMatch(/Fix: \S.{10,}/);
  });

  test('every problem is reported at once, not the first only', () => {
    const errors = errorsOf({
      bufferLimit: 5,
      pauseAfterFailures: 0,
      additionalSchedules: ['0 25 * * *'],
      exclusions: [{ hours: 'x' }],
    });
    expect(errors.map((e) => e.split(': ')[0])).toEqual(
      expect.arrayContaining([
        '[test/sj] spec.bufferLimit',
        '[test/sj] spec.pauseAfterFailures',
        '[test/sj] spec.schedules[0]',
        '[test/sj] spec.exclusions[0].hours',
      ]),
    );
  });

  test('the CronJob name limit: at most 52 characters, because runs are named <name>-<unix minutes>', () => {
    expect(errorsOf({ metadata: { name: 'a'.repeat(52) } })).toEqual([]);
    const [line] = errorsOf({ metadata: { name: 'a'.repeat(53) } });
    expect(line).toMatch(/^\[test\/sj\] metadata\.name: .*52 characters.*\[cronjob-name-too-long\] Fix: /);
  });

  test('the Job of a run is checked as a Job: an Indexed run whose last pod hostname is too long', () => {
    const props = { metadata: { name: 'a'.repeat(52) }, completionMode: CompletionMode.INDEXED, parallelism: 1 };
    expect(errorsOf({ ...props, completions: 10 })).toEqual([]);
    const [line] = errorsOf({ ...props, completions: 100 });
    expect(line).toMatch(
      /^\[test\/sj\] metadata\.name: The Job of each run \(a{52}-\d{8}\): .*\[job-indexed-pod-hostname-invalid\] Fix: /,
    );
  });

  test("the run's Job is judged in the base pass, at its one validation instant: the start of the UTC day", () => {
    const props = { metadata: { name: 'a'.repeat(52) }, completionMode: CompletionMode.INDEXED, parallelism: 1 };
    const dayStartMinutes = Math.floor(Date.now() / 86_400_000) * 1440;
    const lines = errorsOf({ ...props, completions: 100 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The Job of each run (${'a'.repeat(52)}-${dayStartMinutes}):`);
  });

  test('the job template is judged at its path in the ScheduledJob, after escape hatches', () => {
    const errors = synthErrors((chart) => {
      const sj = new ScheduledJob(chart, 'sj', BASE);
      ApiObject.of(sj).addJsonPatch(JsonPatch.replace('/spec/jobTemplate/spec/template/spec/restartPolicy', 'Always'));
    });
    expect(errors).toEqual([
      expect.stringMatching(
        /^\[test\/sj\] spec\.jobTemplate\.spec\.template\.spec\.restartPolicy: .*\[job-restart-policy-invalid\] Fix: /,
      ),
    ]);
  });

  test('an unknown overlap policy written by an escape hatch is reported once, at its own path', () => {
    const errors = synthErrors((chart) => {
      const sj = new ScheduledJob(chart, 'sj', BASE);
      ApiObject.of(sj).addJsonPatch(JsonPatch.replace('/spec/overlapPolicy', 'Sometimes'));
    });
    expect(errors).toEqual([
      expect.stringMatching(/^\[test\/sj\] spec\.overlapPolicy: .*\[scheduled-job-spec-invalid\] Fix: /),
    ]);
  });

  test('a render failure is reported once, not by both validations', () => {
    const errors = synthErrors((chart) => {
      new ScheduledJob(chart, 'sj', { ...BASE, startingDeadline: Duration.millis(1500) });
    });
    expect(errors).toEqual([
      expect.stringMatching(/^\[test\/sj\] \(manifest\): could not render the manifest: .*\[construct-render-failed\]/),
    ]);
  });

  test('the BatchPolicy in force applies: an error-level best-practice rule fails the ScheduledJob', () => {
    const app = quietApp({ rules: { 'cronjob-suspended': 'error' as any } });
    const errors = synthErrors((chart) => new ScheduledJob(chart, 'sj', { ...BASE, suspend: true }), app);
    expect(errors).toEqual([expect.stringMatching(/^\[test\/sj\] spec\.suspend: .*\[cronjob-suspended\]/)]);
  });
});

describe('the CronJob view', () => {
  const view = (props: Partial<ScheduledJobProps>) => cronJobViewOf(scheduledJob(props)) as any;
  const ruleIds = (props: Partial<ScheduledJobProps>) => findingsOf(view(props)).map((f) => f.rule);

  test('holds the ScheduledJob fields at the same paths, with the overlap policy as a concurrencyPolicy', () => {
    const sj = scheduledJob({ overlapPolicy: OverlapPolicy.CANCEL_OTHER });
    expect(view({ overlapPolicy: OverlapPolicy.CANCEL_OTHER })).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: sj.metadata,
      spec: { ...sj.spec, concurrencyPolicy: 'Replace', overlapPolicy: undefined },
    });
  });

  test('dstPolicy Once makes the doubled-run warning moot, not the skipped-run one', () => {
    const berlin = { schedule: '30 2 * * *', timeZone: 'Europe/Berlin' };
    expect(ruleIds(berlin)).toEqual(expect.arrayContaining(['cronjob-dst-doubled-runs', 'cronjob-dst-skipped-runs']));
    const once = ruleIds({ ...berlin, dstPolicy: DstPolicy.ONCE });
    expect(once).toContain('cronjob-dst-skipped-runs');
    expect(once).not.toContain('cronjob-dst-doubled-runs');
  });

  test('a buffer policy makes the Forbid run-deadline warning moot', () => {
    const long = { schedule: '*/10 * * * *', activeDeadline: Duration.hours(1) };
    expect(ruleIds(long)).toContain('cronjob-forbid-deadline-exceeds-interval');
    expect(ruleIds({ ...long, overlapPolicy: OverlapPolicy.BUFFER_ONE })).not.toContain(
      'cronjob-forbid-deadline-exceeds-interval',
    );
  });

  test('a catch-up policy makes the missed-starts warning moot', () => {
    const late = { schedule: '* * * * *', startingDeadline: Duration.hours(3) };
    expect(ruleIds(late)).toContain('cronjob-too-many-missed-starts');
    expect(ruleIds({ ...late, catchUp: CatchUp.latest() })).not.toContain('cronjob-too-many-missed-starts');
  });
});

describe('suppressRule', () => {
  test("writes the reason on the ScheduledJob and on every run's Job", () => {
    const sj = synthesized(
      (chart) =>
        new ScheduledJob(chart, 'sj', BASE).suppressRule('container-image-not-pinned', 'a mutable tag is wanted here'),
      'ScheduledJob',
    );
    const key = 'cdk8s-batch.io/suppress-container-image-not-pinned';
    expect(sj.metadata.annotations[key]).toBe('a mutable tag is wanted here');
    expect(sj.spec.jobTemplate.metadata.annotations[key]).toBe('a mutable tag is wanted here');
  });
});

test('synthesis is deterministic', () => {
  const build = () => {
    const app = quietApp();
    const chart = new Chart(app, 'test');
    new ScheduledJob(chart, 'sj', {
      ...BASE,
      schedule: 'H H * * *',
      additionalSchedules: ['H 12 * * 6'],
      jitter: Duration.minutes(3),
    });
    return app.synthYaml();
  };
  expect(build()).toBe(build());
});
