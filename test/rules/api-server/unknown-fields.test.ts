/**
 * field-unknown: a field the API has no place for, with the field path where it was written and a
 * fix that names the field it most likely means.
 */
import KNOWN_FIELDS from '../../../src/rules/data/known-fields.json';
import { FEATURES } from '../../../src/rules/kubernetes-version';
import { validateBatchObject } from '../../../src/rules/registry';
import { findingsOf, goodCronJob, goodJob, jobSpecPath, Kind, objectWith, runRuleTable, withJobSpec } from './fixtures';

const RULE = 'field-unknown';
const V = '1.35';
const pod = (kind: Kind, change: (podSpec: any) => void) => withJobSpec(kind, (s) => change(s.template.spec));
const mount = (p: any) => (p.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]);
const withData = (p: any) => {
  p.volumes = [{ name: 'data', emptyDir: {} }];
  mount(p);
};

describe.each(['Job', 'CronJob'] as const)('field-unknown in a %s', (kind) => {
  const podPath = `${jobSpecPath(kind)}.template.spec`;
  runRuleTable([
    {
      row: 'a field name in the wrong case (readonly)',
      rule: RULE,
      field: `${podPath}.containers[0].volumeMounts[0].readonly`,
      bad: pod(kind, (p) => {
        withData(p);
        p.containers[0].volumeMounts[0].readonly = true;
      }),
      good: pod(kind, (p) => {
        withData(p);
        p.containers[0].volumeMounts[0].readOnly = true;
      }),
      version: V,
    },
    {
      row: 'pod spec fields written on the pod template (template.volumes)',
      rule: RULE,
      field: `${jobSpecPath(kind)}.template.volumes`,
      bad: withJobSpec(kind, (s) => {
        mount(s.template.spec);
        s.template.volumes = [{ name: 'data', emptyDir: {} }];
      }),
      good: pod(kind, withData),
      version: V,
    },
    {
      row: 'security settings written on the container itself',
      rule: RULE,
      field: `${podPath}.containers[0].runAsNonRoot`,
      bad: pod(kind, (p) => (p.containers[0].runAsNonRoot = true)),
      good: pod(kind, (p) => (p.containers[0].securityContext = { runAsNonRoot: true })),
      version: V,
    },
    {
      row: 'a typo in a JobSpec field',
      rule: RULE,
      field: `${jobSpecPath(kind)}.backofLimit`,
      bad: withJobSpec(kind, (s) => (s.backofLimit = 3)),
      good: withJobSpec(kind, (s) => (s.backoffLimit = 3)),
      version: V,
    },
    {
      row: 'an unknown metadata field',
      rule: RULE,
      field: 'metadata.label',
      bad: objectWith(kind, (o) => (o.metadata.label = { app: 'x' })),
      good: objectWith(kind, (o) => (o.metadata.labels = { app: 'x' })),
      version: V,
    },
  ]);
});

describe('field-unknown', () => {
  const fixOf = (object: unknown, version = V) => findingsOf(RULE, object, version).map((f) => f.fix);

  test('a CronJob field of the wrong case, and one at the top of the object', () => {
    const cron = objectWith('CronJob', (o) => {
      o.spec.ConcurrencyPolicy = 'Forbid';
      o.specs = {};
    });
    expect(findingsOf(RULE, cron, V).map((f) => f.field)).toEqual(['spec.ConcurrencyPolicy', 'specs']);
  });

  test('the fix names the field meant: same letters, one level down, one level up, or a close spelling', () => {
    expect(fixOf(pod('Job', (p) => (p.RestartPolicy = 'Never')))).toEqual([
      'Write "restartPolicy": field names are case-sensitive.',
    ]);
    expect(fixOf(withJobSpec('Job', (s) => (s.template.volumes = [])))[0]).toBe(
      'Move it under spec: "volumes" is a field of PodSpec, at spec.template.spec.volumes.',
    );
    expect(fixOf(pod('Job', (p) => (p.containers[0].serviceAccountName = 'reader')))[0]).toBe(
      'Move it up one level: "serviceAccountName" is a field of PodSpec, at spec.template.spec.serviceAccountName.',
    );
    // The whole spec indented under metadata.
    const indented = objectWith('Job', (o) => {
      o.metadata.spec = o.spec;
      delete o.spec;
    });
    expect(fixOf(indented)[0]).toBe('Move it up one level: "spec" is a field of Job, at spec.');
    expect(fixOf(pod('Job', (p) => (p.containers[0].imagePullPolcy = 'Always')))[0]).toMatch(
      /^Did you mean "imagePullPolicy"\?/,
    );
    expect(fixOf(pod('Job', (p) => (p.containers[0].sidecar = true)))[0]).toBe(
      'Remove it, or move it where it belongs (kubectl explain lists the fields of Container).',
    );
  });

  test('a name short for a field is read as that field, and a field the parent already sets is not moved onto', () => {
    // The volume has its name: the secret's `name` means secretName, not the volume's name.
    const secretName = pod('Job', (p) => (p.volumes = [{ name: 'config', secret: { name: 'ldap' } }]));
    expect(fixOf(secretName)[0]).toMatch(/^Did you mean "secretName"\?/);
    const unnamed = pod('Job', (p) => (p.volumes = [{ secret: { name: 'ldap' } }]));
    expect(fixOf(unnamed)[0]).toBe(
      'Move it up one level: "name" is a field of Volume, at spec.template.spec.volumes[0].name.',
    );
    const keyRef = pod(
      'Job',
      (p) => (p.containers[0].env = [{ name: 'A', valueFrom: { configMapRef: { name: 'c' } } }]),
    );
    expect(fixOf(keyRef)[0]).toMatch(/^Did you mean "configMapKeyRef"\?/);
    // Not onto a field already set: a claim with its claimName has no other field `name` is short for.
    const claim = pod(
      'Job',
      (p) => (p.volumes = [{ name: 'd', persistentVolumeClaim: { claimName: 'd', name: 'd' } }]),
    );
    expect(fixOf(claim)[0]).toMatch(/^Remove it/);
  });

  test('the message says what kubectl and other clients do with the field', () => {
    const [finding] = findingsOf(
      RULE,
      pod('Job', (p) => (p.containers[0].sidecar = true)),
      V,
    );
    expect(finding.severity).toBe('error');
    expect(finding.message).toBe(
      'Container has no field "sidecar": kubectl refuses the object (its strict field validation: "unknown field"), and a client that does not validate has the API server drop it, so the setting never applies.',
    );
  });

  test('maps and free-form values are not looked into', () => {
    const job = withJobSpec('Job', (s) => {
      s.template.metadata.labels = { 'anything.example.com/goes': 'x' };
      s.template.spec.nodeSelector = { 'pool-name': 'batch' };
      s.template.spec.containers[0].resources = { limits: { 'nvidia.com/gpu': 1 }, requests: { cpu: '1' } };
    });
    job.metadata.managedFields = [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:anything': {} } } }];
    expect(findingsOf(RULE, job, V)).toEqual([]);
  });

  test('a status, as `kubectl get -o yaml` prints it, is known', () => {
    const job = goodJob();
    job.status = { active: 1, startTime: '2026-01-01T00:00:00Z', uncountedTerminatedPods: {}, ready: 1 };
    expect(findingsOf(RULE, job, V)).toEqual([]);
  });

  test('a field a later release adds is unknown before it; a gated one is left to field-unavailable-in-version', () => {
    const laterField = Object.entries(KNOWN_FIELDS.since.HTTPGetAction)[0];
    expect(laterField).toEqual(['protocol', 37]);
    const probe = pod('Job', (p) => (p.containers[0].livenessProbe = { httpGet: { port: 8080, protocol: 'HTTP' } }));
    const [finding] = findingsOf(RULE, probe, '1.36');
    expect(finding.field).toBe('spec.template.spec.containers[0].livenessProbe.httpGet.protocol');
    expect(finding.message).toMatch(/in Kubernetes 1\.36 \(it first appears in 1\.37\)/);
    expect(findingsOf(RULE, probe, '1.37')).toEqual([]);

    const group = pod('Job', (p) => (p.schedulingGroup = { podGroupName: 'g' }));
    expect(findingsOf(RULE, group, V)).toEqual([]);
    expect(findingsOf('field-unavailable-in-version', group, V).map((f) => f.field)).toEqual([
      'spec.template.spec.schedulingGroup',
    ]);
  });

  test('every release reports a name no type has, 1.37 too (its names come from master after v0.37.0-beta.0)', () => {
    expect(KNOWN_FIELDS.source).toContain('1.37 (master of 2026-07-24, after v0.37.0-beta.0)');
    const misplaced = pod('Job', (p) => (p.securityContext = { capabilities: { drop: ['ALL'] } }));
    for (const release of ['1.35', '1.36', '1.37'])
      expect(findingsOf(RULE, misplaced, release).map((f) => f.field)).toEqual([
        'spec.template.spec.securityContext.capabilities',
      ]);
    const unlike = pod('Job', (p) => (p.containers[0].sidecar = true));
    expect(findingsOf(RULE, unlike, '1.37')).toHaveLength(1);
  });

  test('releases before the oldest the field names come from are not checked', () => {
    expect(
      findingsOf(
        RULE,
        pod('Job', (p) => (p.RestartPolicy = 'Never')),
        '1.34',
      ),
    ).toEqual([]);
  });

  describe('what a typo leaves unset is reported once, as the typo', () => {
    const c = 'spec.template.spec.containers[0]';
    /** `rule field` of every finding, with and without leaving out what the typos cause. */
    const reported = (object: unknown) => {
      const all = (yieldToRootCause: boolean) =>
        validateBatchObject(object, { kubernetesVersion: V, yieldToRootCause }).map((f) => `${f.rule} ${f.field}`);
      return { once: all(true), each: all(false) };
    };

    test.each([
      [
        'a misspelt required field',
        (p: any) => {
          p.containers[0].imge = p.containers[0].image;
          delete p.containers[0].image;
        },
        `field-unknown ${c}.imge`,
        `pod-container-image-required ${c}.image`,
      ],
      [
        'a field in the wrong case whose default a Job refuses',
        (p: any) => {
          p.RestartPolicy = p.restartPolicy;
          delete p.restartPolicy;
        },
        'field-unknown spec.template.spec.RestartPolicy',
        'job-restart-policy-invalid spec.template.spec.restartPolicy',
      ],
      [
        'a misspelt field inside an object the API knows nothing else of',
        (p: any) => {
          p.containers[0].env = [{ name: 'A', valueFrom: { secretKeyRf: { name: 's', key: 'k' } } }];
        },
        `field-unknown ${c}.env[0].valueFrom.secretKeyRf`,
        `container-env-source-invalid ${c}.env[0].valueFrom`,
      ],
      [
        'a field a level off, below the field it meant',
        (p: any) => {
          p.containers[0].env = [{ name: 'A', valueFrom: { secretKeyRef: { nme: 's', key: 'k' } } }];
        },
        `field-unknown ${c}.env[0].valueFrom.secretKeyRef.nme`,
        `container-env-source-invalid ${c}.env[0].valueFrom.secretKeyRef.name`,
      ],
    ])('%s', (_, change, typo, consequence) => {
      const { once, each } = reported(pod('Job', change));
      expect(each).toEqual(expect.arrayContaining([typo, consequence]));
      expect(once).toContain(typo);
      expect(once).not.toContain(consequence);
    });

    test('best-practice findings below the field meant go too', () => {
      const resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } };
      const misspelt = (p: any) => {
        p.initContainers[0].resources = resources;
        p.containers[0].resource = resources;
      };
      const { once, each } = reported(pod('Job', misspelt));
      const missing = (f: string) => f.includes(`${c}.resources`);
      expect(each.filter(missing)).not.toEqual([]);
      expect(once.filter(missing)).toEqual([]);
      expect(once).toContain(`field-unknown ${c}.resource`);
    });

    test('a finding the typo did not cause stays', () => {
      // The volume has its name: "nme" leaves nothing unset, and the two sources are a mistake of their own.
      const twoSources = pod('Job', (p) => {
        p.volumes = [{ name: 'd', nme: 'd', emptyDir: {}, secret: { secretName: 's' } }];
      });
      expect(reported(twoSources).once).toEqual(
        expect.arrayContaining([
          'field-unknown spec.template.spec.volumes[0].nme',
          'pod-volume-source-invalid spec.template.spec.volumes[0]',
        ]),
      );
      // The probe sets a field the API knows, so its own findings are not the typo's.
      const probe = pod('Job', (p) => (p.containers[0].livenessProbe = { httpGt: { port: 8080 }, periodSeconds: 5 }));
      const { once, each } = reported(probe);
      expect(once).toContain(`field-unknown ${c}.livenessProbe.httpGt`);
      expect(once).toEqual(each);
      expect(once.filter((f) => f.startsWith('container-probe-invalid'))).not.toEqual([]);
    });
  });

  test('the good objects have no unknown field', () => {
    expect(findingsOf(RULE, goodJob(), V)).toEqual([]);
    expect(findingsOf(RULE, goodCronJob(), '1.37')).toEqual([]);
  });
});

describe('known-fields.json', () => {
  const types: Record<string, Record<string, string>> = KNOWN_FIELDS.types;

  test('every gated field the release table names by itself is a field of its type', () => {
    for (const feature of Object.values(FEATURES)) {
      if ('path' in feature) continue;
      expect(`${feature.in}.${feature.feature} ${types[feature.in]?.[feature.feature] !== undefined}`).toBe(
        `${feature.in}.${feature.feature} true`,
      );
    }
  });

  test('every shape is a scalar kind, any JSON, a map or list of a shape, or a type in the data', () => {
    const scalars = ['string', 'bool', 'int32', 'int64', 'quantity', 'int-or-string', 'time'];
    const known = (shape: string): boolean =>
      shape.startsWith('[]')
        ? known(shape.slice(2))
        : shape.startsWith('map:')
          ? known(shape.slice(4))
          : shape === '*' || scalars.includes(shape) || types[shape] !== undefined;
    const unknown = Object.entries(types).flatMap(([type, fields]) =>
      Object.entries(fields).flatMap(([field, shape]) => (known(shape) ? [] : [`${type}.${field}: ${shape}`])),
    );
    expect(unknown).toEqual([]);
  });
});
