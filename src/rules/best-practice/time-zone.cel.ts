/**
 * CEL form of time-zone.ts. cronjob-time-zone-in-schedule has none: from 1.29 the API server
 * rejects a zone in the schedule on create, before any admission policy (which needs 1.30) runs.
 */
import { CelForms } from './cel-form';
import { missingTimeZone } from './time-zone';

export const TIME_ZONE_CEL: CelForms = {
  [missingTimeZone.id]: {
    violation: "!has(object.spec.timeZone) && !object.spec.schedule.contains('TZ')",
    fix: 'Set spec.timeZone to the IANA zone the times are meant in, e.g. "Etc/UTC".',
  },
};
