/**
 * Manifest bytes to documents, without touching the file system. Every way a file can be wrong
 * (not text, a syntax error, an alias bomb, absurd nesting) becomes a ManifestProblem with a
 * position, never an exception: `lint` must answer any input with a one-line reason.
 *
 * Each file is parsed exactly once, and the per-document work on top of the YAML parser is a
 * line lookup, so linting costs little more than parsing.
 */
import { isUtf8 } from 'buffer';
import {
  Composer,
  CST,
  Document,
  isCollection,
  isNode,
  isScalar,
  LineCounter,
  parseAllDocuments,
  Parser,
  ScalarTag,
  Schema,
  Tags,
  visit,
  YAMLError,
} from 'yaml';
import { DuplicateKey, ManifestDocument, ManifestProblem, ManifestReadResult } from './document';
import { IndentedContinuations, indentContinuationLines } from './flow-continuations';
import { withPlainEnvironment } from './plain-environment';

/**
 * How a file's text is read: strict JSON; a YAML stream read as Kubernetes reads manifests
 * (`kubernetes-yaml`, see kubernetesYamlTags); or plain YAML 1.2 for our own configuration
 * files, where `off` must stay the word "off" rather than become `false`.
 */
export type ManifestSyntax = 'kubernetes-yaml' | 'yaml' | 'json';

/** The syntax a file name implies: `.json` files are JSON, anything else is YAML of the given kind. */
export function syntaxForFile(name: string, yaml: Exclude<ManifestSyntax, 'json'> = 'kubernetes-yaml'): ManifestSyntax {
  return /\.json$/i.test(name) ? 'json' : yaml;
}

/**
 * Aliases a document may expand. Real manifests use a handful; a "billion laughs" document uses
 * them to expand a few hundred bytes into gigabytes, which the YAML library refuses past this count.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Nesting allowed in a JSON document. Real manifests stay under 20 levels; far deeper input would
 * overflow the stack of code that walks objects recursively (YAML has MAX_YAML_DEPTH).
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Nesting allowed in a YAML document, checked on the parser's tokens before the document is built:
 * the YAML library builds documents recursively, and a few kilobytes of `- - - -` or `[[[[` nest
 * deep enough to exhaust the stack, which V8 does not always survive (a regular expression compiled
 * at the stack's limit aborts the process). Real manifests stay under 20 levels.
 */
export const MAX_YAML_DEPTH = 256;

/** Parses a manifest file's bytes. */
export function parseManifestBytes(bytes: Uint8Array, file: string, syntax: ManifestSyntax): ManifestReadResult {
  const text = decodeManifestText(bytes);
  if (typeof text !== 'string') return { problem: { file, ...text } };
  return syntax === 'json' ? parseJsonManifest(text, file) : parseYamlManifest(text, file, syntax);
}

/** UTF-8 text without its byte order mark, or why the bytes are not manifest text. */
export function decodeManifestText(bytes: Uint8Array): string | Omit<ManifestProblem, 'file'> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buffer, [0x00, 0x00, 0xfe, 0xff]) || startsWith(buffer, [0xff, 0xfe, 0x00, 0x00])) {
    return { reason: 'UTF-32 text is not supported; save the file as UTF-8' };
  }
  if (startsWith(buffer, [0xfe, 0xff]) || startsWith(buffer, [0xff, 0xfe])) {
    return { reason: 'UTF-16 text is not supported; save the file as UTF-8' };
  }
  const nul = buffer.indexOf(0);
  if (nul >= 0) {
    return {
      line: lineAtByte(buffer, nul),
      reason: `binary data, not YAML or JSON text (a NUL byte at byte offset ${nul})`,
    };
  }
  if (!isUtf8(buffer)) {
    const offset = firstInvalidUtf8Byte(buffer);
    return {
      line: lineAtByte(buffer, offset),
      reason: `not UTF-8 text (an invalid byte at byte offset ${offset}); save the file as UTF-8`,
    };
  }
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function startsWith(buffer: Buffer, prefix: readonly number[]): boolean {
  return buffer.length >= prefix.length && prefix.every((byte, i) => buffer[i] === byte);
}

function lineAtByte(buffer: Buffer, offset: number): number {
  let line = 1;
  for (let i = buffer.indexOf(0x0a); i >= 0 && i < offset; i = buffer.indexOf(0x0a, i + 1)) line++;
  return line;
}

/**
 * The byte offset of the first byte that is not valid UTF-8. Decoding replaces each invalid
 * sequence with U+FFFD; a U+FFFD that was really in the file is skipped by checking its bytes.
 */
function firstInvalidUtf8Byte(buffer: Buffer): number {
  const text = buffer.toString('utf8');
  let byteOffset = 0;
  let charOffset = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) {
    byteOffset += Buffer.byteLength(text.slice(charOffset, i));
    charOffset = i;
    if (!(buffer[byteOffset] === 0xef && buffer[byteOffset + 1] === 0xbf && buffer[byteOffset + 2] === 0xbd))
      return byteOffset;
  }
  return buffer.length;
}

const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** What strconv.ParseFloat reads in a plain scalar that starts with a dot (no underscores there). */
const GO_FLOAT_FROM_DOT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
/** go-yaml v2's yamlStyleFloat, matched against the scalar without its underscores. */
const GO_YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/**
 * Floats as go-yaml v2 resolves a plain scalar the integer tags did not take (resolve.go): one
 * starting with a dot when strconv.ParseFloat reads it, one starting with a digit or sign when,
 * without underscores, it matches yamlStyleFloat; anything else stays a string. The YAML 1.1
 * patterns read more: `.` and `._` and `e5` would be NaN, where Kubernetes sees text.
 */
const GO_YAML_FLOAT: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: FLOAT_TAG,
  test: /^[-+.0-9][-+._0-9eE]*$/,
  resolve(text) {
    if (text.startsWith('.')) return GO_FLOAT_FROM_DOT.test(text) ? Number(text) : text;
    const plain = text.replace(/_/g, '');
    return GO_YAML_STYLE_FLOAT.test(plain) ? Number(plain) : text;
  },
};

/** go-yaml v2's special floats, spelled exactly as its resolve table has them. */
const GO_YAML_SPECIAL_FLOAT: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: FLOAT_TAG,
  test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  resolve: (text) => (/nan$/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity),
};

/**
 * YAML 1.1 as Kubernetes reads it (go-yaml v2 behind sigs.k8s.io/yaml), which is also how cdk8s
 * writes manifests: `yes`/`on` are booleans and `0644` is octal, but timestamps and base-60
 * numbers such as `12:30` stay strings, because go-yaml v2 keeps them strings, and floats are
 * what go-yaml reads as floats (GO_YAML_FLOAT).
 */
function kubernetesYamlTags(tags: Tags): Tags {
  const kept = tags.filter(
    (tag) =>
      typeof tag === 'string' ||
      (tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME' && tag.tag !== FLOAT_TAG),
  );
  // The integer tags come first, as in the YAML 1.1 schema: a float is what they leave.
  return [
    ...kept.slice(0, lastIntegerTag(kept) + 1),
    GO_YAML_SPECIAL_FLOAT,
    GO_YAML_FLOAT,
    ...kept.slice(lastIntegerTag(kept) + 1),
  ];
}

function lastIntegerTag(tags: Tags): number {
  let last = -1;
  tags.forEach((tag, i) => {
    if (typeof tag !== 'string' && tag.tag === 'tag:yaml.org,2002:int') last = i;
  });
  return last;
}

const SHARED_SCHEMAS = new Map<Exclude<ManifestSyntax, 'json'>, Schema>();

/** The schema `new Document` builds for the syntax's version (Document.setSchema), kept for reuse: parsing only reads it. */
function sharedSchema(syntax: Exclude<ManifestSyntax, 'json'>): Schema {
  let schema = SHARED_SCHEMAS.get(syntax);
  if (schema === undefined) {
    schema =
      syntax === 'kubernetes-yaml'
        ? new Schema({ schema: 'yaml-1.1', resolveKnownTags: false, customTags: kubernetesYamlTags })
        : new Schema({ schema: 'core', resolveKnownTags: true });
    SHARED_SCHEMAS.set(syntax, schema);
  }
  return schema;
}

/**
 * Every document of a YAML stream, or the first problem in it. Documents are composed one at a
 * time and turned into plain data at once (rather than keeping every syntax tree until the end,
 * as parseAllDocuments does), which on 5,000 documents uses a third less memory and less time.
 */
export function parseYamlManifest(
  text: string,
  file: string,
  syntax: Exclude<ManifestSyntax, 'json'> = 'kubernetes-yaml',
): ManifestReadResult {
  return withPlainEnvironment(() => composeYamlManifest(text, file, syntax));
}

function composeYamlManifest(text: string, file: string, syntax: Exclude<ManifestSyntax, 'json'>): ManifestReadResult {
  const read = composeYamlText(text, file, syntax);
  // Too deep is final: the padded text would be just as deep.
  if (!('problem' in read) || syntax !== 'kubernetes-yaml' || 'tooDeep' in read) return read;
  // What go-yaml reads and YAML 1.2 does not: strings and flow collections continued on lines
  // indented too little (flow-continuations.ts). A file that fails for another reason keeps its error.
  const indented = indentContinuationLines(text);
  if (indented === undefined || !paddedOnlyInsideFlowValues(indented)) return read;
  const reread = composeYamlText(indented.text, file, syntax);
  return 'problem' in reread ? read : reread;
}

/**
 * Whether every padded line lies inside a quoted string or flow collection of the padded text,
 * where leading white space is not part of the value: only then does the padded text read as
 * go-yaml reads the original.
 */
function paddedOnlyInsideFlowValues({ text, paddedLines }: IndentedContinuations): boolean {
  const ranges: (readonly [number, number])[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    if (doc.errors.length > 0) return false;
    visit(doc, (_, node) => {
      const flow =
        (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) ||
        (isCollection(node) && node.flow === true);
      if (flow && isNode(node) && node.range) ranges.push([node.range[0], node.range[1]]);
    });
  }
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  // One sweep: padded lines come in order; a line is inside some range when the furthest end of
  // the ranges starting before it lies beyond it (its start is: a range ends after content, never
  // in the white space a line opens with).
  ranges.sort((a, b) => a[0] - b[0]);
  let next = 0;
  let furthestEnd = -1;
  return paddedLines.every((line) => {
    const offset = lineStarts[line];
    for (; next < ranges.length && ranges[next][0] < offset; next++)
      furthestEnd = Math.max(furthestEnd, ranges[next][1]);
    return offset < furthestEnd;
  });
}

/** What composing a YAML text gives: its documents, or the problem, which may be nesting too deep to read. */
type ComposedYaml = ManifestReadResult | { readonly problem: ManifestProblem; readonly tooDeep: true };

function composeYamlText(text: string, file: string, syntax: Exclude<ManifestSyntax, 'json'>): ComposedYaml {
  try {
    return composeDocuments(text, file, syntax);
  } catch (error) {
    if (!(error instanceof NestingTooDeep)) throw error;
    const reason = `YAML nested more than ${MAX_YAML_DEPTH} levels deep; no Kubernetes object is`;
    return { problem: { file, ...lineAndColumn(text, error.offset), reason }, tooDeep: true };
  }
}

/** Thrown out of the token stream (nestingChecked) at the first collection nested too deep. */
class NestingTooDeep extends Error {
  constructor(readonly offset: number) {
    super(`YAML nested more than ${MAX_YAML_DEPTH} levels deep`);
  }
}

/** The parser's tokens, each checked for collections nested deeper than MAX_YAML_DEPTH before it is composed. */
function* nestingChecked(tokens: Iterable<CST.Token>): Generator<CST.Token> {
  for (const token of tokens) {
    const stack: [CST.Token, number][] = [[token, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (node.type === 'document') {
        if (node.value) stack.push([node.value, depth]);
      } else if (node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection') {
        if (depth >= MAX_YAML_DEPTH) throw new NestingTooDeep(node.offset);
        for (const item of node.items) {
          if (item.key) stack.push([item.key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
      }
    }
    yield token;
  }
}

function composeDocuments(text: string, file: string, syntax: Exclude<ManifestSyntax, 'json'>): ManifestReadResult {
  const lineCounter = new LineCounter();
  const dialect =
    syntax === 'kubernetes-yaml'
      ? ({ version: '1.1', customTags: kubernetesYamlTags } as const)
      : ({ version: '1.2' } as const);
  // Every document gets the schema its Document would build for itself, built once per syntax
  // instead of once per document, unless a %YAML directive may give a document another version.
  const directive = text.includes('%YAML');
  if (directive && syntax === 'kubernetes-yaml') {
    const refused = versionKubectlRefuses(text);
    if (refused !== undefined) return { problem: { file, ...refused } };
  }
  const schema = directive ? undefined : sharedSchema(syntax);
  const composer = new Composer({ ...dialect, ...(schema ? { schema } : {}), prettyErrors: false });
  const documents: ManifestDocument[] = [];
  for (const doc of composer.compose(nestingChecked(new Parser(lineCounter.addNewLine).parse(text)))) {
    const index = documents.length;
    // kubectl reads manifests with sigs.k8s.io/yaml, which is not strict: a repeated key is not an
    // error, its last value counts (as in toJS below). Our own configuration files stay strict.
    const repeated = syntax === 'kubernetes-yaml' ? doc.errors.filter((e) => e.code === 'DUPLICATE_KEY') : [];
    const errors = repeated.length > 0 ? doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY') : doc.errors;
    if (errors.length > 0) return { problem: yamlProblem(file, errors, lineCounter) };
    const line = lineCounter.linePos((doc.contents ?? doc).range[0]).line;
    try {
      const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      const duplicateKeys = repeated.length > 0 ? duplicateKeysOf(doc, repeated, lineCounter) : undefined;
      documents.push({ file, index, line, value, ...(duplicateKeys ? { duplicateKeys } : {}) });
    } catch (error) {
      // toJS throws for an alias bomb and for aliases it cannot resolve.
      const message = error instanceof Error ? error.message : String(error);
      return { problem: { file, line, reason: `YAML document ${index} cannot be expanded: ${message}` } };
    }
  }
  return { documents };
}

/**
 * The first `%YAML` directive naming a version other than 1.1, where it is: kubectl reads manifests
 * with go-yaml, which refuses such a document ("found incompatible YAML document"), so the file is
 * unread rather than read as YAML 1.2 (where `yes` is a string) or with the yaml package's fallback.
 */
function versionKubectlRefuses(text: string): { line: number; column: number; reason: string } | undefined {
  for (const match of text.matchAll(/^%YAML[ \t]+(\d+)\.(\d+)/gm)) {
    // go-yaml compares the numbers (1.01 is 1.1); a version that is not two numbers is the parser's to refuse.
    if (Number(match[1]) === 1 && Number(match[2]) === 1) continue;
    return {
      ...lineAndColumn(text, match.index),
      reason: `YAML version directive %YAML ${match[1]}.${match[2]}: kubectl's YAML reader (go-yaml) takes only %YAML 1.1 ("found incompatible YAML document"); remove the directive`,
    };
  }
  return undefined;
}

/** The repeated keys `errors` point at, with their text (the errors give only where each starts). */
function duplicateKeysOf(doc: Document, errors: readonly YAMLError[], lineCounter: LineCounter): DuplicateKey[] {
  const keys = new Map<number, string>();
  const offsets = new Set(errors.map((e) => e.pos[0]));
  visit(doc, {
    Pair(_, { key }) {
      if (!isNode(key) || key.range === undefined || key.range === null || !offsets.has(key.range[0])) return;
      keys.set(key.range[0], isScalar(key) ? String(key.value) : String(key));
    },
  });
  return errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return { key: keys.get(e.pos[0]) ?? '', line, column: col };
  });
}

function yamlProblem(file: string, errors: readonly YAMLError[], lineCounter: LineCounter): ManifestProblem {
  const [first] = errors;
  const { line, col } = lineCounter.linePos(first.pos[0]);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more ${errors.length === 2 ? 'error' : 'errors'})` : '';
  return { file, line, column: col, reason: `YAML syntax error: ${first.message}${more}` };
}

/** A JSON file: one document (none when the file is blank), or the problem with it. */
export function parseJsonManifest(text: string, file: string): ManifestReadResult {
  const start = text.search(/\S/);
  if (start < 0) return { documents: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: jsonProblem(file, text, error instanceof Error ? error.message : String(error)) };
  }
  const line = lineAndColumn(text, start).line;
  if (nestingExceeds(value, MAX_JSON_DEPTH)) {
    return {
      problem: { file, line, reason: `JSON nested more than ${MAX_JSON_DEPTH} levels deep; no Kubernetes object is` },
    };
  }
  return { documents: [{ file, index: 0, line, value }] };
}

function jsonProblem(file: string, text: string, message: string): ManifestProblem {
  // V8 names a position in most messages ("... in JSON at position 12"); for an unexpected token
  // it quotes the text around it instead, which may span lines: keep the reason to one line.
  const position = /at position (\d+)/.exec(message);
  const reason = `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\n\s*/g, ' ')}`;
  if (position) return { file, ...lineAndColumn(text, Number(position[1])), reason };
  if (/end of JSON input/.test(message)) return { file, ...lineAndColumn(text, text.length), reason };
  return { file, reason };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** True when objects and arrays nest deeper than `limit`; iterative, so any depth is safe to ask about. */
export function nestingExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
