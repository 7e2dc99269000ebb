/**
 * Deadlines that leave no time to run.
 *
 * job-active-deadline-zero: the API server accepts any non-negative activeDeadlineSeconds on a
 * JobSpec (unlike the pod's, which must be at least 1); the Job controller counts the deadline from
 * the Job's start and finds 0 seconds already past, so every Job fails with DeadlineExceeded as it
 * starts.
 *
 * cronjob-starting-deadline-zero: the CronJob controller (v2) looks for a due run only in the window
 * from `now - startingDeadlineSeconds` to now, and a schedule's next time is always strictly after
 * the window's start. With 0 the window is empty, so no run is ever due and no Job is ever created
 * (docs/research/cronjob-controller.md, §9). Short deadlines above 0 do work while the controller
 * keeps up (it requeues each CronJob for 100 ms after its next run): they are the best-practice
 * rule cronjob-starting-deadline-too-short, not this one.
 *
 * cronjob-every-starting-deadline-below-interval: an `@every D` schedule is robfig's
 * ConstantDelaySchedule, whose next time after t is t + D (to the second). The controller asks for
 * the next time after the later of the last run (or the CronJob's creation) and
 * now - startingDeadlineSeconds (mostRecentScheduleTime). Once the CronJob is older than its
 * deadline, that is now - deadline, and the next time, now - deadline + D, is after now whenever the
 * deadline is under D; before that, the next time after the creation is after now too. So no run is
 * ever due and no Job is ever created, without an event. A deadline of at least D works.
 *
 * sidecar-startup-beyond-deadline: a deadline shorter than the pod's startup. A Job's containers
 * need no probe to pass to succeed (readiness gates Service traffic, an unfinished startup probe
 * only holds back liveness), so only one startup is certain to block them: the kubelet starts the
 * next init container, and after the last one the regular containers, only once a sidecar (an init
 * container with restartPolicy: Always) has passed its startupProbe, and the prober does not probe
 * before initialDelaySeconds have passed since the sidecar started. The sidecar starts after the pod
 * (whose status.startTime the pod's deadline counts from), and the pod is created after the Job
 * started (the Job's deadline counts from its status.startTime; a resumed Job restarts that clock
 * before creating pods). So when a deadline is at most the sidecar's initialDelaySeconds, it has
 * passed before the sidecar can count as started: the kubelet fails the pod (DeadlineExceeded) on
 * its next sync, or the Job controller fails the Job (it checks the deadline before counting
 * successes), before any regular container has run. Readiness and liveness delays, and regular
 * containers' startup probes, are not checked: none of them stops a container from exiting 0.
 */
import { SIDECARS_SINCE } from '../api-server/pod/container-restart';
import { RuleInput, Violation } from '../rule';
import { fieldOf, integerOf } from '../support/access';
import { child } from '../support/field-path';
import { podTemplate } from '../support/pod-template';
import { isAtLeast } from '../kubernetes-version';
import { isSidecar } from '../api-server/pod/probes';
import { BOTH_KINDS, CRON_JOB_ONLY, jobSpecOf } from '../api-server/api-server-rule';
import { cronJobTiming, everyIntervalSeconds, suggestedStartingDeadlineFor } from '../support/cronjob-timing';
import { describeDuration } from '../support/message-text';
import { neverWorksRule } from './never-works-rule';

/**
 * Whether every Job ends as it starts, before any pod matters: activeDeadlineSeconds 0 fails it
 * (syncJob checks the deadline first), completions 0 (with any other deadline) completes it. The
 * rules about pods that would never succeed leave such a Job to the rule that says why it ends.
 */
export function endsAsItStarts(input: RuleInput): 'DeadlineExceeded' | 'Complete' | undefined {
  const spec = jobSpecOf(input);
  if (integerOf(spec.activeDeadlineSeconds) === 0) return 'DeadlineExceeded';
  return integerOf(spec.completions) === 0 ? 'Complete' : undefined;
}

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

export const cronJobStartingDeadlineZero = neverWorksRule({
  id: 'cronjob-starting-deadline-zero',
  kinds: CRON_JOB_ONLY,
  summary: 'A CronJob with startingDeadlineSeconds: 0: no run is ever due in time, so no Job is ever created.',
  check(input) {
    if (integerOf(fieldOf(fieldOf(input.object, 'spec'), 'startingDeadlineSeconds')) !== 0) return [];
    return [
      {
        field: 'spec.startingDeadlineSeconds',
        message:
          'startingDeadlineSeconds is 0, so the CronJob controller looks for a due run in an empty window (a run may start at most 0 seconds after its time, and the controller always reaches it later than that): the CronJob never creates a Job.',
        fix: 'Set spec.startingDeadlineSeconds to how late a run may still usefully start, at least 60 (e.g. 300), or leave it out.',
      },
    ];
  },
});

export const cronJobEveryStartingDeadlineBelowInterval = neverWorksRule({
  id: 'cronjob-every-starting-deadline-below-interval',
  kinds: CRON_JOB_ONLY,
  summary:
    'An @every schedule with a startingDeadlineSeconds shorter than its interval: the controller counts the next run from now - startingDeadlineSeconds, so no run is ever due and no Job is ever created.',
  check(input) {
    const timing = cronJobTiming(input);
    if (timing === undefined) return [];
    const interval = everyIntervalSeconds(timing.schedule, timing.timeZone);
    const deadline = integerOf(fieldOf(fieldOf(input.object, 'spec'), 'startingDeadlineSeconds'));
    // 0 is cronjob-starting-deadline-zero's.
    if (interval === undefined || deadline === undefined || deadline <= 0 || deadline >= interval) return [];
    return [
      {
        field: 'spec.startingDeadlineSeconds',
        message: `the schedule ${JSON.stringify(timing.schedule)} runs ${describeDuration(interval)} after its last run, but the controller counts from now - startingDeadlineSeconds (${describeDuration(deadline)}) when that is later, and from there the next run is always still ahead: the CronJob never creates a Job.`,
        fix: `Set spec.startingDeadlineSeconds to at least the interval, ${interval} (e.g. ${suggestedStartingDeadlineFor(timing)}), or leave it out, or use a cron schedule that names the times.`,
      },
    ];
  },
});

/** A deadline that applies to every pod of the Job, with where it is written. */
interface Deadline {
  readonly seconds: number;
  readonly field: string;
}

/** The shorter of the Job's and the pod template's deadlines (a Job deadline of 0 is job-active-deadline-zero's). */
function shortestDeadline(input: RuleInput): Deadline | undefined {
  const pod = podTemplate(input);
  const candidates: Deadline[] = [];
  const job = integerOf(jobSpecOf(input).activeDeadlineSeconds);
  if (job !== undefined && job > 0)
    candidates.push({ seconds: job, field: child(input.jobSpecPath, 'activeDeadlineSeconds') });
  const own = integerOf(pod.spec.activeDeadlineSeconds);
  if (own !== undefined && own > 0)
    candidates.push({ seconds: own, field: child(pod.specPath, 'activeDeadlineSeconds') });
  return candidates.reduce<Deadline | undefined>(
    (a, b) => (a === undefined || b.seconds < a.seconds ? b : a),
    undefined,
  );
}

export const sidecarStartupBeyondDeadline = neverWorksRule({
  id: 'sidecar-startup-beyond-deadline',
  kinds: BOTH_KINDS,
  since: SIDECARS_SINCE,
  summary:
    "A sidecar's startupProbe waits at least as long as the Job's or pod's activeDeadlineSeconds: the deadline passes before the main containers may start.",
  check(input) {
    if (!isAtLeast(input.version, SIDECARS_SINCE)) return [];
    const deadline = shortestDeadline(input);
    if (deadline === undefined) return [];
    const violations: Violation[] = [];
    for (const container of podTemplate(input).containers) {
      if (!isSidecar(container)) continue;
      const delay = integerOf(fieldOf(container.value.startupProbe, 'initialDelaySeconds'));
      if (delay === undefined || delay < deadline.seconds) continue;
      violations.push({
        field: child(child(container.path, 'startupProbe'), 'initialDelaySeconds'),
        message: `${container.label} is a sidecar whose startupProbe first runs ${delay} s after it starts, and the kubelet starts the following containers only once that probe passes; ${deadline.field} is ${deadline.seconds} s, so the deadline has passed before any main container starts and every pod fails with DeadlineExceeded.`,
        fix: `Lower the startupProbe's initialDelaySeconds well below ${deadline.seconds} (let failureThreshold × periodSeconds cover a slow start instead), or raise ${deadline.field} above the startup plus the longest run you expect.`,
      });
    }
    return violations;
  },
});

export const DEADLINE_NEVER_WORKS_RULES = [
  jobActiveDeadlineZero,
  cronJobStartingDeadlineZero,
  cronJobEveryStartingDeadlineBelowInterval,
  sidecarStartupBeyondDeadline,
];
