/**
 * The identifier grammars of k8s.io/apimachinery/pkg/util/validation, as problem lists: an empty
 * list means valid. Each problem is one short sentence in the API server's own terms, so a finding
 * can quote it. Regular expressions are compiled once.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_WITH_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const QUALIFIED_NAME_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;

const LABEL_SHAPE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN_SHAPE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const NAME_SHAPE =
  "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function maxLength(max: number): string {
  return `must be no more than ${max} characters`;
}

/** IsDNS1123Label: at most 63 characters of `[a-z0-9-]`, alphanumeric at both ends. */
export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) problems.push(maxLength(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL.test(value)) problems.push(LABEL_SHAPE);
  return problems;
}

/** IsDNS1123Subdomain: at most 253 characters, dot-separated DNS labels. */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN.test(value)) problems.push(SUBDOMAIN_SHAPE);
  return problems;
}

/**
 * IsDNS1123SubdomainWithUnderscore (pod DNS search domains under RelaxedDNSSearchValidation): a
 * subdomain whose labels may also hold "_" inside and start with one "_", e.g. "_sip._tcp.example.com".
 */
export function dns1123SubdomainWithUnderscoreProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_WITH_UNDERSCORE.test(value))
    problems.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character",
    );
  return problems;
}

/**
 * IsQualifiedName: `[prefix/]name`, where the optional prefix is a DNS-1123 subdomain and the
 * name at most 63 characters of `[A-Za-z0-9-_.]` with alphanumeric ends. Label keys, annotation
 * keys and pod condition types use it.
 */
export function qualifiedNameProblems(value: string): string[] {
  const parts = value.split('/');
  let name: string;
  const problems: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else for (const p of dns1123SubdomainProblems(prefix)) problems.push(`prefix part ${p}`);
  } else {
    return [
      `a qualified name must ${NAME_SHAPE}, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) {
    problems.push('name part must be non-empty');
  } else {
    if (name.length > QUALIFIED_NAME_MAX_LENGTH) problems.push(`name part ${maxLength(QUALIFIED_NAME_MAX_LENGTH)}`);
    if (!QUALIFIED_NAME.test(name)) problems.push(`name part must ${NAME_SHAPE}`);
  }
  return problems;
}

/** IsValidLabelValue: empty, or at most 63 characters of `[A-Za-z0-9-_.]` with alphanumeric ends. */
export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) problems.push(maxLength(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE.test(value)) problems.push(`a valid label must be an empty string or ${NAME_SHAPE}`);
  return problems;
}

/**
 * IsDomainPrefixedPath (used for Job `managedBy`): `<DNS-1123 subdomain>/<HTTP path>`, both
 * parts non-empty, e.g. `acme.io/foo`.
 */
export function domainPrefixedPathProblems(value: string): string[] {
  if (value.length === 0) return ['Required value'];
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return ['must be a domain-prefixed path (such as "acme.io/foo")'];
  const problems = dns1123SubdomainProblems(value.slice(0, slash)).map((p) => `domain ${p}`);
  if (!HTTP_PATH.test(value.slice(slash + 1))) {
    problems.push("path may contain only letters, digits and the characters /-._~%!$&'()*+,;=:");
  }
  return problems;
}

/**
 * The API server's check of a name prefix (generateName): a trailing '-' is masked before the
 * subdomain check, because random characters will follow it (apimachinery's maskTrailingDash,
 * which replaces the last two characters with "a"). envFrom's ConfigMap and Secret names are
 * checked the same way (ValidateConfigMapName and ValidateSecretName with prefix true).
 */
export function generateNamePrefixProblems(prefix: string): string[] {
  const masked = prefix.length > 1 && prefix.endsWith('-') ? `${prefix.slice(0, -2)}a` : prefix;
  return dns1123SubdomainProblems(masked);
}

/** True when `text` has a C0 control character (U+0000 to U+001F) or DEL (U+007F): Go's [[:cntrl:]]. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}
