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

/**
 * Schedules that fire at the same instants in every zone, so a zone would change nothing: a fixed
 * interval (`@every`), or every hour of every day at minutes that a shift by a quarter hour maps
 * onto themselves (`*`, `*\/5` or `0-59/5`, `*\/15`; every zone's offset is whole quarter hours). The
 * CEL form matches the same text.
 */
export const ZONE_FREE_SCHEDULE = /^\s*(?:@every\s.*|(?:\*|(?:\*|0|0-59)\/(?:1|3|5|15))\s+\*\s+[*?]\s+\*\s+[*?])\s*$/;

export const missingTimeZone = bestPracticeRule({
  id: 'cronjob-missing-time-zone',
  kinds: CRONJOBS_ONLY,
  summary:
    'Every CronJob names its time zone in spec.timeZone, unless its schedule fires at the same instants in every zone (@every, or every hour at minutes such as */5 or */15).',
  check(input) {
    if (!isAbsent(fieldOf(fieldOf(input.object, 'spec'), 'timeZone'))) return [];
    const text = schedule(input.object);
    // A zone in the schedule is cronjob-time-zone-in-schedule's finding (or an API-server error).
    if (text === undefined || text.includes('TZ') || ZONE_FREE_SCHEDULE.test(text)) return [];
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
