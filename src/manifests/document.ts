/**
 * What reading a manifest file produces: its documents with their positions, or the reason the
 * file could not be read. Shared by `cdk8s-batch lint` and the cdk8s validation plugin.
 */

/** One YAML or JSON document of a manifest file. */
export interface ManifestDocument {
  /** The file as it was named (a path, or `<stdin>`). */
  readonly file: string;
  /** 0-based position of the document in its file, counting every document of a YAML stream. */
  readonly index: number;
  /** 1-based line where the document's content starts. */
  readonly line: number;
  /** The document as plain data: null for an empty document. */
  readonly value: unknown;
  /**
   * Keys a mapping of the document repeats. kubectl accepts them and keeps the last value, and so
   * does `value`; the earlier values never apply, which is worth a warning.
   * @default - none
   */
  readonly duplicateKeys?: readonly DuplicateKey[];
}

/** A key a YAML mapping repeats, where it is repeated (1-based). */
export interface DuplicateKey {
  /** The key: a plain key's value, a complex key as YAML ('' when it cannot be told). */
  readonly key: string;
  readonly line: number;
  readonly column: number;
}

/** Why a file could not be read; line and column (1-based) when the problem has a position. */
export interface ManifestProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly reason: string;
}

/** A file's documents, or the one reason it could not be read (a file is read whole or not at all). */
export type ManifestReadResult = { readonly documents: ManifestDocument[] } | { readonly problem: ManifestProblem };

/** The name standard input goes by in findings and messages. */
export const STDIN_NAME = '<stdin>';

/** `file:line:column: reason`, the way compilers point at a place. */
export function describeProblem(problem: ManifestProblem): string {
  const line =
    problem.line === undefined ? '' : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return `${problem.file}${line}: ${problem.reason}`;
}
