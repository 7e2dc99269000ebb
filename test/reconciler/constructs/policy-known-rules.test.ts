/**
 * A BatchPolicy knows the construct rules of the layer above it (ScheduledJob's and JobTemplate's),
 * which register themselves, so naming one is judged like any construct rule, not as unknown.
 */
import { Chart, Testing } from 'cdk8s';
import { BatchPolicy } from '../../../src/constructs/batch-policy';
import { knownConstructRules } from '../../../src/constructs/construct-rules';
import { JOB_TEMPLATE_ACCESS_RULES } from '../../../src/reconciler/constructs/job-template-access';
import { JOB_TEMPLATE_RULES } from '../../../src/reconciler/constructs/job-template-rules';
import { SCHEDULED_JOB_RULES } from '../../../src/reconciler/constructs/scheduled-job-validation';
import { RuleLevel } from '../../../src/rules/policy';

test('the rules of ScheduledJob and JobTemplate are known to the policy checks', () => {
  const known = new Set(knownConstructRules().map((r) => r.id));
  for (const rule of [...SCHEDULED_JOB_RULES, ...JOB_TEMPLATE_RULES, ...JOB_TEMPLATE_ACCESS_RULES])
    expect(known).toContain(rule.id);
});

test('lowering a ScheduledJob rule is refused as an always-error rule, not as an unknown id', () => {
  const app = Testing.app();
  new BatchPolicy(app, { rules: { 'scheduled-job-spec-invalid': RuleLevel.OFF } });
  new Chart(app, 'chart');
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain('rules[scheduled-job-spec-invalid]');
  expect(message).toContain('reports what cannot work and is always an error');
});
