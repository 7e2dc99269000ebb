/**
 * Object metadata (ValidateObjectMeta with the replication-controller name rule, as ValidateJob
 * and ValidateCronJobCreate call it: name, namespace, labels, annotations, owner references), the
 * pod template's labels and annotations, and the name
 * limits that come from what the controllers derive from a name: the job-name pod labels, an
 * Indexed Job's pod hostnames, and the Job names a CronJob creates.
 */
import { RuleInput, Violation } from '../rule';
import { describeValue, fieldOf, integerOf, isAbsent, isObject, objectOf, stringOf } from '../support/access';
import { child, index } from '../support/field-path';
import { labelMapProblems, PathProblem } from '../support/labels';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  generateNamePrefixProblems,
  LABEL_VALUE_MAX_LENGTH,
  qualifiedNameProblems,
} from '../support/names';
import {
  apiServerRule,
  BOTH_KINDS,
  CRON_JOB_ONLY,
  effectiveNameOf,
  isIndexed,
  JOB_ONLY,
  jobSpecOf,
  metadataOf,
  podTemplateOf,
  writtenJobSpecOf,
} from './api-server-rule';
import { JOB_NAME_LABELS } from './selector';

const NAME_FIX =
  'Use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, e.g. "nightly-report".';

export const metadataNameRequired = apiServerRule({
  id: 'metadata-name-required',
  kinds: BOTH_KINDS,
  summary: 'The object has neither metadata.name nor metadata.generateName.',
  check(input) {
    const metadata = metadataOf(input);
    // Metadata or a name of the wrong JSON type is field-wrong-type's finding.
    const written = fieldOf(input.object, 'metadata');
    if (!isAbsent(written) && !isObject(written)) return [];
    if (
      stringOf(metadata.name) ||
      stringOf(metadata.generateName) ||
      !(isAbsent(metadata.name) || metadata.name === '')
    )
      return [];
    return [
      {
        field: 'metadata.name',
        message: `The ${input.kind} has no name: "name or generateName is required".`,
        fix: 'Set metadata.name, e.g. "nightly-report".',
      },
    ];
  },
});

export const metadataNameInvalid = apiServerRule({
  id: 'metadata-name-invalid',
  kinds: BOTH_KINDS,
  summary:
    'metadata.name (or generateName) is not a DNS-1123 subdomain: lowercase alphanumerics, "-" and ".", at most 253 characters.',
  check(input) {
    const metadata = metadataOf(input);
    const violations: Violation[] = [];
    const name = stringOf(metadata.name);
    if (name) {
      for (const p of dns1123SubdomainProblems(name)) {
        violations.push({
          field: 'metadata.name',
          message: `The ${input.kind} name ${describeValue(name)} is not valid: ${p}.`,
          fix: NAME_FIX,
        });
      }
    }
    // The prefix is checked even beside a name; a prefix that passes (its check masks a trailing
    // "-") can still generate a name that does not, which is refused as metadata.name.
    const prefix = stringOf(metadata.generateName);
    if (prefix) {
      const prefixProblems = generateNamePrefixProblems(prefix);
      for (const p of prefixProblems) {
        violations.push({
          field: 'metadata.generateName',
          message: `The name prefix ${describeValue(prefix)} is not valid: ${p}.`,
          fix: NAME_FIX,
        });
      }
      const named = effectiveNameOf(input);
      if (!name && prefixProblems.length === 0 && named?.generated)
        for (const p of dns1123SubdomainProblems(named.name)) {
          violations.push({
            field: 'metadata.name',
            message: `The name the API server generates from the prefix ${describeValue(prefix)} (${describeValue(named.name)}, with a random ending) is not valid: ${p}.`,
            fix: NAME_FIX,
          });
        }
    }
    return violations;
  },
});

export const metadataNamespaceInvalid = apiServerRule({
  id: 'metadata-namespace-invalid',
  kinds: BOTH_KINDS,
  summary: 'metadata.namespace is not a DNS-1123 label: lowercase alphanumerics and "-", at most 63 characters.',
  check(input) {
    const namespace = stringOf(metadataOf(input).namespace);
    if (!namespace) return [];
    return dns1123LabelProblems(namespace).map((p) => ({
      field: 'metadata.namespace',
      message: `The namespace ${describeValue(namespace)} is not valid: ${p}.`,
      fix: 'Use lowercase letters, digits and "-", at most 63 characters, e.g. "batch-jobs".',
    }));
  },
});

/** The label maps the API server checks: the object's own (for a Job, possibly inherited from its template) and the pod template's. */
function labelMaps(input: RuleInput): Array<readonly [unknown, string]> {
  const maps: Array<readonly [unknown, string]> = [
    [fieldOf(fieldOf(input.defaulted, 'metadata'), 'labels'), 'metadata.labels'],
  ];
  maps.push([fieldOf(podTemplateOf(input).metadata, 'labels'), child(input.templatePath, 'labels')]);
  return maps;
}

export const LABEL_FIX =
  'Label keys are [prefix/]name with a DNS subdomain prefix and a name of at most 63 letters, digits, "-", "_" or "."; values are at most 63 such characters, starting and ending with a letter or digit (or empty).';

function labelViolation(problem: PathProblem): Violation {
  return { field: problem.field, message: `Invalid label: ${problem.message}.`, fix: LABEL_FIX };
}

export const metadataLabelsInvalid = apiServerRule({
  id: 'metadata-labels-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A label key is not a qualified name, or a label value is longer than 63 characters or has characters labels cannot hold (object and pod template labels).',
  check(input) {
    const violations: Violation[] = [];
    for (const [labels, path] of labelMaps(input)) {
      for (const problem of labelMapProblems(labels, path)) violations.push(labelViolation(problem));
    }
    return violations;
  },
});

/** TotalAnnotationSizeLimitB: the keys and values of one object's annotations, in bytes. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** UTF-8 length of a string, without allocating. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The annotation keys the API server refuses (ValidateAnnotations: qualified names, letter case aside), each with why. */
export function annotationKeyProblems(
  annotations: Readonly<Record<string, unknown>>,
): Array<readonly [string, string]> {
  const problems: Array<readonly [string, string]> = [];
  for (const annotationKey of Object.keys(annotations))
    for (const p of qualifiedNameProblems(annotationKey.toLowerCase())) problems.push([annotationKey, p]);
  return problems;
}

/** What annotations weigh against ANNOTATIONS_MAX_BYTES: their keys and values, in UTF-8 bytes. */
export function annotationBytes(annotations: Readonly<Record<string, unknown>>): number {
  let bytes = 0;
  for (const annotationKey of Object.keys(annotations)) {
    const value = annotations[annotationKey];
    bytes += utf8Length(annotationKey) + (typeof value === 'string' ? utf8Length(value) : 0);
  }
  return bytes;
}

function annotationMaps(input: RuleInput): Array<readonly [Record<string, unknown>, string]> {
  const maps: Array<readonly [Record<string, unknown>, string]> = [];
  const own = objectOf(metadataOf(input).annotations);
  if (own) maps.push([own, 'metadata.annotations']);
  const template = objectOf(fieldOf(podTemplateOf(input).metadata, 'annotations'));
  if (template) maps.push([template, child(input.templatePath, 'annotations')]);
  return maps;
}

export const ANNOTATIONS_SIZE_FIX = 'Move large data out of annotations, into a ConfigMap or a mounted volume.';

export const ANNOTATION_KEY_FIX =
  'Annotation keys are [prefix/]name: an optional DNS subdomain prefix and a name of at most 63 letters, digits, "-", "_" or ".", e.g. "example.com/owner".';

export const metadataAnnotationsInvalid = apiServerRule({
  id: 'metadata-annotations-invalid',
  kinds: BOTH_KINDS,
  summary: 'An annotation key is not a qualified name (letter case aside), on the object or its pod template.',
  check(input) {
    const violations: Violation[] = [];
    for (const [annotations, path] of annotationMaps(input)) {
      for (const [annotationKey, p] of annotationKeyProblems(annotations)) {
        violations.push({
          field: path,
          message: `Invalid annotation key ${describeValue(annotationKey)}: ${p}.`,
          fix: ANNOTATION_KEY_FIX,
        });
      }
    }
    return violations;
  },
});

export const metadataAnnotationsTooLarge = apiServerRule({
  id: 'metadata-annotations-too-large',
  kinds: BOTH_KINDS,
  summary: 'The annotations of the object (or of its pod template) add up to more than 256 KiB.',
  check(input) {
    const violations: Violation[] = [];
    for (const [annotations, path] of annotationMaps(input)) {
      const bytes = annotationBytes(annotations);
      if (bytes > ANNOTATIONS_MAX_BYTES) {
        violations.push({
          field: path,
          message: `The annotations take ${bytes} bytes; the API server allows ${ANNOTATIONS_MAX_BYTES} in total ("may not be more than ${ANNOTATIONS_MAX_BYTES} bytes").`,
          fix: ANNOTATIONS_SIZE_FIX,
        });
      }
    }
    return violations;
  },
});

/** The owner kind no object may name (apimachinery BannedOwners): a core v1 Event. */
const BANNED_OWNER = { group: '', version: 'v1', kind: 'Event' };
const OWNER_FIX =
  "Give each owner reference the owner's apiVersion, kind, name and uid (kubectl get <kind> <name> -o jsonpath={.metadata.uid}), or leave ownerReferences out and let the controller that owns the object set them.";

/** schema.ParseGroupVersion as FromAPIVersionAndKind reads it: group and version, or none when it does not parse. */
function groupVersionOf(apiVersion: string): { readonly group: string; readonly version: string } {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

/**
 * ValidateOwnerReferences: each reference names an apiVersion with a version, a kind, a name and a
 * uid, and is not a core v1 Event; at most one is the controller. The API server reports the fields
 * under `metadata.ownerReferences` without the index; findings name the reference's index.
 */
/** An owner reference as the API server compares them to drop duplicates: every field it decodes. */
function ownerReferenceIdentity(reference: Readonly<Record<string, unknown>>): string {
  const fields = ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'];
  return JSON.stringify(fields.map((f) => (isAbsent(reference[f]) ? null : reference[f])));
}

export const metadataOwnerReferencesInvalid = apiServerRule({
  id: 'metadata-owner-references-invalid',
  kinds: BOTH_KINDS,
  summary:
    'An owner reference without an apiVersion (version), kind, name or uid, one naming a core v1 Event, or more than one controller reference.',
  check(input) {
    const references = fieldOf(metadataOf(input), 'ownerReferences');
    if (!Array.isArray(references) || references.length === 0) return [];
    const violations: Violation[] = [];
    const listPath = 'metadata.ownerReferences';
    let controller: string | undefined;
    const seen = new Set<string>();
    references.forEach((item, i) => {
      const reference = objectOf(item);
      if (!reference) return;
      // The API server drops a reference equal to an earlier one before it validates (with a warning).
      const identity = ownerReferenceIdentity(reference);
      if (seen.has(identity)) return;
      seen.add(identity);
      const at = index(listPath, i);
      const text = (field: string) => stringOf(reference[field]) ?? '';
      const { group, version } = groupVersionOf(text('apiVersion'));
      const kind = text('kind');
      if (version === '')
        violations.push({
          field: child(at, 'apiVersion'),
          message: `The owner reference's apiVersion ${describeValue(text('apiVersion'))} names no version ("version must not be empty").`,
          fix: OWNER_FIX,
        });
      for (const field of ['kind', 'name', 'uid'] as const)
        if (text(field) === '')
          violations.push({
            field: child(at, field),
            message: `The owner reference has no ${field} ("${field} must not be empty").`,
            fix: OWNER_FIX,
          });
      if (group === BANNED_OWNER.group && version === BANNED_OWNER.version && kind === BANNED_OWNER.kind)
        violations.push({
          field: at,
          message: 'An Event cannot own objects ("/v1, Kind=Event is disallowed from being an owner").',
          fix: 'Remove the reference to the Event.',
        });
      if (reference.controller === true) {
        const owner = `${kind}/${text('name')}`;
        if (controller === undefined) controller = owner;
        else
          violations.push({
            field: at,
            message: `Two owner references are controllers: "Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${owner}".`,
            fix: 'Set controller: true on the one owner that manages the object, and leave it out (or false) on the others.',
          });
      }
    });
    return violations;
  },
});

export const jobNameTooLong = apiServerRule({
  id: 'job-name-too-long',
  kinds: JOB_ONLY,
  summary:
    'A Job name over 63 characters: the API server copies it into the job-name pod template labels, whose values are limited to 63.',
  check(input) {
    if (writtenJobSpecOf(input).manualSelector === true) return [];
    const named = effectiveNameOf(input);
    if (!named || named.name.length <= LABEL_VALUE_MAX_LENGTH) return [];
    const message =
      `The Job name is ${named.name.length} characters long. The API server labels the Job's pods with it ` +
      `(${JOB_NAME_LABELS.join(' and ')}), and a label value "must be no more than ${LABEL_VALUE_MAX_LENGTH} characters", so the Job is rejected ` +
      'although metadata.name itself could be longer.';
    const fix = `Shorten metadata.name to at most ${LABEL_VALUE_MAX_LENGTH} characters.`;
    const violations: Violation[] = [{ field: child(input.templatePath, 'labels'), message, fix }];
    // A Job without labels of its own shares its template's label map, which gets the job-name labels too.
    const templateLabels = fieldOf(podTemplateOf(input).metadata, 'labels');
    if (isObject(templateLabels) && fieldOf(fieldOf(input.defaulted, 'metadata'), 'labels') === templateLabels) {
      violations.push({ field: 'metadata.labels', message, fix });
    }
    return violations;
  },
});

export const jobIndexedPodHostnameInvalid = apiServerRule({
  id: 'job-indexed-pod-hostname-invalid',
  kinds: JOB_ONLY,
  summary:
    'An Indexed Job whose last pod hostname, "<name>-<completions-1>", is not a DNS-1123 label (at most 63 characters, no dots).',
  check(input) {
    const spec = jobSpecOf(input);
    const completions = integerOf(spec.completions);
    const named = effectiveNameOf(input);
    if (!isIndexed(spec) || completions === undefined || completions <= 0 || !named) return [];
    const hostname = `${named.name}-${completions - 1}`;
    const problems = dns1123LabelProblems(hostname);
    if (problems.length === 0) return [];
    const room = Math.max(1, LABEL_VALUE_MAX_LENGTH - String(completions - 1).length - 1);
    return [
      {
        field: 'metadata.name',
        message:
          `An Indexed Job names its pods' hostnames "<job name>-<index>", and the last one, ${describeValue(hostname)}, ${problems.join('; ')} ` +
          `(API server: "will not able to create pod with invalid DNS label: ${hostname}").`,
        fix: `Use a Job name of lowercase letters, digits and "-" only, at most ${room} characters for ${completions} completions.`,
      },
    ];
  },
});

/** The CronJob controller names Jobs "<cronjob>-<minutes since the epoch>", and Job names must fit in 63 characters. */
const CRON_JOB_NAME_MAX_LENGTH = 52;

export const cronJobNameTooLong = apiServerRule({
  id: 'cronjob-name-too-long',
  kinds: CRON_JOB_ONLY,
  summary: 'A CronJob name over 52 characters: the Jobs it creates get an 11-character suffix and must fit in 63.',
  check(input) {
    const named = effectiveNameOf(input);
    if (!named || named.name.length <= CRON_JOB_NAME_MAX_LENGTH) return [];
    return [
      {
        field: 'metadata.name',
        message:
          `The CronJob name is ${named.name.length} characters long${named.generated ? ' once generated from generateName' : ''}; the API server requires it to ` +
          `"be no more than ${CRON_JOB_NAME_MAX_LENGTH} characters", because each Job it creates is named "<cronjob>-<scheduled minute>" and must fit in 63.`,
        fix: `Shorten the name to at most ${CRON_JOB_NAME_MAX_LENGTH} characters.`,
      },
    ];
  },
});

/** The finalizers Kubernetes itself names without a domain (IsStandardFinalizerName). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * The problems of a finalizer list at `path` (ValidateFinalizers with the core check of unqualified
 * names): each a qualified name, without a domain only if one of Kubernetes' own; not orphan with
 * foregroundDeletion. Messages name each finalizer; the caller adds what the problem costs.
 */
export function finalizerViolations(finalizers: unknown, path: string): Violation[] {
  if (!Array.isArray(finalizers) || finalizers.length === 0) return [];
  const violations: Violation[] = [];
  const fix = 'Name a finalizer after its controller\'s domain, e.g. "example.com/cleanup", or remove it.';
  finalizers.forEach((item, i) => {
    if (typeof item !== 'string') return;
    const field = index(path, i);
    const problems = qualifiedNameProblems(item);
    for (const p of problems)
      violations.push({ field, message: `The finalizer ${describeValue(item)} is not valid: ${p}.`, fix });
    if (problems.length === 0 && !item.includes('/') && !STANDARD_FINALIZERS.has(item))
      violations.push({
        field,
        message: `The finalizer ${describeValue(item)} has no domain and is not one of Kubernetes' own: "name is neither a standard finalizer name nor is it fully qualified".`,
        fix,
      });
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion'))
    violations.push({
      field: path,
      message: 'The finalizers orphan and foregroundDeletion ask for opposite deletions: they "cannot be both set".',
      fix: 'Keep one: orphan leaves the dependents behind, foregroundDeletion deletes them first.',
    });
  return violations;
}

export const metadataFinalizersInvalid = apiServerRule({
  id: 'metadata-finalizers-invalid',
  kinds: BOTH_KINDS,
  summary:
    "A finalizer that is not a qualified name, or without a domain though not one of Kubernetes' own (kubernetes, orphan, foregroundDeletion); orphan together with foregroundDeletion.",
  check(input) {
    return finalizerViolations(fieldOf(metadataOf(input), 'finalizers'), 'metadata.finalizers');
  },
});

export const metadataResourceVersionSet = apiServerRule({
  id: 'metadata-resource-version-set',
  kinds: BOTH_KINDS,
  summary:
    'metadata.resourceVersion is set (copied from a live object): the API server refuses to create the object, and an update with a stale one conflicts.',
  check(input) {
    const version = fieldOf(metadataOf(input), 'resourceVersion');
    // The storage layer refuses a version it reads as a number other than 0 (ObjectResourceVersion).
    if (typeof version !== 'string' || !/^\d+$/.test(version) || /^0+$/.test(version)) return [];
    return [
      {
        field: 'metadata.resourceVersion',
        message: `metadata.resourceVersion is ${describeValue(version)}: the API server refuses to create the object ("resourceVersion should not be set on objects to be created"), and updating an existing one with it fails once the object has changed.`,
        fix: 'Remove metadata.resourceVersion (and uid, creationTimestamp, managedFields and status, which the API server sets): it belongs to a live object, not to a manifest.',
      },
    ];
  },
});

export const OBJECT_METADATA_RULES = [
  metadataNameRequired,
  metadataNameInvalid,
  metadataNamespaceInvalid,
  metadataLabelsInvalid,
  metadataAnnotationsInvalid,
  metadataAnnotationsTooLarge,
  metadataOwnerReferencesInvalid,
  metadataFinalizersInvalid,
  metadataResourceVersionSet,
  jobNameTooLong,
  jobIndexedPodHostnameInvalid,
  cronJobNameTooLong,
];
