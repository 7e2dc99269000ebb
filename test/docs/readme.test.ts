import { readFileSync } from 'fs';
import { join } from 'path';
import { ALL_CONSTRUCT_RULES, ruleTable, withRuleTable } from '../../scripts/rule-table';
import { REMOVED_API_RULE } from '../../src/rules/manifest-objects';
import { ALL_RULES, FINDING_GROUPS } from '../../src/rules/registry';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  test('the rule table is up to date (run `npm run docs` after changing rules)', () => {
    expect(withRuleTable(readme)).toBe(readme);
  });

  test("documents every rule id, the constructs' own, lint's removed-API rule and every group", () => {
    const ids = [...ALL_RULES, ...ALL_CONSTRUCT_RULES, REMOVED_API_RULE, ...FINDING_GROUPS].map((r) => r.id);
    for (const id of ids) expect(readme).toContain(`| \`${id}\` |`);
    expect(
      ruleTable()
        .split('\n')
        .filter((l) => l.startsWith('| `')),
    ).toHaveLength(ids.length);
  });

  test('rule ids are unique, kebab-case and fit a suppression annotation key', () => {
    const ids = [...ALL_RULES, ...ALL_CONSTRUCT_RULES].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(54);
    }
  });

  test('names the two commands', () => {
    expect(readme).toContain('npm ci && npx cdk8s synth --no-check-upgrade');
    expect(readme).toContain('npm test');
  });
});
