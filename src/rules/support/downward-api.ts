/**
 * Downward API field paths with a subscript (`metadata.labels['app']`,
 * `metadata.annotations['example.com/owner']`), as fieldpath.SplitMaybeSubscriptedPath splits them
 * and validateObjectFieldSelector checks the key: a qualified name, compared in lower case for
 * annotations (whose keys are case-insensitive there).
 */
import { describeValue, stringOf } from './access';
import { qualifiedNameProblems } from './names';

/**
 * Why the API server cannot convert a fieldRef (ConvertDownwardAPIFieldLabel): an apiVersion other
 * than v1 (an empty one is defaulted to v1). Undefined when it can.
 */
export function fieldRefVersionProblem(apiVersion: unknown): string | undefined {
  const version = stringOf(apiVersion) ?? '';
  return version === '' || version === 'v1'
    ? undefined
    : `fieldRef apiVersion ${describeValue(version)} is not supported ("unsupported pod version"); it must be v1`;
}

/** The path the API server validates: ConvertDownwardAPIFieldLabel still reads the old `spec.host` as `spec.nodeName`. */
export function convertedFieldPath(fieldPath: string): string {
  return fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
}

/** `path['subscript']` split in two, or undefined for a path without a subscript. */
export function splitSubscript(fieldPath: string): { readonly path: string; readonly subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const open = fieldPath.indexOf("['");
  if (open <= 0) return undefined;
  return { path: fieldPath.slice(0, open), subscript: fieldPath.slice(open + 2, -2) };
}

/** Why a subscript cannot be read there: a path that takes none, or a key that is not a qualified name. */
export function subscriptProblem(path: string, subscript: string): string | undefined {
  if (path !== 'metadata.labels' && path !== 'metadata.annotations') return `"${path}" "does not support subscript"`;
  const problems = qualifiedNameProblems(path === 'metadata.annotations' ? subscript.toLowerCase() : subscript);
  return problems.length > 0 ? `the key "${subscript}" is not valid: ${problems.join('; ')}` : undefined;
}
