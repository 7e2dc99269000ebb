/** The generated policies' shape, options and CEL features; agreement with the engine is admission-differential.test.ts. */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, Chart, Testing } from 'cdk8s';
import { batchAdmissionPolicies, celExpressionsIn } from '../../src/admission/admission-policy';
import { CEL_FEATURES, unavailableCelFeatures } from '../../src/admission/cel-features';
import { runCli } from '../../src/cli/main';
import { BatchAdmissionPolicy } from '../../src/constructs/batch-admission-policy';
import { BatchPolicy } from '../../src/constructs/batch-policy';
import { BEST_PRACTICE_CEL, NOT_CARRIED_BY_CEL, whyNoCelForm } from '../../src/rules/best-practice/cel-forms';
import { BEST_PRACTICE_RULES } from '../../src/rules/best-practice';
import { NEWEST_KNOWN_MINOR, parseKubernetesVersion } from '../../src/rules/kubernetes-version';
import { RuleLevel } from '../../src/rules/policy';
import { fakeIo } from '../support/fake-io';

const policies = (manifests: readonly { kind: string }[]): any[] =>
  manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicy');
const bindings = (manifests: readonly { kind: string }[]): any[] =>
  manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicyBinding');

/** The rules the research counted as expressible outside Pod Security: all must be carried. */
const EXPRESSIBLE_NON_PSS = [
  'container-writable-root-filesystem',
  'pod-service-account-token-mounted',
  'pod-default-service-account',
  'container-missing-cpu-request',
  'container-missing-memory-request',
  'container-missing-memory-limit',
  'container-image-not-pinned',
  'job-missing-active-deadline',
  'cronjob-missing-starting-deadline',
  'cronjob-starting-deadline-too-short',
  'cronjob-suspended',
  'cronjob-missing-time-zone',
  'job-missing-ttl',
  'cronjob-job-ttl-set',
  'cronjob-failed-history-limit-zero',
  'cronjob-labels-not-on-jobs',
  'kueue-job-missing-requests',
  'cronjob-every-schedule',
];

describe('CEL forms', () => {
  test('every best-practice rule has a CEL form or a stated reason it cannot be carried, never both', () => {
    const unclassified = BEST_PRACTICE_RULES.filter((r) => !BEST_PRACTICE_CEL[r.id] && whyNoCelForm(r) === undefined);
    expect(unclassified.map((r) => r.id)).toEqual([]);
    const known = new Set(BEST_PRACTICE_RULES.map((r) => r.id));
    expect(Object.keys(BEST_PRACTICE_CEL).filter((id) => !known.has(id))).toEqual([]);
    expect(Object.keys(NOT_CARRIED_BY_CEL).filter((id) => !known.has(id))).toEqual([]);
  });

  test('the 18 expressible non-PSS rules are all carried', () => {
    expect(EXPRESSIBLE_NON_PSS.filter((id) => !BEST_PRACTICE_CEL[id])).toEqual([]);
    // Opt-in rules are carried once a policy turns them on.
    const optIn = BEST_PRACTICE_RULES.filter((r) => r.optIn).map((r) => [r.id, RuleLevel.WARNING]);
    const policy = { rules: Object.fromEntries(optIn) };
    expect(batchAdmissionPolicies({ policy }).carried).toEqual(expect.arrayContaining(EXPRESSIBLE_NON_PSS));
  });
});

describe('batchAdmissionPolicies', () => {
  const { manifests, notCarried } = batchAdmissionPolicies();

  test('one Warn+Audit policy and binding per kind, CREATE only, CronJob-owned Jobs left out', () => {
    expect(manifests.map((m) => `${m.kind} ${m.metadata.name}`)).toEqual([
      'ValidatingAdmissionPolicy cdk8s-batch-jobs',
      'ValidatingAdmissionPolicyBinding cdk8s-batch-jobs',
      'ValidatingAdmissionPolicy cdk8s-batch-cronjobs',
      'ValidatingAdmissionPolicyBinding cdk8s-batch-cronjobs',
    ]);
    for (const p of policies(manifests)) {
      expect(p.spec.matchConstraints.resourceRules[0].operations).toEqual(['CREATE']);
      expect(p.spec.failurePolicy).toBe('Ignore');
      for (const v of p.spec.validations) expect(v.messageExpression).toContain(v.message.split(':')[0]);
    }
    expect(policies(manifests)[0].spec.matchConditions[0].expression).toContain("r.kind == 'CronJob'");
    for (const b of bindings(manifests)) expect(b.spec.validationActions).toEqual(['Warn', 'Audit']);
  });

  test('the CronJob policy reads the pod template through spec.jobTemplate.spec.template', () => {
    const cron = policies(manifests)[1];
    expect(cron.spec.variables[0]).toEqual({ name: 'jobSpec', expression: 'object.spec.jobTemplate.spec' });
  });

  test('lists the rules it cannot carry, with reasons', () => {
    const ids = notCarried.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'cronjob-dst-skipped-runs',
        'cronjob-missing-history-limit',
        'cronjob-missing-concurrency-policy',
      ]),
    );
    for (const r of notCarried) expect(r.reason.length).toBeGreaterThan(20);
  });

  test('rule levels: off leaves a rule out; with deny, error-level rules get a Deny policy of their own', () => {
    const generated = batchAdmissionPolicies({
      deny: true,
      policy: { rules: { 'job-missing-active-deadline': RuleLevel.ERROR, 'cronjob-suspended': RuleLevel.OFF } },
    });
    expect(generated.carried).not.toContain('cronjob-suspended');
    const deny = bindings(generated.manifests).filter((b) => b.spec.validationActions.includes('Deny'));
    expect(deny.map((b) => b.metadata.name)).toEqual(['cdk8s-batch-jobs-deny', 'cdk8s-batch-cronjobs-deny']);
    const denyPolicies = policies(generated.manifests).filter((p) => p.metadata.name.endsWith('-deny'));
    for (const p of denyPolicies)
      expect(p.spec.validations.map((v: any) => v.message.split(':')[0])).toEqual(['job-missing-active-deadline']);
  });

  test('the opt-in rule joins only when a policy gives it a level', () => {
    expect(batchAdmissionPolicies().carried).not.toContain('container-secret-in-env');
    expect(
      batchAdmissionPolicies({ policy: { rules: { 'container-secret-in-env': RuleLevel.WARNING } } }).carried,
    ).toContain('container-secret-in-env');
  });

  test('suppression can be turned off, and namespaces selected by label', () => {
    const generated = batchAdmissionPolicies({ honourSuppressions: false, namespaceLabels: { 'batch-policy': 'on' } });
    for (const p of policies(generated.manifests))
      for (const v of p.spec.validations) expect(v.expression).not.toContain('suppress-');
    for (const b of bindings(generated.manifests))
      expect(b.spec.matchResources).toEqual({ namespaceSelector: { matchLabels: { 'batch-policy': 'on' } } });
    for (const p of policies(manifests))
      for (const v of p.spec.validations) expect(v.expression).toContain('suppress-');
  });

  test('refuses releases before ValidatingAdmissionPolicy v1 (1.30)', () => {
    expect(() => batchAdmissionPolicies({ kubernetesVersion: '1.29' })).toThrow(/1\.30 or later/);
  });
});

describe('CEL features by release', () => {
  test('every generated expression is available in every release from 1.30 on', () => {
    for (let minor = 30; minor <= NEWEST_KNOWN_MINOR; minor++) {
      const version = parseKubernetesVersion(`1.${minor}`)!;
      const { manifests } = batchAdmissionPolicies({ kubernetesVersion: `1.${minor}` });
      const expressions = celExpressionsIn(JSON.stringify(manifests));
      expect(expressions.filter((e) => unavailableCelFeatures(e, version).length > 0)).toEqual([]);
    }
  });

  test('the feature table recognises what it gates', () => {
    const at = (minor: number) => parseKubernetesVersion(`1.${minor}`)!;
    const names = (e: string, minor: number) => unavailableCelFeatures(e, at(minor)).map((f) => f.name);
    expect(names('a.?b.orValue(1)', 30)).toEqual([]);
    expect(names("'%s'.format([1])", 31)).toEqual([CEL_FEATURES[3].name]);
    expect(names("'%s'.format([1])", 32)).toEqual([]);
    expect(names('m.all(k, v, v > 0)', 32)).toEqual([CEL_FEATURES[4].name]);
    expect(names('m.all(k, v, v > 0)', 33)).toEqual([]);
    expect(names('cel.bind(x, 1, x)', NEWEST_KNOWN_MINOR)).toHaveLength(1);
  });
});

describe('cdk8s-batch policy', () => {
  async function run(args: string[]) {
    const io = fakeIo();
    const code = await runCli(['policy', ...args], io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  }

  test.each([['1.30'], []])(
    'writes valid policy and binding YAML (%s), headed by the rules not carried',
    async (...version) => {
      const r = await run([...(version.length ? ['--kubernetes-version', version[0]] : []), '--format', 'yaml']);
      expect(r.code).toBe(0);
      const docs = parseAllDocuments(r.stdout).map((d) => {
        expect(d.errors).toEqual([]);
        return d.toJS();
      });
      expect(docs.map((d) => d.kind)).toEqual([
        'ValidatingAdmissionPolicy',
        'ValidatingAdmissionPolicyBinding',
        'ValidatingAdmissionPolicy',
        'ValidatingAdmissionPolicyBinding',
      ]);
      expect(docs).toEqual(batchAdmissionPolicies({ kubernetesVersion: version[0] }).manifests);
      expect(r.stdout).toMatch(/^# Not carried/m);
      expect(r.stdout).toMatch(/^# {3}cronjob-dst-skipped-runs: .*cron/m);
    },
  );

  test('--deny, --ignore-suppressions, --namespace-label and JSON', async () => {
    const r = await run(['--format', 'json', '--deny', '--ignore-suppressions', '--namespace-label', 'team=data']);
    expect(r.code).toBe(0);
    const list = parse(r.stdout);
    expect(list.kind).toBe('List');
    expect(list.items[1].spec.matchResources.namespaceSelector.matchLabels).toEqual({ team: 'data' });
    expect(r.stderr).toContain('Not carried');
  });

  test('--policy FILE sets the levels, as for lint: off leaves a rule out, error moves it to the deny policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'rules:\n  job-missing-ttl: off\n  job-missing-active-deadline: error\n');
    const r = await run(['--format', 'json', '--deny', '--policy', file]);
    expect(r.code).toBe(0);
    const expected = batchAdmissionPolicies({
      deny: true,
      policy: { rules: { 'job-missing-ttl': RuleLevel.OFF, 'job-missing-active-deadline': RuleLevel.ERROR } },
    });
    expect(parse(r.stdout).items).toEqual(expected.manifests);
    expect(expected.carried).not.toContain('job-missing-ttl');
    expect(r.stdout).toContain('job-missing-active-deadline');
    writeFileSync(file, 'rules:\n  job-missing-tll: off\n');
    const bad = await run(['--policy', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^cdk8s-batch policy: --policy .*job-missing-tll/);
  });

  test('a release without ValidatingAdmissionPolicy v1 is bad usage', async () => {
    const r = await run(['--kubernetes-version', '1.29']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1\.30 or later/);
  });
});

describe('BatchAdmissionPolicy', () => {
  test('emits the policies with the levels of the BatchPolicy in force', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'cluster');
    new BatchPolicy(chart, {
      rules: { 'job-missing-active-deadline': RuleLevel.ERROR, 'cronjob-suspended': RuleLevel.OFF },
    });
    const construct = new BatchAdmissionPolicy(chart, 'admission', { deny: true });
    const manifests = Testing.synth(chart);
    expect(manifests).toEqual(
      batchAdmissionPolicies({
        deny: true,
        policy: { rules: { 'job-missing-active-deadline': RuleLevel.ERROR, 'cronjob-suspended': RuleLevel.OFF } },
      }).manifests,
    );
    expect(construct.carriedRules).not.toContain('cronjob-suspended');
    expect(construct.notCarried.map((g) => g.ruleId)).toContain('cronjob-dst-doubled-runs');
  });

  test('an unsupported release is one synth error', () => {
    const app = new App();
    const chart = new Chart(app, 'cluster');
    new BatchAdmissionPolicy(chart, 'admission', { kubernetesVersion: '1.29' });
    expect(() => app.synth()).toThrow(/1\.30 or later/);
  });

  test('a name prefix or namespace label the API server would refuse: synth errors naming each, before anything is applied', () => {
    const synthErrors = (props: ConstructorParameters<typeof BatchAdmissionPolicy>[2]) => {
      const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk8s-batch-admission-')) });
      new BatchAdmissionPolicy(new Chart(app, 'cluster'), 'admission', props);
      try {
        app.synth();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const errors = synthErrors({ namePrefix: 'Team_Batch', namespaceLabels: { 'bad key!': 'ok', team: 'a b' } });
    expect(errors).toContain(
      'the name prefix "Team_Batch" gives the name "Team_Batch-jobs", which is refused by the API server: a lowercase RFC 1123 subdomain',
    );
    expect(errors).toContain('"Team_Batch-cronjobs"');
    expect(errors).toContain(
      'the namespace label key "bad key!" is refused by the API server: name part must consist of',
    );
    expect(errors).toContain('the namespace label value "a b" is refused by the API server');
    expect(synthErrors({ namePrefix: 'team.batch', namespaceLabels: { 'example.com/team': 'data' } })).toBe('');
  });
});
