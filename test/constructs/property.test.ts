/**
 * Property: whatever valid props a user passes, the synthesized YAML is lint-clean (no error
 * finding when read back and checked like `cdk8s-batch lint` does), and leaving the safety
 * defaults alone gives no findings at all.
 */
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import {
  BatchPolicy,
  CompletionMode,
  CronJob,
  Job,
  JobSpecOptions,
  PodFailurePolicyRules,
  PodReplacementPolicy,
  Schedule,
  WeekDay,
} from '../../src';
import { Severity } from '../../src/rules/finding';
import { findingsOf, RESOURCES } from './helpers';

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const image = fc
  .tuple(fc.constantFrom('registry.example/a', 'busybox', 'ghcr.io/org/tool'), fc.integer({ min: 0, max: 9 }))
  .map(([name, v]) => `${name}:1.${v}.0`);
const container = fc.record({ name: dnsLabel, image });
const containers = fc.uniqueArray(container, { minLength: 1, maxLength: 3, selector: (c) => c.name });

/** Schedules that fire at fixed times in UTC: no daylight saving, no @every. */
const fixedSchedule = fc.oneof(
  fc
    .record({ minute: fc.integer({ min: 0, max: 59 }), hour: fc.integer({ min: 0, max: 23 }) })
    .map((t) => Schedule.daily(t)),
  fc.integer({ min: 0, max: 59 }).map((m) => Schedule.hourly(m)),
  fc
    .record({ weekDay: fc.constantFrom(...Object.values(WeekDay)), hour: fc.integer({ min: 0, max: 23 }) })
    .map((o) => Schedule.weekly(o)),
  fc
    .record({ day: fc.integer({ min: 1, max: 28 }), hour: fc.integer({ min: 0, max: 23 }) })
    .map((o) => Schedule.monthly(o)),
  fc.constantFrom(1, 2, 5, 10, 15, 30, 60, 120, 360, 720, 1440).map((m) => Schedule.every(Duration.minutes(m))),
  fc.constantFrom('H H * * *', 'H/15 * * * *', 'H H(0-5) * * 1-5', '@daily', '@hourly', '0 9-17 * * MON-FRI'),
);
const anySchedule = fc.oneof(fixedSchedule, fc.constantFrom('@every 7m', '30 2 * * *'));
const timeZone = fc.constantFrom(
  'Etc/UTC',
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
);
const minor = fc.integer({ min: 28, max: 34 });

/** Job fields that are valid together on release 1.`minor`. */
function jobOptions(minorVersion: number): fc.Arbitrary<JobSpecOptions> {
  return fc
    .record(
      {
        indexed: fc.boolean(),
        completions: fc.integer({ min: 1, max: 50 }),
        parallelism: fc.integer({ min: 1, max: 20 }),
        backoffLimit: fc.integer({ min: 0, max: 10 }),
        perIndex: fc.boolean(),
        activeDeadline: fc.integer({ min: 60, max: 86_400 }),
        ttl: fc.integer({ min: 0, max: 604_800 }),
        ignoreDisruptions: fc.boolean(),
        replacement: fc.constantFrom(undefined, PodReplacementPolicy.FAILED),
        success: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .map((o) => {
      const indexed = o.indexed ?? false;
      const completions = o.completions;
      const perIndex = indexed && o.perIndex && minorVersion >= 29;
      const options: JobSpecOptions = {
        completionMode: indexed ? CompletionMode.INDEXED : undefined,
        completions: indexed ? (completions ?? 3) : completions,
        parallelism: o.parallelism,
        backoffLimit: o.backoffLimit,
        backoffLimitPerIndex: perIndex ? 1 : undefined,
        activeDeadline: o.activeDeadline === undefined ? undefined : Duration.seconds(o.activeDeadline),
        ttlAfterFinished: o.ttl === undefined ? undefined : Duration.seconds(o.ttl),
        podFailurePolicy: o.ignoreDisruptions
          ? [PodFailurePolicyRules.ignoreDisruptions(), PodFailurePolicyRules.failJobOnExitCodes([42])]
          : undefined,
        podReplacementPolicy: minorVersion >= 29 ? o.replacement : undefined,
        successPolicy: indexed && o.success && minorVersion >= 31 ? [{ succeededCount: 1 }] : undefined,
      };
      return options;
    });
}

function appFor(minorVersion: number): Chart {
  const app = Testing.app();
  new BatchPolicy(app, { kubernetesVersion: `1.${minorVersion}`, containerResources: RESOURCES, printWarnings: false });
  return new Chart(app, 'prop');
}

/** Synthesizes, reads the YAML back like lint does, and returns every finding per object. */
function lint(chart: Chart, minorVersion: number) {
  const objects = parseAllDocuments((chart.node.root as App).synthYaml())
    .map((d) => d.toJS())
    .filter((o) => o.apiVersion === 'batch/v1');
  expect(objects).toHaveLength(1);
  return objects.map((o) => findingsOf(o, `1.${minorVersion}`));
}

describe('random valid props synthesize lint-clean YAML', () => {
  test('CronJobs', () => {
    fc.assert(
      fc.property(
        minor,
        dnsLabel,
        containers,
        anySchedule,
        timeZone,
        fc.constantFrom(...Object.values(kplus.ConcurrencyPolicy)),
        (m, id, cs, schedule, zone, policy) => {
          const chart = appFor(m);
          new CronJob(chart, id, {
            schedule,
            timeZone: zone,
            concurrencyPolicy: policy,
            containers: cs,
            securityContext: { user: 1000 },
          });
          for (const findings of lint(chart, m))
            expect(findings.filter((f) => f.severity === Severity.ERROR)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('Jobs and CronJobs with the whole JobSpec surface', () => {
    fc.assert(
      fc.property(
        minor.chain((m) => fc.tuple(fc.constant(m), jobOptions(m), fc.boolean(), anySchedule, dnsLabel, containers)),
        ([m, options, asCronJob, schedule, id, cs]) => {
          const chart = appFor(m);
          const pod = { containers: cs, securityContext: { user: 1000 } };
          if (asCronJob) new CronJob(chart, id, { ...options, ttlAfterFinished: undefined, schedule, ...pod });
          else new Job(chart, id, { ...options, ...pod });
          for (const findings of lint(chart, m))
            expect(findings.filter((f) => f.severity === Severity.ERROR)).toEqual([]);
        },
      ),
      { numRuns: 80 },
    );
  });

  test('leaving the safety defaults alone gives no findings at all', () => {
    fc.assert(
      fc.property(minor, dnsLabel, containers, fixedSchedule, fc.boolean(), (m, id, cs, schedule, asCronJob) => {
        const chart = appFor(m);
        const pod = { containers: cs, securityContext: { user: 1000 } };
        if (asCronJob) new CronJob(chart, id, { schedule, ...pod });
        else new Job(chart, id, pod);
        for (const findings of lint(chart, m)) expect(findings).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
