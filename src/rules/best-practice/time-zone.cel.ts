/**
 * CEL form of time-zone.ts. cronjob-time-zone-in-schedule has none: from 1.29 the API server
 * rejects a zone in the schedule on create, before any admission policy (which needs 1.30) runs.
 */
import { celString, CelForms } from './cel-form';
import { missingTimeZone, ZONE_FREE_SCHEDULE } from './time-zone';

export const TIME_ZONE_CEL: CelForms = {
  [missingTimeZone.id]: {
    violation: `!has(object.spec.timeZone) && !object.spec.schedule.contains('TZ') && !object.spec.schedule.matches(${celString(ZONE_FREE_SCHEDULE.source)})`,
    fix: 'Set spec.timeZone to the IANA zone the times are meant in, e.g. "Etc/UTC".',
  },
};
