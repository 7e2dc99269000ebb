/**
 * A Job deadline of 0 seconds. The API server accepts any non-negative activeDeadlineSeconds on a
 * JobSpec (unlike the pod's, which must be at least 1); the Job controller counts the deadline from
 * the Job's start and finds 0 seconds already past, so every Job fails with DeadlineExceeded as it
 * starts.
 */
import { integerOf } from '../support/access';
import { child } from '../support/field-path';
import { BOTH_KINDS, jobSpecOf } from '../api-server/api-server-rule';
import { neverWorksRule } from './never-works-rule';

export const jobActiveDeadlineZero = neverWorksRule({
  id: 'job-active-deadline-zero',
  kinds: BOTH_KINDS,
  summary:
    'The Job (or job template) has activeDeadlineSeconds: 0: every Job fails with DeadlineExceeded as it starts.',
  check(input) {
    if (integerOf(jobSpecOf(input).activeDeadlineSeconds) !== 0) return [];
    return [
      {
        field: child(input.jobSpecPath, 'activeDeadlineSeconds'),
        message:
          'activeDeadlineSeconds is 0, so the Job controller finds the deadline passed as soon as the Job starts, stops its pods and marks it Failed (DeadlineExceeded).',
        fix: 'Set the deadline a little above the longest run you expect, e.g. 3600, or leave it out for no deadline.',
      },
    ];
  },
});

export const DEADLINE_NEVER_WORKS_RULES = [jobActiveDeadlineZero];
