/**
 * Checking manifest documents: every batch/v1 Job and CronJob goes through the rule registry, a KEDA
 * ScaledJob through the Job it creates, and a Job or CronJob of a removed batch API version is an
 * error (rules/manifest-objects.ts); other kinds are ignored. Then one check across all of them, whatever file each came from: two
 * backup CronJobs writing to one store under one name prefix (rules/backup-target.ts, the check
 * BackupCronJob runs at synth). Pure (documents in, results out), so `cdk8s-batch lint` and the
 * cdk8s validation plugin share it, and tests can hand it their own rules.
 */
import { backupTargetOf, sharedBackupTargets, sharedTargetMessage } from '../rules/backup-target';
import { Finding, Severity } from '../rules/finding';
import { ManifestKind, manifestKindOf, validateManifestObject } from '../rules/manifest-objects';
import { ValidateOptions } from '../rules/registry';
import { ManifestDocument } from './document';

/** The one function that checks an object; `validateManifestObject` unless a test says otherwise. */
export type ValidateFunction = (object: unknown, options: ValidateOptions) => Finding[];

/** A Job or CronJob that was checked, with what was found. */
export interface CheckedObject {
  readonly file: string;
  /** The document's index in its file. */
  readonly index: number;
  /** The document's first line. */
  readonly line: number;
  /**
   * The position in the `items` of a `kind: List` document (what `kubectl get -o yaml` prints).
   * @default - the document is the object itself
   */
  readonly item?: number;
  readonly kind: ManifestKind;
  /** `metadata.name`, or "" when it has none. */
  readonly name: string;
  readonly findings: readonly Finding[];
}

/** A document that is not checked, and why; worth telling the user, but not a finding. */
export interface SkippedDocument {
  readonly file: string;
  readonly index: number;
  readonly line: number;
  readonly reason: string;
}

/** Something about a document worth a warning that is not a rule's finding: a key its YAML repeats. */
export interface DocumentWarning {
  readonly file: string;
  readonly index: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface LintResult {
  /** Every Job and CronJob checked, in input order (including those without findings). */
  readonly objects: CheckedObject[];
  readonly skipped: SkippedDocument[];
  /** In input order. */
  readonly warnings: DocumentWarning[];
}

/** Checks every Job and CronJob in the documents, in order. */
export function lintDocuments(
  documents: readonly ManifestDocument[],
  options: ValidateOptions = {},
  validate: ValidateFunction = validateManifestObject,
): LintResult {
  const objects: CheckedObject[] = [];
  const values: unknown[] = [];
  const skipped: SkippedDocument[] = [];
  const check = (document: ManifestDocument, object: unknown, item?: number) => {
    const kind = manifestKindOf(object);
    if (kind !== undefined) {
      const { file, index, line } = document;
      values.push(object);
      objects.push({
        file,
        index,
        line,
        ...(item === undefined ? {} : { item }),
        kind,
        name: nameOf(object),
        findings: validate(object, options),
      });
      return;
    }
    const reason = whyNotChecked(object);
    if (reason !== undefined)
      skipped.push({
        file: document.file,
        index: document.index,
        line: document.line,
        reason: item === undefined ? reason : `items[${item}] ${reason}`,
      });
  };
  const warnings: DocumentWarning[] = [];
  for (const document of documents) {
    const { value, file, index } = document;
    for (const { key, line, column } of document.duplicateKeys ?? [])
      warnings.push({ file, index, line, column, message: duplicateKeyMessage(key) });
    if (isList(value)) value.items.forEach((item, i) => check(document, item, i));
    else check(document, value);
  }
  return { objects: withSharedBackupTargets(objects, values), skipped, warnings };
}

/** The rule id BackupCronJob reports at synth for the same finding (constructs/backup/backup-validation.ts). */
export const SHARED_BACKUP_DESTINATION_RULE = 'backup-destination-shared';

/** Adds the `backup-destination-shared` finding to every backup CronJob that shares its store and name prefix. */
function withSharedBackupTargets(objects: CheckedObject[], values: readonly unknown[]): CheckedObject[] {
  const targets = values.map(backupTargetOf);
  const shared = sharedBackupTargets(targets);
  return objects.map((object, i) => {
    const target = targets[i];
    if (target === undefined || shared[i].length === 0) return object;
    const others = shared[i].map(
      (j) => `${objects[j].kind} ${objects[j].name} (${objects[j].file}, document ${objects[j].index})`,
    );
    const finding: Finding = {
      rule: SHARED_BACKUP_DESTINATION_RULE,
      severity: Severity.ERROR,
      field: target.field,
      ...sharedTargetMessage(target, others),
    };
    return { ...object, findings: [...object.findings, finding] };
  });
}

function duplicateKeyMessage(key: string): string {
  const named = key === '' ? 'a key' : `the key ${JSON.stringify(key)}`;
  return `the mapping repeats ${named}: kubectl keeps the last value (and so does lint), so the value before it never applies; remove one of them`;
}

/** `kind: List`, the wrapper kubectl prints around several objects. */
function isList(value: unknown): value is { items: unknown[] } {
  const v = value as { apiVersion?: unknown; kind?: unknown; items?: unknown } | null;
  return typeof v === 'object' && v !== null && v.apiVersion === 'v1' && v.kind === 'List' && Array.isArray(v.items);
}

function nameOf(object: unknown): string {
  const name = (object as { metadata?: { name?: unknown } }).metadata?.name;
  return typeof name === 'string' ? name : '';
}

/**
 * Why a document that is not a batch/v1 Job or CronJob deserves a note, or undefined when it is
 * simply another kind (or empty) and is ignored silently.
 */
function whyNotChecked(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return 'is a list, not a Kubernetes object; skipped';
  if (typeof value !== 'object') return `is a ${typeof value}, not a Kubernetes object; skipped`;
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  if ((kind === 'Job' || kind === 'CronJob') && typeof apiVersion === 'string' && apiVersion.startsWith('batch/')) {
    return `is a ${kind} of apiVersion ${apiVersion}, which Kubernetes no longer serves (use batch/v1); not checked`;
  }
  return undefined;
}

/** How many findings of a severity the objects have. */
export function countFindings(objects: readonly CheckedObject[], severity: Severity): number {
  let count = 0;
  for (const object of objects) for (const finding of object.findings) if (finding.severity === severity) count++;
  return count;
}
