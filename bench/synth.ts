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
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { median, printTable } from './timing';

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

function runChild(variant: Variant, n: number, outdir: string): void {
  // Load the variant's modules before the clock starts: module loading is not synth.
  loadModules(variant);
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

function loadModules(variant: Variant): void {
  require('cdk8s');
  if (variant !== 'plain') require('cdk8s-plus-28');
  if (variant === 'cdk8s-batch') require('../src');
}

// ---- parent side -----------------------------------------------------------------------------

function measure(variant: Variant, n: number): Measurement {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-bench-'));
  try {
    // Under ts-node (`__filename` ends in .ts) the child needs the same loader.
    const loader = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
    const output = execFileSync(process.execPath, [...loader, __filename, '--child', variant, String(n), outdir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    return JSON.parse(output) as Measurement;
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
  for (const n of SIZES) {
    const samples: Record<Variant, Measurement[]> = { 'cdk8s-batch': [], 'cdk8s-plus-28': [], plain: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const variant of VARIANTS) samples[variant].push(measure(variant, n));
    }
    const ms = (v: Variant) => median(samples[v].map((s) => s.ms));
    const cpu = (v: Variant) => median(samples[v].map((s) => s.cpuMs));
    const rss = (v: Variant) => median(samples[v].map((s) => s.rssMb));
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
}

if (require.main === module && process.argv[2] === '--child') {
  runChild(process.argv[3] as Variant, Number(process.argv[4]), process.argv[5]);
}
