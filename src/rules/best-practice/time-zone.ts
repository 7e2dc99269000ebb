/**
 * The zone a CronJob's schedule is read in. Without spec.timeZone the controller uses
 * kube-controller-manager's local zone, which depends on how the control plane was set up (pain 1).
 * A zone written into the schedule (`TZ=...`/`CRON_TZ=...`) was never supported: releases before
 * 1.29 accept it with a warning, 1.29 and later reject it on create (an API-server rule reports that).
 */
import { isAtLeast } from '../kubernetes-version';
import { fieldOf, isAbsent, stringOf } from '../support/access';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';

function schedule(object: unknown): string | undefined {
  return stringOf(fieldOf(fieldOf(object, 'spec'), 'schedule'));
}

export const missingTimeZone = bestPracticeRule({
  id: 'cronjob-missing-time-zone',
  kinds: CRONJOBS_ONLY,
  summary: 'Every CronJob names its time zone in spec.timeZone.',
  check(input) {
    if (!isAbsent(fieldOf(fieldOf(input.object, 'spec'), 'timeZone'))) return [];
    // A zone in the schedule is cronjob-time-zone-in-schedule's finding (or an API-server error).
    if (schedule(input.object)?.includes('TZ')) return [];
    return [
      {
        field: 'spec.timeZone',
        message:
          "Without spec.timeZone the schedule runs in kube-controller-manager's local time zone, which depends on how the cluster was set up (usually UTC, not always) and can change with the control plane.",
        fix: 'Set spec.timeZone to the IANA zone the times are meant in, e.g. "Etc/UTC", or "Europe/Berlin" for local business hours (mind daylight saving).',
      },
    ];
  },
});

const ZONE_PREFIX = /^(?:CRON_)?TZ=(\S+)\s+(.+)$/;

export const timeZoneInSchedule = bestPracticeRule({
  id: 'cronjob-time-zone-in-schedule',
  kinds: CRONJOBS_ONLY,
  summary: 'A CronJob does not put TZ= or CRON_TZ= in its schedule (rejected from Kubernetes 1.29).',
  check(input) {
    // From 1.29 the API server rejects it, and the API-server rules report it as an error.
    if (isAtLeast(input.version, 29)) return [];
    const text = schedule(input.object);
    if (!text?.includes('TZ')) return [];
    const match = ZONE_PREFIX.exec(text.trim());
    return [
      {
        field: 'spec.schedule',
        message:
          'The schedule names its time zone with TZ= or CRON_TZ=, which Kubernetes never supported: the API server only warns before 1.29, and rejects such a CronJob from 1.29 on.',
        fix: match
          ? `Write schedule ${JSON.stringify(match[2])} and timeZone ${JSON.stringify(match[1])}.`
          : 'Remove the zone from the schedule and set spec.timeZone instead.',
      },
    ];
  },
});

export const TIME_ZONE_RULES = [missingTimeZone, timeZoneInSchedule];
