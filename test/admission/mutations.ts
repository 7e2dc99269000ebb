/**
 * Systematic mutations for the admission-policy differential test: each one changes one thing a
 * carried rule looks at (or its suppression), on a deep copy of a Job or CronJob.
 */
import { BEST_PRACTICE_CEL } from '../../src/rules/best-practice/cel-forms';
import { suppressionAnnotation } from '../../src/rules/policy';

type Mutate = (o: any) => void;

function jobSpecOf(o: any): any {
  if (o.kind === 'Job') return (o.spec ??= {});
  const spec = (o.spec ??= {});
  const template = (spec.jobTemplate ??= {});
  return (template.spec ??= {});
}
const podSpecOf = (o: any): any => ((jobSpecOf(o).template ??= {}).spec ??= {});
const containersOf = (o: any): any[] => (podSpecOf(o).containers ??= [{ name: 'main', image: 'app:1' }]);
const metadataOf = (o: any): any => (o.metadata ??= {});
const cronSpec = (o: any): any => (o.kind === 'CronJob' ? (o.spec ??= {}) : {});
const jobLabelsOf = (o: any): any =>
  o.kind === 'Job' ? (metadataOf(o).labels ??= {}) : ((o.spec.jobTemplate.metadata ??= {}).labels ??= {});
const eachContainer =
  (f: (c: any) => void): Mutate =>
  (o) =>
    containersOf(o).forEach(f);

const HEX64 = 'a'.repeat(64);
const IMAGES = [
  'busybox',
  'busybox:latest',
  'busybox:1.36',
  'localhost:5000/app',
  'localhost:5000/app:2',
  'app:',
  `app@sha256:${HEX64}`,
  'app@sha256:abc',
  `app:1.2@sha256:${HEX64}`,
  `app@sha512:${'b'.repeat(128)}`,
  'app@sha512:short',
  `app@SHA256:${HEX64}`,
  'a/b/c:latest-1',
];

export const MUTATIONS: Readonly<Record<string, Mutate>> = {
  'no active deadline': (o) => delete jobSpecOf(o).activeDeadlineSeconds,
  'null active deadline': (o) => (jobSpecOf(o).activeDeadlineSeconds = null),
  'ttl set': (o) => (jobSpecOf(o).ttlSecondsAfterFinished = 600),
  'no ttl': (o) => delete jobSpecOf(o).ttlSecondsAfterFinished,
  'owned by a CronJob': (o) =>
    (metadataOf(o).ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'x', uid: 'u' }]),
  'owned by something else': (o) =>
    (metadataOf(o).ownerReferences = [{ apiVersion: 'example.com/v1', kind: 'Workflow', name: 'x', uid: 'u' }]),
  'scheduled timestamp': (o) =>
    (metadataOf(o).annotations = {
      ...metadataOf(o).annotations,
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:00:00Z',
    }),
  'Argo CD sync wave': (o) =>
    (metadataOf(o).annotations = { ...metadataOf(o).annotations, 'argocd.argoproj.io/sync-wave': '2' }),
  'Argo CD hook delete policy': (o) =>
    (metadataOf(o).annotations = {
      ...metadataOf(o).annotations,
      'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded',
    }),
  'no starting deadline': (o) => delete cronSpec(o).startingDeadlineSeconds,
  'starting deadline 0': (o) => (cronSpec(o).startingDeadlineSeconds = 0),
  'starting deadline 59': (o) => (cronSpec(o).startingDeadlineSeconds = 59),
  'starting deadline 60': (o) => (cronSpec(o).startingDeadlineSeconds = 60),
  suspended: (o) => (cronSpec(o).suspend = true),
  'not suspended': (o) => (cronSpec(o).suspend = false),
  'no time zone': (o) => delete cronSpec(o).timeZone,
  '@every schedule': (o) => (cronSpec(o).schedule = '@every 1h'),
  'every five minutes': (o) => (cronSpec(o).schedule = '*/5 * * * *'),
  'every ten minutes': (o) => (cronSpec(o).schedule = '*/10 * * * *'),
  'every quarter hour from 0': (o) => (cronSpec(o).schedule = '0/15 * * * *'),
  'every quarter hour from 8': (o) => (cronSpec(o).schedule = '8/15 * * * *'),
  'quarter hours written out, every hour spelled as a range': (o) => (cronSpec(o).schedule = '0,15,30,45 0-23 * * *'),
  'half hours': (o) => (cronSpec(o).schedule = '0,30 * * * *'),
  'every minute, any weekday': (o) => (cronSpec(o).schedule = '* * ? * ?'),
  '@hourly schedule': (o) => (cronSpec(o).schedule = '@hourly'),
  'failed history 0': (o) => (cronSpec(o).failedJobsHistoryLimit = 0),
  'no failed history': (o) => delete cronSpec(o).failedJobsHistoryLimit,
  'CronJob labels only': (o) => {
    metadataOf(o).labels = { team: 'data', app: 'x' };
    if (o.kind === 'CronJob') delete o.spec.jobTemplate.metadata;
  },
  'CronJob labels copied': (o) => {
    metadataOf(o).labels = { team: 'data' };
    if (o.kind === 'CronJob') o.spec.jobTemplate.metadata = { labels: { team: 'data' } };
  },
  'Kueue queue': (o) => (jobLabelsOf(o)['kueue.x-k8s.io/queue-name'] = 'batch'),
  'Kueue queue on the pod template': (o) =>
    (((jobSpecOf(o).template ??= {}).metadata ??= {}).labels = { 'kueue.x-k8s.io/queue-name': 'batch' }),
  'Kueue queue, no resources': (o) => {
    jobLabelsOf(o)['kueue.x-k8s.io/queue-name'] = 'batch';
    containersOf(o).forEach((c) => delete c.resources);
  },
  'Kueue queue, pod-level requests only': (o) => {
    jobLabelsOf(o)['kueue.x-k8s.io/queue-name'] = 'batch';
    containersOf(o).forEach((c) => delete c.resources);
    podSpecOf(o).resources = { requests: { cpu: '1' }, limits: { memory: '1Gi' } };
  },
  'no resources': eachContainer((c) => delete c.resources),
  'limits only': eachContainer((c) => (c.resources = { limits: { cpu: '1', memory: '1Gi' } })),
  'cpu request only': eachContainer((c) => (c.resources = { requests: { cpu: '100m' } })),
  'numeric quantities': eachContainer((c) => (c.resources = { requests: { cpu: 1 }, limits: { memory: 1024 } })),
  'init container without resources': (o) =>
    (podSpecOf(o).initContainers = [
      { name: 'init', image: 'init:1', securityContext: { readOnlyRootFilesystem: true } },
    ]),
  'ephemeral container on latest': (o) =>
    (podSpecOf(o).ephemeralContainers = [{ name: 'debug', image: 'debug:latest' }]),
  'writable root': eachContainer((c) => delete c.securityContext?.readOnlyRootFilesystem),
  'windows pod': (o) => (podSpecOf(o).os = { name: 'windows' }),
  'pod-level cpu and memory limits': (o) => (podSpecOf(o).resources = { limits: { cpu: '2', memory: '2Gi' } }),
  'pod-level memory request': (o) => (podSpecOf(o).resources = { requests: { memory: '1Gi' } }),
  'token mounted': (o) => delete podSpecOf(o).automountServiceAccountToken,
  'token explicitly mounted': (o) => (podSpecOf(o).automountServiceAccountToken = true),
  'default service account': (o) => delete podSpecOf(o).serviceAccountName,
  'service account named default': (o) => (podSpecOf(o).serviceAccountName = 'default'),
  'default service account, token off': (o) => {
    delete podSpecOf(o).serviceAccountName;
    podSpecOf(o).automountServiceAccountToken = false;
  },
  'default service account, projected token': (o) => {
    delete podSpecOf(o).serviceAccountName;
    podSpecOf(o).automountServiceAccountToken = false;
    podSpecOf(o).volumes = [
      ...(podSpecOf(o).volumes ?? []),
      { name: 'api-token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
    ];
  },
  'deprecated serviceAccount': (o) => {
    delete podSpecOf(o).serviceAccountName;
    podSpecOf(o).serviceAccount = 'runner';
  },
  'secret in env': eachContainer(
    (c) => (c.env = [...(c.env ?? []), { name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]),
  ),
  'secret in envFrom': eachContainer((c) => (c.envFrom = [{ secretRef: { name: 's' } }])),
  ...Object.fromEntries(IMAGES.map((image) => [`image ${image}`, eachContainer((c) => (c.image = image))])),
  'every carried rule suppressed': (o) =>
    (metadataOf(o).annotations = {
      ...metadataOf(o).annotations,
      ...Object.fromEntries(Object.keys(BEST_PRACTICE_CEL).map((id) => [suppressionAnnotation(id), 'reviewed'])),
    }),
  'suppressions without a reason': (o) =>
    (metadataOf(o).annotations = Object.fromEntries(
      Object.keys(BEST_PRACTICE_CEL).map((id) => [suppressionAnnotation(id), '  ']),
    )),
};

/** Every mutation of `object` (deep copies), named. */
export function mutationsOf(object: unknown): { name: string; object: any }[] {
  return Object.entries(MUTATIONS).map(([name, mutate]) => {
    // A JSON copy, not structuredClone: that makes objects of Node's realm, which the evaluator (in Jest's realm) does not recognise.
    const copy = JSON.parse(JSON.stringify(object));
    mutate(copy);
    return { name, object: copy };
  });
}
