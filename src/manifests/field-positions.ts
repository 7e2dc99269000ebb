/**
 * Where a field path (`spec.jobTemplate.spec.template.spec.containers[0].image`) sits in a
 * manifest's text, for reports that point at a line and column (SARIF, GitHub annotations).
 * The text is parsed again here, keeping its syntax tree, only for files that have findings:
 * the plain lint path never pays for positions.
 */
import { isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';
import { withPlainEnvironment } from './plain-environment';

/** A 1-based line and column. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Finds fields of one file's documents. */
export type FieldLocator = (documentIndex: number, fieldPath: string, item?: number) => TextPosition | undefined;

/**
 * A locator over a YAML or JSON text (JSON is read as YAML, which it is). A path that goes past
 * what the document has (a missing field) resolves to its deepest existing ancestor, which is
 * where the field would be added.
 */
export function fieldLocator(text: string): FieldLocator {
  const lineCounter = new LineCounter();
  const documents = withPlainEnvironment(() =>
    parseAllDocuments(text, { lineCounter, version: '1.1', keepSourceTokens: false }),
  );
  const all = Array.isArray(documents) ? documents : [];
  return (documentIndex, fieldPath, item) => {
    const document = all[documentIndex];
    if (document === undefined) return undefined;
    const root = item === undefined ? document.contents : childOf(document.contents, 'items', `${item}`);
    const offset = deepestOffset(root, fieldPathSegments(fieldPath));
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** `a.b[0].c[key.with.dots]` as `['a', 'b', '0', 'c', 'key.with.dots']`. */
export function fieldPathSegments(fieldPath: string): string[] {
  const segments: string[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = pattern.exec(fieldPath); m !== null; m = pattern.exec(fieldPath)) segments.push(m[1] ?? m[2]);
  return segments;
}

/** The start of the deepest node on the path: a map entry's key, a list item, or the root. */
function deepestOffset(root: unknown, segments: readonly string[]): number | undefined {
  let node = root;
  let offset = rangeStart(root);
  for (const segment of segments) {
    const step = stepInto(node, segment);
    if (step === undefined) break;
    node = step.node;
    offset = step.offset ?? offset;
  }
  return offset;
}

function stepInto(node: unknown, segment: string): { node: unknown; offset?: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    if (pair === undefined) return undefined;
    return { node: pair.value, offset: rangeStart(pair.key) ?? rangeStart(pair.value) };
  }
  if (isSeq(node) && /^\d+$/.test(segment)) {
    const child = node.items[Number(segment)];
    return child === undefined ? undefined : { node: child, offset: rangeStart(child) };
  }
  return undefined;
}

function childOf(node: unknown, ...segments: string[]): unknown {
  let current = node;
  for (const segment of segments) current = stepInto(current, segment)?.node;
  return current;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

/** Where a checked object came from: its file, its document and, in a `kind: List`, its item. */
export interface ObjectOrigin {
  readonly file: string;
  readonly index: number;
  readonly item?: number;
}

/** Finds fields of objects across files. */
export type ObjectFieldLocator = (object: ObjectOrigin, fieldPath: string) => TextPosition | undefined;

/**
 * A locator over several files' texts, each parsed on first use only: a report names positions
 * for the files that have findings, and the others are never parsed again.
 */
export function objectFieldLocator(textOf: (file: string) => string | undefined): ObjectFieldLocator {
  const locators = new Map<string, FieldLocator>();
  return (object, fieldPath) => {
    let locate = locators.get(object.file);
    if (locate === undefined) {
      const text = textOf(object.file);
      if (text === undefined) return undefined;
      locate = fieldLocator(text);
      locators.set(object.file, locate);
    }
    return locate(object.index, fieldPath, object.item);
  };
}
