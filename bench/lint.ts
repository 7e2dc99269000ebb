/**
 * Lint of 5,000 documents against parsing the same YAML alone, in the same run:
 * - parse: the `yaml` package's `parseAllDocuments(...).map(toJS)`, what any YAML tool pays;
 * - lint: `cdk8s-batch lint`'s own path, reading the bytes (UTF-8 and binary checks, YAML as
 *   Kubernetes reads it) and running every rule on every Job and CronJob.
 * The corpus is what the examples and a fleet look like: CronJobs and Jobs, hardened or not, with
 * a few other kinds mixed in. Median of 5 warm runs in this process, after one warm-up; lint is
 * also split into its reading and its rules, and each is given in wall and CPU time.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { parseManifestBytes } from '../src/manifests/parse';
import { lintDocuments } from '../src/manifests/lint';
import { ManifestDocument } from '../src/manifests/document';
import { median, printTable, timeMs } from './timing';

const DOCUMENTS = 5000;

function cronJob(i: number): object {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: `report-${i}`, labels: { app: `report-${i % 50}` } },
    spec: {
      schedule: ['0 3 * * *', '*/15 * * * *', '30 1 * * *', '0 */6 * * *'][i % 4],
      timeZone: ['Etc/UTC', 'Europe/Berlin', 'America/New_York'][i % 3],
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels: { app: `report-${i % 50}` } },
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 600,
          template: {
            spec: {
              restartPolicy: 'Never',
              automountServiceAccountToken: false,
              serviceAccountName: 'report',
              securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [
                {
                  name: 'report',
                  image: `registry.example/report:1.${i % 9}.0`,
                  args: ['--day', 'yesterday', '--shard', String(i % 16)],
                  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ['ALL'] },
                  },
                  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                },
              ],
              volumes: [{ name: 'tmp', emptyDir: {} }],
            },
          },
        },
      },
    },
  };
}

function job(i: number): object {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `migrate-${i}` },
    spec: {
      template: {
        spec: {
          restartPolicy: i % 7 === 0 ? 'Always' : 'Never',
          containers: [{ name: 'migrate', image: 'registry.example/migrate:latest' }],
        },
      },
    },
  };
}

function other(i: number): object {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `settings-${i}` },
    data: { 'settings.yaml': 'a: 1\nb: [2, 3]\n' },
  };
}

function corpus(): string {
  const documents: object[] = [];
  for (let i = 0; i < DOCUMENTS; i++) documents.push(i % 10 < 7 ? cronJob(i) : i % 10 < 9 ? job(i) : other(i));
  return documents.map((d) => stringify(d)).join('---\n');
}

/** Wall and CPU time of one run of `fn`, in ms. */
function timed(fn: () => void): { readonly ms: number; readonly cpuMs: number } {
  const cpuStart = process.cpuUsage();
  const ms = timeMs(fn);
  const cpu = process.cpuUsage(cpuStart);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const RUNS = 5;

export function runLintBenchmark(): void {
  const text = corpus();
  const bytes = Buffer.from(text, 'utf8');
  let checked = 0;
  let findings = 0;
  let documents: ManifestDocument[] = [];
  const parts = {
    parse: () => {
      parseAllDocuments(text).map((d) => d.toJS());
    },
    lint: () => {
      const read = parseManifestBytes(bytes, 'fleet.yaml', 'kubernetes-yaml');
      if ('problem' in read) throw new Error(read.problem.reason);
      const result = lintDocuments(read.documents);
      checked = result.objects.length;
      findings = result.objects.reduce((n, o) => n + o.findings.length, 0);
    },
    read: () => {
      const read = parseManifestBytes(bytes, 'fleet.yaml', 'kubernetes-yaml');
      if ('problem' in read) throw new Error(read.problem.reason);
      documents = read.documents;
    },
    rules: () => {
      lintDocuments(documents);
    },
  };
  type Part = keyof typeof parts;
  const samples: Record<Part, { ms: number; cpuMs: number }[]> = { parse: [], lint: [], read: [], rules: [] };
  // Each part on its own, one warm-up and then the timed runs, so that each pays for its own garbage
  // (run after another part, a part's time would include collecting what that one left behind).
  for (const part of Object.keys(parts) as Part[]) {
    parts[part]();
    for (let run = 0; run < RUNS; run++) samples[part].push(timed(parts[part]));
  }
  const ms = (part: Part) => median(samples[part].map((s) => s.ms));
  const cpu = (part: Part) => median(samples[part].map((s) => s.cpuMs));
  const vsParse = (part: Part) => `${(ms(part) / ms('parse')).toFixed(2)}x`;
  const cpuVsParse = (part: Part) => `${(cpu(part) / cpu('parse')).toFixed(2)}x`;
  console.log(
    `\n## lint: ${DOCUMENTS} documents (${(bytes.length / 1e6).toFixed(1)} MB, ${checked} Jobs and CronJobs checked, ${findings} findings), median of ${RUNS}\n`,
  );
  const row = (what: string, part: Part) => [
    what,
    ms(part).toFixed(0),
    vsParse(part),
    cpu(part).toFixed(0),
    cpuVsParse(part),
  ];
  printTable(
    ['what', 'ms', 'vs parse', 'CPU ms', 'CPU vs parse'],
    [
      row('yaml parseAllDocuments + toJS', 'parse'),
      row('cdk8s-batch lint (read + every rule)', 'lint'),
      row('  of which read (bytes checks, YAML 1.1 as Kubernetes reads it, lines)', 'read'),
      row('  of which every rule on every Job and CronJob', 'rules'),
    ],
  );
  console.log(
    `\nlint took ${vsParse('lint')} the time of parsing alone (${cpuVsParse('lint')} in CPU; target: at most 1.0x, issue 11).` +
      ` Reading alone takes ${vsParse('read')}: the parse itself is the yaml package (as Kubernetes reads YAML 1.1), but` +
      ' it composes one document at a time and drops its syntax tree, where parseAllDocuments keeps every tree, and it' +
      ' hides process.env from the parser, which reads it for every token (src/manifests/plain-environment.ts); and' +
      ` the rules add ${vsParse('rules')}: ${((1000 * ms('rules')) / checked).toFixed(0)} µs per object, findings and their messages included;` +
      ' both together cost a little more than the sum (more live objects for the collector).',
  );
}
