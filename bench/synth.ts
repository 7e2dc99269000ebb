/**
 * Synth cost of N CronJobs, three ways, in one run:
 * - cdk8s-batch: our CronJob, validated at synth against every rule (what users run);
 * - cdk8s-plus-28: its CronJob carrying the same fields (resources, security context, /tmp
 *   volume, ServiceAccount, deadlines, history limits), without validation;
 * - plain: the same manifests as object literals written by cdk8s's YAML writer, no constructs
 *   (the lower bound).
 * Each measurement is a fresh child process (a real `cdk8s synth` is a cold process too, and peak
 * RSS is then per variant): wall time from the first construct to the last file written, and the
 * child's peak RSS. Median of 5, variants interleaved so drift hits them alike.
 *
 * CPU time is printed too: on a shared machine it is steadier than wall time.
 *
 * This file is also the child: `node synth.js --child <variant> <n> <outdir>` prints `{ms, cpuMs, rssMb}`.
 *
 * Then what the rules cost, since they are what cdk8s-batch adds: the same synth with the registry
 * answering nothing (`--child cdk8s-batch <n> <outdir> --without-rules`), and the rules alone on the
 * CronJobs a synth wrote, in a fresh process (`--rules <file>`), with the costliest rules and why.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { median, printTable, timeMs } from './timing';

const SIZES = [100, 1000, 5000];
const RUNS = 5;
const VARIANTS = ['cdk8s-batch', 'cdk8s-plus-28', 'plain'] as const;
type Variant = (typeof VARIANTS)[number];

/** A realistic fleet: many CronJobs share a few schedules and zones. */
const SCHEDULES: ReadonlyArray<readonly [string, string]> = [
  ['0 3 * * *', 'Etc/UTC'],
  ['30 4 * * *', 'Europe/Berlin'],
  ['*/15 * * * *', 'Etc/UTC'],
  ['0 * * * *', 'Etc/UTC'],
  ['0 6 * * 1-5', 'America/New_York'],
  ['15 1 1 * *', 'Asia/Tokyo'],
  ['0 */6 * * *', 'Etc/UTC'],
  ['45 23 * * 0', 'Australia/Sydney'],
];

/** What every variant emits for CronJob i, besides the pod defaults. */
function fleetMember(i: number) {
  const [schedule, timeZone] = SCHEDULES[i % SCHEDULES.length];
  return { id: `cron-${i}`, schedule, timeZone, image: `registry.example/batch/task-${i % 10}:1.${i % 7}.0` };
}

interface Measurement {
  /** Wall time of the synth. */
  readonly ms: number;
  /** CPU time (user + system) of the synth: steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  readonly rssMb: number;
}

// ---- child side ------------------------------------------------------------------------------

function synthCdk8sBatch(n: number, outdir: string): void {
  const { App, Chart, Size } = require('cdk8s') as typeof import('cdk8s');
  const { Cpu } = require('cdk8s-plus-28') as typeof import('cdk8s-plus-28');
  const batch = require('../src') as typeof import('../src');
  const app = new App({ outdir });
  new batch.BatchPolicy(app, {
    containerResources: {
      cpu: { request: Cpu.millis(100) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
  });
  const chart = new Chart(app, 'fleet');
  for (let i = 0; i < n; i++) {
    const m = fleetMember(i);
    new batch.CronJob(chart, m.id, {
      schedule: m.schedule,
      timeZone: m.timeZone,
      securityContext: { user: 65534 },
      containers: [{ name: 'task', image: m.image }],
    });
  }
  app.synth();
}

function synthCdk8sPlus(n: number, outdir: string): void {
  const { App, Chart, Duration, Size, Cron } = require('cdk8s') as typeof import('cdk8s');
  const kplus = require('cdk8s-plus-28') as typeof import('cdk8s-plus-28');
  const app = new App({ outdir });
  const chart = new Chart(app, 'fleet');
  for (let i = 0; i < n; i++) {
    const m = fleetMember(i);
    const [minute, hour, day, month, weekDay] = m.schedule.split(' ');
    const job = new kplus.CronJob(chart, m.id, {
      schedule: Cron.schedule({ minute, hour, day, month, weekDay }),
      timeZone: m.timeZone,
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.seconds(3600),
      activeDeadline: Duration.seconds(3600),
      backoffLimit: 2,
      successfulJobsRetained: 3,
      failedJobsRetained: 3,
      securityContext: { user: 65534 },
      serviceAccount: new kplus.ServiceAccount(chart, `${m.id}-sa`, { automountToken: false }),
      containers: [
        {
          name: 'task',
          image: m.image,
          resources: {
            cpu: { request: kplus.Cpu.millis(100) },
            memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
          },
          securityContext: {
            capabilities: { drop: [kplus.Capability.ALL] },
            seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
          },
        },
      ],
    });
    job.containers[0].mount('/tmp', kplus.Volume.fromEmptyDir(job, 'tmp', 'tmp'));
  }
  app.synth();
}

function synthPlain(n: number, outdir: string): void {
  const { Yaml } = require('cdk8s') as typeof import('cdk8s');
  const docs: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const m = fleetMember(i);
    const account = `fleet-${m.id}-serviceaccount`;
    docs.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: account },
      automountServiceAccountToken: false,
    });
    docs.push({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: `fleet-${m.id}` },
      spec: {
        concurrencyPolicy: 'Forbid',
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            activeDeadlineSeconds: 3600,
            backoffLimit: 2,
            template: {
              metadata: { labels: { 'cdk8s.io/metadata.addr': `fleet-${m.id}` } },
              spec: {
                automountServiceAccountToken: false,
                containers: [
                  {
                    image: m.image,
                    imagePullPolicy: 'Always',
                    name: 'task',
                    resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
                    securityContext: {
                      allowPrivilegeEscalation: false,
                      capabilities: { drop: ['ALL'] },
                      privileged: false,
                      readOnlyRootFilesystem: true,
                      runAsNonRoot: true,
                      seccompProfile: { type: 'RuntimeDefault' },
                    },
                    volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
                  },
                ],
                dnsPolicy: 'ClusterFirst',
                hostNetwork: false,
                restartPolicy: 'Never',
                securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: true, runAsUser: 65534 },
                serviceAccountName: account,
                setHostnameAsFqdn: false,
                terminationGracePeriodSeconds: 30,
                volumes: [{ emptyDir: {}, name: 'tmp' }],
              },
            },
          },
        },
        schedule: m.schedule,
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        timeZone: m.timeZone,
      },
    });
  }
  Yaml.save(join(outdir, 'fleet.k8s.yaml'), docs);
}

const SYNTH: Record<Variant, (n: number, outdir: string) => void> = {
  'cdk8s-batch': synthCdk8sBatch,
  'cdk8s-plus-28': synthCdk8sPlus,
  plain: synthPlain,
};

/**
 * `withoutRules`: the registry answers every object with no findings, so the synth does everything
 * but run the rules (rendering, the validation pass around them, writing). A measuring device for
 * what the rules cost inside a synth; no user can switch them off.
 */
function runChild(variant: Variant, n: number, outdir: string, withoutRules = false): void {
  // Load the variant's modules before the clock starts: module loading is not synth.
  loadModules(variant);
  if (withoutRules) {
    const registry = require('../src/rules/registry') as { validateBatchObject: (...args: unknown[]) => unknown[] };
    registry.validateBatchObject = () => [];
  }
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  SYNTH[variant](n, outdir);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const measurement: Measurement = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(measurement));
}

/** What the rules child reports: the rule engine alone on the fleet's CronJobs, in a fresh process. */
interface RulesMeasurement {
  /** Rules run on each CronJob. */
  readonly rules: number;
  readonly objects: number;
  /** The first pass, as in a synth (each object validated once, before V8 has optimised the rules). */
  readonly coldMs: number;
  readonly coldCpuMs: number;
  /** A second pass over the same objects. */
  readonly warmMs: number;
  /** The costliest rules, timed one by one in later passes (µs per object). */
  readonly top: readonly { readonly id: string; readonly us: number }[];
}

/**
 * `--rules <manifest file>`: validateBatchObject on the CronJobs a cdk8s-batch synth wrote, with
 * the options synth uses (default release, the policy's empty levels, today).
 */
function runRulesChild(file: string): void {
  const registry = require('../src/rules/registry') as typeof import('../src/rules/registry');
  const { parseManifestBytes } = require('../src/manifests/parse') as typeof import('../src/manifests/parse');
  const read = parseManifestBytes(readFileSync(file), file, 'kubernetes-yaml');
  if ('problem' in read) throw new Error(read.problem.reason);
  const objects = read.documents.map((d) => d.value).filter((d) => registry.batchKindOf(d) !== undefined);
  const ms = Date.now();
  const options = { policy: { rules: {} }, now: ms - (ms % 86_400_000) };
  const pass = () => {
    for (const object of objects) registry.validateBatchObject(object, options);
  };
  const cpuStart = process.cpuUsage();
  const coldMs = timeMs(pass);
  const cpu = process.cpuUsage(cpuStart);
  const warmMs = timeMs(pass);
  // Each rule timed over three more passes; its cheapest pass counts (a GC pause lands on whichever rule runs).
  let spent = new Map<string, bigint>();
  const cheapest = new Map<string, bigint>();
  for (const rule of registry.ALL_RULES) {
    const check = rule.check.bind(rule);
    (rule as { check: typeof rule.check }).check = (input) => {
      const start = process.hrtime.bigint();
      try {
        return check(input);
      } finally {
        spent.set(rule.id, (spent.get(rule.id) ?? 0n) + process.hrtime.bigint() - start);
      }
    };
  }
  for (let timed = 0; timed < 3; timed++) {
    spent = new Map();
    pass();
    for (const [id, ns] of spent) if (!cheapest.has(id) || ns < cheapest.get(id)!) cheapest.set(id, ns);
  }
  const top = [...cheapest]
    .sort((a, b) => Number(b[1] - a[1]))
    .slice(0, 6)
    .map(([id, ns]) => ({ id, us: Number(ns) / 1000 / objects.length }));
  const measurement: RulesMeasurement = {
    rules: registry.ALL_RULES.filter((r) => r.kinds.includes('CronJob')).length,
    objects: objects.length,
    coldMs,
    coldCpuMs: (cpu.user + cpu.system) / 1000,
    warmMs,
    top,
  };
  process.stdout.write(JSON.stringify(measurement));
}

function loadModules(variant: Variant): void {
  require('cdk8s');
  if (variant !== 'plain') require('cdk8s-plus-28');
  if (variant === 'cdk8s-batch') require('../src');
}

// ---- parent side -----------------------------------------------------------------------------

/** Runs this file as a child with `args` (under ts-node when this is the .ts file) and parses its JSON answer. */
function child<T>(args: readonly string[]): T {
  // Under ts-node (`__filename` ends in .ts) the child needs the same loader.
  const loader = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
  const output = execFileSync(process.execPath, [...loader, __filename, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output) as T;
}

function measure(variant: Variant, n: number): Measurement {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-bench-'));
  try {
    return child<Measurement>(['--child', variant, String(n), outdir]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function runSynthBenchmark(): void {
  console.log(
    `\n## synth N CronJobs: cdk8s-batch (validated) vs cdk8s-plus-28 vs plain objects (median of ${RUNS}, one child process per run)\n`,
  );
  const rows: string[][] = [];
  const ratios: string[][] = [];
  const wall = new Map<number, { readonly batch: number; readonly plus: number; readonly batchCpu: number }>();
  for (const n of SIZES) {
    const samples: Record<Variant, Measurement[]> = { 'cdk8s-batch': [], 'cdk8s-plus-28': [], plain: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const variant of VARIANTS) samples[variant].push(measure(variant, n));
    }
    const ms = (v: Variant) => median(samples[v].map((s) => s.ms));
    const cpu = (v: Variant) => median(samples[v].map((s) => s.cpuMs));
    const rss = (v: Variant) => median(samples[v].map((s) => s.rssMb));
    wall.set(n, { batch: ms('cdk8s-batch'), plus: ms('cdk8s-plus-28'), batchCpu: cpu('cdk8s-batch') });
    for (const variant of VARIANTS)
      rows.push([String(n), variant, ms(variant).toFixed(0), cpu(variant).toFixed(0), rss(variant).toFixed(0)]);
    const ratio = (f: (v: Variant) => number, a: Variant, b: Variant) => (f(a) / f(b)).toFixed(2);
    ratios.push([
      String(n),
      ratio(ms, 'cdk8s-batch', 'cdk8s-plus-28'),
      ratio(cpu, 'cdk8s-batch', 'cdk8s-plus-28'),
      ratio(ms, 'cdk8s-batch', 'plain'),
      ratio(rss, 'cdk8s-batch', 'cdk8s-plus-28'),
    ]);
  }
  printTable(['N', 'variant', 'wall ms', 'CPU ms', 'peak RSS MB'], rows);
  console.log('');
  printTable(['N', 'wall batch/plus (target <= 1)', 'CPU batch/plus', 'wall batch/plain', 'RSS batch/plus'], ratios);
  printRuleCost(wall);
}

/** Why some rules cost more than the rest, for the costliest-rules list. */
const WHY: Readonly<Record<string, string>> = {
  'cronjob-schedule-never-fires':
    'walks two years of the schedule in its zone; cached per schedule, zone and day, so the first CronJob of each pays',
  'cronjob-dst-skipped-runs': 'the same two-year walk (shared with cronjob-schedule-never-fires)',
  'cronjob-dst-doubled-runs': 'the same two-year walk (shared with cronjob-schedule-never-fires)',
  'cronjob-forbid-deadline-exceeds-interval': "the schedule's nominal shortest interval (an eight-year walk, cached)",
  'cronjob-schedule-required':
    "the API server's schedule and time-zone checks (memoised per text), read first here for the other schedule rules",
  'field-wrong-type':
    "walks every field of the object against the release's Go types (names and JSON types, the walk field-unknown reports from too)",
  'field-unknown': "reads the walk of the release's Go types that field-wrong-type made (typed-walk.ts)",
  'pod-container-name-invalid':
    'reads the pod template first (the view every container rule shares) and DNS-1123 names',
  'container-resource-quantity-invalid':
    'parses every request and limit as a Kubernetes quantity (memoised per text), read first here for the resource rules',
  'metadata-labels-invalid': 'every label key and value against the qualified-name and label-value grammars',
};

/**
 * What the rules cost: inside a synth (cdk8s-batch with the registry answering nothing, against
 * the real thing), and alone on the CronJobs that synth wrote, in a fresh process; then which rules
 * cost most, and why.
 */
function printRuleCost(
  synth: ReadonlyMap<number, { readonly batch: number; readonly plus: number; readonly batchCpu: number }>,
): void {
  console.log('\n### What the rules cost (median of 3 each)\n');
  const rows: string[][] = [];
  let last: RulesMeasurement | undefined;
  for (const n of SIZES) {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-bench-'));
    let samples: RulesMeasurement[];
    let without: Measurement[];
    try {
      without = Array.from({ length: 3 }, () =>
        child<Measurement>(['--child', 'cdk8s-batch', String(n), outdir, '--without-rules']),
      );
      // The manifests a (validated) cdk8s-batch synth of this fleet writes.
      child<Measurement>(['--child', 'cdk8s-batch', String(n), outdir]);
      const file = join(outdir, 'fleet.k8s.yaml');
      samples = Array.from({ length: 3 }, () => child<RulesMeasurement>(['--rules', file]));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
    const cold = median(samples.map((s) => s.coldMs));
    const warm = median(samples.map((s) => s.warmMs));
    const withoutMs = median(without.map((s) => s.ms));
    const withoutCpu = median(without.map((s) => s.cpuMs));
    const { batch, plus, batchCpu } = synth.get(n) ?? { batch: NaN, plus: NaN, batchCpu: NaN };
    last = samples[0];
    rows.push([
      String(n),
      withoutMs.toFixed(0),
      withoutCpu.toFixed(0),
      (withoutMs / plus).toFixed(2),
      `${(batch - withoutMs).toFixed(0)} (${(batchCpu - withoutCpu).toFixed(0)})`,
      cold.toFixed(0),
      ((1000 * cold) / last.objects).toFixed(0),
      ((1000 * warm) / last.objects).toFixed(0),
    ]);
  }
  printTable(
    [
      'N',
      'batch, rules answering nothing: wall ms',
      'CPU ms',
      'wall vs plus',
      'rules in synth: wall (CPU) ms',
      'rules alone: ms',
      'µs/object',
      'µs/object again',
    ],
    rows,
  );
  if (!last) return;
  console.log(
    `\nEverything but the rules costs about what cdk8s-plus-28 costs; the rest is ${last.rules} rules run on every` +
      ' CronJob. A synth renders every object, then validates each once, all in one pass' +
      ' (src/constructs/synth-validation.ts), so most rules run before V8 has optimised them (alone, a second' +
      ' pass over the same objects is cheaper), and they share a larger heap with the rendered app, so they cost' +
      ' more in a synth than alone. Costliest rules (µs per object, once warm):',
  );
  for (const { id, us } of last.top) console.log(`  ${id}: ${us.toFixed(1)} µs${WHY[id] ? ` - ${WHY[id]}` : ''}`);
}

if (require.main === module && process.argv[2] === '--child') {
  runChild(process.argv[3] as Variant, Number(process.argv[4]), process.argv[5], process.argv[6] === '--without-rules');
}
if (require.main === module && process.argv[2] === '--rules') {
  runRulesChild(process.argv[3]);
}
