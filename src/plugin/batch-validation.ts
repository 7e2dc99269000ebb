/**
 * cdk8s-batch's rules as a cdk8s validation plugin, for any cdk8s app (with or without our
 * constructs): `cdk8s synth` runs it on every manifest it wrote, and fails when a Job or CronJob
 * has an error finding. Configured in cdk8s.yaml:
 *
 *   validations:
 *     - package: cdk8s-batch
 *       version: 0.1.0
 *       class: BatchValidation
 *       properties: { kubernetesVersion: "1.30", rules: { <rule-id>: error } }
 */
import { describeProblem, ManifestDocument, ManifestProblem } from '../manifests/document';
import { lintDocuments } from '../manifests/lint';
import { checkPolicyDocument } from '../manifests/policy-document';
import { readManifestFile } from '../manifests/read';
import {
  DEFAULT_KUBERNETES_VERSION,
  formatVersion,
  parseKubernetesVersion,
  SUPPORTED_VERSIONS_TEXT,
} from '../rules/kubernetes-version';
import { RuleLevel } from '../rules/policy';
import { ValidateOptions } from '../rules/registry';
import { IValidationContext } from './cdk8s-validation';
import { reportStatus, reportSummary, violationsFor } from './violations';

/** The plugin's `properties` in cdk8s.yaml. */
export interface BatchValidationProps {
  /**
   * The Kubernetes release whose API rules and fields apply, e.g. "1.30" (quoted: YAML reads an
   * unquoted 1.30 as the number 1.3). A newer minor than the library knows is checked as the newest known.
   * @default - the oldest release upstream supports when this package is released (DEFAULT_KUBERNETES_VERSION, "1.35")
   */
  readonly kubernetesVersion?: string;
  /**
   * Levels for best-practice rules, exactly as in a `cdk8s-batch lint --policy` file:
   * `{ <rule-id>: error | warning | off }`.
   * @default - API-server rules are errors, best-practice rules warnings
   */
  readonly rules?: { [ruleId: string]: RuleLevel };
}

type Setup =
  { readonly options: ValidateOptions & { readonly kubernetesVersion: string } } | { readonly problem: string };

/**
 * A cdk8s validation plugin (cdk8s-cli's `Validation` interface) running every cdk8s-batch rule
 * on the Jobs and CronJobs of the synthesized manifests. Error findings fail the report and so
 * the synth; warnings are listed but do not fail it.
 */
export class BatchValidation {
  private readonly setup: Setup;

  public constructor(props: BatchValidationProps = {}) {
    // cdk8s-cli builds the plugin from cdk8s.yaml, where anything can be written; a mistake is
    // reported by validate(), because an exception here would reach the user as a stack trace.
    this.setup = checkProperties(props);
  }

  /** Checks every manifest and submits the report. Never throws for a user mistake. */
  public async validate(context: IValidationContext): Promise<void> {
    // The check is synchronous; any unexpected error still reaches cdk8s as a rejection.
    this.check(context);
    return Promise.resolve();
  }

  private check(context: IValidationContext): void {
    if ('problem' in this.setup) {
      context.logger.log(`cdk8s-batch: invalid plugin properties in cdk8s.yaml: ${this.setup.problem}`);
      context.report.submit('failure', { 'Invalid properties': this.setup.problem });
      return;
    }
    const documents: ManifestDocument[] = [];
    const problems: ManifestProblem[] = [];
    for (const manifest of context.manifests) {
      const read = readManifestFile(manifest);
      if ('problem' in read) {
        problems.push(read.problem);
        context.logger.log(`cdk8s-batch: cannot read ${describeProblem(read.problem)}`);
      } else {
        documents.push(...read.documents);
      }
    }
    const { objects } = lintDocuments(documents, this.setup.options);
    for (const violation of violationsFor(objects)) context.report.addViolation(violation);
    context.report.submit(
      reportStatus(objects, problems),
      reportSummary(objects, problems, this.setup.options.kubernetesVersion),
    );
  }
}

/** The properties as validation options, or one line naming every mistake in them. */
function checkProperties(props: unknown): Setup {
  if (typeof props !== 'object' || props === null || Array.isArray(props))
    return { problem: 'properties must be a mapping' };
  const { kubernetesVersion, rules, ...rest } = props as Record<string, unknown>;
  const problems: string[] = [];
  const extra = Object.keys(rest);
  if (extra.length > 0)
    problems.push(
      `unknown ${extra.length === 1 ? 'property' : 'properties'} ${extra.map((k) => `"${k}"`).join(', ')} (use kubernetesVersion and rules)`,
    );
  let version = DEFAULT_KUBERNETES_VERSION;
  if (kubernetesVersion !== undefined) {
    const parsed = typeof kubernetesVersion === 'string' ? parseKubernetesVersion(kubernetesVersion) : undefined;
    if (parsed) version = formatVersion(parsed);
    else problems.push(kubernetesVersionProblem(kubernetesVersion));
  }
  const policy = checkPolicyDocument({ rules });
  if ('problem' in policy) problems.push(policy.problem);
  if (problems.length > 0 || 'problem' in policy) return { problem: problems.join('; ') };
  return { options: { kubernetesVersion: version, policy: policy.policy } };
}

function kubernetesVersionProblem(value: unknown): string {
  const range = `${SUPPORTED_VERSIONS_TEXT} written as a string, e.g. "${DEFAULT_KUBERNETES_VERSION}"`;
  if (typeof value === 'number')
    return `kubernetesVersion must be ${range}, not the number ${value} (quote it: YAML reads an unquoted 1.30 as 1.3)`;
  return `kubernetesVersion must be ${range}, not ${JSON.stringify(value)}`;
}
