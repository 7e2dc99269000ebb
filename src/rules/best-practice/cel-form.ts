/**
 * The CEL form of a best-practice rule, for the generated ValidatingAdmissionPolicy (src/admission/).
 * It sits in a `*.cel.ts` file beside the rule's TypeScript check, keyed by the rule's own id, and a
 * differential test runs both over the same corpus, so the two cannot drift apart unnoticed.
 *
 * Expressions read the object as the API server shows it to admission (decoded, defaulted and
 * validated), through the policy's variables below; they use only CEL that Kubernetes 1.30 offers
 * (optional fields, the strings extension, regexes in the RE2 ∩ JavaScript subset).
 */

/** The policy's `variables`, by the name expressions use (each defined per kind by the generator). */
export const CEL = {
  /** The JobSpec: `object.spec` of a Job, `object.spec.jobTemplate.spec` of a CronJob. */
  jobSpec: 'variables.jobSpec',
  /** The pod spec of the JobSpec's template. */
  podSpec: 'variables.podSpec',
  /** Containers and init containers: the ones that run with resources. */
  containers: 'variables.containers',
  /** Containers, init containers and ephemeral containers. */
  allContainers: 'variables.allContainers',
  /** The labels the Job (each Job of a CronJob) ends up with. */
  jobLabels: 'variables.jobLabels',
} as const;

export interface CelForm {
  /** A CEL boolean that is true when the object breaks the rule. */
  readonly violation: string;
  /** What to do about it, for the policy's message (the TypeScript check's fix may name values CEL cannot work out). */
  readonly fix: string;
}

/** CEL forms by rule id. */
export type CelForms = Readonly<Record<string, CelForm>>;

/** A CEL string literal. */
export function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** True when `container` (a CEL expression) sets `resources.<section>[<resource>]` to a quantity. */
export function celHasQuantity(container: string, section: 'requests' | 'limits', resource: string): string {
  return `${container}.?resources.?${section}[?${celString(resource)}].orValue('') != ''`;
}
