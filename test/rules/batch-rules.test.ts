import { BatchRules, RuleLevel, Severity } from '../../src';

const cronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'x'.repeat(60) },
  spec: {
    schedule: '0 0 * * 7',
    jobTemplate: {
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36.1' }] } } },
    },
  },
};

describe('BatchRules (public API)', () => {
  test('checks a manifest with every rule', () => {
    const errors = BatchRules.check(cronJob).filter((f) => f.severity === Severity.ERROR);
    expect(errors.map((f) => [f.rule, f.field])).toEqual([
      ['cronjob-name-too-long', 'metadata.name'],
      ['cronjob-schedule-invalid', 'spec.schedule'],
    ]);
  });

  test('takes a Kubernetes version and a policy', () => {
    const findings = BatchRules.check(cronJob, '1.30', { rules: { 'cronjob-missing-time-zone': RuleLevel.ERROR } });
    expect(findings.find((f) => f.rule === 'cronjob-missing-time-zone')?.severity).toBe(Severity.ERROR);
  });

  test('lists every rule id', () => {
    expect(BatchRules.ids()).toContain('cronjob-name-too-long');
    expect(new Set(BatchRules.ids()).size).toBe(BatchRules.ids().length);
  });
});
