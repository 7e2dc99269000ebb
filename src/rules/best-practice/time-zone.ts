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
 * A minute field that a shift by a quarter hour maps onto itself (every zone's offset is whole
 * quarter hours, and daylight saving moves clocks by an hour or half an hour): every minute, or
 * every s-th minute from a start below s where s divides 15 (`*\/5`, `0-59/15`, `8/15`, `2-59/3`),
 * or one minute in each quarter hour written out (`0,15,30,45`, `8,23,38,53`).
 */
function quarterHourMinutes(): string {
  const stepped = [1, 3, 5, 15].map((step) => {
    const starts = Array.from({ length: step }, (_, start) => String(start)).join('|');
    return `(?:[*?]|0-59|(?:${starts})(?:-59)?)\\/${step}`;
  });
  const written = Array.from({ length: 15 }, (_, minute) => [0, 15, 30, 45].map((q) => minute + q).join(','));
  return ['[*?]', '0-59', ...stepped, ...written].join('|');
}

/** A field naming all its values (robfig/cron reads `*`, `?`, `*\/1` and the whole range alike). */
const every = (range: string) => `(?:[*?]|${range})(?:\\/1)?`;

/**
 * Schedules that fire at the same instants in every zone, so a zone would change nothing: a fixed
 * interval (`@every`), or every hour of every day at quarter-hour-invariant minutes. The CEL form
 * matches the same text.
 */
export const ZONE_FREE_SCHEDULE = new RegExp(
  `^\\s*(?:@every\\s.*|(?:${quarterHourMinutes()})\\s+${every('0-23')}\\s+${every('1-31')}\\s+${every('1-12')}\\s+${every('0-6')})\\s*$`,
);

export const missingTimeZone = bestPracticeRule({
  id: 'cronjob-missing-time-zone',
  kinds: CRONJOBS_ONLY,
  summary:
    'Every CronJob names its time zone in spec.timeZone, unless its schedule fires at the same instants in every zone (@every, or every hour at minutes a quarter-hour shift keeps, such as */5, 8/15 or 0,15,30,45).',
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
