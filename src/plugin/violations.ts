/**
 * Lint results in cdk8s's report vocabulary: one violation per rule and problem, listing every
 * resource that has it; and the report's status and summary rows.
 */
import { describeProblem, ManifestProblem } from '../manifests/document';
import { CheckedObject, countFindings } from '../manifests/lint';
import { Severity } from '../rules/finding';
import { ValidationViolation, ValidationViolatingResource } from './cdk8s-validation';

/**
 * Violations in the order their first resource appears. Findings with the same rule, message,
 * field and fix in several resources become one violation naming all of them, the way cdk8s's
 * report lists occurrences under a rule.
 */
export function violationsFor(objects: readonly CheckedObject[]): ValidationViolation[] {
  const groups = new Map<
    string,
    { violation: Omit<ValidationViolation, 'violatingResources'>; resources: ValidationViolatingResource[] }
  >();
  for (const object of objects) {
    for (const finding of object.findings) {
      const recommendation = `${finding.message} (${finding.severity} at ${finding.field})`;
      const key = JSON.stringify([finding.rule, recommendation, finding.fix]);
      let group = groups.get(key);
      if (group === undefined) {
        group = { violation: { ruleName: finding.rule, recommendation, fix: finding.fix }, resources: [] };
        groups.set(key, group);
      }
      group.resources.push({
        resourceName: object.name,
        locations: finding.parts?.map((p) => p.field) ?? [finding.field],
        manifestPath: object.file,
      });
    }
  }
  return [...groups.values()].map(({ violation, resources }) => ({ ...violation, violatingResources: resources }));
}

/** Error findings or unreadable manifests fail the report (and so `cdk8s synth`); warnings alone do not. */
export function reportStatus(
  objects: readonly CheckedObject[],
  problems: readonly ManifestProblem[],
): 'success' | 'failure' {
  return problems.length > 0 || countFindings(objects, Severity.ERROR) > 0 ? 'failure' : 'success';
}

/** Rows for the report's summary table. */
export function reportSummary(
  objects: readonly CheckedObject[],
  problems: readonly ManifestProblem[],
  kubernetesVersion: string,
): { [key: string]: string } {
  const summary: { [key: string]: string } = {
    'Kubernetes version': kubernetesVersion,
    'Jobs and CronJobs checked': String(objects.length),
    Errors: String(countFindings(objects, Severity.ERROR)),
    Warnings: String(countFindings(objects, Severity.WARNING)),
  };
  if (problems.length > 0) summary['Unreadable manifests'] = problems.map(describeProblem).join('; ');
  return summary;
}
