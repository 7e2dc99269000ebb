/**
 * The gate in front of every create: the Job built for a run goes through the same rules as
 * `cdk8s-batch lint` and synth-time validation (`validateBatchObject`). A Job with error findings
 * is never created; the findings become the JobTemplateValid condition and a Warning event.
 */
import { Finding, Severity } from '../../rules/finding';
import { validateBatchObject } from '../../rules/registry';
import { RunJob } from '../resource/run-job';

/** Findings listed in a condition or event message before "and N more". */
const LISTED_FINDINGS = 10;

export interface RunJobCheckOptions {
  /** The Kubernetes release whose API rules apply, e.g. "1.30". @default the library's target (1.28) */
  readonly kubernetesVersion?: string;
}

/** The error findings for `job`; empty when it may be created. */
export function runJobErrors(job: RunJob, now: number, options: RunJobCheckOptions = {}): Finding[] {
  return validateBatchObject(job, { kubernetesVersion: options.kubernetesVersion, now }).filter(
    (f) => f.severity === Severity.ERROR,
  );
}

/** "Job x would be rejected: rule-a at spec.template...; rule-b at ...": rule ids and field paths, bounded. */
export function describeRefusal(jobName: string, errors: readonly Finding[]): string {
  const listed = errors.slice(0, LISTED_FINDINGS).map((f) => `${f.rule} at ${f.field} (${f.message})`);
  const more = errors.length > LISTED_FINDINGS ? `; and ${errors.length - LISTED_FINDINGS} more` : '';
  return `Job ${jobName} was not created: the rules found ${errors.length} error(s): ${listed.join('; ')}${more}`;
}
