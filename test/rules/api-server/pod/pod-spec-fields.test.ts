/**
 * The PodSpec fields ValidatePodSpec and ValidatePodTemplateSpec check that issue 11 found uncarried.
 *
 * Checklist → rule id:
 * topologySpreadConstraints: maxSkew, topologyKey, whenUnsatisfiable, duplicate pair, minDomains,
 *   node inclusion policies, matchLabelKeys, labelSelector (1.27)   → pod-topology-spread-invalid
 * hostAliases ip and hostnames                                       → pod-host-aliases-invalid
 * readinessGates conditionType                                       → pod-readiness-gates-invalid
 * schedulingGates names and duplicates                               → pod-scheduling-gates-invalid
 * runtimeClassName, serviceAccountName / serviceAccount, nodeName     → pod-names-invalid
 * hostUsers: false with host namespaces (1.33)                       → pod-host-users-invalid
 * resourceClaims and container resources.claims (1.34)               → pod-resource-claims-invalid
 * os.name, windowsOptions on linux, Linux-only fields on windows     → pod-os-invalid
 * ephemeralContainers in a template                                  → pod-ephemeral-containers-forbidden
 * the gated fields before their release                              → field-unavailable-in-version
 */
import { findingsOf, Json, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const spread =
  (...constraints: Json[]) =>
  (p: Json) =>
    (p.topologySpreadConstraints = constraints);
const zone = (extra: Json = {}): Json => ({
  maxSkew: 1,
  topologyKey: 'topology.kubernetes.io/zone',
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'report' } },
  ...extra,
});

runPodCases('topology spread constraints', [
  {
    row: 'maxSkew 0',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].maxSkew',
    bad: spread(zone({ maxSkew: 0 })),
    good: spread(zone({ maxSkew: 2 })),
  },
  {
    row: 'maxSkew missing',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].maxSkew',
    bad: spread(zone({ maxSkew: undefined })),
    good: spread(zone()),
  },
  {
    row: 'no topologyKey',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].topologyKey',
    bad: spread(zone({ topologyKey: '' })),
    good: spread(zone({ topologyKey: 'kubernetes.io/hostname' })),
  },
  {
    row: 'unknown whenUnsatisfiable',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].whenUnsatisfiable',
    bad: spread(zone({ whenUnsatisfiable: 'DoNotScheduleAnyway' })),
    good: spread(zone({ whenUnsatisfiable: 'ScheduleAnyway' })),
  },
  {
    row: 'the same topologyKey and whenUnsatisfiable twice, reported at the first',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}',
    bad: spread(zone(), zone({ maxSkew: 2 })),
    good: spread(zone(), zone({ whenUnsatisfiable: 'ScheduleAnyway' })),
  },
  {
    row: 'minDomains with ScheduleAnyway',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].minDomains',
    bad: spread(zone({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 3 })),
    good: spread(zone({ minDomains: 3 })),
  },
  {
    row: 'minDomains 0',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].minDomains',
    bad: spread(zone({ minDomains: 0 })),
    good: spread(zone({ minDomains: 1 })),
  },
  {
    row: 'nodeTaintsPolicy in lowercase',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].nodeTaintsPolicy',
    bad: spread(zone({ nodeTaintsPolicy: 'honor' })),
    good: spread(zone({ nodeTaintsPolicy: 'Honor', nodeAffinityPolicy: 'Ignore' })),
  },
  {
    row: 'matchLabelKeys without labelSelector',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].matchLabelKeys',
    bad: spread(zone({ labelSelector: undefined, matchLabelKeys: ['pod-template-hash'] })),
    good: spread(zone({ matchLabelKeys: ['pod-template-hash'] })),
  },
  {
    row: 'matchLabelKeys naming a selector key',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].matchLabelKeys[1]',
    bad: spread(zone({ matchLabelKeys: ['batch.kubernetes.io/job-name', 'app'] })),
    good: spread(zone({ matchLabelKeys: ['batch.kubernetes.io/job-name'] })),
  },
  {
    row: 'matchLabelKeys entry that is not a label key',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].matchLabelKeys[0]',
    bad: spread(zone({ matchLabelKeys: ['job name'] })),
    good: spread(zone({ matchLabelKeys: ['job-name'] })),
  },
  {
    row: 'invalid labelSelector operator from 1.27',
    rule: 'pod-topology-spread-invalid',
    field: 'topologySpreadConstraints[0].labelSelector.matchExpressions[0].operator',
    bad: spread(
      zone({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['report'] }] } }),
    ),
    good: spread(zone({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['report'] }] } })),
    version: '1.27',
  },
]);

runPodCases('host aliases, gates and names', [
  {
    row: 'host alias ip out of range',
    rule: 'pod-host-aliases-invalid',
    field: 'hostAliases[0].ip',
    bad: (p) => (p.hostAliases = [{ ip: '10.0.0.300', hostnames: ['db.internal'] }]),
    good: (p) => (p.hostAliases = [{ ip: '010.0.0.30', hostnames: ['db.internal'] }]),
  },
  {
    row: 'host alias without ip',
    rule: 'pod-host-aliases-invalid',
    field: 'hostAliases[0].ip',
    bad: (p) => (p.hostAliases = [{ hostnames: ['db.internal'] }]),
    good: (p) => (p.hostAliases = [{ ip: '2001:db8::10', hostnames: ['db.internal'] }]),
  },
  {
    row: 'host alias hostname with capitals',
    rule: 'pod-host-aliases-invalid',
    field: 'hostAliases[0].hostnames[1]',
    bad: (p) => (p.hostAliases = [{ ip: '10.0.0.3', hostnames: ['db.internal', 'DB'] }]),
    good: (p) => (p.hostAliases = [{ ip: '10.0.0.3', hostnames: ['db.internal', 'db'] }]),
  },
  {
    row: 'readiness gate conditionType with a space',
    rule: 'pod-readiness-gates-invalid',
    field: 'readinessGates[0].conditionType',
    bad: (p) => (p.readinessGates = [{ conditionType: 'feature ready' }]),
    good: (p) => (p.readinessGates = [{ conditionType: 'example.com/feature-ready' }]),
  },
  {
    row: 'scheduling gate name with a space',
    rule: 'pod-scheduling-gates-invalid',
    field: 'schedulingGates[0]',
    bad: (p) => (p.schedulingGates = [{ name: 'example.com/quota check' }]),
    good: (p) => (p.schedulingGates = [{ name: 'example.com/quota-check' }]),
  },
  {
    row: 'scheduling gate named twice',
    rule: 'pod-scheduling-gates-invalid',
    field: 'schedulingGates[1]',
    bad: (p) => (p.schedulingGates = [{ name: 'example.com/quota' }, { name: 'example.com/quota' }]),
    good: (p) => (p.schedulingGates = [{ name: 'example.com/quota' }, { name: 'example.com/approval' }]),
  },
  {
    row: 'runtimeClassName with capitals',
    rule: 'pod-names-invalid',
    field: 'runtimeClassName',
    bad: (p) => (p.runtimeClassName = 'gVisor'),
    good: (p) => (p.runtimeClassName = 'gvisor'),
  },
  {
    row: 'empty runtimeClassName',
    rule: 'pod-names-invalid',
    field: 'runtimeClassName',
    bad: (p) => (p.runtimeClassName = ''),
    good: (p) => delete p.runtimeClassName,
  },
  {
    row: 'serviceAccountName with an underscore',
    rule: 'pod-names-invalid',
    field: 'serviceAccountName',
    bad: (p) => (p.serviceAccountName = 'report_writer'),
    good: (p) => (p.serviceAccountName = 'report-writer'),
  },
  {
    row: 'deprecated serviceAccount with an underscore',
    rule: 'pod-names-invalid',
    field: 'serviceAccount',
    bad: (p) => (p.serviceAccount = 'report_writer'),
    good: (p) => ((p.serviceAccount = 'report_writer'), (p.serviceAccountName = 'report-writer')),
  },
  {
    row: 'nodeName with an underscore',
    rule: 'pod-names-invalid',
    field: 'nodeName',
    bad: (p) => (p.nodeName = 'node_1'),
    good: (p) => (p.nodeName = 'ip-10-0-0-1.ec2.internal'),
  },
]);

runPodCases('user namespaces, resource claims, os and ephemeral containers', [
  {
    row: 'hostUsers false with hostPID (1.33)',
    rule: 'pod-host-users-invalid',
    field: 'hostPID',
    bad: (p) => ((p.hostUsers = false), (p.hostPID = true)),
    good: (p) => ((p.hostUsers = true), (p.hostPID = true)),
    version: '1.33',
  },
  {
    row: 'hostUsers false with hostNetwork (1.35)',
    rule: 'pod-host-users-invalid',
    field: 'hostNetwork',
    bad: (p) => ((p.hostUsers = false), (p.hostNetwork = true)),
    good: (p) => (p.hostUsers = false),
    version: '1.35',
  },
  {
    row: 'hostUsers false with a block device (1.34, kubernetes#132868)',
    rule: 'pod-host-users-invalid',
    field: 'initContainers[0].volumeDevices',
    bad: (p) => {
      p.hostUsers = false;
      p.initContainers[0].volumeDevices = [{ name: 'disk', devicePath: '/dev/xvda' }];
    },
    good: (p) => (p.initContainers[0].volumeDevices = [{ name: 'disk', devicePath: '/dev/xvda' }]),
    version: '1.34',
  },
  {
    row: 'hostnameOverride beside setHostnameAsFQDN (1.35)',
    rule: 'pod-hostname-invalid',
    field: 'hostnameOverride',
    bad: (p) => ((p.hostnameOverride = 'worker.batch.example.com'), (p.setHostnameAsFQDN = true)),
    good: (p) => ((p.hostnameOverride = 'worker.batch.example.com'), (p.setHostnameAsFQDN = false)),
    version: '1.35',
  },
  {
    row: 'hostnameOverride longer than 64 characters or not a DNS name',
    rule: 'pod-hostname-invalid',
    field: 'hostnameOverride',
    bad: (p) => (p.hostnameOverride = `${'a'.repeat(40)}.${'b'.repeat(30)}`),
    good: (p) => (p.hostnameOverride = `${'a'.repeat(40)}.${'b'.repeat(23)}`),
    version: '1.36',
  },
  {
    row: 'hostnameOverride with hostNetwork',
    rule: 'pod-hostname-invalid',
    field: 'hostnameOverride',
    bad: (p) => ((p.hostnameOverride = 'Worker_1'), (p.hostNetwork = true)),
    good: (p) => (p.hostnameOverride = 'worker-1'),
    version: '1.37',
  },
  {
    row: 'hostnameOverride is dropped before 1.35',
    rule: 'field-unavailable-in-version',
    field: 'hostnameOverride',
    bad: (p) => (p.hostnameOverride = 'worker-1'),
    good: (p) => (p.hostname = 'worker-1'),
    version: '1.34',
  },
  {
    row: 'an image volume without a reference (1.36; 1.35 refuses only its pods, pod-refused-on-create)',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].image.reference',
    bad: (p) => (p.volumes = [{ name: 'model', image: { pullPolicy: 'IfNotPresent' } }]),
    good: (p) =>
      (p.volumes = [
        { name: 'model', image: { reference: 'registry.example.com/model:1', pullPolicy: 'IfNotPresent' } },
      ]),
    version: '1.36',
  },
  {
    row: 'an image volume pull policy in the wrong case',
    rule: 'pod-volume-source-invalid',
    field: 'volumes[0].image.pullPolicy',
    bad: (p) =>
      (p.volumes = [{ name: 'model', image: { reference: 'registry.example.com/model:1', pullPolicy: 'always' } }]),
    good: (p) => (p.volumes = [{ name: 'model', image: { reference: 'registry.example.com/model:1' } }]),
    version: '1.37',
  },
  {
    row: 'an image volume is dropped (with its mounts) before ImageVolume is on by default (1.35)',
    rule: 'field-unavailable-in-version',
    field: 'volumes[0].image',
    bad: (p) => (p.volumes = [{ name: 'model', image: { reference: 'registry.example.com/model:1' } }]),
    good: (p) => (p.volumes = [{ name: 'model', emptyDir: {} }]),
    version: '1.34',
  },
  {
    row: 'a container stopSignal (ContainerStopSignals, off by default through 1.37) is dropped',
    rule: 'field-unavailable-in-version',
    field: 'containers[0].lifecycle.stopSignal',
    bad: (p) => ((p.os = { name: 'linux' }), (main(p).lifecycle = { stopSignal: 'SIGUSR1' })),
    good: (p) => (main(p).lifecycle = { preStop: { sleep: { seconds: 5 } } }),
    version: '1.37',
  },
  {
    row: 'a podCertificate projection (PodCertificateRequest, off by default) is dropped',
    rule: 'field-unavailable-in-version',
    field: 'volumes[0].projected.sources[1].podCertificate',
    bad: (p) =>
      (p.volumes = [
        {
          name: 'identity',
          projected: {
            sources: [
              { serviceAccountToken: { path: 'token' } },
              {
                podCertificate: {
                  signerName: 'example.com/pod',
                  keyType: 'ED25519',
                  credentialBundlePath: 'creds.pem',
                },
              },
            ],
          },
        },
      ]),
    good: (p) =>
      (p.volumes = [{ name: 'identity', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }]),
    version: '1.36',
  },
  {
    row: 'a clusterTrustBundle projection before it is on by default (1.37)',
    rule: 'field-unavailable-in-version',
    field: 'volumes[0].projected.sources[0].clusterTrustBundle',
    bad: (p) =>
      (p.volumes = [
        { name: 'ca', projected: { sources: [{ clusterTrustBundle: { name: 'corp-ca', path: 'ca.pem' } }] } },
      ]),
    good: (p) => (p.volumes = [{ name: 'ca', projected: { sources: [{ configMap: { name: 'corp-ca' } }] } }]),
    version: '1.36',
  },
  ...(
    [
      ['keyType', { keyType: 'RSA2048' }, { keyType: 'RSA3072' }],
      ['maxExpirationSeconds', { maxExpirationSeconds: 1800 }, { maxExpirationSeconds: 3600 }],
      ['signerName', { signerName: 'corp-ca' }, { signerName: 'corp.example.com/ca' }],
      ['', { credentialBundlePath: '' }, { keyPath: 'key.pem', certificateChainPath: 'chain.pem' }],
    ] as const
  ).map(([field, bad, good]) => {
    const certificate = (change: object) => (p: any) =>
      (p.volumes = [
        {
          name: 'identity',
          projected: {
            sources: [
              {
                podCertificate: {
                  signerName: 'example.com/pod',
                  keyType: 'ED25519',
                  credentialBundlePath: 'creds.pem',
                  ...change,
                },
              },
            ],
          },
        },
      ]);
    return {
      row: `a podCertificate projection (1.37, where it is GA) with ${field === '' ? 'no file path' : `a bad ${field}`}`,
      rule: 'pod-volume-items-invalid',
      field: `volumes[0].projected.sources[0].podCertificate${field === '' ? '' : `.${field}`}`,
      bad: certificate(bad),
      good: certificate(good),
      version: '1.37',
    };
  }),
  {
    row: 'a clusterTrustBundle beside another source in one projection entry (1.37)',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0]',
    bad: (p) =>
      (p.volumes = [
        {
          name: 'ca',
          projected: {
            sources: [{ clusterTrustBundle: { name: 'corp-ca', path: 'ca.pem' }, configMap: { name: 'extra' } }],
          },
        },
      ]),
    good: (p) =>
      (p.volumes = [
        {
          name: 'ca',
          projected: {
            sources: [{ clusterTrustBundle: { name: 'corp-ca', path: 'ca.pem' } }, { configMap: { name: 'extra' } }],
          },
        },
      ]),
    version: '1.37',
  },
  {
    row: 'a clusterTrustBundle with both name and signerName, or a path another source writes (1.37)',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[1].clusterTrustBundle.path',
    bad: (p) =>
      (p.volumes = [
        {
          name: 'ca',
          projected: {
            sources: [
              { configMap: { name: 'extra', items: [{ key: 'ca', path: 'ca.pem' }] } },
              {
                clusterTrustBundle: {
                  signerName: 'example.com/corp-ca',
                  labelSelector: { matchLabels: { env: 'prod' } },
                  path: 'ca.pem',
                },
              },
            ],
          },
        },
      ]),
    good: (p) =>
      (p.volumes = [
        {
          name: 'ca',
          projected: {
            sources: [
              { configMap: { name: 'extra', items: [{ key: 'ca', path: 'extra.pem' }] } },
              { clusterTrustBundle: { name: 'example.com:corp-ca:2026', path: 'ca.pem' } },
            ],
          },
        },
      ]),
    version: '1.37',
  },
  {
    row: 'a clusterTrustBundle signerName that is not <domain>/<name>',
    rule: 'pod-volume-items-invalid',
    field: 'volumes[0].projected.sources[0].clusterTrustBundle.signerName',
    bad: (p) =>
      (p.volumes = [
        { name: 'ca', projected: { sources: [{ clusterTrustBundle: { signerName: 'corp-ca', path: 'ca.pem' } }] } },
      ]),
    good: (p) =>
      (p.volumes = [
        {
          name: 'ca',
          projected: { sources: [{ clusterTrustBundle: { signerName: 'pki.example.com/corp-ca', path: 'ca.pem' } }] },
        },
      ]),
    version: '1.37',
  },
  {
    row: 'resource claim name used twice (1.34)',
    rule: 'pod-resource-claims-invalid',
    field: 'resourceClaims[1].name',
    bad: (p) =>
      (p.resourceClaims = [
        { name: 'gpu', resourceClaimTemplateName: 'gpu-template' },
        { name: 'gpu', resourceClaimName: 'shared-gpu' },
      ]),
    good: (p) =>
      (p.resourceClaims = [
        { name: 'gpu', resourceClaimTemplateName: 'gpu-template' },
        { name: 'shared', resourceClaimName: 'shared-gpu' },
      ]),
    version: '1.34',
  },
  {
    row: 'resource claim with both sources (1.34)',
    rule: 'pod-resource-claims-invalid',
    field: 'resourceClaims[0]',
    bad: (p) => (p.resourceClaims = [{ name: 'gpu', resourceClaimName: 'a', resourceClaimTemplateName: 'b' }]),
    good: (p) => (p.resourceClaims = [{ name: 'gpu', resourceClaimName: 'a' }]),
    version: '1.34',
  },
  {
    row: 'resource claim without a source (1.35)',
    rule: 'pod-resource-claims-invalid',
    field: 'resourceClaims[0]',
    bad: (p) => (p.resourceClaims = [{ name: 'gpu' }]),
    good: (p) => (p.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]),
    version: '1.35',
  },
  {
    row: 'a container claim used whole and by request, or a request that is not a DNS label (1.35)',
    rule: 'pod-resource-claims-invalid',
    field: 'containers[0].resources.claims[1]',
    bad: (p) => (
      (p.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]),
      (main(p).resources = { claims: [{ name: 'gpu', request: 'first' }, { name: 'gpu' }] })
    ),
    good: (p) => (
      (p.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]),
      (main(p).resources = {
        claims: [
          { name: 'gpu', request: 'first' },
          { name: 'gpu', request: 'second' },
        ],
      })
    ),
    version: '1.35',
  },
  {
    row: 'a container claim request that is not a DNS label',
    rule: 'pod-resource-claims-invalid',
    field: 'containers[0].resources.claims[0].request',
    bad: (p) => (
      (p.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]),
      (main(p).resources = { claims: [{ name: 'gpu', request: 'First_GPU' }] })
    ),
    good: (p) => (
      (p.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]),
      (main(p).resources = { claims: [{ name: 'gpu', request: 'first-gpu' }] })
    ),
    version: '1.36',
  },
  {
    row: 'container claim naming no pod claim (1.34)',
    rule: 'pod-resource-claims-invalid',
    field: 'containers[0].resources.claims[0]',
    bad: (p) => (main(p).resources = { claims: [{ name: 'gpu' }] }),
    good: (p) => (
      (p.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]),
      (main(p).resources = { claims: [{ name: 'gpu' }] })
    ),
    version: '1.34',
  },
  {
    row: 'os without a name',
    rule: 'pod-os-invalid',
    field: 'os.name',
    bad: (p) => (p.os = {}),
    good: (p) => (p.os = { name: 'linux' }),
  },
  {
    row: 'os name in capitals',
    rule: 'pod-os-invalid',
    field: 'os',
    bad: (p) => (p.os = { name: 'Windows' }),
    good: (p) => (p.os = { name: 'windows' }),
  },
  {
    row: 'windows pod with runAsUser',
    rule: 'pod-os-invalid',
    field: 'securityContext.runAsUser',
    bad: (p) => ((p.os = { name: 'windows' }), (p.securityContext = { runAsUser: 1000 })),
    good: (p) => (
      (p.os = { name: 'windows' }),
      (p.securityContext = { windowsOptions: { runAsUserName: 'ContainerUser' } })
    ),
  },
  {
    row: 'windows pod whose container drops capabilities',
    rule: 'pod-os-invalid',
    field: 'containers[0].securityContext.capabilities',
    bad: (p) => ((p.os = { name: 'windows' }), (main(p).securityContext = { capabilities: { drop: ['ALL'] } })),
    good: (p) => (p.os = { name: 'windows' }),
  },
  {
    row: 'windows pod with seLinuxChangePolicy (1.33+)',
    rule: 'pod-os-invalid',
    field: 'securityContext.seLinuxChangePolicy',
    bad: (p) => ((p.os = { name: 'windows' }), (p.securityContext = { seLinuxChangePolicy: 'Recursive' })),
    good: (p) => ((p.os = { name: 'linux' }), (p.securityContext = { seLinuxChangePolicy: 'Recursive' })),
    version: '1.35',
  },
  {
    row: 'windows pod with supplementalGroupsPolicy (1.33+)',
    rule: 'pod-os-invalid',
    field: 'securityContext.supplementalGroupsPolicy',
    bad: (p) => ((p.os = { name: 'windows' }), (p.securityContext = { supplementalGroupsPolicy: 'Merge' })),
    good: (p) => ((p.os = { name: 'linux' }), (p.securityContext = { supplementalGroupsPolicy: 'Merge' })),
    version: '1.35',
  },
  {
    row: 'windows pod whose container sets procMount, even Default (every release: it is forced to Default, still set)',
    rule: 'pod-os-invalid',
    field: 'containers[0].securityContext.procMount',
    bad: (p) => ((p.os = { name: 'windows' }), (main(p).securityContext = { procMount: 'Default' })),
    good: (p) => ((p.os = { name: 'linux' }), (main(p).securityContext = { procMount: 'Default' })),
  },
  {
    row: 'windows pod with pod-level resources (1.34+)',
    rule: 'pod-os-invalid',
    field: 'resources',
    bad: (p) => ((p.os = { name: 'windows' }), (p.resources = { limits: { cpu: '2' } })),
    good: (p) => ((p.os = { name: 'windows' }), (main(p).resources = { limits: { cpu: '2' } })),
    version: '1.34',
  },
  {
    row: 'windows pod with shareProcessNamespace false',
    rule: 'pod-os-invalid',
    field: 'shareProcessNamespace',
    bad: (p) => ((p.os = { name: 'windows' }), (p.shareProcessNamespace = false)),
    good: (p) => ((p.os = { name: 'linux' }), (p.shareProcessNamespace = true)),
  },
  {
    row: 'a runAsUserName with two backslashes',
    rule: 'pod-windows-options-invalid',
    field: 'securityContext.windowsOptions.runAsUserName',
    bad: (p) => (p.securityContext = { windowsOptions: { runAsUserName: 'CORP\\batch\\runner' } }),
    good: (p) => (p.securityContext = { windowsOptions: { runAsUserName: 'CORP\\batch-runner' } }),
  },
  {
    row: 'a runAsUserName whose user holds a reserved character, or whose domain is neither NetBIOS nor DNS',
    rule: 'pod-windows-options-invalid',
    field: 'containers[0].securityContext.windowsOptions.runAsUserName',
    bad: (p) => (main(p).securityContext = { windowsOptions: { runAsUserName: 'corp.example.com.\\batch@runner' } }),
    good: (p) => (main(p).securityContext = { windowsOptions: { runAsUserName: 'corp.example.com\\batch.runner' } }),
  },
  {
    row: 'a gmsaCredentialSpecName that is not a DNS subdomain, an empty gmsaCredentialSpec',
    rule: 'pod-windows-options-invalid',
    field: 'securityContext.windowsOptions.gmsaCredentialSpec',
    bad: (p) =>
      (p.securityContext = { windowsOptions: { gmsaCredentialSpecName: 'Web_Spec', gmsaCredentialSpec: '' } }),
    good: (p) =>
      (p.securityContext = { windowsOptions: { gmsaCredentialSpecName: 'web-spec', gmsaCredentialSpec: '{}' } }),
  },
  {
    row: 'a HostProcess pod without hostNetwork',
    rule: 'pod-windows-options-invalid',
    field: 'hostNetwork',
    bad: (p) => (p.securityContext = { windowsOptions: { hostProcess: true } }),
    good: (p) => ((p.securityContext = { windowsOptions: { hostProcess: true } }), (p.hostNetwork = true)),
  },
  {
    row: "one HostProcess container beside others, and a container hostProcess unlike the pod's",
    rule: 'pod-windows-options-invalid',
    field: 'initContainers[0].securityContext.windowsOptions.hostProcess',
    bad: (p) => {
      p.hostNetwork = true;
      p.securityContext = { windowsOptions: { hostProcess: true } };
      p.initContainers[0].securityContext = { windowsOptions: { hostProcess: false } };
    },
    good: (p) => {
      p.hostNetwork = true;
      p.securityContext = { windowsOptions: { hostProcess: true } };
      p.initContainers[0].securityContext = { windowsOptions: { hostProcess: true } };
    },
  },
  {
    row: 'linux pod with windowsOptions',
    rule: 'pod-os-invalid',
    field: 'securityContext.windowsOptions',
    bad: (p) => ((p.os = { name: 'linux' }), (p.securityContext = { windowsOptions: { runAsUserName: 'x' } })),
    good: (p) => ((p.os = { name: 'linux' }), (p.securityContext = { runAsUser: 1000 })),
  },
  {
    row: 'ephemeral containers in the template',
    rule: 'pod-ephemeral-containers-forbidden',
    field: 'ephemeralContainers',
    bad: (p) => (p.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]),
    good: (p) => (p.ephemeralContainers = []),
  },
]);

runPodCases('gated pod fields before their release', [
  {
    row: 'minDomains before 1.27',
    rule: 'field-unavailable-in-version',
    field: 'topologySpreadConstraints[0].minDomains',
    bad: spread(zone({ minDomains: 0 })),
    good: spread(zone()),
    version: '1.26',
  },
  {
    row: 'matchLabelKeys in a topology spread constraint before 1.27',
    rule: 'field-unavailable-in-version',
    field: 'topologySpreadConstraints[0].matchLabelKeys',
    bad: spread(zone({ matchLabelKeys: ['pod-template-hash'] })),
    good: spread(zone()),
    version: '1.26',
  },
  {
    row: 'nodeAffinityPolicy in 1.25',
    rule: 'field-unavailable-in-version',
    field: 'topologySpreadConstraints[0].nodeAffinityPolicy',
    bad: spread(zone({ nodeAffinityPolicy: 'Honor' })),
    good: spread(zone()),
    version: '1.25',
  },
  {
    row: 'schedulingGates in 1.26',
    rule: 'field-unavailable-in-version',
    field: 'schedulingGates',
    bad: (p) => (p.schedulingGates = [{ name: 'example.com/quota' }]),
    good: (p) => (p.schedulingGates = undefined),
    version: '1.26',
  },
  {
    row: 'hostUsers before 1.33',
    rule: 'field-unavailable-in-version',
    field: 'hostUsers',
    bad: (p) => (p.hostUsers = false),
    good: (p) => (p.hostUsers = undefined),
    version: '1.32',
  },
  {
    row: 'resourceClaims before 1.34',
    rule: 'field-unavailable-in-version',
    field: 'resourceClaims',
    bad: (p) => (p.resourceClaims = [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }]),
    good: () => undefined,
    version: '1.33',
  },
  {
    row: 'container resources.claims before 1.34',
    rule: 'field-unavailable-in-version',
    field: 'containers[0].resources.claims',
    bad: (p) => (main(p).resources = { claims: [{ name: 'gpu' }] }),
    good: (p) => (main(p).resources = { limits: { cpu: '1' } }),
    version: '1.33',
  },
  {
    row: 'pod-level resources before 1.34',
    rule: 'field-unavailable-in-version',
    field: 'resources',
    bad: (p) => (p.resources = { limits: { cpu: '2', memory: '2Gi' } }),
    good: () => undefined,
    version: '1.33',
  },
]);

describe('release differences', () => {
  const job = (change: (p: Json) => void) => withJobSpec('Job', (s) => change(s.template.spec));

  test('a gated-off field is not value-checked (minDomains 0 in 1.26 is dropped, not invalid)', () => {
    const bad = job(spread(zone({ minDomains: 0, nodeTaintsPolicy: 'never', matchLabelKeys: ['app'] })));
    expect(findingsOf('pod-topology-spread-invalid', bad, '1.25')).toEqual([]);
    expect(findingsOf('pod-topology-spread-invalid', bad, '1.27').map((f) => f.field)).toEqual([
      'spec.template.spec.topologySpreadConstraints[0].minDomains',
      'spec.template.spec.topologySpreadConstraints[0].nodeTaintsPolicy',
      'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys[0]',
    ]);
  });

  test('the labelSelector of a constraint is checked from 1.27', () => {
    const bad = job(spread(zone({ labelSelector: { matchLabels: { app: '{report}' } } })));
    expect(findingsOf('pod-topology-spread-invalid', bad, '1.26')).toEqual([]);
    expect(findingsOf('pod-topology-spread-invalid', bad, '1.27')[0].field).toBe(
      'spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels',
    );
  });

  test('hostUsers, schedulingGates and resourceClaims are checked only once their gate is on', () => {
    const pod = job((p) => {
      p.hostUsers = false;
      p.hostIPC = true;
      p.schedulingGates = [{ name: 'a b' }];
      p.resourceClaims = [{ name: 'gpu' }];
    });
    expect(findingsOf('pod-host-users-invalid', pod, '1.32')).toEqual([]);
    expect(findingsOf('pod-scheduling-gates-invalid', pod, '1.26')).toEqual([]);
    expect(findingsOf('pod-resource-claims-invalid', pod, '1.33')).toEqual([]);
    expect(findingsOf('pod-host-users-invalid', pod, '1.33').map((f) => f.field)).toEqual([
      'spec.template.spec.hostIPC',
    ]);
    expect(findingsOf('pod-scheduling-gates-invalid', pod, '1.27')).toHaveLength(1);
    expect(findingsOf('pod-resource-claims-invalid', pod, '1.34')).toHaveLength(1);
  });

  test('block devices beside hostUsers: false are refused from 1.34, with the reworded message', () => {
    const pod = job((p) => {
      p.hostUsers = false;
      p.hostIPC = true;
      p.containers[0].volumeDevices = [{ name: 'disk', devicePath: '/dev/xvda' }];
    });
    const before = findingsOf('pod-host-users-invalid', pod, '1.33');
    expect(before.map((f) => f.field)).toEqual(['spec.template.spec.hostIPC']);
    expect(before[0].message).toContain('`pod.Spec.HostUsers` is false');
    const after = findingsOf('pod-host-users-invalid', pod, '1.34');
    expect(after.map((f) => f.field)).toEqual([
      'spec.template.spec.hostIPC',
      'spec.template.spec.containers[0].volumeDevices',
    ]);
    expect(after[1].message).toContain('`hostUsers` is false');
  });

  test('from 1.36 (StrictIPCIDRValidation) leading zeros and IPv4-mapped IPv6 addresses are refused', () => {
    const aliasAt = (ip: string, release: string) =>
      findingsOf(
        'pod-host-aliases-invalid',
        job((p) => (p.hostAliases = [{ ip, hostnames: ['x'] }])),
        release,
      ).map((f) => f.message);
    for (const [ip, problem] of [
      ['010.000.000.001', 'must not have leading 0s'],
      ['::ffff:10.0.0.1', 'must not be an IPv4-mapped IPv6 address'],
      ['0:0:0:0:0:ffff:a00:1', 'must not be an IPv4-mapped IPv6 address'],
      ['00001::1', 'must not have leading 0s'],
    ]) {
      expect(aliasAt(ip, '1.35')).toEqual([]);
      expect(aliasAt(ip, '1.36')).toEqual([expect.stringContaining(problem)]);
    }
    for (const ip of ['10.0.0.1', '0.0.0.0', '::1', 'fe80::1:2:3:4', '2001:db8::ffff', '::ffff:1', '64:ff9b::10.0.0.1'])
      expect(aliasAt(ip, '1.37')).toEqual([]);
  });

  test('DNS nameservers are read as the legacy IP fields are: leading zeros allowed until 1.36', () => {
    const pod = job((p) => (p.dnsConfig = { nameservers: ['010.0.0.10', '10.0.0.300'] }));
    const fields = (release: string) => findingsOf('pod-dns-invalid', pod, release).map((f) => f.field);
    expect(fields('1.35')).toEqual(['spec.template.spec.dnsConfig.nameservers[1]']);
    expect(fields('1.36')).toEqual([
      'spec.template.spec.dnsConfig.nameservers[0]',
      'spec.template.spec.dnsConfig.nameservers[1]',
    ]);
  });

  test('host alias IP forms the legacy parser accepts', () => {
    for (const ip of ['10.0.0.1', '010.000.000.001', '::1', '::ffff:10.0.0.1', 'fe80::1:2:3:4']) {
      expect(
        findingsOf(
          'pod-host-aliases-invalid',
          job((p) => (p.hostAliases = [{ ip, hostnames: ['x'] }])),
        ),
      ).toEqual([]);
    }
    for (const ip of ['10.0.0', 'fe80::1%eth0', '1::2::3', 'localhost', '10.0.0.1/32']) {
      expect(
        findingsOf(
          'pod-host-aliases-invalid',
          job((p) => (p.hostAliases = [{ ip, hostnames: ['x'] }])),
        ),
      ).toHaveLength(1);
    }
  });

  test('a windows pod does not mention appArmorProfile before 1.30 (the field does not exist)', () => {
    const pod = job(
      (p) => ((p.os = { name: 'windows' }), (p.securityContext = { appArmorProfile: { type: 'RuntimeDefault' } })),
    );
    expect(findingsOf('pod-os-invalid', pod, '1.29')).toEqual([]);
    expect(findingsOf('pod-os-invalid', pod, '1.30')[0].field).toBe(
      'spec.template.spec.securityContext.appArmorProfile',
    );
  });
});
