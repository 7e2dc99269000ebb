import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Validation, ValidationContext, ValidationViolation as Cdk8sViolation } from 'cdk8s-cli/plugins';
import {
  BatchValidation,
  BatchValidationProps,
  IValidationContext,
  IValidationLogger,
  IValidationReport,
  ValidationViolation,
} from '../../src';

/*
 * Compile-time checks (tsc runs before jest): cdk8s-cli's report and logger have what our
 * interfaces ask for, and our violations are what cdk8s-cli's report accepts.
 */
export const reportFits = (report: ValidationContext['report']): IValidationReport => report;
export const loggerFits = (logger: ValidationContext['logger']): IValidationLogger => logger;
export const violationFits = (violation: ValidationViolation): Cdk8sViolation => violation;
export const pluginFits = (plugin: BatchValidation): Pick<Validation, 'validate'> => ({
  validate: (context) => plugin.validate(adapt(context)),
});

/** cdk8s-cli's context as our interface (it declares `manifests` read-only, which jsii cannot express). */
function adapt(context: ValidationContext): IValidationContext {
  return { manifests: [...context.manifests], report: context.report, logger: context.logger };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-plugin-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function manifest(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SUPPRESSED_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: cleanup-job-c8a1b2c3
  annotations:
    cdk8s-batch.io/suppress-no-such-rule: "kept for the test"
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
`;

/** Runs the plugin the way cdk8s-cli does: a real ValidationContext, with construct metadata keyed by resource name. */
async function validate(props: unknown, manifests: string[], metadata: Record<string, { path: string }> = {}) {
  const context = new ValidationContext(manifests, 'cdk8s-batch', '0.1.0', metadata, false);
  const logged: string[] = [];
  jest.spyOn(context.logger, 'log').mockImplementation((message) => void logged.push(message));
  await new BatchValidation(props as BatchValidationProps).validate(adapt(context));
  return { json: context.report.toJson(), success: context.report.success, logged };
}

describe('BatchValidation', () => {
  test('findings become violations that cdk8s maps to construct paths by resource name', async () => {
    const file = manifest(
      'app.k8s.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n${SUPPRESSED_JOB}`,
    );
    const { json } = await validate({}, [file], {
      'cleanup-job-c8a1b2c3': { path: 'app/cleanup' },
      settings: { path: 'app/settings' },
    });
    const violation = json.violations.find((v) => v.ruleName === 'suppression-unknown-rule');
    expect(violation).toEqual({
      ruleName: 'suppression-unknown-rule',
      recommendation: expect.stringMatching(
        /\(warning at metadata\.annotations\[cdk8s-batch\.io\/suppress-no-such-rule\]\)$/,
      ),
      fix: expect.any(String),
      violatingConstructs: [
        {
          resourceName: 'cleanup-job-c8a1b2c3',
          constructPath: 'app/cleanup',
          manifestPath: file,
          locations: ['metadata.annotations[cdk8s-batch.io/suppress-no-such-rule]'],
        },
      ],
    });
    // The ConfigMap is not a Job or CronJob: never reported.
    expect(json.violations.flatMap((v) => v.violatingConstructs.map((c) => c.resourceName))).not.toContain('settings');
  });

  test('a credential in plain text is a violation of the same rule as in lint and at synth', async () => {
    const job = SUPPRESSED_JOB.replace(
      '          image: busybox:1.36\n',
      '          image: busybox:1.36\n          env:\n            - {name: PGPASSWORD, value: hunter2}\n',
    );
    const { json } = await validate({}, [manifest('secret.k8s.yaml', job)]);
    const violation = json.violations.find((v) => v.ruleName === 'container-env-secret-literal');
    expect(violation?.violatingConstructs[0].locations).toEqual(['spec.template.spec.containers[0].env[0].value']);
    expect(violation?.recommendation).not.toContain('hunter2');
  });

  test('the summary names the Kubernetes version and the counts', async () => {
    const { json } = await validate({ kubernetesVersion: 'v1.30.1' }, [manifest('one.k8s.yaml', SUPPRESSED_JOB)]);
    expect(json.summary).toMatchObject({
      plugin: 'cdk8s-batch',
      version: '0.1.0',
      metadata: { 'Kubernetes version': '1.30', 'Jobs and CronJobs checked': '1' },
    });
  });

  test('with warnings only the report succeeds', async () => {
    const file = manifest('warn.k8s.yaml', SUPPRESSED_JOB);
    const { json, success } = await validate({}, [file]);
    expect(json.summary.metadata?.Errors).toBe('0');
    expect(success).toBe(true);
  });

  test('a manifest that cannot be read fails the report, naming it, without throwing', async () => {
    const file = manifest('garbage.k8s.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const { json, success, logged } = await validate({}, [file]);
    expect(success).toBe(false);
    expect(json.summary.metadata?.['Unreadable manifests']).toBe(
      `${file}:1: binary data, not YAML or JSON text (a NUL byte at byte offset 4)`,
    );
    expect(logged).toEqual([
      `cdk8s-batch: cannot read ${file}:1: binary data, not YAML or JSON text (a NUL byte at byte offset 4)`,
    ]);
  });

  test.each([
    [
      { kubernetesVersion: 1.3 },
      'kubernetesVersion must be 1.25 or later (rules known up to 1.37) written as a string, e.g. "1.35", not the number 1.3 (quote it: YAML reads an unquoted 1.30 as 1.3)',
    ],
    [
      { kubernetesVersion: '2.0' },
      'kubernetesVersion must be 1.25 or later (rules known up to 1.37) written as a string, e.g. "1.35", not "2.0"',
    ],
    [{ rules: { 'no-such-rule': 'off' } }, 'unknown rule id "no-such-rule" (the README lists every rule id)'],
    [
      { rules: { 'no-such-rule': 'of' } },
      'unknown level "of" for "no-such-rule": use error, warning or off; unknown rule id "no-such-rule" (the README lists every rule id)',
    ],
    [{ policy: {} }, 'unknown property "policy" (use kubernetesVersion and rules)'],
    [[], 'properties must be a mapping'],
  ])('invalid properties %j fail the report with one clear line, and never throw', async (props, problem) => {
    const { json, success, logged } = await validate(props, [manifest('ok.k8s.yaml', SUPPRESSED_JOB)]);
    expect(success).toBe(false);
    expect(json.violations).toEqual([]);
    expect(json.summary.metadata).toEqual({ 'Invalid properties': problem });
    expect(logged).toEqual([`cdk8s-batch: invalid plugin properties in cdk8s.yaml: ${problem}`]);
  });

  test('constructing with bad properties does not throw (cdk8s-cli would print a stack trace)', () => {
    expect(() => new BatchValidation({ kubernetesVersion: {} } as unknown as BatchValidationProps)).not.toThrow();
  });
});
