/**
 * Typed reads of untrusted JSON (a resource from the API server, or from a YAML file) that collect
 * every problem instead of stopping at the first: each read returns the value, or undefined after
 * recording a `FieldProblem` whose path is rooted at the object (`spec.backfill.from`).
 */
import { parseRfc3339 } from '../../schedule/instants';

/** What is wrong with one field, e.g. `{field: 'spec.runNowAt', message: 'must be an RFC 3339 instant ...'}`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export type JsonRecord = { readonly [key: string]: unknown };

/** `field: message; field: message`, for events, conditions and one-line CLI reports. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map(describeProblem).join('; ');
}

/** `field: message`, or the message alone for the root (field ''). */
export function describeProblem(problem: FieldProblem): string {
  return problem.field === '' ? problem.message : `${problem.field}: ${problem.message}`;
}

/**
 * The path of a field of the object at `path` (`spec` + `jitterSeconds`; '' is the root). A key
 * that is not a plain name (a misspelling with a space, a dot, a line break) is quoted:
 * `spec["jitter seconds"]`.
 */
export function fieldPath(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export interface FieldReaderOptions {
  /**
   * Report unknown fields of open objects too (a status a person wrote into a file): for input
   * that is all user-written, where a misspelt field is a mistake, not a newer version's field.
   */
  readonly strict?: boolean;
}

export class FieldReader {
  public readonly problems: FieldProblem[] = [];

  constructor(private readonly options: FieldReaderOptions = {}) {}

  public problem(field: string, message: string): undefined {
    this.problems.push({ field, message });
    return undefined;
  }

  /**
   * An object whose keys are all in `allowed` (an unknown key is reported: a misspelt field must
   * not silently do nothing), unless it is `open` and the reader is not strict.
   */
  public object(field: string, value: unknown, allowed?: readonly string[], open = false): JsonRecord | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.problem(field, `must be an object, not ${describe(value)}`);
    if (allowed !== undefined && (!open || this.options.strict === true)) {
      for (const key of Object.keys(value)) {
        if (!allowed.includes(key))
          this.problem(fieldPath(field, key), `unknown field (known fields: ${allowed.join(', ')})`);
      }
    }
    return value as JsonRecord;
  }

  public string(field: string, value: unknown): string | undefined {
    return typeof value === 'string' ? value : this.problem(field, `must be a string, not ${describe(value)}`);
  }

  public number(field: string, value: unknown): number | undefined {
    return typeof value === 'number' && Number.isFinite(value)
      ? value
      : this.problem(field, `must be a number, not ${describe(value)}`);
  }

  public boolean(field: string, value: unknown): boolean | undefined {
    return typeof value === 'boolean' ? value : this.problem(field, `must be true or false, not ${describe(value)}`);
  }

  /** One of an enum's values. */
  public oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.problem(field, `must be one of ${allowed.join(', ')}, not ${describe(value)}`);
  }

  public instant(field: string, value: unknown): number | undefined {
    const text = this.string(field, value);
    if (text === undefined) return undefined;
    const ms = parseRfc3339(text);
    return (
      ms ?? this.problem(field, `must be an RFC 3339 instant such as 2026-03-01T10:00:00Z, not ${JSON.stringify(text)}`)
    );
  }

  /** An array whose items `item` reads; undefined items (already reported) are left out. */
  public array<T>(
    field: string,
    value: unknown,
    item: (path: string, value: unknown) => T | undefined,
  ): T[] | undefined {
    if (!Array.isArray(value)) return this.problem(field, `must be a list, not ${describe(value)}`);
    const items: T[] = [];
    value.forEach((v, i) => {
      const read = item(`${field}[${i}]`, v);
      if (read !== undefined) items.push(read);
    });
    return items;
  }

  /** A map of strings to strings (labels, annotations). */
  public stringMap(field: string, value: unknown): Record<string, string> | undefined {
    const record = this.object(field, value);
    if (record === undefined) return undefined;
    const result: Record<string, string> = {};
    for (const [key, v] of Object.entries(record)) {
      const text = this.string(`${field}[${key}]`, v);
      if (text !== undefined) result[key] = text;
    }
    return result;
  }
}

/** A short description of a JSON value for messages: `"text"`, `42`, `a list`, `an object`, `null`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}
