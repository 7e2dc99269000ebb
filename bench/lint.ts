/**
 * Lint of 5,000 documents against parsing the same YAML alone, in the same run:
 * - parse: the `yaml` package's `parseAllDocuments(...).map(toJS)`, what any YAML tool pays;
 * - lint: `cdk8s-batch lint`'s own path, reading the bytes (UTF-8 and binary checks, YAML as
 *   Kubernetes reads it) and running every rule on every Job and CronJob.
 * The corpus is what the examples and a fleet look like: CronJobs and Jobs, hardened or not, with
 * a few other kinds mixed in. Median of 5 warm runs in this process, after one warm-up.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { parseManifestBytes } from '../src/manifests/parse';
import { lintDocuments } from '../src/manifests/lint';
import { medianTimeMs, printTable } from './timing';

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

export function runLintBenchmark(): void {
  const text = corpus();
  const bytes = Buffer.from(text, 'utf8');
  let checked = 0;
  const parse = medianTimeMs(() => {
    parseAllDocuments(text).map((d) => d.toJS());
  });
  const lint = medianTimeMs(() => {
    const read = parseManifestBytes(bytes, 'fleet.yaml', 'kubernetes-yaml');
    if ('problem' in read) throw new Error(read.problem.reason);
    checked = lintDocuments(read.documents).objects.length;
  });
  console.log(
    `\n## lint: ${DOCUMENTS} documents (${(bytes.length / 1e6).toFixed(1)} MB, ${checked} Jobs and CronJobs checked), median of 5\n`,
  );
  printTable(
    ['what', 'ms', 'vs parse'],
    [
      ['yaml parseAllDocuments + toJS', parse.toFixed(0), '1.00x'],
      ['cdk8s-batch lint (read + every rule)', lint.toFixed(0), `${(lint / parse).toFixed(2)}x`],
    ],
  );
  console.log(`\nlint took ${(lint / parse).toFixed(2)}x the time of parsing alone (target: at most 1.0x, issue 11)`);
}
