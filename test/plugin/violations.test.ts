import { CheckedObject } from '../../src/manifests/lint';
import { reportStatus, reportSummary, violationsFor } from '../../src/plugin/violations';
import { Finding, Severity } from '../../src/rules/finding';

const finding = (rule: string, severity: Severity, field: string, message = `${rule} message`): Finding => ({
  rule,
  severity,
  field,
  message,
  fix: `${rule} fix`,
});
const object = (name: string, findings: Finding[], file = 'dist/app.k8s.yaml'): CheckedObject => ({
  file,
  index: 0,
  line: 1,
  kind: 'Job',
  name,
  findings,
});

describe('violationsFor', () => {
  test('each finding becomes a violation: rule id, message with severity and field, fix, resource name and manifest', () => {
    expect(
      violationsFor([
        object('migrate', [
          finding('job-restart', Severity.ERROR, 'spec.template.spec.restartPolicy', 'Always is not allowed.'),
        ]),
      ]),
    ).toEqual([
      {
        ruleName: 'job-restart',
        recommendation: 'Always is not allowed. (error at spec.template.spec.restartPolicy)',
        fix: 'job-restart fix',
        violatingResources: [
          {
            resourceName: 'migrate',
            locations: ['spec.template.spec.restartPolicy'],
            manifestPath: 'dist/app.k8s.yaml',
          },
        ],
      },
    ]);
  });

  test('the same problem in several resources is one violation listing them all, in input order', () => {
    const violations = violationsFor([
      object('a', [
        finding('ttl', Severity.WARNING, 'spec.ttlSecondsAfterFinished'),
        finding('image', Severity.WARNING, 'spec.template.spec.containers[0].image'),
      ]),
      object('b', [finding('ttl', Severity.WARNING, 'spec.ttlSecondsAfterFinished')], 'dist/other.k8s.yaml'),
    ]);
    expect(
      violations.map((v) => [v.ruleName, v.violatingResources.map((r) => `${r.manifestPath}:${r.resourceName}`)]),
    ).toEqual([
      ['ttl', ['dist/app.k8s.yaml:a', 'dist/other.k8s.yaml:b']],
      ['image', ['dist/app.k8s.yaml:a']],
    ]);
  });

  test('the same rule at different fields or with different messages stays apart', () => {
    const violations = violationsFor([
      object('a', [
        finding('image', Severity.WARNING, 'spec.template.spec.containers[0].image'),
        finding('image', Severity.WARNING, 'spec.template.spec.containers[1].image'),
      ]),
      object('b', [finding('image', Severity.WARNING, 'spec.template.spec.containers[0].image', 'another message')]),
    ]);
    expect(violations).toHaveLength(3);
  });

  test('no findings, no violations', () => {
    expect(violationsFor([object('clean', [])])).toEqual([]);
  });
});

describe('reportStatus', () => {
  test('an error finding fails the report', () => {
    expect(
      reportStatus([object('a', [finding('x', Severity.WARNING, 'f'), finding('y', Severity.ERROR, 'g')])], []),
    ).toBe('failure');
  });

  test('warnings alone do not', () => {
    expect(reportStatus([object('a', [finding('x', Severity.WARNING, 'f')])], [])).toBe('success');
  });

  test('an unreadable manifest does', () => {
    expect(reportStatus([], [{ file: 'dist/x.k8s.yaml', reason: 'binary data' }])).toBe('failure');
  });
});

test('reportSummary counts what was checked and found, and names unreadable manifests', () => {
  const objects = [
    object('a', [finding('x', Severity.WARNING, 'f'), finding('y', Severity.ERROR, 'g')]),
    object('b', []),
  ];
  expect(reportSummary(objects, [{ file: 'dist/x.k8s.yaml', line: 3, reason: 'binary data' }], '1.30')).toEqual({
    'Kubernetes version': '1.30',
    'Jobs and CronJobs checked': '2',
    Errors: '1',
    Warnings: '1',
    'Unreadable manifests': 'dist/x.k8s.yaml:3: binary data',
  });
  expect(Object.keys(reportSummary([], [], '1.28'))).not.toContain('Unreadable manifests');
});
