/**
 * The rules of a CleanupCronJob's props that no manifest rule sees: pod settings its script cannot
 * run without, an age that deletes Jobs as they finish, and which Jobs it targets.
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';

/** What the cleanup rules judge: the props as given, and the age after defaults. */
export interface CleanupPlan {
  readonly containersGiven: boolean;
  readonly writableTmp?: boolean;
  readonly automountServiceAccountToken?: boolean;
  readonly olderThanSeconds: number;
  readonly selector?: { readonly [key: string]: string };
  readonly namespace?: string;
  readonly image?: string;
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const CLEANUP = ['CleanupCronJob'];

export const CLEANUP_RULES: readonly ConstructRule<CleanupPlan>[] = [
  {
    id: 'cleanup-pod-settings-conflict',
    origin: RuleOrigin.CONSTRUCT,
    constructs: CLEANUP,
    summary:
      'A CleanupCronJob given containers of its own, no writable /tmp, or no ServiceAccount token, without which its kubectl script cannot run.',
    check: (plan) => {
      const violations: Violation[] = [];
      if (plan.containersGiven)
        violations.push({
          field: 'containers',
          message:
            "a CleanupCronJob makes its own container, and another one would keep every run's pod from finishing.",
          fix: 'remove containers.',
        });
      if (plan.writableTmp === false)
        violations.push({
          field: 'writableTmp',
          message: 'the cleanup writes its Job list and kubectl its cache to /tmp, which is read-only without it.',
          fix: 'remove writableTmp: false.',
        });
      if (plan.automountServiceAccountToken === false)
        violations.push({
          field: 'automountServiceAccountToken',
          message: 'without the token kubectl cannot reach the API server.',
          fix: 'remove automountServiceAccountToken: false.',
        });
      if (plan.image !== undefined && plan.image.trim() === '')
        violations.push({
          field: 'image',
          message: 'the image is empty.',
          fix: 'name an image with kubectl, /bin/sh, date and awk.',
        });
      return violations;
    },
  },
  {
    id: 'cleanup-older-than-too-short',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: CLEANUP,
    summary: 'A cleanup age under a minute, which deletes Jobs as they finish, before anyone can read them.',
    check: ({ olderThanSeconds: seconds }) =>
      seconds >= 60
        ? []
        : [
            {
              field: 'olderThan',
              message: `${seconds} s would delete Jobs as they finish, before anyone could read their status or logs.`,
              fix: 'use at least Duration.minutes(1), e.g. Duration.days(1).',
            },
          ],
  },
  {
    id: 'cleanup-target-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: CLEANUP,
    summary: 'A cleanup selector that is not label keys and values, or a namespace that is not a namespace name.',
    check: ({ selector, namespace }) => {
      const violations: Violation[] = [];
      for (const [key, value] of Object.entries(selector ?? {})) {
        const slash = key.lastIndexOf('/');
        const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
        const name = slash >= 0 ? key.slice(slash + 1) : key;
        if (!LABEL_NAME.test(name) || (prefix !== undefined && (prefix.length > 253 || !LABEL_PREFIX.test(prefix))))
          violations.push({
            field: `selector[${key}]`,
            message: `${JSON.stringify(key)} is not a label key.`,
            fix: 'use a name like "app.kubernetes.io/part-of".',
          });
        if (value !== '' && !LABEL_NAME.test(value))
          violations.push({
            field: `selector[${key}]`,
            message: `${JSON.stringify(value)} is not a label value.`,
            fix: 'use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit.',
          });
      }
      if (namespace !== undefined && !DNS_LABEL.test(namespace))
        violations.push({
          field: 'namespace',
          message: `"${namespace}" is not a namespace name.`,
          fix: 'use lowercase letters, digits and "-", at most 63.',
        });
      return violations;
    },
  },
];
