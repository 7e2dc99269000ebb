/**
 * One finding per root cause: rules of one group that fire on one object are reported as one
 * finding with their findings as parts; levels and suppressions work per part and per group.
 */
import { join } from 'path';
import { runLint } from '../../src/cli/lint';
import { Finding, movedFinding } from '../../src/rules/finding';
import { commonAncestor } from '../../src/rules/finding-group';
import { validateManifestObject } from '../../src/rules/manifest-objects';
import { RuleLevel, RulePolicy } from '../../src/rules/policy';
import { ALL_RULES, FINDING_GROUPS, policyEntryProblems, validateBatchObject } from '../../src/rules/registry';
import { changed, hardenedCronJob, hardenedJob, NOW, templateOf } from './best-practice/fixtures';
import { fakeIo } from '../support/fake-io';

const validate = (object: unknown, policy?: RulePolicy): Finding[] => validateBatchObject(object, { now: NOW, policy });
const byRule = (findings: readonly Finding[], rule: string) => findings.filter((f) => f.rule === rule);

/** A hardened Job whose pod leaves runAsNonRoot unset and its container's capabilities undropped. */
const twoRestrictedSettings = () =>
  changed(hardenedJob(), (o) => {
    const spec = templateOf(o).spec;
    delete spec.securityContext.runAsNonRoot;
    delete spec.containers[0].securityContext.capabilities;
  });

const suppressed = (object: Record<string, any>, id: string) =>
  changed(object, (o) => (o.metadata.annotations = { [`cdk8s-batch.io/suppress-${id}`]: 'reviewed: see ticket 42' }));

describe('grouping', () => {
  test('two settings of one group are one finding at their common field, listing each setting as a part', () => {
    const findings = validate(twoRestrictedSettings());
    expect(findings.map((f) => f.rule)).toEqual(['pod-security-restricted']);
    const [group] = findings;
    expect(group.severity).toBe('warning');
    expect(group.field).toBe('spec.template.spec');
    expect(group.parts!.map((p) => [p.rule, p.field])).toEqual([
      ['pss-run-as-non-root', 'spec.template.spec.securityContext.runAsNonRoot'],
      ['pss-capabilities-drop-all', 'spec.template.spec.containers[0].securityContext.capabilities.drop'],
    ]);
    expect(group.message).toMatch(
      /^The pod misses Pod Security "restricted" in 2 settings: securityContext\.runAsNonRoot, containers\[0\]\.securityContext\.capabilities\.drop\. /,
    );
    for (const part of group.parts!) expect(group.fix).toContain(part.fix);
  });

  test('one setting alone keeps its own rule id and has no parts', () => {
    const object = changed(hardenedJob(), (o) => delete templateOf(o).spec.securityContext.runAsNonRoot);
    const findings = validate(object);
    expect(findings.map((f) => [f.rule, f.field])).toEqual([
      ['pss-run-as-non-root', 'spec.template.spec.securityContext.runAsNonRoot'],
    ]);
    expect(findings[0].parts).toBeUndefined();
  });

  test('a bare CronJob gets one finding per root cause', () => {
    const bare = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report' },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'report' }] } } },
        },
      },
    };
    const rules = validate(bare).map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'pod-security-restricted',
        'pod-default-identity',
        'container-resources-undeclared',
        'cronjob-run-controls-unset',
      ]),
    );
    expect(new Set(rules).size).toBe(rules.length);
    const runControls = byRule(validate(bare), 'cronjob-run-controls-unset')[0];
    // Both rules about startingDeadlineSeconds are parts; the field is listed once in the message.
    expect(runControls.parts!.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['cronjob-missing-starting-deadline', 'cronjob-too-many-missed-starts']),
    );
    expect(runControls.message.match(/startingDeadlineSeconds/g)).toHaveLength(1);
    // ... and counted once: five parts, four settings.
    expect(runControls.parts).toHaveLength(5);
    expect(runControls.message).toMatch(/^The CronJob's run controls need a decision in 4 settings: /);
  });

  test('a rule yields only to rules the registry runs before it (their findings are there to compare with)', () => {
    const yielding = ALL_RULES.filter((r) => r.yieldsTo !== undefined);
    expect(yielding.map((r) => r.id)).toContain('container-image-not-pinned');
    for (const rule of yielding)
      for (const id of rule.yieldsTo!) {
        const position = ALL_RULES.findIndex((r) => r.id === id);
        expect(`${id} ${position >= 0 && position < ALL_RULES.indexOf(rule)}`).toBe(`${id} true`);
      }
  });

  test('no rule id is also a group id, and every group has at least two rules', () => {
    const ruleIds = new Set(ALL_RULES.map((r) => r.id));
    for (const group of FINDING_GROUPS) {
      expect(ruleIds.has(group.id)).toBe(false);
      expect(ALL_RULES.filter((r) => r.group === group).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('levels and suppression', () => {
  test('a suppressed setting leaves the group; the other is then reported alone', () => {
    const findings = validate(suppressed(twoRestrictedSettings(), 'pss-run-as-non-root'));
    expect(findings.map((f) => f.rule)).toEqual(['pss-capabilities-drop-all']);
  });

  test('suppressing the group id suppresses every setting, and the annotation is not reported as unknown', () => {
    expect(validate(suppressed(twoRestrictedSettings(), 'pod-security-restricted'))).toEqual([]);
  });

  test('a policy level for the group applies to each setting; a setting of its own level is reported apart', () => {
    const raised = validate(twoRestrictedSettings(), { rules: { 'pod-security-restricted': RuleLevel.ERROR } });
    expect(raised.map((f) => [f.rule, f.severity])).toEqual([['pod-security-restricted', 'error']]);
    const mixed = validate(twoRestrictedSettings(), {
      rules: { 'pod-security-restricted': RuleLevel.ERROR, 'pss-capabilities-drop-all': RuleLevel.WARNING },
    });
    expect(mixed.map((f) => [f.rule, f.severity])).toEqual([
      ['pss-run-as-non-root', 'error'],
      ['pss-capabilities-drop-all', 'warning'],
    ]);
    expect(validate(twoRestrictedSettings(), { rules: { 'pod-security-restricted': RuleLevel.OFF } })).toEqual([]);
  });

  test('a policy may name a group id, and still not an unknown id', () => {
    expect(policyEntryProblems({ 'pod-security-restricted': RuleLevel.OFF })).toEqual([]);
    expect(policyEntryProblems({ 'pod-security-restrictd': RuleLevel.OFF })).toEqual([
      { id: 'pod-security-restrictd', problem: 'unknown-rule' },
    ]);
  });
});

describe('fields', () => {
  test('the common ancestor stops at whole segments, and a map key with dots is one segment', () => {
    expect(commonAncestor(['spec.a.b', 'spec.a.c'])).toBe('spec.a');
    expect(commonAncestor(['spec.ab', 'spec.ac'])).toBe('spec');
    expect(commonAncestor(['x.requests[nvidia.com/gpu]', 'x.requests[cpu]'])).toBe('x.requests');
    expect(commonAncestor(['c[0].a', 'c[1].a'])).toBe('c');
    // Below the root, a list's items are named with the list.
    expect(commonAncestor(['spec.volumes[0].hostPath', 'spec.volumes[1].hostPath'])).toBe('spec');
    expect(commonAncestor(['spec.c[0].a', 'spec.c[0].b'])).toBe('spec.c[0]');
    expect(commonAncestor(['spec.a'])).toBe('spec.a');
  });

  test('a finding moved into another object moves its parts too', () => {
    const [group] = validate(twoRestrictedSettings());
    const moved = movedFinding(group, (f) => `spec.jobTargetRef.${f.slice('spec.'.length)}`);
    expect(moved.field).toBe('spec.jobTargetRef.template.spec');
    expect(moved.parts!.every((p) => p.field.startsWith('spec.jobTargetRef.template.spec.'))).toBe(true);
  });

  test("a KEDA ScaledJob's grouped finding points into its jobTargetRef, parts included", () => {
    const job = twoRestrictedSettings();
    const scaledJob = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledJob',
      metadata: { name: 'drain', namespace: 'batch' },
      spec: { jobTargetRef: job.spec, triggers: [{ type: 'cron', metadata: {} }] },
    };
    const group = byRule(validateManifestObject(scaledJob, { now: NOW }), 'pod-security-restricted')[0];
    expect(group.field).toBe('spec.jobTargetRef.template.spec');
    expect(group.parts!.map((p) => p.field)).toEqual([
      'spec.jobTargetRef.template.spec.securityContext.runAsNonRoot',
      'spec.jobTargetRef.template.spec.containers[0].securityContext.capabilities.drop',
    ]);
  });
});

describe('what a grouped finding says follows from its settings', () => {
  const resources = (change: (containers: any[]) => void) =>
    byRule(
      validate(
        changed(hardenedJob(), (o) => change([...templateOf(o).spec.containers, ...templateOf(o).spec.initContainers])),
      ),
      'container-resources-undeclared',
    ).map((f) => f.message);

  test('requests missing: what the scheduler does not reserve, not that the pod "needs nothing"', () => {
    // The init container declares nothing; the main container requests CPU and memory.
    const [message] = resources((cs) => {
      cs[0].resources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } };
      delete cs[1].resources;
    });
    expect(message).toMatch(
      /leave 3 resource settings undeclared: .*\. The scheduler reserves nothing for what a container does not request, so the pod can land on a node without room for it, and nothing bounds the memory of a container without a limit on a shared node\.$/,
    );
    expect(message).not.toMatch(/as if it needed/);
  });

  test('only requests, or only memory limits, missing: only what those do', () => {
    const requestsOnly = resources((cs) => {
      for (const c of cs) c.resources = { limits: { memory: '1Gi' } };
      // A memory limit alone counts as the memory request (the API server copies it): CPU is left.
      cs[1].resources = { limits: { memory: '1Gi', 'nvidia.com/gpu': 1 } };
    });
    // Two containers each without a CPU request: one group finding.
    expect(requestsOnly).toEqual([expect.stringMatching(/without room for it\.$/)]);
    const limitsOnly = resources((cs) => {
      for (const c of cs) c.resources = { requests: { cpu: '1', memory: '1Gi' } };
    });
    expect(limitsOnly).toEqual([
      expect.stringMatching(/\. Nothing bounds the memory of a container without a limit on a shared node\.$/),
    ]);
  });
});

describe("a CronJob's run controls: the consequence names only what the missing settings decide", () => {
  const runControls = (change: (spec: any) => void) =>
    byRule(validate(changed(hardenedCronJob(), (o) => change(o.spec))), 'cronjob-run-controls-unset').map(
      (f) => f.message,
    );

  test('concurrencyPolicy set: nothing about overlapping runs', () => {
    const [message] = runControls((spec) => {
      delete spec.startingDeadlineSeconds;
      delete spec.successfulJobsHistoryLimit;
    });
    expect(message).toMatch(
      /\. How late \(and after how many misses\) a run may still start and how many finished Jobs are kept are then left to defaults nobody chose\.$/,
    );
    expect(message).not.toContain('overlap');
  });

  test('every control missing: all three', () => {
    const [message] = runControls((spec) => {
      delete spec.concurrencyPolicy;
      delete spec.startingDeadlineSeconds;
      delete spec.failedJobsHistoryLimit;
    });
    expect(message).toMatch(
      /Whether runs overlap, how late \(and after how many misses\) a run may still start and how many finished Jobs are kept are then left to defaults nobody chose\.$/,
    );
  });
});

describe('lint output', () => {
  const file = join(__dirname, '..', 'fixtures', 'lint', 'real', 'bad-cronjob.yaml');

  test('JSON carries the parts; text lists each part with its own fix under the group', async () => {
    const json = fakeIo();
    await runLint(['--format', 'json', file], json);
    const findings: { rule: string; parts?: { rule: string }[] }[] = JSON.parse(json.stdout()).findings;
    const group = findings.find((f) => f.rule === 'container-resources-undeclared')!;
    // The contract's fields in their order (test/cli/lint.test.ts pins them), then parts.
    const single = findings.find((f) => f.parts === undefined)!;
    expect(Object.keys(group)).toEqual([...Object.keys(single), 'parts']);
    expect(group.parts!.map((p) => p.rule)).toEqual([
      'container-missing-cpu-request',
      'container-missing-memory-request',
      'container-missing-memory-limit',
    ]);
    const text = fakeIo();
    await runLint([file], text);
    const lines = text.stdout().split('\n');
    const at = lines.findIndex((l) => l.endsWith('[container-resources-undeclared]'));
    expect(lines[at + 1]).toMatch(/^ {13}- spec\..*\.resources\.requests\[cpu\]: .*\[container-missing-cpu-request\]$/);
    expect(lines[at + 2]).toMatch(/^ {15}fix: Set resources\.requests\.cpu/);
  });

  test('SARIF gives each part as a related location at its own line', async () => {
    const io = fakeIo();
    await runLint(['--format', 'sarif', file], io);
    const result = JSON.parse(io.stdout()).runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === 'container-resources-undeclared',
    );
    expect(result.relatedLocations).toHaveLength(3);
    expect(result.relatedLocations[0].message.text).toMatch(/\[container-missing-cpu-request\]$/);
    expect(result.message.text.split('\n')).toHaveLength(4);
  });
});
