/**
 * CEL features of the Kubernetes admission environment by the release that brought them
 * (kubernetes staging/src/k8s.io/apiserver/pkg/cel/environment/base.go; docs/research/admission-policy.md).
 * A generated policy may use only what its target release has; the generator checks every
 * expression it emits against this table.
 */
import { KubernetesVersion } from '../rules/kubernetes-version';

/** ValidatingAdmissionPolicy is GA (admissionregistration.k8s.io/v1, with variables) from this minor. */
export const OLDEST_ADMISSION_POLICY_MINOR = 30;

export interface CelFeature {
  readonly name: string;
  /** The first minor release whose admission environment has it; undefined: none has. */
  readonly since: number | undefined;
  /** Finds a use of it in an expression's text. */
  readonly pattern: RegExp;
}

export const CEL_FEATURES: readonly CelFeature[] = [
  { name: 'optional field and index selection (.? and [?])', since: 29, pattern: /\.\?|\[\?/ },
  { name: 'the sets library', since: 30, pattern: /\bsets\./ },
  { name: 'IP and CIDR', since: 31, pattern: /\b(?:ip|cidr)\(|\.isIP\(|\.isCIDR\(/ },
  { name: 'string format()', since: 32, pattern: /\.format\(/ },
  {
    name: 'two-variable comprehensions',
    since: 33,
    pattern: /\.(?:all|exists|existsOne|transformList|transformMap)\(\s*\w+\s*,\s*\w+\s*,/,
  },
  { name: 'semver', since: 34, pattern: /\bsemver\(|\.isSemver\(/ },
  { name: 'cel.bind (ext.Bindings is not in the environment)', since: undefined, pattern: /\bcel\.bind\(/ },
];

/** The features `expression` uses that `version`'s admission environment lacks. */
export function unavailableCelFeatures(expression: string, version: KubernetesVersion): CelFeature[] {
  return CEL_FEATURES.filter(
    (f) => f.pattern.test(expression) && (f.since === undefined || version.major !== 1 || version.minor < f.since),
  );
}
