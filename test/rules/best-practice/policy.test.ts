import { RuleLevel, suppressionAnnotation } from '../../../src/rules/policy';
import { bestPracticeFindings, changed, hardenedCronJob, hardenedJob, NOW } from './fixtures';
import { validateBatchObject } from '../../../src/rules/registry';

const RULE = 'job-missing-active-deadline';
const noDeadline = () => changed(hardenedJob(), (o) => delete o.spec.activeDeadlineSeconds);

describe('policy', () => {
  test('a best-practice finding is a warning by default', () => {
    expect(bestPracticeFindings(noDeadline())).toEqual([
      expect.objectContaining({ rule: RULE, severity: 'warning', field: 'spec.activeDeadlineSeconds' }),
    ]);
  });

  test('a policy can raise it to an error', () => {
    const findings = bestPracticeFindings(noDeadline(), { policy: { rules: { [RULE]: RuleLevel.ERROR } } });
    expect(findings).toEqual([
      expect.objectContaining({ rule: RULE, severity: 'error', field: 'spec.activeDeadlineSeconds' }),
    ]);
  });

  test('a policy can turn it off, leaving other rules alone', () => {
    const object = changed(noDeadline(), (o) => delete o.spec.ttlSecondsAfterFinished);
    const findings = bestPracticeFindings(object, { policy: { rules: { [RULE]: RuleLevel.OFF } } });
    expect(findings.map((f) => f.rule)).toEqual(['job-missing-ttl']);
  });

  test('turning one Pod Security control off keeps the others', () => {
    const cron = changed(hardenedCronJob(), (o) => {
      const pod = o.spec.jobTemplate.spec.template.spec;
      delete pod.securityContext.seccompProfile;
      pod.hostNetwork = true;
    });
    const findings = bestPracticeFindings(cron, {
      policy: { rules: { 'pss-seccomp-profile-missing': RuleLevel.OFF } },
    });
    expect(findings.map((f) => f.rule)).toEqual(['pss-host-namespaces']);
  });
});

describe('suppression', () => {
  const annotated = (reason: string) =>
    changed(noDeadline(), (o) => (o.metadata.annotations = { [suppressionAnnotation(RULE)]: reason }));

  test('an annotation with a reason suppresses the rule on that object', () => {
    expect(validateBatchObject(annotated('the job is killed by the pipeline after 20 minutes'), { now: NOW })).toEqual(
      [],
    );
  });

  test('without a reason it suppresses nothing, and says so', () => {
    for (const reason of ['', '   ']) {
      const findings = validateBatchObject(annotated(reason), { now: NOW });
      expect(findings.map((f) => [f.rule, f.field])).toEqual([
        [RULE, 'spec.activeDeadlineSeconds'],
        ['suppression-missing-reason', `metadata.annotations[${suppressionAnnotation(RULE)}]`],
      ]);
    }
  });

  test('a suppression on one object does not affect another', () => {
    expect(bestPracticeFindings(noDeadline()).map((f) => f.rule)).toEqual([RULE]);
  });
});
