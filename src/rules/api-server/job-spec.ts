/**
 * The JobSpec's own fields (validateJobSpec): counts and limits, completion mode, the Indexed
 * limits, backoff limit per index, managedBy and podReplacementPolicy. Under a CronJob every path
 * starts with `spec.jobTemplate.spec` instead of `spec`. The pod failure policy, success policy,
 * selector and pod template have modules of their own.
 */
import { FEATURES, isAtLeast } from '../kubernetes-version';
import { RuleInput, Violation } from '../rule';
import { describeValue, integerOf, isAbsent, stringOf } from '../support/access';
import { child } from '../support/field-path';
import { domainPrefixedPathProblems } from '../support/names';
import { apiServerRule, BOTH_KINDS, isIndexed, jobSpecOf } from './api-server-rule';

/** The non-negative JobSpec counts, with what 0 means, for the fix. */
const NON_NEGATIVE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['parallelism', '0 pauses the Job'],
  ['completions', 'leave it out for a Job that is done when one pod succeeds'],
  ['activeDeadlineSeconds', 'leave it out for no deadline'],
  ['backoffLimit', '0 means no retries'],
  ['ttlSecondsAfterFinished', '0 deletes the Job as soon as it finishes'],
  ['backoffLimitPerIndex', '0 means no retries per index'],
  ['maxFailedIndexes', '0 fails the Job at the first failed index'],
];

export const jobNegativeValue = apiServerRule({
  id: 'job-negative-value',
  kinds: BOTH_KINDS,
  summary:
    'parallelism, completions, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished, backoffLimitPerIndex or maxFailedIndexes is negative.',
  check(input) {
    const spec = jobSpecOf(input);
    const violations: Violation[] = [];
    for (const [field, zero] of NON_NEGATIVE_FIELDS) {
      const value = integerOf(spec[field]);
      if (value === undefined || value >= 0) continue;
      violations.push({
        field: child(input.jobSpecPath, field),
        message: `${field} is ${value}; it "must be greater than or equal to 0".`,
        fix: `Set ${field} to 0 or more (${zero}).`,
      });
    }
    return violations;
  },
});

const COMPLETION_MODES = ['NonIndexed', 'Indexed'];

export const jobCompletionModeUnsupported = apiServerRule({
  id: 'job-completion-mode-unsupported',
  kinds: BOTH_KINDS,
  summary: 'completionMode is neither NonIndexed nor Indexed.',
  check(input) {
    const mode = stringOf(jobSpecOf(input).completionMode);
    if (mode === undefined || COMPLETION_MODES.includes(mode)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'completionMode'),
        message: `completionMode ${describeValue(mode)} is not supported (supported values: "NonIndexed", "Indexed"; the names are case-sensitive).`,
        fix: 'Set completionMode to NonIndexed (the default) or Indexed.',
      },
    ];
  },
});

export const jobIndexedCompletionsRequired = apiServerRule({
  id: 'job-indexed-completions-required',
  kinds: BOTH_KINDS,
  summary:
    'An Indexed Job without completions (a Job defaults it only when parallelism is unset too; a CronJob template never).',
  check(input) {
    const spec = jobSpecOf(input);
    if (!isIndexed(spec) || !isAbsent(spec.completions)) return [];
    const why =
      input.kind === 'CronJob'
        ? "A CronJob's job template is not defaulted, so completions stays unset"
        : 'completions defaults to 1 only when parallelism is unset too';
    return [
      {
        field: child(input.jobSpecPath, 'completions'),
        message: `${why}, and an Indexed Job needs it ("Required value: when completion mode is Indexed").`,
        fix: 'Set completions to the number of indexes.',
      },
    ];
  },
});

/** Limits on Indexed Jobs (validateJobSpec's constants). */
const MAX_INDEXED_PARALLELISM = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const HIGH_COMPLETIONS_PARALLELISM_LIMIT = 10_000;
const HIGH_COMPLETIONS_MAX_FAILED_INDEXES_LIMIT = 10_000;
/** The release that added the limits for more than 100,000 completions with a backoff limit per index. */
const HIGH_COMPLETIONS_LIMITS_SINCE = 29;

/** True for an Indexed Job with more than 100,000 completions and a backoff limit per index, in a release that limits those. */
function hasHighCompletionsLimits(input: RuleInput): boolean {
  const spec = jobSpecOf(input);
  const completions = integerOf(spec.completions);
  return (
    isAtLeast(input.version, HIGH_COMPLETIONS_LIMITS_SINCE) &&
    isIndexed(spec) &&
    completions !== undefined &&
    completions > COMPLETIONS_SOFT_LIMIT &&
    !isAbsent(spec.backoffLimitPerIndex)
  );
}

export const jobIndexedParallelismTooHigh = apiServerRule({
  id: 'job-indexed-parallelism-too-high',
  kinds: BOTH_KINDS,
  summary:
    'An Indexed Job with parallelism over 100,000, or over 10,000 when completions exceed 100,000 with a backoff limit per index.',
  check(input) {
    const spec = jobSpecOf(input);
    const parallelism = integerOf(spec.parallelism);
    if (!isIndexed(spec) || parallelism === undefined) return [];
    const field = child(input.jobSpecPath, 'parallelism');
    const violations: Violation[] = [];
    if (parallelism > MAX_INDEXED_PARALLELISM) {
      violations.push({
        field,
        message: `parallelism ${parallelism} is too high for an Indexed Job ("must be less than or equal to ${MAX_INDEXED_PARALLELISM} when completion mode is Indexed").`,
        fix: `Set parallelism to at most ${MAX_INDEXED_PARALLELISM}.`,
      });
    }
    if (hasHighCompletionsLimits(input) && parallelism > HIGH_COMPLETIONS_PARALLELISM_LIMIT) {
      violations.push({
        field,
        message:
          `parallelism ${parallelism} is too high ("must be less than or equal to ${HIGH_COMPLETIONS_PARALLELISM_LIMIT} when completions are above ` +
          `${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index").`,
        fix: `Set parallelism to at most ${HIGH_COMPLETIONS_PARALLELISM_LIMIT}, or split the work into Jobs of at most ${COMPLETIONS_SOFT_LIMIT} completions.`,
      });
    }
    return violations;
  },
});

export const jobMaxFailedIndexesTooHigh = apiServerRule({
  id: 'job-max-failed-indexes-too-high',
  since: FEATURES.maxFailedIndexes,
  kinds: BOTH_KINDS,
  summary: 'maxFailedIndexes above completions, above 100,000, or above 10,000 when completions exceed 100,000.',
  check(input) {
    const spec = jobSpecOf(input);
    const maxFailed = integerOf(spec.maxFailedIndexes);
    if (!isIndexed(spec) || maxFailed === undefined) return [];
    const completions = integerOf(spec.completions);
    const field = child(input.jobSpecPath, 'maxFailedIndexes');
    const violations: Violation[] = [];
    if (completions !== undefined && maxFailed > completions) {
      violations.push({
        field,
        message: `maxFailedIndexes ${maxFailed} is more than the ${completions} completions ("must be less than or equal to completions").`,
        fix: `Set maxFailedIndexes to at most ${completions}.`,
      });
    }
    if (maxFailed > MAX_FAILED_INDEXES) {
      violations.push({
        field,
        message: `maxFailedIndexes ${maxFailed} is too high ("must be less than or equal to ${MAX_FAILED_INDEXES}").`,
        fix: `Set maxFailedIndexes to at most ${MAX_FAILED_INDEXES}.`,
      });
    }
    if (hasHighCompletionsLimits(input) && maxFailed > HIGH_COMPLETIONS_MAX_FAILED_INDEXES_LIMIT) {
      violations.push({
        field,
        message:
          `maxFailedIndexes ${maxFailed} is too high ("must be less than or equal to ${HIGH_COMPLETIONS_MAX_FAILED_INDEXES_LIMIT} when completions are above ` +
          `${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index").`,
        fix: `Set maxFailedIndexes to at most ${HIGH_COMPLETIONS_MAX_FAILED_INDEXES_LIMIT}.`,
      });
    }
    return violations;
  },
});

export const jobMaxFailedIndexesRequired = apiServerRule({
  id: 'job-max-failed-indexes-required',
  since: FEATURES.maxFailedIndexes,
  kinds: BOTH_KINDS,
  summary: 'An Indexed Job with more than 100,000 completions and a backoff limit per index needs maxFailedIndexes.',
  check(input) {
    if (!hasHighCompletionsLimits(input) || !isAbsent(jobSpecOf(input).maxFailedIndexes)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'maxFailedIndexes'),
        message: `With more than ${COMPLETIONS_SOFT_LIMIT} completions and backoffLimitPerIndex, maxFailedIndexes "must be specified".`,
        fix: `Set maxFailedIndexes (at most ${HIGH_COMPLETIONS_MAX_FAILED_INDEXES_LIMIT}).`,
      },
    ];
  },
});

export const jobBackoffLimitPerIndexRequired = apiServerRule({
  id: 'job-backoff-limit-per-index-required',
  since: FEATURES.backoffLimitPerIndex,
  kinds: BOTH_KINDS,
  summary: 'maxFailedIndexes is set without backoffLimitPerIndex.',
  check(input) {
    const spec = jobSpecOf(input);
    if (integerOf(spec.maxFailedIndexes) === undefined || !isAbsent(spec.backoffLimitPerIndex)) return [];
    return [
      {
        field: child(input.jobSpecPath, 'backoffLimitPerIndex'),
        message:
          'maxFailedIndexes only works with a backoff limit per index ("Required value: when maxFailedIndexes is specified").',
        fix: 'Set backoffLimitPerIndex (e.g. 1), or remove maxFailedIndexes.',
      },
    ];
  },
});

export const jobPerIndexRequiresIndexed = apiServerRule({
  id: 'job-per-index-requires-indexed',
  since: FEATURES.backoffLimitPerIndex,
  kinds: BOTH_KINDS,
  summary: 'backoffLimitPerIndex or maxFailedIndexes on a Job that is not Indexed.',
  check(input) {
    const spec = jobSpecOf(input);
    if (!isAbsent(spec.completionMode) && spec.completionMode !== 'NonIndexed') return [];
    const violations: Violation[] = [];
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (integerOf(spec[field]) === undefined) continue;
      violations.push({
        field: child(input.jobSpecPath, field),
        message: `${field} counts failures per index, so it "requires indexed completion mode".`,
        fix: `Set completionMode: Indexed (with completions), or remove ${field}.`,
      });
    }
    return violations;
  },
});

const MANAGED_BY_MAX_LENGTH = 63;

export const jobManagedByInvalid = apiServerRule({
  id: 'job-managed-by-invalid',
  since: FEATURES.managedBy,
  kinds: BOTH_KINDS,
  summary:
    'managedBy is not a domain-prefixed path such as "kueue.x-k8s.io/multikueue", or is longer than 63 characters.',
  check(input) {
    const managedBy = stringOf(jobSpecOf(input).managedBy);
    if (managedBy === undefined) return [];
    const field = child(input.jobSpecPath, 'managedBy');
    const fix =
      'Name the controller as "<domain>/<name>", e.g. "kueue.x-k8s.io/multikueue", or leave managedBy out for the built-in Job controller.';
    const violations: Violation[] = domainPrefixedPathProblems(managedBy).map((p) => ({
      field,
      message: `managedBy ${describeValue(managedBy)} is not valid: ${p}.`,
      fix,
    }));
    if (managedBy.length > MANAGED_BY_MAX_LENGTH) {
      violations.push({
        field,
        message: `managedBy is ${managedBy.length} characters long; it may not be more than ${MANAGED_BY_MAX_LENGTH}.`,
        fix,
      });
    }
    return violations;
  },
});

const POD_REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

export const jobPodReplacementPolicyUnsupported = apiServerRule({
  id: 'job-pod-replacement-policy-unsupported',
  since: FEATURES.podReplacementPolicy,
  kinds: BOTH_KINDS,
  summary: 'podReplacementPolicy is not Failed or TerminatingOrFailed, or not Failed while a podFailurePolicy is set.',
  check(input) {
    const spec = jobSpecOf(input);
    const policy = stringOf(spec.podReplacementPolicy);
    if (policy === undefined) return [];
    const field = child(input.jobSpecPath, 'podReplacementPolicy');
    if (!isAbsent(spec.podFailurePolicy)) {
      if (policy === 'Failed') return [];
      return [
        {
          field,
          message: `podReplacementPolicy ${describeValue(policy)} is not supported with a podFailurePolicy (supported values: "Failed").`,
          fix: 'Set podReplacementPolicy to Failed, or leave it out (it defaults to Failed when a podFailurePolicy is set).',
        },
      ];
    }
    if (POD_REPLACEMENT_POLICIES.includes(policy)) return [];
    return [
      {
        field,
        message: `podReplacementPolicy ${describeValue(policy)} is not supported (supported values: "Failed", "TerminatingOrFailed").`,
        fix: 'Set podReplacementPolicy to Failed or TerminatingOrFailed, or leave it out.',
      },
    ];
  },
});

export const JOB_SPEC_RULES = [
  jobNegativeValue,
  jobCompletionModeUnsupported,
  jobIndexedCompletionsRequired,
  jobIndexedParallelismTooHigh,
  jobMaxFailedIndexesTooHigh,
  jobMaxFailedIndexesRequired,
  jobBackoffLimitPerIndexRequired,
  jobPerIndexRequiresIndexed,
  jobManagedByInvalid,
  jobPodReplacementPolicyUnsupported,
];
