/**
 * Synth-time validation of what a batch construct will emit: the ApiObject's final JSON (after
 * every escape hatch: JSON patches, metadata added later, chart labels) goes through
 * `validateBatchObject`, the function `cdk8s-batch lint` uses, with the policy in force at the
 * construct. Errors become the construct's validation errors, so cdk8s's `App.synth()` fails once
 * listing every error of every construct as `[construct path] field: message [rule id] Fix: ...`.
 * Warnings are printed to stderr, not returned: once per synth (a construct's warnings are printed
 * again only when they change), in construct order.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Finding, Severity } from '../rules/finding';
import { parseKubernetesVersion } from '../rules/kubernetes-version';
import { validateBatchObject } from '../rules/registry';
import { BatchPolicy } from './batch-policy';
import { oncePerSynth } from './synth-scope';

/** The id of the finding reported when the construct cannot even render its manifest. */
export const RENDER_FAILED_RULE = 'construct-render-failed';

/** The warnings last printed per construct, so repeated validation passes print them once. */
const printedWarnings = new WeakMap<IConstruct, string>();

/**
 * The instant look-ahead rules start from: the start of the current UTC day, fixed for the
 * process, so every construct sees the same instant and schedule analyses are shared.
 */
let validationInstant: number | undefined;
function now(): number {
  if (validationInstant === undefined) {
    const ms = Date.now();
    validationInstant = ms - (ms % 86_400_000);
  }
  return validationInstant;
}

/** One finding as a line of a synth error or warning. */
export function formatFinding(finding: Finding): string {
  return `${finding.field}: ${finding.message} [${finding.rule}] Fix: ${finding.fix}`;
}

/**
 * The validation errors of `construct`, whose manifest is `apiObject`; warnings are printed.
 * `batchObjectOf` turns the manifest into the batch/v1 object the rules check: the manifest itself
 * for a Job or CronJob; for a kind that wraps a JobSpec (a KEDA ScaledJob), the Job it will create.
 */
export function renderedObjectErrors(
  construct: IConstruct,
  apiObject: ApiObject,
  batchObjectOf: (manifest: any) => unknown = (manifest) => manifest,
): string[] {
  return oncePerSynth(construct, () => checkRenderedObject(construct, apiObject, batchObjectOf));
}

function checkRenderedObject(
  construct: IConstruct,
  apiObject: ApiObject,
  batchObjectOf: (manifest: any) => unknown,
): string[] {
  const policy = BatchPolicy.of(construct);
  // An unsupported release is reported once, by the BatchPolicy construct that names it.
  if (!parseKubernetesVersion(policy.kubernetesVersion)) return [];
  let object: unknown;
  try {
    object = batchObjectOf(apiObject.toJson());
  } catch (error) {
    return [renderFailure(error)];
  }
  const findings = validateBatchObject(object, {
    kubernetesVersion: policy.kubernetesVersion,
    policy: { rules: policy.rules },
    now: now(),
  });
  if (policy.printWarnings)
    printWarnings(
      construct,
      findings.filter((f) => f.severity === Severity.WARNING),
    );
  return findings.filter((f) => f.severity === Severity.ERROR).map(formatFinding);
}

function printWarnings(construct: IConstruct, warnings: readonly Finding[]): void {
  const text = warnings.map((f) => `cdk8s-batch warning: [${construct.node.path}] ${formatFinding(f)}\n`).join('');
  if (printedWarnings.get(construct) === text) return;
  printedWarnings.set(construct, text);
  process.stderr.write(text);
}

/** cdk8s wraps render errors as "Failed serializing construct at path ... : Error: <reason>"; keep the reason. */
function renderFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const reason = text.replace(/^Failed serializing construct at path '[^']*' with name '[^']*': (Error: )?/, '');
  return `(manifest): could not render the manifest: ${reason} [${RENDER_FAILED_RULE}] Fix: correct the construct's props or the escape hatch named in the reason (for example add a container, or patch a path that exists).`;
}
