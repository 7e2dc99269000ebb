/** The map's fixtures, read as the CLI reads them, and the window the tests draw them in. */
import { join } from 'path';
import { ManifestDocument } from '../../src/manifests/document';
import { readMapInputs } from '../../src/map/inputs';
import { buildScheduleMap, ScheduleMap, ScheduleMapOptions } from '../../src/map/schedule-map';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'map');
/** Seven days around New York's fall-back (2026-11-01). */
export const FROM_MS = Date.parse('2026-10-29T00:00:00Z');

export function fixtureDocuments(...names: string[]): ManifestDocument[] {
  const inputs = readMapInputs(names.map((n) => join(FIXTURES, n)));
  if (inputs.problems.length > 0) throw new Error(JSON.stringify(inputs.problems));
  return inputs.documents;
}

export function fixtureMap(names: string[], options: Partial<ScheduleMapOptions> = {}): ScheduleMap {
  return buildScheduleMap(fixtureDocuments(...names), { fromMs: FROM_MS, ...options });
}

/** A CronJob document with the given spec fields. */
export function cronJob(
  name: string,
  spec: Record<string, unknown>,
  jobSpec: Record<string, unknown> = {},
): ManifestDocument {
  return {
    file: 'inline.yaml',
    index: 0,
    line: 1,
    value: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [] } }, ...jobSpec } }, ...spec },
    },
  };
}
