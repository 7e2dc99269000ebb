/**
 * Paths inside a volume, as the API server checks them for the files a ConfigMap, Secret, downward
 * API or projected volume writes (ValidateLocalNonReservedPath): relative, no ".." element, and
 * not starting with ".." (the kubelet keeps its own "..data" entries there). Empty is left to the
 * caller, which reports it as required.
 */

/** The problems of a file path inside a volume, in the API server's words; empty when it is fine. */
export function localFilePathProblems(path: string): string[] {
  if (path === '') return [];
  let problems: string[] | undefined;
  if (path.startsWith('/')) problems = ['must be a relative path'];
  if (path.includes('..')) {
    if (path.split('/').includes('..')) (problems ??= []).push("must not contain '..'");
    if (path.startsWith('..') && !path.startsWith('../')) (problems ??= []).push("must not start with '..'");
  }
  return problems ?? [];
}

/** True when a path names no ".." element (validatePathNoBacksteps). */
export function hasNoBacksteps(path: string): boolean {
  return !path.includes('..') || !path.split('/').includes('..');
}

/** validateLocalDescendingPath (sub-paths, gitRepo directories, seccomp localhost profiles): relative, no ".." element. */
export function descendingPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'must be a relative path';
  if (!hasNoBacksteps(path)) return "must not contain '..'";
  return undefined;
}
