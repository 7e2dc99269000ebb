import { readFileSync } from 'fs';
import { join } from 'path';
import { ALL_CONSTRUCT_RULES, ruleTable, withRuleTable } from '../../scripts/rule-table';
import { ALL_RULES } from '../../src/rules/registry';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  test('the rule table is up to date (run `npm run docs` after changing rules)', () => {
    expect(withRuleTable(readme)).toBe(readme);
  });

  test("documents every rule id, the constructs' own included", () => {
    for (const rule of [...ALL_RULES, ...ALL_CONSTRUCT_RULES]) expect(readme).toContain(`| \`${rule.id}\` |`);
    expect(
      ruleTable()
        .split('\n')
        .filter((l) => l.startsWith('| `')),
    ).toHaveLength(ALL_RULES.length + ALL_CONSTRUCT_RULES.length);
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
