/**
 * The best-practice rules as ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1) and
 * their bindings: pure functions from options to plain objects. One policy per kind and binding
 * action, so rule levels map onto actions: with `deny`, error-level rules go to a Deny policy and
 * the rest stay Warn; without it, every rule warns (and is audited).
 *
 * Safe by default: CREATE only (a suspend patch, a finalizer or an owner-reference update is never
 * checked), Jobs a CronJob owns are left out (their CronJob was checked), failurePolicy Ignore (an
 * expression that cannot be evaluated never blocks), suppression annotations honoured unless a
 * cluster admin turns that off.
 */
import { CEL, CelForm, celString } from '../rules/best-practice/cel-form';
import { celFormOf, whyNoCelForm } from '../rules/best-practice/cel-forms';
import { formatVersion, KubernetesVersion } from '../rules/kubernetes-version';
import { policyLevel, RuleLevel, RulePolicy, suppressionKeys } from '../rules/policy';
import { ALL_RULES, resolveKubernetesVersion } from '../rules/registry';
import { BatchKind, Rule, RuleOrigin } from '../rules/rule';
import { dns1123SubdomainProblems, labelValueProblems, qualifiedNameProblems } from '../rules/support/names';
import { OLDEST_ADMISSION_POLICY_MINOR, unavailableCelFeatures } from './cel-features';

export interface AdmissionPolicyOptions {
  /** The release the policies are for, e.g. "1.30" (1.30 or later). @default "1.35" */
  readonly kubernetesVersion?: string;
  /** Rule levels, as in BatchPolicy: off leaves a rule out, error makes it Deny when `deny` is set. */
  readonly policy?: RulePolicy;
  /** Bind error-level rules with Deny instead of Warn. @default false */
  readonly deny?: boolean;
  /** Let `cdk8s-batch.io/suppress-<rule-id>` annotations with a reason exempt an object. @default true */
  readonly honourSuppressions?: boolean;
  /** Only namespaces with these labels. @default - every namespace */
  readonly namespaceLabels?: { readonly [name: string]: string };
  /** Prefix of the policy and binding names. @default "cdk8s-batch" */
  readonly namePrefix?: string;
}

/** A best-practice rule the policies cannot carry, and why. */
export interface NotCarriedRule {
  readonly id: string;
  readonly reason: string;
}

/** A ValidatingAdmissionPolicy or its binding, as plain JSON. */
export interface AdmissionManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  readonly spec: Record<string, unknown>;
}

export interface AdmissionPolicies {
  /** ValidatingAdmissionPolicy and binding objects, each policy followed by its binding. */
  readonly manifests: AdmissionManifest[];
  /** The rules carried, in rule order. */
  readonly carried: readonly string[];
  /** Best-practice rules left out because CEL cannot express them (not those turned off by the policy). */
  readonly notCarried: readonly NotCarriedRule[];
}

const RESOURCES: Readonly<Record<BatchKind, string>> = { Job: 'jobs', CronJob: 'cronjobs' };

/** The policy variables per kind (CEL's names, cel-form.ts); later ones may use earlier ones. */
function variablesFor(kind: BatchKind): { name: string; expression: string }[] {
  const jobSpec = kind === 'Job' ? 'object.spec' : 'object.spec.jobTemplate.spec';
  const jobLabels =
    kind === 'Job'
      ? 'object.metadata.?labels.orValue({})'
      : `object.spec.jobTemplate.?metadata.?labels.orValue({}).size() > 0 ? object.spec.jobTemplate.metadata.labels : ${CEL.jobSpec}.template.?metadata.?labels.orValue({})`;
  const expressions: Record<keyof typeof CEL, string> = {
    jobSpec,
    podSpec: `${CEL.jobSpec}.template.spec`,
    containers: `${CEL.podSpec}.?containers.orValue([]) + ${CEL.podSpec}.?initContainers.orValue([])`,
    allContainers: `${CEL.containers} + ${CEL.podSpec}.?ephemeralContainers.orValue([])`,
    jobLabels,
  };
  return Object.entries(expressions).map(([key, expression]) => ({
    name: CEL[key as keyof typeof CEL].slice('variables.'.length),
    expression,
  }));
}

/** Jobs a CronJob created: their CronJob's template was checked. */
const NOT_OWNED_BY_CRONJOB = {
  name: 'not-created-by-a-cronjob',
  expression:
    "!object.metadata.?ownerReferences.orValue([]).exists(r, r.kind == 'CronJob' && r.apiVersion.startsWith('batch/'))",
};

/** The validation for one rule: passes when suppressed (if honoured) or not broken. */
export function ruleValidation(rule: Rule, form: CelForm, honourSuppressions: boolean): Record<string, string> {
  const allowed = `!(${form.violation})`;
  const suppressed = suppressionKeys(rule)
    .map((key) => `object.metadata.?annotations[?${celString(key)}].orValue('').trim() != ''`)
    .join(' || ');
  const text = `${rule.id}: ${rule.summary} Fix: ${form.fix}`;
  return {
    expression: honourSuppressions ? `${suppressed} || ${allowed}` : allowed,
    message: text,
    messageExpression: `object.kind + ' ' + object.metadata.?name.orValue(object.metadata.?generateName.orValue('')) + ' breaks ' + ${celString(text)}`,
    reason: 'Invalid',
  };
}

interface PolicyGroup {
  readonly kind: BatchKind;
  readonly deny: boolean;
  readonly rules: readonly { rule: Rule; form: CelForm }[];
}

function policyName(prefix: string, group: PolicyGroup): string {
  return `${prefix}-${RESOURCES[group.kind]}${group.deny ? '-deny' : ''}`;
}

function policyObject(name: string, group: PolicyGroup, options: AdmissionPolicyOptions): AdmissionManifest {
  const honour = options.honourSuppressions ?? true;
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      failurePolicy: 'Ignore',
      matchConstraints: {
        resourceRules: [
          { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE'], resources: [RESOURCES[group.kind]] },
        ],
      },
      ...(group.kind === 'Job' ? { matchConditions: [NOT_OWNED_BY_CRONJOB] } : {}),
      variables: variablesFor(group.kind),
      validations: group.rules.map(({ rule, form }) => ruleValidation(rule, form, honour)),
    },
  };
}

function bindingObject(name: string, group: PolicyGroup, options: AdmissionPolicyOptions): AdmissionManifest {
  const labels = options.namespaceLabels;
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: {
      policyName: name,
      validationActions: group.deny ? ['Deny', 'Audit'] : ['Warn', 'Audit'],
      ...(labels && Object.keys(labels).length > 0
        ? { matchResources: { namespaceSelector: { matchLabels: { ...labels } } } }
        : {}),
    },
  };
}

/** Every `expression` and `messageExpression` in a policy's JSON. */
export function celExpressionsIn(json: string): string[] {
  return [...json.matchAll(/"(?:expression|messageExpression)":("(?:[^"\\]|\\.)*")/g)].map(
    (m) => JSON.parse(m[1]) as string,
  );
}

/** Throws when an expression uses CEL the target release lacks: a bug in a CEL form, never a user mistake. */
function checkFeatures(policyJson: string, version: KubernetesVersion): void {
  for (const expression of celExpressionsIn(policyJson)) {
    const missing = unavailableCelFeatures(expression, version);
    if (missing.length > 0)
      throw new Error(
        `CEL for Kubernetes ${formatVersion(version)} uses ${missing.map((f) => f.name).join(', ')}: ${expression}`,
      );
  }
}

/** The version option read and checked: a release that has ValidatingAdmissionPolicy v1. */
export function admissionPolicyVersion(text: string | undefined): KubernetesVersion {
  const version = resolveKubernetesVersion(text);
  if (version.major === 1 && version.minor < OLDEST_ADMISSION_POLICY_MINOR)
    throw new Error(
      `ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) needs Kubernetes 1.${OLDEST_ADMISSION_POLICY_MINOR} or later, not ${formatVersion(version)}`,
    );
  return version;
}

/** The policies and bindings for the best-practice rules, and the rules they cannot carry. */
export function batchAdmissionPolicies(options: AdmissionPolicyOptions = {}): AdmissionPolicies {
  const version = admissionPolicyVersion(options.kubernetesVersion);
  const prefix = options.namePrefix ?? 'cdk8s-batch';
  const bestPractice = ALL_RULES.filter((r) => r.origin === RuleOrigin.BEST_PRACTICE);
  const notCarried = bestPractice.flatMap((rule) =>
    celFormOf(rule) ? [] : [{ id: rule.id, reason: whyNoCelForm(rule) ?? 'no CEL form has been written for it' }],
  );
  const active = bestPractice.flatMap((rule) => {
    const form = celFormOf(rule);
    const level = policyLevel(rule, options.policy?.rules);
    return form && level !== RuleLevel.OFF
      ? [{ rule, form, deny: options.deny === true && level === RuleLevel.ERROR }]
      : [];
  });
  const manifests: AdmissionManifest[] = [];
  for (const kind of ['Job', 'CronJob'] as const) {
    for (const deny of [false, true]) {
      const rules = active.filter((a) => a.rule.kinds.includes(kind) && a.deny === deny);
      if (rules.length === 0) continue;
      const group: PolicyGroup = { kind, deny, rules };
      const name = policyName(prefix, group);
      const policy = policyObject(name, group, options);
      checkFeatures(JSON.stringify(policy.spec), version);
      manifests.push(policy, bindingObject(name, group, options));
    }
  }
  return { manifests, carried: [...new Set(active.map((a) => a.rule.id))], notCarried };
}

/**
 * What the API server would refuse in `policies` because of the options they were made with: a
 * policy or binding name the prefix makes invalid (not a DNS-1123 subdomain: empty, too long,
 * capitals), a namespace label key or value matchLabels refuses. Names are checked whole, with the
 * suffixes this module adds (`-jobs`, `-cronjobs-deny`). Empty when nothing would be refused.
 */
export function admissionOptionProblems(options: AdmissionPolicyOptions, policies: AdmissionPolicies): string[] {
  const refused = (subject: string, problems: readonly string[]) =>
    problems.length > 0 ? [`${subject} is refused by the API server: ${problems.join('; ')}`] : [];
  const names = [...new Set(policies.manifests.map((m) => m.metadata.name))];
  return [
    ...names.flatMap((name) =>
      refused(
        `the name prefix ${JSON.stringify(options.namePrefix ?? '')} gives the name ${JSON.stringify(name)}, which`,
        dns1123SubdomainProblems(name),
      ),
    ),
    ...Object.entries(options.namespaceLabels ?? {}).flatMap(([key, value]) => [
      ...refused(`the namespace label key ${JSON.stringify(key)}`, qualifiedNameProblems(key)),
      ...refused(`the namespace label value ${JSON.stringify(value)}`, labelValueProblems(value)),
    ]),
  ];
}
