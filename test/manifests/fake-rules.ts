/**
 * A stand-in for the rule registry, so lint and plugin plumbing is tested without depending on
 * rule ids other engineers are still writing: one API-server-like error and one best-practice-like
 * warning that follows the policy, the way validateBatchObject treats its rules.
 */
import { ValidateFunction } from '../../src/manifests/lint';
import { Finding, Severity } from '../../src/rules/finding';
import { RuleLevel } from '../../src/rules/policy';
import { RuleOrigin } from '../../src/rules/rule';

export const FAKE_RULES = [
  { id: 'fake-restart-policy', origin: RuleOrigin.API_SERVER },
  { id: 'fake-ttl', origin: RuleOrigin.BEST_PRACTICE },
];

export const fakeValidate: ValidateFunction = (object: any, options) => {
  const findings: Finding[] = [];
  const jobSpecPath = object.kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec';
  const spec = object.kind === 'Job' ? object.spec : object.spec?.jobTemplate?.spec;
  if (spec?.template?.spec?.restartPolicy === 'Always') {
    findings.push({
      rule: 'fake-restart-policy',
      severity: Severity.ERROR,
      field: `${jobSpecPath}.template.spec.restartPolicy`,
      message: 'A Job\'s pods may not restart with "Always".',
      fix: 'Set restartPolicy to Never or OnFailure.',
    });
  }
  const level = options.policy?.rules?.['fake-ttl'] ?? RuleLevel.WARNING;
  if (object.kind === 'Job' && spec?.ttlSecondsAfterFinished === undefined && level !== RuleLevel.OFF) {
    findings.push({
      rule: 'fake-ttl',
      severity: level === RuleLevel.ERROR ? Severity.ERROR : Severity.WARNING,
      field: 'spec.ttlSecondsAfterFinished',
      message: 'A finished Job stays forever.',
      fix: 'Set ttlSecondsAfterFinished.',
    });
  }
  return findings;
};
