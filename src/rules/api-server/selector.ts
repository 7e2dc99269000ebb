/**
 * Job selectors. Unless `manualSelector` is true, the API server generates a Job's selector and
 * labels its pod template (the registry strategy's generateSelector): job-name and controller-uid,
 * and from 1.27 also their batch.kubernetes.io/ forms. Then ValidateJob checks that the selector
 * still selects exactly those generated labels and that the template carries them unchanged, and
 * ValidateJobSpec that the selector is well formed and selects the template's labels.
 * A CronJob's job template must leave the selector to the Jobs' creation (ValidateJobTemplateSpec).
 */
import { isAtLeast, KubernetesVersion } from '../kubernetes-version';
import { RuleInput, Violation } from '../rule';
import { describeValue, fieldOf, isAbsent, isObject, objectOf } from '../support/access';
import { child, key } from '../support/field-path';
import {
  labelEntries,
  labelSelectorProblems,
  labelSelectorProblemsWith,
  SELECTOR_VALUES_CHECKED_SINCE,
  selectorMatches,
  UNKNOWN_LABEL_VALUE,
} from '../support/labels';
import {
  apiServerRule,
  CRON_JOB_ONLY,
  effectiveNameOf,
  JOB_ONLY,
  jobSpecOf,
  podTemplateOf,
  writtenJobSpecOf,
} from './api-server-rule';

const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
const LEGACY_JOB_NAME_LABEL = 'job-name';
const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

/** The pod labels that carry the Job's name. */
export const JOB_NAME_LABELS: readonly string[] = [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL];

/** The release whose generateSelector added (and ValidateJob required) the batch.kubernetes.io/ labels. */
const PREFIXED_LABELS_SINCE = 27;

/** The generated labels a release puts on the pod template: label key → whether it holds the name (else the UID). */
export function generatedLabelKeys(version: KubernetesVersion): ReadonlyArray<readonly [string, 'name' | 'uid']> {
  const legacy: Array<readonly [string, 'name' | 'uid']> = [
    [LEGACY_JOB_NAME_LABEL, 'name'],
    [LEGACY_CONTROLLER_UID_LABEL, 'uid'],
  ];
  if (!isAtLeast(version, PREFIXED_LABELS_SINCE)) return legacy;
  return [...legacy, [JOB_NAME_LABEL, 'name'], [CONTROLLER_UID_LABEL, 'uid']];
}

/** True when the API server generates this Job's selector. */
function isGenerated(input: RuleInput): boolean {
  return jobSpecOf(input).manualSelector !== true;
}

/** The Job's name, or a stand-in when it has none (metadata-name-required reports that). */
function jobName(input: RuleInput): string {
  return effectiveNameOf(input)?.name ?? '';
}

/** The pod template labels after generateSelector: the written ones, plus the generated ones the user did not set. */
function templateLabelsAfterGeneration(input: RuleInput): Map<string, string> {
  const labels = labelEntries(fieldOf(podTemplateOf(input).metadata, 'labels'));
  if (!isGenerated(input)) return labels;
  const name = jobName(input);
  for (const [labelKey, holds] of generatedLabelKeys(input.version)) {
    if (!labels.has(labelKey)) labels.set(labelKey, holds === 'name' ? name : UNKNOWN_LABEL_VALUE);
  }
  return labels;
}

/** PodIndexLabel (on by default from 1.28): an Indexed Job's pods carry their completion index as a label. */
const COMPLETION_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
const COMPLETION_INDEX_LABEL_SINCE = 28;

/**
 * The label keys every pod of the Job carries: the template's, the generated ones, and an Indexed
 * Job's completion index.
 */
export function podLabelKeys(input: RuleInput): ReadonlySet<string> {
  const keys = new Set(templateLabelsAfterGeneration(input).keys());
  if (jobSpecOf(input).completionMode === 'Indexed' && isAtLeast(input.version, COMPLETION_INDEX_LABEL_SINCE))
    keys.add(COMPLETION_INDEX_LABEL);
  return keys;
}

/** The selector after generateSelector: the written one, or `{}`, with the controller-uid label added to matchLabels unless present. */
function selectorAfterGeneration(input: RuleInput): unknown {
  const written = jobSpecOf(input).selector;
  if (!isGenerated(input)) return written;
  const uidLabel = isAtLeast(input.version, PREFIXED_LABELS_SINCE) ? CONTROLLER_UID_LABEL : LEGACY_CONTROLLER_UID_LABEL;
  const selector = objectOf(written) ?? {};
  const matchLabels = objectOf(selector.matchLabels) ?? {};
  if (uidLabel in matchLabels) return selector;
  return { ...selector, matchLabels: { ...matchLabels, [uidLabel]: UNKNOWN_LABEL_VALUE } };
}

/** True when the selector is well formed (the server can turn it into a label selector). */
function selectorIsWellFormed(selector: unknown): boolean {
  return labelSelectorProblems(selector, '').length === 0;
}

export const jobSelectorRequired = apiServerRule({
  id: 'job-selector-required',
  kinds: JOB_ONLY,
  summary: 'manualSelector is true but there is no selector.',
  check(input) {
    if (isGenerated(input) || !isAbsent(jobSpecOf(input).selector)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'selector'),
        message:
          'With manualSelector: true the API server does not generate a selector, and none is given ("Required value").',
        fix: 'Remove manualSelector to let the API server generate the selector (recommended), or set spec.selector to match the pod template labels.',
      },
    ];
  },
});

export const jobSelectorInvalid = apiServerRule({
  id: 'job-selector-invalid',
  kinds: JOB_ONLY,
  summary: 'The selector has a bad label key or value, an unknown operator, or values that do not fit the operator.',
  check(input) {
    const checkValues = isAtLeast(input.version, SELECTOR_VALUES_CHECKED_SINCE);
    const selector = jobSpecOf(input).selector;
    return labelSelectorProblemsWith(selector, child(input.jobSpecPath, 'selector'), checkValues).map((p) => ({
      field: p.field,
      message: `Invalid label selector: ${p.message}.`,
      fix: 'Use operators In or NotIn with at least one value, Exists or DoesNotExist with none, and valid label keys and values.',
    }));
  },
});

export const jobSelectorNotGenerated = apiServerRule({
  id: 'job-selector-not-generated',
  kinds: JOB_ONLY,
  summary: 'A selector written without manualSelector: true that does not select the labels the API server generates.',
  check(input) {
    const written = jobSpecOf(input).selector;
    if (!isGenerated(input) || isAbsent(written) || !selectorIsWellFormed(written)) return [];
    const expected = new Map<string, string>();
    const name = jobName(input);
    for (const [labelKey, holds] of generatedLabelKeys(input.version))
      expected.set(labelKey, holds === 'name' ? name : UNKNOWN_LABEL_VALUE);
    if (selectorMatches(selectorAfterGeneration(input), expected)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'selector'),
        message:
          'The Job sets a selector without manualSelector: true, so the API server generates its own labels (job-name, controller-uid) and requires the selector ' +
          `to select them; this one does not ("\`selector\` not auto-generated"). Selector given: ${describeValue(written)}.`,
        fix: 'Remove spec.selector and let the API server generate it (recommended), or set manualSelector: true and keep the selector unique to this Job.',
      },
    ];
  },
});

export const jobSelectorTemplateMismatch = apiServerRule({
  id: 'job-selector-template-mismatch',
  kinds: JOB_ONLY,
  summary: 'The selector does not select the pod template labels (an absent manual selector selects nothing).',
  check(input) {
    const written = jobSpecOf(input).selector;
    if (!isAbsent(written) && (!isObject(written) || !selectorIsWellFormed(written))) return [];
    if (selectorMatches(selectorAfterGeneration(input), templateLabelsAfterGeneration(input))) return [];
    return [
      {
        field: child(input.templatePath, 'metadata.labels'),
        message:
          'The Job\'s selector does not select its own pod template labels ("`selector` does not match template `labels`"), so the Job could never find its pods.',
        fix: isGenerated(input)
          ? 'Remove spec.selector and labels the API server sets (job-name, controller-uid) from the template, and let the API server generate them.'
          : "Add the selector's labels to spec.template.metadata.labels, or change the selector to select them.",
      },
    ];
  },
});

export const jobTemplateGeneratedLabelConflict = apiServerRule({
  id: 'job-template-generated-label-conflict',
  kinds: JOB_ONLY,
  summary:
    'The pod template sets a job-name label other than the Job name, or a controller-uid label (the API server owns both).',
  check(input) {
    if (!isGenerated(input)) return [];
    const labels = labelEntries(fieldOf(podTemplateOf(input).metadata, 'labels'));
    const name = jobName(input);
    const violations: Violation[] = [];
    for (const [labelKey, holds] of generatedLabelKeys(input.version)) {
      const value = labels.get(labelKey);
      if (value === undefined || (holds === 'name' && value === name)) continue;
      violations.push({
        field: key(child(input.templatePath, 'metadata.labels'), labelKey),
        message:
          holds === 'name'
            ? `The pod template label ${labelKey} is ${describeValue(value)}, but the API server requires the Job's name ("must be '${name}'").`
            : `The pod template label ${labelKey} is ${describeValue(value)}, but the API server requires the Job's UID, which it assigns on create.`,
        fix: `Remove the ${labelKey} label from the pod template; the API server sets it.`,
      });
    }
    return violations;
  },
});

export const cronJobSelectorForbidden = apiServerRule({
  id: 'cronjob-selector-forbidden',
  kinds: CRON_JOB_ONLY,
  summary: 'The job template sets a selector; each Job created from it gets a generated one.',
  check(input) {
    if (isAbsent(jobSpecOf(input).selector)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'selector'),
        message:
          'A CronJob\'s job template may not set a selector: every Job created from it gets its own ("`selector` will be auto-generated").',
        fix: 'Remove spec.jobTemplate.spec.selector.',
      },
    ];
  },
});

export const cronJobManualSelectorForbidden = apiServerRule({
  id: 'cronjob-manual-selector-forbidden',
  kinds: CRON_JOB_ONLY,
  summary: 'The job template sets manualSelector: true, which a CronJob does not support.',
  check(input) {
    if (writtenJobSpecOf(input).manualSelector !== true) return [];
    return [
      {
        field: child(input.jobSpecPath, 'manualSelector'),
        message:
          'A CronJob\'s job template may not set manualSelector: true (API server: Unsupported value: true: supported values: "nil", "false").',
        fix: 'Remove spec.jobTemplate.spec.manualSelector.',
      },
    ];
  },
});

export const SELECTOR_RULES = [
  jobSelectorRequired,
  jobSelectorInvalid,
  jobSelectorNotGenerated,
  jobSelectorTemplateMismatch,
  jobTemplateGeneratedLabelConflict,
  cronJobSelectorForbidden,
  cronJobManualSelectorForbidden,
];
