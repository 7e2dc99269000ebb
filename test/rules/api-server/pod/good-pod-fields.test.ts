/**
 * A realistic Job and CronJob using the pod fields the newer API-server rules check (affinity,
 * hostname, priority, sysctls, DNS searches, ConfigMap, Secret, downward API and projected volume
 * files, raw block devices, resourceFieldRef divisors, topology spread constraints, host aliases,
 * readiness gates, runtime class and service account names, os) produce no API-server finding in
 * any supported release; the gated pod fields (minDomains, matchLabelKeys and the node inclusion
 * policies of a spread constraint, schedulingGates, hostUsers, resourceClaims, pod-level
 * resources, hostnameOverride, seLinuxChangePolicy, image volumes, env fileKeyRef, container
 * restart policies and rules) are added from the release whose default gates turn them on.
 */
import { NEWEST_KNOWN_MINOR, OLDEST_SUPPORTED_MINOR } from '../../../../src/rules/kubernetes-version';
import { apiServerFindings, Json, withJobSpec } from '../fixtures';

const RELEASES = Array.from(
  { length: NEWEST_KNOWN_MINOR - OLDEST_SUPPORTED_MINOR + 1 },
  (_, i) => `1.${OLDEST_SUPPORTED_MINOR + i}`,
);

function richPod(kind: 'Job' | 'CronJob', release: string): Json {
  const minor = Number(release.split('.')[1]);
  return withJobSpec(kind, (spec) => {
    const pod = spec.template.spec;
    Object.assign(pod, {
      os: { name: 'linux' },
      runtimeClassName: 'gvisor',
      serviceAccountName: 'report-writer',
      hostAliases: [
        { ip: '10.0.0.20', hostnames: ['db.internal', 'db'] },
        { ip: 'fd00::20', hostnames: ['cache.internal'] },
      ],
      readinessGates: [{ conditionType: 'example.com/feature-ready' }],
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { app: 'report' } },
        },
        {
          maxSkew: 2,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['report'] }] },
        },
      ],
      hostname: 'report-0',
      subdomain: 'reports',
      priorityClassName: 'batch-low',
      preemptionPolicy: 'Never',
      securityContext: {
        sysctls: [
          { name: 'net.ipv4.ip_local_port_range', value: '32768 60999' },
          { name: 'kernel.shm_rmid_forced', value: '1' },
        ],
      },
      dnsConfig: {
        nameservers: ['10.0.0.10'],
        searches: ['reports.svc.cluster.local', 'example.com.'],
        options: [{ name: 'ndots', value: '2' }],
      },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 10,
              preference: { matchExpressions: [{ key: 'node.example.com/pool', operator: 'In', values: ['batch'] }] },
            },
          ],
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchLabels: { app: 'report' } },
              topologyKey: 'kubernetes.io/hostname',
              namespaces: ['reports'],
            },
          ],
        },
      },
      volumes: [
        {
          name: 'config',
          configMap: { name: 'report-config', items: [{ key: 'app.yaml', path: 'app.yaml', mode: 0o444 }] },
        },
        {
          name: 'creds',
          secret: { secretName: 'report-db', defaultMode: 0o400, items: [{ key: 'password', path: 'db/password' }] },
        },
        {
          name: 'podinfo',
          downwardAPI: {
            items: [
              { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
              { path: 'owner', fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['example.com/owner']" } },
              {
                path: 'mem_mib',
                resourceFieldRef: { containerName: 'main', resource: 'limits.memory', divisor: '1Mi' },
              },
            ],
          },
        },
        {
          name: 'bundle',
          projected: {
            defaultMode: 0o440,
            sources: [
              { serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 7200 } },
              { configMap: { name: 'ca-bundle', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                secret: {
                  name: 'client-cert',
                  items: [
                    { key: 'tls.crt', path: 'tls.crt' },
                    { key: 'tls.key', path: 'tls.key' },
                  ],
                },
              },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
        { name: 'raw', persistentVolumeClaim: { claimName: 'report-raw' } },
      ],
    });
    Object.assign(pod.containers[0], {
      resources: { limits: { cpu: '2', memory: '2Gi' } },
      env: [
        { name: 'CPU_MILLIS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'WORKERS', value: '4' },
      ],
      volumeMounts: [
        { name: 'config', mountPath: '/etc/report' },
        { name: 'creds', mountPath: '/var/run/secrets/db', readOnly: true },
        { name: 'podinfo', mountPath: '/etc/podinfo' },
        { name: 'bundle', mountPath: '/var/run/bundle' },
      ],
      volumeDevices: [{ name: 'raw', devicePath: '/dev/xvdb' }],
    });
    if (minor >= 27) {
      Object.assign(pod.topologySpreadConstraints[1], {
        minDomains: 2,
        matchLabelKeys: ['batch.kubernetes.io/job-name'],
        nodeAffinityPolicy: 'Honor',
        nodeTaintsPolicy: 'Ignore',
      });
      pod.schedulingGates = [{ name: 'example.com/quota-check' }, { name: 'example.com/approval' }];
    }
    // From 1.34 a pod in its own user namespace may not use block devices (kubernetes#132868).
    if (minor === 33) pod.hostUsers = false;
    if (minor >= 34) pod.hostUsers = true;
    if (minor >= 34) {
      pod.resources = { requests: { cpu: '3', memory: '3Gi' }, limits: { cpu: '4', memory: '4Gi' } };
      pod.resourceClaims = [
        { name: 'gpu', resourceClaimTemplateName: 'single-gpu' },
        { name: 'shared', resourceClaimName: 'shared-accelerator' },
      ];
      pod.containers[0].resources.claims = [{ name: 'gpu' }, { name: 'shared' }];
    }
    if (minor >= 35) {
      pod.hostnameOverride = 'report-0.batch.example.com';
      pod.securityContext.seLinuxChangePolicy = 'Recursive';
      pod.volumes.push(
        { name: 'model', image: { reference: 'registry.example.com/models/report:1.0', pullPolicy: 'IfNotPresent' } },
        { name: 'handoff', emptyDir: {} },
      );
      pod.containers[0].volumeMounts.push({ name: 'model', mountPath: '/models', readOnly: true });
      pod.containers[0].env.push({
        name: 'DB_HOST',
        valueFrom: { fileKeyRef: { volumeName: 'handoff', path: 'db.env', key: 'DB_HOST' } },
      });
      Object.assign(pod.containers[0], {
        restartPolicy: 'Never',
        restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42, 43] } }],
      });
      Object.assign(pod.initContainers[0], {
        restartPolicy: 'OnFailure',
        restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'NotIn', values: [0] } }],
      });
    }
  });
}

describe.each(['Job', 'CronJob'] as const)('a %s using every newly checked pod field', (kind) => {
  test.each(RELEASES)('passes in %s', (release) => {
    expect(apiServerFindings(richPod(kind, release), release)).toEqual([]);
  });
});
