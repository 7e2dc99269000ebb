/**
 * Synth-time validation of what a batch construct will emit: the ApiObject's final JSON (after
 * every escape hatch: JSON patches, metadata added later, chart labels) goes through
 * `validateBatchObject`, the function `cdk8s-batch lint` uses, with the policy in force at the
 * construct; the construct's own rules (construct-rule.ts) judge its props in the same pass, under
 * the same policy and suppressions. Errors become the construct's validation errors, so cdk8s's
 * `App.synth()` fails once listing every error of every construct as
 * `[construct path] field: message [rule id] Fix: ...`. Warnings are printed to stderr, not
 * returned: once per synth (a construct's warnings are printed again only when they change), in
 * construct order.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkConstructRules, ConstructRule, ConstructRuleContext } from '../rules/construct-rule';
import { Finding, Severity } from '../rules/finding';
import { parseKubernetesVersion } from '../rules/kubernetes-version';
import { validateBatchObject, ValidateOptions } from '../rules/registry';
import { Rule } from '../rules/rule';
import { BatchPolicy, EffectiveBatchPolicy } from './batch-policy';
import { EMITTED_TYPE_RULE, withOwnType } from './emitted-type-rule';
import { ManifestJson, renderedManifest } from './manifest-json';
import { RENDER_FAILED_RULE } from './render-failure-rule';
import { inSynthScope, oncePerSynth } from './synth-scope';

/** The warnings last printed per validation (keyed by its construct, or its own key), so repeated passes print them once. */
const printedWarnings = new WeakMap<object, string>();
/** The note last printed per construct. */
const printedNotes = new WeakMap<object, string>();

/**
 * The instant look-ahead rules start from: the start of the current UTC day, fixed for the
 * process, so every construct sees the same instant and schedule analyses are shared.
 */
let validationInstant: number | undefined;
export function validationNow(): number {
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

/** What synth-time validation needs to know about a batch construct besides its manifest. */
export interface RenderedObjectChecks {
  /**
   * Turns the manifest into the batch/v1 object the rules check: the manifest itself for a Job or
   * CronJob; for a kind that wraps a JobSpec (a KEDA ScaledJob), the Job it will create.
   */
  readonly batchObjectOf: (manifest: ManifestJson) => unknown;
  /**
   * Findings about the manifest that the batch object's rules cannot show (a ScheduledJob's run
   * Job), judged with the same options: release, policy and validation instant.
   */
  readonly manifestFindings: (manifest: ManifestJson, options: ValidateOptions & { readonly now: number }) => Finding[];
  /** The construct's own rules, whose suppression annotations on its manifest are therefore known. */
  readonly constructRules: readonly Pick<Rule, 'id' | 'origin'>[];
  /**
   * The findings of the construct's own rules, under its policy and the suppressions on its
   * manifest; `manifest` is what is emitted, so rules can check the construct's promises on it.
   */
  readonly constructFindings: (context: ConstructRuleContext, manifest: ManifestJson) => Finding[];
}

/** One batch construct's synth-time validation: the construct, its ApiObject and what else to check. */
interface RenderedObjectValidation {
  readonly construct: IConstruct;
  /** The construct's ApiObject (asked for at synth: a subclass creates it after the base constructor). */
  readonly apiObject: () => ApiObject;
  readonly checks: RenderedObjectChecks;
}

/** The batch constructs of each app (keyed by its root), in the order they were created. */
const validationsByApp = new WeakMap<IConstruct, RenderedObjectValidation[]>();

/**
 * Validates what `construct` emits (the manifest of `apiObject()`) at synth time: its validation
 * errors fail the synth, its warnings are printed when cdk8s validates it.
 *
 * Inside `synth()`, the first batch construct cdk8s validates validates every batch construct of
 * the app in one pass (each construct then reports its own findings when its turn comes): the
 * rules, run back to back over every object rather than between renderings, cost about a third
 * less at a few thousand objects (`npm run bench` measures synth). Nothing can change in between:
 * no user code runs between the first render and the last write of a synth (synth-scope.ts).
 * Outside a synth (`Testing.synth`, `toJson()` by hand) each construct is validated on its own.
 */
export function addRenderedObjectValidation(
  construct: IConstruct,
  apiObject: () => ApiObject,
  checks: RenderedObjectChecks,
): void {
  const root = construct.node.root;
  let validations = validationsByApp.get(root);
  if (validations === undefined) {
    validations = [];
    validationsByApp.set(root, validations);
  }
  const validation = { construct, apiObject, checks };
  validations.push(validation);
  const appValidations = validations;
  construct.node.addValidation({ validate: () => renderedObjectErrors(validation, appValidations) });
}

/** A validation's findings (none for a release the library does not support), and whether its policy prints warnings. */
interface Outcome {
  readonly findings: readonly Finding[];
  readonly printWarnings: boolean;
}

type Outcomes = Map<RenderedObjectValidation, Outcome>;

function renderedObjectErrors(
  validation: RenderedObjectValidation,
  appValidations: readonly RenderedObjectValidation[],
): string[] {
  const outcomes = inSynthScope()
    ? oncePerSynth(appValidations, () => checkRenderedObjects(appValidations))
    : undefined;
  // A construct created while the app was being synthesized is not in that pass: it is validated alone.
  const outcome = outcomes?.get(validation) ?? checkRenderedObjects([validation]).get(validation)!;
  const { construct } = validation;
  if (outcome.printWarnings) printWarnings(construct, construct, outcome.findings);
  return errorsOf(outcome.findings);
}

/** What rendering one object left for the rules: the object and how to judge it. */
interface RenderedObject {
  readonly validation: RenderedObjectValidation;
  readonly own: { readonly apiVersion: string; readonly kind: string };
  readonly emitted: ManifestJson;
  readonly manifest: ManifestJson;
  readonly object: unknown;
  readonly policy: EffectiveBatchPolicy;
  readonly options: ValidateOptions & { readonly now: number };
}

/** Renders every object, then runs the rules over all of them, then the rest of each object's checks. */
function checkRenderedObjects(validations: readonly RenderedObjectValidation[]): Outcomes {
  const outcomes: Outcomes = new Map();
  const rendered: RenderedObject[] = [];
  for (const validation of validations) {
    const render = renderObject(validation);
    if ('findings' in render) outcomes.set(validation, render);
    else rendered.push(render);
  }
  const registryFindings = rendered.map((r) => validateBatchObject(r.object, r.options));
  rendered.forEach((r, i) =>
    outcomes.set(r.validation, {
      findings: judgedFindings(r, registryFindings[i]),
      printWarnings: r.policy.printWarnings,
    }),
  );
  return outcomes;
}

/**
 * The construct's rendered object and options, or its findings when it could not be rendered; none
 * for a release the library does not support (reported once, by the BatchPolicy that names it).
 */
function renderObject(validation: RenderedObjectValidation): RenderedObject | Outcome {
  const { construct, checks } = validation;
  const policy = BatchPolicy.of(construct);
  const { printWarnings } = policy;
  if (!parseKubernetesVersion(policy.kubernetesVersion)) return { findings: [], printWarnings };
  const apiObject = validation.apiObject();
  const own = { apiVersion: apiObject.apiVersion, kind: apiObject.kind };
  try {
    const emitted = renderedManifest(apiObject);
    // An escape hatch that changed the kind is reported below; every rule still judges the object as its own kind.
    const manifest = withOwnType(emitted, own);
    const object = checks.batchObjectOf(manifest);
    const options = {
      kubernetesVersion: policy.kubernetesVersion,
      policy: { rules: policy.rules },
      now: validationNow(),
      constructRules: checks.constructRules,
    };
    return { validation, own, emitted, manifest, object, policy, options };
  } catch (error) {
    // Nothing else can be judged: the construct's own rules may need the manifest too.
    return { findings: checkConstructRules([RENDER_FAILED_RULE], { error }, { levels: policy.rules }), printWarnings };
  }
}

/** Every finding of one rendered object: its type, the registry's rules, its manifest's and its construct's. */
function judgedFindings(rendered: RenderedObject, registryFindings: readonly Finding[]): Finding[] {
  const { validation, own, emitted, manifest, options } = rendered;
  const manifestFindings = validation.checks.manifestFindings(manifest, options);
  const context = { levels: rendered.policy.rules, annotations: manifest.metadata?.annotations };
  return [
    ...checkConstructRules(
      [EMITTED_TYPE_RULE],
      { own, emitted: { apiVersion: emitted.apiVersion, kind: emitted.kind } },
      context,
    ),
    ...withoutRestated(registryFindings, manifestFindings),
    ...manifestFindings,
    ...validation.checks.constructFindings(context, manifest),
  ];
}

/**
 * The validation errors of a construct's own rules over `input`, for constructs that emit no batch
 * object (the policy applies; there is no manifest to carry suppressions); warnings are printed.
 * `key` tells this validation's printed warnings apart when a construct has several.
 */
export function constructRuleErrors<Input>(
  construct: IConstruct,
  rules: readonly ConstructRule<Input>[],
  input: Input,
  key: object = construct,
): string[] {
  const policy = BatchPolicy.of(construct);
  const findings = checkConstructRules(rules, input, { levels: policy.rules });
  if (policy.printWarnings) printWarnings(key, construct, findings);
  return errorsOf(findings);
}

/**
 * `findings` without those a construct restates about its manifest (same rule, same field): the
 * construct judged them at its own level (a queue worker makes a Kueue finding an error), so the
 * registry's copy, a warning, would report the same problem twice.
 */
function withoutRestated(findings: readonly Finding[], restated: readonly Finding[]): Finding[] {
  if (restated.length === 0) return [...findings];
  const keys = new Set(restated.map((f) => `${f.rule} ${f.field}`));
  return findings.filter((f) => !keys.has(`${f.rule} ${f.field}`));
}

function errorsOf(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity === Severity.ERROR).map(formatFinding);
}

/** Prints a one-line note about `construct` to stderr, once per construct and text. */
export function printNote(construct: IConstruct, note: string): void {
  const text = `cdk8s-batch note: [${construct.node.path}] ${note}\n`;
  if (printedNotes.get(construct) === text) return;
  printedNotes.set(construct, text);
  process.stderr.write(text);
}

function printWarnings(key: object, construct: IConstruct, findings: readonly Finding[]): void {
  const text = findings
    .filter((f) => f.severity === Severity.WARNING)
    .map((f) => `cdk8s-batch warning: [${construct.node.path}] ${formatFinding(f)}\n`)
    .join('');
  if (printedWarnings.get(key) === text) return;
  printedWarnings.set(key, text);
  // Most constructs have no warnings: an empty write still costs a trip through the stream.
  if (text !== '') process.stderr.write(text);
}
