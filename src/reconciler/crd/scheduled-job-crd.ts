/**
 * The CustomResourceDefinition of `ScheduledJob` (scheduling.cdk8s-batch.io/v1alpha1) as plain
 * data: `ScheduleReconciler` puts it in a chart, and anyone can write it out as YAML.
 *
 * - Namespaced, like CronJob; `kubectl get sj`, and part of `kubectl get all`.
 * - The status subresource: spec writers (kubectl, GitOps) cannot overwrite the status and the
 *   reconciler's status writes cannot change the spec; `metadata.generation` moves with spec
 *   changes only, so `status.observedGeneration` says whether the status is current.
 * - Printer columns like `kubectl get cronjobs`, plus the next run.
 */
import {
  SCHEDULED_JOB_KIND,
  SCHEDULED_JOB_PLURAL,
  SCHEDULED_JOB_SHORT_NAMES,
  SCHEDULED_JOB_SINGULAR,
} from '../resource/scheduled-job-resource';
import { SCHEDULING_GROUP } from '../resource/api-resources';
import { CustomResourceDefinitionObject, namespacedCrd, PrinterColumn } from './custom-resource-definition';
import { JsonSchema } from './json-schema';
import { SCHEDULED_JOB_SPEC_SCHEMA, SCHEDULED_JOB_STATUS_SCHEMA } from './scheduled-job-schema';

/** `<plural>.<group>`, as the API server requires a CRD to be named. */
export const SCHEDULED_JOB_CRD_NAME = `${SCHEDULED_JOB_PLURAL}.${SCHEDULING_GROUP}`;

/**
 * `kubectl get scheduledjobs`. "Last Run" is a date (shown as an age, like a CronJob's LAST
 * SCHEDULE). "Next Run" is the instant as written: kubectl prints a future date column as
 * `<invalid>`, because it only knows how to show ages.
 */
export const SCHEDULED_JOB_PRINTER_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule', description: 'The cron schedule.' },
  { name: 'Zone', type: 'string', jsonPath: '.spec.timeZone', description: 'The time zone of the schedule.' },
  { name: 'Suspend', type: 'boolean', jsonPath: '.spec.suspend', description: 'Whether scheduled runs are suspended.' },
  { name: 'Active', type: 'integer', jsonPath: '.status.activeCount', description: 'How many runs are active.' },
  {
    name: 'Last Run',
    type: 'date',
    jsonPath: '.status.lastScheduleTime',
    description: 'When the most recent scheduled run was due.',
  },
  {
    name: 'Next Run',
    type: 'string',
    jsonPath: '.status.nextScheduleTime',
    description: 'The next scheduled time (UTC).',
  },
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description: 'When the scheduled job was created.',
  },
  { name: 'Overlap', type: 'string', jsonPath: '.spec.overlapPolicy', description: 'The overlap policy.', priority: 1 },
];

/** The whole resource: apiVersion, kind and metadata are the API server's; spec is required. */
const ROOT_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'Runs Jobs on a cron schedule, like a CronJob, with overlap, jitter, exclusion, catch-up, pause and daylight-saving policies. Needs the cdk8s-batch schedule reconciler.',
  properties: {
    apiVersion: { type: 'string', description: 'scheduling.cdk8s-batch.io/v1alpha1' },
    kind: { type: 'string', description: 'ScheduledJob' },
    metadata: { type: 'object' },
    spec: SCHEDULED_JOB_SPEC_SCHEMA,
    status: SCHEDULED_JOB_STATUS_SCHEMA,
  },
  required: ['spec'],
};

/** The ScheduledJob CRD. */
export function scheduledJobCrd(): CustomResourceDefinitionObject {
  return namespacedCrd({
    kind: SCHEDULED_JOB_KIND,
    plural: SCHEDULED_JOB_PLURAL,
    singular: SCHEDULED_JOB_SINGULAR,
    shortNames: SCHEDULED_JOB_SHORT_NAMES,
    categories: ['all'],
    schema: ROOT_SCHEMA,
    printerColumns: SCHEDULED_JOB_PRINTER_COLUMNS,
    statusSubresource: true,
  });
}
