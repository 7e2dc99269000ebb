/**
 * `cdk8s-batch lint --format sarif`: the findings as one SARIF 2.1.0 log for code scanning
 * (GitHub, Azure DevOps, GitLab): one run, the rules it reported with their help text, and one
 * result per finding at the file, line and column of the offending field. The run's invocation
 * says whether every input was read; each input that could not be (an error) and each document
 * left unchecked (a note) is a tool execution notification where it was found.
 */
import { ManifestProblem } from '../manifests/document';
import { ObjectFieldLocator } from '../manifests/field-positions';
import { CheckedObject, LintResult } from '../manifests/lint';
import { Severity } from '../rules/finding';
import { findingText } from './finding-text';
import { suppressionAnnotation } from '../rules/policy';
import { FindingGroup } from '../rules/finding-group';
import { ALL_RULES, FINDING_GROUPS } from '../rules/registry';
import { Rule, RuleOrigin } from '../rules/rule';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));
const GROUPS_BY_ID: ReadonlyMap<string, FindingGroup> = new Map(FINDING_GROUPS.map((group) => [group.id, group]));

/** What a rule's help says about its origin: why it is an error or a warning, and how to silence it. */
function helpText(rule: Rule | undefined): string {
  if (rule === undefined) return 'Reported by cdk8s-batch beside its rule registry; see the finding for the fix.';
  switch (rule.origin) {
    case RuleOrigin.API_SERVER:
      return `${rule.summary} The API server rejects an object that breaks this rule, or accepts one that can never run; it cannot be suppressed.`;
    case RuleOrigin.BEST_PRACTICE:
      return `${rule.summary} A best practice the API server does not enforce. Suppress it on one object with the annotation ${suppressionAnnotation(rule.id)}: <reason>, or project-wide with lint --policy.`;
    default:
      return `${rule.summary} Reported for what cannot work; it cannot be suppressed.`;
  }
}

/** A file path as a relative URI reference, with forward slashes and reserved characters escaped. */
export function artifactUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((part) => encodeURIComponent(part))
    .join('/');
}

export function lintSarif(
  result: LintResult,
  problems: readonly ManifestProblem[],
  locate: ObjectFieldLocator,
): object {
  const ruleIds: string[] = [];
  const ruleIndex = new Map<string, number>();
  const results: object[] = [];
  for (const object of result.objects) {
    for (const finding of object.findings) {
      if (!ruleIndex.has(finding.rule)) {
        ruleIndex.set(finding.rule, ruleIds.length);
        ruleIds.push(finding.rule);
      }
      results.push({
        ruleId: finding.rule,
        ruleIndex: ruleIndex.get(finding.rule),
        level: finding.severity === Severity.ERROR ? 'error' : 'warning',
        message: { text: findingText(finding) },
        locations: [location(object, finding.field, locate)],
        ...(finding.parts === undefined
          ? {}
          : {
              relatedLocations: finding.parts.map((part, id) => ({
                id,
                ...location(object, part.field, locate),
                message: { text: `${part.message} [${part.rule}]` },
              })),
            }),
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdk8s-batch',
            informationUri: 'https://www.npmjs.com/package/cdk8s-batch',
            rules: ruleIds.map((id) => ruleDescriptor(id)),
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: [
              ...problems.map((p) => notification('error', p.reason, p.file, p.line, p.column)),
              ...result.skipped.map((s) => notification('note', `document ${s.index} ${s.reason}`, s.file, s.line)),
              ...result.warnings.map((w) =>
                notification('warning', `document ${w.index}: ${w.message}`, w.file, w.line, w.column),
              ),
            ],
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A tool execution notification: a message about the run, at a place in a file when there is one. */
function notification(
  level: 'error' | 'warning' | 'note',
  text: string,
  file: string,
  line?: number,
  column?: number,
): object {
  const region =
    line === undefined ? {} : { region: { startLine: line, ...(column === undefined ? {} : { startColumn: column }) } };
  return {
    level,
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, ...region } }],
  };
}

function ruleDescriptor(id: string): object {
  const group = GROUPS_BY_ID.get(id);
  if (group !== undefined) return groupDescriptor(group);
  const rule = RULES_BY_ID.get(id);
  const bestPractice = rule?.origin === RuleOrigin.BEST_PRACTICE;
  return {
    id,
    shortDescription: { text: rule?.summary ?? id },
    help: { text: helpText(rule) },
    defaultConfiguration: { level: bestPractice ? 'warning' : 'error' },
    properties: { tags: [rule?.origin ?? 'cdk8s-batch', 'kubernetes'] },
  };
}

/** A group stands for its member rules: a best practice, levelled and suppressed as a whole or per member. */
function groupDescriptor(group: FindingGroup): object {
  const members = ALL_RULES.filter((r) => r.group === group).map((r) => r.id);
  return {
    id: group.id,
    shortDescription: { text: group.summary },
    help: {
      text: `${group.summary} One result per object lists each setting, with its own rule id (${members.join(', ')}) and field as a related location. Suppress one setting on one object with the annotation ${suppressionAnnotation('<rule-id>')}: <reason>, or all of them with ${suppressionAnnotation(group.id)}: <reason>; lint --policy takes either id.`,
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: [RuleOrigin.BEST_PRACTICE, 'kubernetes'] },
  };
}

function location(object: CheckedObject, field: string, locate: ObjectFieldLocator): object {
  const position = locate(object, field);
  const name = object.name === '' ? `${object.kind}` : `${object.kind}/${object.name}`;
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(object.file) },
      region:
        position === undefined
          ? { startLine: object.line }
          : { startLine: position.line, startColumn: position.column },
    },
    logicalLocations: [{ fullyQualifiedName: `${name}.${field}`, kind: 'member' }],
  };
}
