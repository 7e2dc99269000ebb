import { BEST_PRACTICE_RULES } from '../../../src/rules/best-practice';
import { RuleOrigin } from '../../../src/rules/rule';
import { bestPracticeFindings, hardenedCronJob, hardenedJob } from './fixtures';

describe('hardened objects', () => {
  test.each(['1.25', '1.28', '1.31', '1.34'])(
    'a fully hardened Job and CronJob have no best-practice findings on %s',
    (kubernetesVersion) => {
      expect(bestPracticeFindings(hardenedJob(), { kubernetesVersion })).toEqual([]);
      expect(bestPracticeFindings(hardenedCronJob(), { kubernetesVersion })).toEqual([]);
    },
  );

  test('a bare Job breaks many practices at once, and every finding is a warning', () => {
    const bare = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'bare' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    };
    const findings = bestPracticeFindings(bare);
    expect(findings.length).toBeGreaterThan(10);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['warning']));
  });
});

describe('the best-practice rule list', () => {
  test('ids are unique, kebab-case and fit a suppression annotation (at most 54 characters)', () => {
    const ids = BEST_PRACTICE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(54);
    }
  });

  test('every rule is a best practice with a one-line summary and at least one kind', () => {
    for (const rule of BEST_PRACTICE_RULES) {
      expect(rule.origin).toBe(RuleOrigin.BEST_PRACTICE);
      expect(rule.kinds.length).toBeGreaterThan(0);
      expect(rule.summary).toMatch(/^\S.*\.$/);
      expect(rule.summary).not.toContain('\n');
    }
  });
});
