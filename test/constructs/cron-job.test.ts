import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { ConcurrencyPolicy } from 'cdk8s-plus-28';
import { CronJob, CronJobProps, Schedule, WeekDay } from '../../src';
import { Severity } from '../../src/rules/finding';
import { resolveHashedSchedule } from '../../src/schedule/hashed';
import { CONTAINER, chartIn, findingsOf, objectOf, quietApp, thrownMessage } from './helpers';

const BASE: CronJobProps = { schedule: '0 3 * * *', containers: [CONTAINER], securityContext: { user: 1000 } };

function cronJobJson(props: Partial<CronJobProps> = {}, policy = {}, chartProps = {}) {
  const chart = new Chart(quietApp(policy), 'test', chartProps);
  new CronJob(chart, 'cron', { ...BASE, ...props });
  return objectOf(chart, 'CronJob');
}

describe('CronJob defaults', () => {
  const cron = cronJobJson();
  const jobSpec = cron.spec.jobTemplate.spec;

  test('timeZone Etc/UTC', () => expect(cron.spec.timeZone).toBe('Etc/UTC'));
  test('concurrencyPolicy Forbid', () => expect(cron.spec.concurrencyPolicy).toBe('Forbid'));
  test('history limits 3 and 3', () => {
    expect(cron.spec.successfulJobsHistoryLimit).toBe(3);
    expect(cron.spec.failedJobsHistoryLimit).toBe(3);
  });
  test('a daily schedule gets a one-hour starting deadline', () =>
    expect(cron.spec.startingDeadlineSeconds).toBe(3600));
  test('a daily schedule gets a one-hour run deadline', () => expect(jobSpec.activeDeadlineSeconds).toBe(3600));
  test('no TTL on the Jobs it creates (history limits clean up)', () =>
    expect(jobSpec.ttlSecondsAfterFinished).toBeUndefined());
  test('backoffLimit 2 and restartPolicy Never', () => {
    expect(jobSpec.backoffLimit).toBe(2);
    expect(jobSpec.template.spec.restartPolicy).toBe('Never');
  });
  test('not suspended unless asked', () => {
    expect(cron.spec.suspend).toBeUndefined();
    expect(jobSpec.suspend).toBeUndefined();
  });
  test('the whole default CronJob has no findings at all, errors or warnings', () => {
    expect(findingsOf(cron)).toEqual([]);
  });
});

describe('CronJob deadlines follow the schedule', () => {
  test.each([
    ['* * * * *', 60, 60],
    ['*/5 * * * *', 150, 300],
    ['*/15 * * * *', 450, 900],
    ['0 * * * *', 1800, 3600],
    ['0 */6 * * *', 3600, 3600],
    ['0 0 * * 0', 3600, 3600],
    ['0 9,10 * * *', 1800, 3600],
  ])('%s: startingDeadlineSeconds %i, activeDeadlineSeconds %i', (schedule, starting, active) => {
    const cron = cronJobJson({ schedule });
    expect(cron.spec.startingDeadlineSeconds).toBe(starting);
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(active);
    expect(findingsOf(cron)).toEqual([]);
  });

  test('an @every schedule gets its interval and a minute as its starting deadline: under the interval it would never run', () => {
    // Schedule.every(45 minutes) cannot be written as fixed times: it is "@every 45m".
    const cron = cronJobJson({ schedule: Schedule.every(Duration.minutes(45)) });
    expect(cron.spec.schedule).toBe('@every 45m');
    expect(cron.spec.startingDeadlineSeconds).toBe(2760);
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(2700);
    expect(findingsOf(cron).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
    // A starting deadline under the interval, given by hand, fails the synth.
    const app = quietApp();
    new CronJob(chartIn(app), 'every', {
      ...BASE,
      schedule: Schedule.every(Duration.minutes(45)),
      startingDeadline: Duration.minutes(20),
    });
    expect(thrownMessage(() => app.synth())).toContain('[cronjob-every-starting-deadline-below-interval]');
  });

  test('a schedule with uneven gaps is judged by its shortest gap', () => {
    const cron = cronJobJson({ schedule: '0,10 * * * *' });
    expect(cron.spec.startingDeadlineSeconds).toBe(300);
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(600);
  });
});

describe('CronJob overrides', () => {
  test('scheduling fields', () => {
    const cron = cronJobJson({
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      startingDeadline: Duration.minutes(5),
      suspend: true,
      successfulJobsRetained: 1,
      failedJobsRetained: 5,
    });
    expect(cron.spec).toMatchObject({
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 300,
      suspend: true,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
    });
  });

  test('job fields', () => {
    const cron = cronJobJson({
      activeDeadline: Duration.minutes(20),
      backoffLimit: 0,
      suspendJobs: true,
      ttlAfterFinished: Duration.hours(2),
      completions: 2,
    });
    expect(cron.spec.jobTemplate.spec).toMatchObject({
      activeDeadlineSeconds: 1200,
      backoffLimit: 0,
      suspend: true,
      ttlSecondsAfterFinished: 7200,
      completions: 2,
    });
  });

  test('a TTL on CronJob-owned Jobs is allowed but the cleanup rule warns about it', () => {
    const cron = cronJobJson({ ttlAfterFinished: Duration.hours(2) });
    expect(findingsOf(cron).map((f) => [f.rule, f.severity, f.field])).toEqual([
      ['cronjob-job-ttl-set', 'warning', 'spec.jobTemplate.spec.ttlSecondsAfterFinished'],
    ]);
  });
});

describe('CronJob job template metadata', () => {
  test('the CronJob labels (chart labels included) reach the Jobs it creates', () => {
    const cron = cronJobJson({ metadata: { labels: { team: 'data' } } }, {}, { labels: { env: 'prod' } });
    expect(cron.metadata.labels).toEqual({ env: 'prod', team: 'data' });
    expect(cron.spec.jobTemplate.metadata.labels).toEqual({ env: 'prod', team: 'data' });
  });

  test('job labels and annotations are merged over the default', () => {
    const cron = cronJobJson({
      metadata: { labels: { team: 'data', tier: 'a' } },
      jobLabels: { tier: 'b', queue: 'q' },
      jobAnnotations: { owner: 'me' },
    });
    expect(cron.spec.jobTemplate.metadata).toEqual({
      labels: { team: 'data', tier: 'b', queue: 'q' },
      annotations: { owner: 'me' },
    });
  });

  test('labels added after construction still reach the Jobs', () => {
    const chart = chartIn();
    const cron = new CronJob(chart, 'cron', BASE);
    cron.metadata.addLabel('added', 'later');
    expect(objectOf(chart, 'CronJob').spec.jobTemplate.metadata.labels).toEqual({ added: 'later' });
  });

  test('without labels there is no job template metadata', () => {
    expect(cronJobJson().spec.jobTemplate.metadata).toBeUndefined();
  });
});

describe('CronJob schedules', () => {
  test('a builder is written as a cron string', () => {
    expect(cronJobJson({ schedule: Schedule.weekly({ weekDay: WeekDay.MONDAY, hour: 6 }) }).spec.schedule).toBe(
      '0 6 * * 1',
    );
  });

  test('H is resolved with the construct path as the seed', () => {
    const chart = chartIn();
    const cron = new CronJob(chart, 'hashed', { ...BASE, schedule: Schedule.hashed('H H * * *') });
    expect(cron.schedule).toBe(resolveHashedSchedule('H H * * *', 'test/hashed'));
    expect(cron.schedule).not.toContain('H');
    expect(objectOf(chart, 'CronJob').spec.schedule).toBe(cron.schedule);
  });

  test('H in a plain string is resolved too, and day names are left alone', () => {
    const cron = cronJobJson({ schedule: 'H 4 * * THU' });
    expect(cron.spec.schedule).toMatch(/^\d+ 4 \* \* THU$/);
  });

  test('two CronJobs with the same hashed schedule get different, stable times', () => {
    const times = (ids: string[]) => {
      const chart = chartIn();
      return ids.map((id) => new CronJob(chart, id, { ...BASE, schedule: 'H H * * *' }).schedule);
    };
    const first = times(['a', 'b', 'c', 'd']);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(times(['a', 'b', 'c', 'd'])).toEqual(first);
  });
});

describe('determinism', () => {
  test('two apps built the same way synthesize byte-identical YAML (hashed schedules included)', () => {
    const build = () => {
      const app = quietApp();
      const chart = chartIn(app);
      new CronJob(chart, 'a', { ...BASE, schedule: 'H H * * *', metadata: { labels: { team: 'x' } } });
      new CronJob(chart, 'b', { ...BASE, schedule: Schedule.every(Duration.minutes(15)) });
      return app.synthYaml();
    };
    expect(build()).toBe(build());
  });
});

describe('CronJob validation at synth (issue 3 acceptance)', () => {
  // Needs the API-server rules cronjob-name-too-long and cronjob-schedule-invalid (src/rules/api-server).
  test('a 60-character name and schedule "0 0 * * 7" fail App.synth once, listing both findings', () => {
    const app = quietApp();
    const chart = chartIn(app, 'fixture');
    new CronJob(chart, 'weekly', { ...BASE, metadata: { name: 'a'.repeat(60) }, schedule: '0 0 * * 7' });
    const message = thrownMessage(() => app.synth());
    expect(message).toBeDefined();
    const lines = message!.split('\n').filter((l) => l.includes('[fixture/weekly]'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\s*\[fixture\/weekly\] metadata\.name: .*60 characters.* \[cronjob-name-too-long\] Fix: .+/,
    );
    expect(lines[1]).toMatch(/^\s*\[fixture\/weekly\] spec\.schedule: .* \[cronjob-schedule-invalid\] Fix: .+/);
  });

  test('`cdk8s synth` of a fixture app prints both findings and no stack trace from the app', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-fixture-'));
    const app = 'npx ts-node --transpile-only test/constructs/fixtures/invalid-cron-job-app.ts';
    let stderr = '';
    let status = 0;
    try {
      execFileSync('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--app', app, '--output', outdir], {
        cwd: join(__dirname, '..', '..'),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error: any) {
      status = error.status;
      stderr = String(error.stderr);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
    expect(status).not.toBe(0);
    expect(stderr).toContain('Synthesis failed with 2 errors:');
    expect(stderr).toMatch(/\[fixture\/weekly\] metadata\.name: .*\[cronjob-name-too-long\] Fix: /);
    expect(stderr).toMatch(/\[fixture\/weekly\] spec\.schedule: .*\[cronjob-schedule-invalid\] Fix: /);
    // The app's error carries no stack (cdk8s-cli still reports the non-zero exit its own way).
    expect(stderr).not.toContain('node_modules/cdk8s/');
    expect(stderr).not.toContain('invalid-cron-job-app.ts:');
  }, 120_000);

  test('Testing.synth of a chart reports the same findings', () => {
    const chart = chartIn();
    new CronJob(chart, 'weekly', { ...BASE, schedule: '0 0 * * 7' });
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/weekly\] spec\.schedule: .*\[cronjob-schedule-invalid\]/,
    );
  });
});
