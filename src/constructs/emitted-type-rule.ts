/**
 * The rule reported when the emitted object is not of the construct's own apiVersion and kind: an
 * escape hatch (`addJsonPatch(JsonPatch.replace('/kind', 'Pod'))`) changed them. Left alone, the
 * object would fall outside every Job rule and reach the cluster as something the construct never
 * promised; so it is an error, and the rest of validation judges the object as the construct's
 * own kind anyway.
 */
import { ConstructRule } from '../rules/construct-rule';
import { RuleOrigin, Violation } from '../rules/rule';

/** An object's type: its apiVersion and kind. */
export interface ObjectType {
  readonly apiVersion: unknown;
  readonly kind: unknown;
}

/** The construct's own type, and the one its manifest has after every escape hatch. */
export interface EmittedType {
  readonly own: ObjectType;
  readonly emitted: ObjectType;
}

export const EMITTED_TYPE_RULE: ConstructRule<EmittedType> = {
  id: 'construct-kind-changed',
  origin: RuleOrigin.CONSTRUCT,
  constructs: ['every batch construct'],
  summary:
    "The emitted object's apiVersion or kind is not the construct's own (an escape hatch changed it), which would take it out of every rule for its kind.",
  check: ({ own, emitted }) =>
    (['apiVersion', 'kind'] as const)
      .filter((field) => emitted[field] !== own[field])
      .map((field): Violation => ({
        field,
        message: `the manifest's ${field} is ${JSON.stringify(emitted[field]) ?? 'missing'}, but this construct emits ${JSON.stringify(own[field])}: an escape hatch changed it, and the object would no longer be what the construct promises nor be checked as one.`,
        fix: `remove the JSON patch or override that sets ${field}; to emit another kind, use the construct made for it.`,
      })),
};

/** `manifest` with the construct's own apiVersion and kind, so the rules judge it as what it claims to be. */
export function withOwnType(manifest: object, own: ObjectType): Record<string, unknown> {
  return { ...manifest, apiVersion: own.apiVersion, kind: own.kind };
}
