/**
 * The openAPIV3Schema of the ScheduledJob resource's spec and status, derived from the one
 * description of its fields (resource/scheduled-job-model.ts: types, bounds, enums, patterns and
 * the text `kubectl explain` shows). Nothing here is written twice: a field added there is in the
 * CRD, the readers and the plan's checks at once. The tests compare the result with the wire types
 * (wire-types.test.ts) and the reconciler's own parsers (bounds.test.ts).
 */
import { SPEC_MODEL, STATUS_MODEL } from '../resource/scheduled-job-model';
import { schemaOf } from '../resource/wire-model';
import { JsonSchema } from './json-schema';

export const SCHEDULED_JOB_SPEC_SCHEMA: JsonSchema = schemaOf(SPEC_MODEL);

export const SCHEDULED_JOB_STATUS_SCHEMA: JsonSchema = schemaOf(STATUS_MODEL);
