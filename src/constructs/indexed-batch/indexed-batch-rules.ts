/**
 * The rules of an IndexedBatch's own props, which have no manifest field for the manifest rules to
 * point at (the chunk count variable, the work items, the failure policy presets), or need what only
 * the construct knows (which props asked for per-index retries).
 */
import { ConstructRule } from '../../rules/construct-rule';
import { FEATURES, featureEnabled, formatVersion, KubernetesVersion } from '../../rules/kubernetes-version';
import { RuleOrigin } from '../../rules/rule';
import type { IndexFailurePolicy } from './failure-policy';
import { COMPLETION_INDEX_VARIABLE, IndexEnvironment, withIndexEnvironment } from './index-environment';
import { WorkItems, workItemsViolations } from './work-items';
import { PodTemplateJson } from '../manifest-json';

/** What the IndexedBatch rules judge. */
export interface IndexedBatchPlan {
  readonly completions: number;
  readonly totalCountVariable: string;
  readonly failurePolicy: IndexFailurePolicy;
  /** The per-index props given (`retriesPerIndex`, `maxFailedIndexes`). */
  readonly perIndexProps: readonly string[];
  /** The target release; undefined when the policy names an unsupported one (reported by the BatchPolicy). */
  readonly version?: KubernetesVersion;
  readonly workItems?: WorkItems;
  /** The pod template before the index environment is applied, and that environment. */
  readonly template?: PodTemplateJson;
  readonly indexEnvironment: IndexEnvironment;
}

const INDEXED_BATCH = ['IndexedBatch'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const INDEXED_BATCH_RULES: readonly ConstructRule<IndexedBatchPlan>[] = [
  {
    id: 'indexed-batch-completions-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: INDEXED_BATCH,
    summary: 'An IndexedBatch whose completions is not a positive whole number of chunks.',
    check: ({ completions }) =>
      Number.isSafeInteger(completions) && completions >= 1
        ? []
        : [
            {
              field: 'spec.completions',
              message: `${completions} is not a positive whole number of chunks.`,
              fix: 'split the work into at least one chunk.',
            },
          ],
  },
  {
    id: 'indexed-batch-count-variable-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: INDEXED_BATCH,
    summary: `A totalCountVariable that is not an environment variable name, or is ${COMPLETION_INDEX_VARIABLE}.`,
    check: ({ totalCountVariable: name }) =>
      ENV_NAME.test(name) && name !== COMPLETION_INDEX_VARIABLE
        ? []
        : [
            {
              field: 'totalCountVariable',
              message: `"${name}" is not a usable environment variable name.`,
              fix: `use letters, digits and underscores (not starting with a digit), other than ${COMPLETION_INDEX_VARIABLE}.`,
            },
          ],
  },
  {
    id: 'indexed-batch-exit-code-in-two-presets',
    origin: RuleOrigin.CONSTRUCT,
    constructs: INDEXED_BATCH,
    summary: 'An exit code listed both as bad input and as transient, so it is never retried.',
    check: ({ failurePolicy }) => failurePolicy._violations(),
  },
  {
    id: 'indexed-batch-per-index-retries-unavailable',
    origin: RuleOrigin.CONSTRUCT,
    constructs: INDEXED_BATCH,
    summary: `retriesPerIndex or maxFailedIndexes for a target release before 1.${FEATURES.backoffLimitPerIndex.beta}, where backoffLimitPerIndex is off by default.`,
    check: ({ perIndexProps, version }) => {
      if (!version || perIndexProps.length === 0 || featureEnabled(FEATURES.backoffLimitPerIndex, version)) return [];
      const props = perIndexProps.join(' and ');
      const fields = perIndexProps.includes('maxFailedIndexes') ? ', maxFailedIndexes' : '';
      return [
        {
          field: perIndexProps[0],
          message: `per-chunk retries (backoffLimitPerIndex${fields}) need Kubernetes 1.${FEATURES.backoffLimitPerIndex.beta} or later, and the target is ${formatVersion(version)}.`,
          fix: `set kubernetesVersion in the BatchPolicy (e.g. "1.30") if your clusters run 1.${FEATURES.backoffLimitPerIndex.beta}+, or remove ${props}.`,
        },
      ];
    },
  },
  {
    id: 'indexed-batch-work-items-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: INDEXED_BATCH,
    summary:
      'Work items that leave indexes idle, overflow a ConfigMap or the range arithmetic, hold line breaks, or use unusable or repeated variable names.',
    check: ({ workItems, completions, totalCountVariable }) =>
      workItems ? workItemsViolations(workItems, completions, [totalCountVariable, COMPLETION_INDEX_VARIABLE]) : [],
  },
  {
    id: 'indexed-batch-container-env-conflict',
    origin: RuleOrigin.CONSTRUCT,
    constructs: INDEXED_BATCH,
    summary:
      'A container that sets a variable the IndexedBatch sets, or has no command for the WorkItems.range wrapper.',
    check: ({ template, indexEnvironment }) =>
      template ? withIndexEnvironment(template, indexEnvironment).problems : [],
  },
];
