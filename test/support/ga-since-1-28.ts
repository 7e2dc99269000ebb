/**
 * The acceptance Job of "Kubernetes through 1.37": every batch/v1 Job field that went GA after
 * 1.28, in test/fixtures/lint/ga-since-1.28.yaml, checked through the CLI and the registry.
 */
import { join } from 'path';

export const GA_SINCE_1_28_FILE = join(__dirname, '..', 'fixtures', 'lint', 'ga-since-1.28.yaml');

/** What 1.28 cannot use in it, as `rule field`, in reporting order (podFailurePolicy itself is on in 1.28). */
export const GA_SINCE_1_28_ERRORS_IN_1_28 = [
  'field-unavailable-in-version spec.backoffLimitPerIndex',
  'field-unavailable-in-version spec.maxFailedIndexes',
  'field-unavailable-in-version spec.podReplacementPolicy',
  'field-unavailable-in-version spec.successPolicy',
  'field-unavailable-in-version spec.managedBy',
  'field-unavailable-in-version spec.podFailurePolicy.rules[0].action',
];
