/**
 * `cdk8s-batch lint PATH... [--format text|json] [--kubernetes-version X.Y] [--policy FILE]`:
 * checks every batch/v1 Job and CronJob in YAML or JSON manifests with the same rules the
 * constructs use. Exit 0 without error findings, 1 with at least one, 2 for bad usage or input
 * that cannot be read (each such file named in one line on stderr; the rest is still checked).
 */
import { readFileSync } from 'fs';
import { Readable } from 'stream';
import {
  describeProblem,
  ManifestDocument,
  ManifestProblem,
  ManifestReadResult,
  STDIN_NAME,
} from '../manifests/document';
import { objectFieldLocator } from '../manifests/field-positions';
import { CheckedObject, countFindings, LintResult, lintDocuments, ValidateFunction } from '../manifests/lint';
import { parseManifestBytes } from '../manifests/parse';
import {
  DEFAULT_MAX_MANIFEST_BYTES,
  listManifestFiles,
  readManifestFile,
  readStream,
  STDIN_PATH,
  tooLargeReason,
} from '../manifests/read';
import { FindingPart, Severity } from '../rules/finding';
import {
  DEFAULT_KUBERNETES_VERSION,
  formatVersion,
  readKubernetesVersion,
  SUPPORTED_VERSIONS_TEXT,
} from '../rules/kubernetes-version';
import { RuleLevel, RulePolicy } from '../rules/policy';
import { ALL_RULES } from '../rules/registry';
import { Rule } from '../rules/rule';
import { hasControlCharacter } from '../rules/support/names';
import { CliIo, ExitCode, refuseDirectoryStdin, UsageError } from './io';
import { lintGithubAnnotations } from './lint-github';
import { lintSarif } from './lint-sarif';
import { policyFileOption } from './policy-file';
import { formatOption, integerOption, ParsedOptions, parseOptions, stringOption } from './options';

export const LINT_USAGE = `cdk8s-batch lint PATH... [--format text|json|sarif|github] [--kubernetes-version X.Y] [--policy FILE] [--strict] [--max-bytes N]
  PATH: a YAML or JSON file, a directory (every .yaml, .yml and .json below it), or - for stdin
  --format: text (default), json, sarif (SARIF 2.1.0 for code scanning), github (Actions annotations)
  --policy FILE: YAML or JSON {rules: {<rule-id>: error|warning|off}} for best-practice rules (a group id,
    e.g. pod-security-restricted, sets every rule of the group)
  --strict: also the opt-in best-practice rules, as warnings (a --policy level still wins)
  --max-bytes N: the most bytes read from one file or stdin (default ${DEFAULT_MAX_MANIFEST_BYTES})`;

/** Largest `--max-bytes`: Node cannot hold a bigger Buffer, and parsing it would take minutes anyway. */
const MAX_MAX_BYTES = 1024 * 1024 * 1024;

/** The JSON answer: the contract in the README's `lint` section, field order included. */
export interface LintJson {
  readonly checked: number;
  readonly findings: Array<{
    file: string;
    index: number;
    kind: string;
    name: string;
    rule: string;
    severity: Severity;
    field: string;
    message: string;
    fix: string;
    /** Only on a finding that stands for several settings of one root cause: each setting's own finding. */
    parts?: readonly FindingPart[];
  }>;
}

/** What the command reads from outside its arguments; tests replace them. */
export interface LintDependencies {
  /**
   * Read when a PATH is `-`.
   * @default process.stdin
   */
  readonly stdin?: Readable;
  /**
   * Checks one object.
   * @default the rule registry's validateBatchObject
   */
  readonly validate?: ValidateFunction;
  /**
   * The rules a policy file may name.
   * @default the registry's ALL_RULES
   */
  readonly rules?: readonly Pick<Rule, 'id' | 'origin' | 'group'>[];
}

export async function runLint(
  args: readonly string[],
  io: CliIo,
  dependencies: LintDependencies = {},
): Promise<number> {
  const parsed = parseOptions(args, {
    format: { type: 'string' },
    'kubernetes-version': { type: 'string' },
    policy: { type: 'string' },
    'max-bytes': { type: 'string' },
    strict: { type: 'boolean' },
  });
  const format = formatOption(parsed, LINT_FORMATS);
  const maxBytes = integerOption(parsed, 'max-bytes', DEFAULT_MAX_MANIFEST_BYTES, 1, MAX_MAX_BYTES);
  const { kubernetesVersion, note } = kubernetesVersionOption(parsed);
  const policy = strictPolicy(policyFileOption(parsed, dependencies.rules), parsed.values.strict === true);
  if (parsed.positionals.length === 0)
    throw new UsageError('missing PATH: name manifest files or directories, or - for standard input');

  // process.stdin is touched only when `-` asks for it: creating it can hold a pipe open.
  if (note !== undefined) await io.err(`cdk8s-batch lint: note: ${note}\n`);
  const input = await readInputs(parsed.positionals, () => dependencies.stdin ?? process.stdin, maxBytes);
  for (const problem of input.problems) await io.err(`cdk8s-batch lint: ${describeProblem(problem)}\n`);
  const result = lintDocuments(input.documents, { kubernetesVersion, policy }, dependencies.validate);
  for (const s of result.skipped)
    await io.err(`cdk8s-batch lint: note: ${s.file}:${s.line}: document ${s.index} ${s.reason}\n`);
  for (const w of result.warnings)
    await io.err(`cdk8s-batch lint: warning: ${w.file}:${w.line}:${w.column}: document ${w.index}: ${w.message}\n`);

  await io.out(lintReport(format, result, input));
  if (input.problems.length > 0) return ExitCode.USAGE;
  return countFindings(result.objects, Severity.ERROR) > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}

const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;

function lintReport(format: (typeof LINT_FORMATS)[number], result: LintResult, input: Inputs): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(lintJson(result))}\n`;
    case 'sarif':
      return `${JSON.stringify(lintSarif(result, input.problems, objectFieldLocator(sourceText(input.stdinText))), null, 2)}\n`;
    case 'github': {
      const annotations = lintGithubAnnotations(
        result,
        input.problems,
        objectFieldLocator(sourceText(input.stdinText)),
      );
      return `${[...annotations, summaryLine(result.objects, input.fileCount)].join('\n')}\n`;
    }
    default:
      return lintText(result, input.fileCount);
  }
}

/** A file's text for positions, read again on demand (only files with findings are); stdin's as kept. */
function sourceText(stdinText: string | undefined): (file: string) => string | undefined {
  return (file) => {
    if (file === STDIN_NAME) return stdinText;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined; // gone since: the finding keeps the object's line
    }
  };
}

/** With --strict, every opt-in best-practice rule the policy does not mention becomes a warning. */
function strictPolicy(policy: RulePolicy | undefined, strict: boolean): RulePolicy | undefined {
  if (!strict) return policy;
  const optIn = ALL_RULES.filter((rule) => rule.optIn === true).map((rule): [string, RuleLevel] => [
    rule.id,
    RuleLevel.WARNING,
  ]);
  return { rules: { ...Object.fromEntries(optIn), ...policy?.rules } };
}

/** `--kubernetes-version` as the release checked, and the note to print when it is newer than the library knows. */
function kubernetesVersionOption(parsed: ParsedOptions): { kubernetesVersion?: string; note?: string } {
  const text = stringOption(parsed, 'kubernetes-version');
  if (text === undefined) return {};
  const resolved = readKubernetesVersion(text);
  if (!resolved) {
    throw new UsageError(
      `--kubernetes-version must be ${SUPPORTED_VERSIONS_TEXT}, e.g. ${DEFAULT_KUBERNETES_VERSION}, not "${text}"`,
    );
  }
  return { kubernetesVersion: formatVersion(resolved.version), note: resolved.note };
}

interface Inputs {
  readonly documents: ManifestDocument[];
  readonly problems: ManifestProblem[];
  /** Files read successfully. */
  readonly fileCount: number;
  /** Standard input's text, kept for reports that name positions (it cannot be read twice). */
  readonly stdinText?: string;
}

async function readInputs(paths: readonly string[], stdin: () => Readable, maxBytes: number): Promise<Inputs> {
  const documents: ManifestDocument[] = [];
  const problems: ManifestProblem[] = [];
  let fileCount = 0;
  let stdinText: string | undefined;
  for (const entry of listManifestFiles(paths)) {
    if ('problem' in entry) {
      problems.push(entry.problem);
      continue;
    }
    let read: ManifestReadResult;
    if (entry.file === STDIN_PATH) {
      const stdinRead = await readStdin(stdin(), maxBytes);
      read = stdinRead.read;
      stdinText = stdinRead.text;
    } else {
      read = readManifestFile(entry.file, undefined, { bytes: maxBytes, option: '--max-bytes' });
    }
    if ('problem' in read) {
      problems.push(read.problem);
    } else {
      fileCount++;
      for (const document of read.documents) documents.push(document);
    }
  }
  return { documents, problems, fileCount, stdinText };
}

/** Standard input parsed, with its text when it is text. */
async function readStdin(stdin: Readable, maxBytes: number): Promise<{ read: ManifestReadResult; text?: string }> {
  refuseDirectoryStdin(stdin);
  const bytes = await readStream(stdin, maxBytes);
  if ('tooLarge' in bytes)
    return { read: { problem: { file: STDIN_NAME, reason: tooLargeReason(maxBytes, '--max-bytes') } } };
  const read = parseManifestBytes(bytes.bytes, STDIN_NAME, 'kubernetes-yaml');
  return 'problem' in read ? { read } : { read, text: bytes.bytes.toString('utf8') };
}

/** The findings flattened in input order, with exactly the contract's fields. */
export function lintJson(result: LintResult): LintJson {
  const findings: LintJson['findings'] = [];
  for (const o of result.objects) {
    for (const f of o.findings) {
      findings.push({
        file: o.file,
        index: o.index,
        kind: o.kind,
        name: o.name,
        rule: f.rule,
        severity: f.severity,
        field: f.field,
        message: f.message,
        fix: f.fix,
        ...(f.parts === undefined ? {} : { parts: f.parts }),
      });
    }
  }
  return { checked: result.objects.length, findings };
}

/** Findings grouped by file, then object, then a summary line. Objects without findings are not listed. */
export function lintText(result: LintResult, fileCount: number): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const object of result.objects) {
    if (object.findings.length === 0) continue;
    if (object.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(object.file);
      currentFile = object.file;
    }
    lines.push(`  ${objectTitle(object)}`);
    for (const f of object.findings) {
      const severity = f.severity.padEnd(7);
      lines.push(`    ${severity}  ${f.field}: ${f.message} [${f.rule}]`);
      if (f.parts === undefined) {
        lines.push(`    ${' '.repeat(7)}  fix: ${f.fix}`);
        continue;
      }
      for (const part of f.parts) {
        lines.push(`    ${' '.repeat(7)}  - ${part.field}: ${part.message} [${part.rule}]`);
        lines.push(`    ${' '.repeat(7)}    fix: ${part.fix}`);
      }
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(...ruleCountLines(result.objects));
  lines.push(summaryLine(result.objects, fileCount));
  return `${lines.join('\n')}\n`;
}

/**
 * The findings counted per rule id, most frequent first (ties by id): where a team decides what to
 * fix first, or what to turn off in a policy. Nothing when there are no findings.
 */
function ruleCountLines(objects: readonly CheckedObject[]): string[] {
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const object of objects) {
    for (const { rule, severity } of object.findings) {
      const entry = counts.get(rule) ?? { severity, count: 0 };
      entry.count++;
      counts.set(rule, entry);
    }
  }
  if (counts.size === 0) return [];
  const sorted = [...counts].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1));
  const width = Math.max(...sorted.map(([, { count }]) => String(count).length));
  return [
    'findings per rule:',
    ...sorted.map(
      ([rule, { severity, count }]) => `  ${String(count).padStart(width)}  ${severity.padEnd(7)}  ${rule}`,
    ),
    '',
  ];
}

function objectTitle(object: CheckedObject): string {
  // A name with a line break or an escape sequence is quoted: it must not forge lines of the report.
  const shown = hasControlCharacter(object.name) ? JSON.stringify(object.name) : object.name;
  const name = object.name === '' ? `${object.kind} (unnamed)` : `${object.kind} ${shown}`;
  const item = object.item === undefined ? '' : `, items[${object.item}]`;
  return `${name} (document ${object.index}${item}, line ${object.line})`;
}

function summaryLine(objects: readonly CheckedObject[], fileCount: number): string {
  const errors = countFindings(objects, Severity.ERROR);
  const warnings = countFindings(objects, Severity.WARNING);
  const counted = errors + warnings === 0 ? 'no findings' : `${count(errors, 'error')}, ${count(warnings, 'warning')}`;
  return `checked ${objectCount(objects)} in ${count(fileCount, 'file')}: ${counted}`;
}

/** How many objects were checked, by kind in order of first appearance: "2 objects (1 Job, 1 ScaledJob)". */
function objectCount(objects: readonly CheckedObject[]): string {
  if (objects.length === 0) return '0 Job, CronJob or ScaledJob objects';
  const kinds = new Map<string, number>();
  for (const { kind } of objects) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  return `${count(objects.length, 'object')} (${[...kinds].map(([kind, n]) => count(n, kind)).join(', ')})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
