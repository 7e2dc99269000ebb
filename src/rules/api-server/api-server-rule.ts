/**
 * What every API-server rule shares: its origin (always an error, never suppressible) and the
 * parts of a Job or CronJob most rules read. Readers never throw: a missing or wrongly typed part
 * reads as an empty object.
 */
import { fieldOf, objectOf, stringOf } from '../support/access';
import { BatchKind, Rule, RuleInput, RuleOrigin } from '../rule';

/** The parts of a rule an author writes; the origin is always API_SERVER. */
export type ApiServerRuleDefinition = Omit<Rule, 'origin'>;

export function apiServerRule(definition: ApiServerRuleDefinition): Rule {
  return { ...definition, origin: RuleOrigin.API_SERVER };
}

export const BOTH_KINDS: readonly BatchKind[] = ['Job', 'CronJob'];
export const JOB_ONLY: readonly BatchKind[] = ['Job'];
export const CRON_JOB_ONLY: readonly BatchKind[] = ['CronJob'];

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** The JobSpec as the API server validates it (defaulted; see defaults.ts). */
export function jobSpecOf(input: RuleInput): Readonly<Record<string, unknown>> {
  return objectOf(input.jobSpec) ?? EMPTY;
}

/** The JobSpec as written, before defaulting. */
export function writtenJobSpecOf(input: RuleInput): Readonly<Record<string, unknown>> {
  return objectOf(input.writtenJobSpec) ?? EMPTY;
}

/** The defaulted pod template (`<jobSpecPath>.template`). */
export function podTemplateOf(input: RuleInput): Readonly<Record<string, unknown>> {
  return objectOf(jobSpecOf(input).template) ?? EMPTY;
}

/** The defaulted pod spec (`<jobSpecPath>.template.spec`). */
export function podSpecOf(input: RuleInput): Readonly<Record<string, unknown>> {
  return objectOf(podTemplateOf(input).spec) ?? EMPTY;
}

/** The object's metadata as written. */
export function metadataOf(input: RuleInput): Readonly<Record<string, unknown>> {
  return objectOf(fieldOf(input.object, 'metadata')) ?? EMPTY;
}

/** The CronJob spec after defaulting (empty for a Job). */
export function cronJobSpecOf(input: RuleInput): Readonly<Record<string, unknown>> {
  return input.kind === 'CronJob' ? (objectOf(fieldOf(input.defaulted, 'spec')) ?? EMPTY) : EMPTY;
}

/** True when the JobSpec's completion mode is Indexed. */
export function isIndexed(spec: Readonly<Record<string, unknown>>): boolean {
  return spec.completionMode === 'Indexed';
}

/** The API server appends five random characters to generateName (after cutting it to 58). */
const GENERATED_NAME_PREFIX_MAX = 58;
const GENERATED_SUFFIX_STAND_IN = 'xxxxx';

/**
 * The name the object will have: `metadata.name`, or for a `generateName` the prefix with five
 * stand-in characters, which is what length limits see. Undefined when neither is set.
 */
export function effectiveNameOf(input: RuleInput): { readonly name: string; readonly generated: boolean } | undefined {
  const metadata = metadataOf(input);
  const name = stringOf(metadata.name);
  if (name) return { name, generated: false };
  const prefix = stringOf(metadata.generateName);
  if (prefix) return { name: prefix.slice(0, GENERATED_NAME_PREFIX_MAX) + GENERATED_SUFFIX_STAND_IN, generated: true };
  return undefined;
}
