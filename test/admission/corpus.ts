/**
 * The objects the admission-policy differential test runs on: the examples app synthesized in
 * process, every Job and CronJob in the test fixtures, CronJobs built from the reference data
 * (controller cases, schedules), and systematic mutations of all of them.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { buildExamplesApp } from '../../examples/app';
import { batchKindOf } from '../../src/rules/registry';
import { readReferenceJson } from '../support/reference-data';

export interface CorpusObject {
  readonly source: string;
  readonly object: any;
}

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Every batch/v1 Job and CronJob anywhere inside a parsed document (lists and nested cases included). */
function batchObjectsIn(value: unknown, source: string): CorpusObject[] {
  if (batchKindOf(value)) return [{ source, object: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => batchObjectsIn(v, `${source}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => batchObjectsIn(v, `${source}.${k}`));
  return [];
}

function documentsOf(text: string): unknown[] {
  try {
    return parseAllDocuments(text).flatMap((d) => (d.errors.length > 0 ? [] : [d.toJS()]));
  } catch {
    return [];
  }
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

export function exampleObjects(): CorpusObject[] {
  return documentsOf(buildExamplesApp().synthYaml()).flatMap((d, i) => batchObjectsIn(d, `examples#${i}`));
}

export function fixtureObjects(): CorpusObject[] {
  return filesBelow(FIXTURES).flatMap((file) =>
    documentsOf(readFileSync(file, 'utf8')).flatMap((d, i) =>
      batchObjectsIn(d, `${file.slice(FIXTURES.length + 1)}#${i}`),
    ),
  );
}

/** A small, complete CronJob that the reference data's specs and schedules are put into. */
function cronJobWith(name: string, spec: Record<string, unknown>): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'registry.example.com/app:1.0.0' }] },
          },
        },
      },
      ...spec,
    },
  };
}

export function referenceDataObjects(): CorpusObject[] {
  const cases = readReferenceJson<{ name: string; cronJob: Record<string, unknown> }[]>('controller-cases.json');
  const schedules = readReferenceJson<{ schedule: string }[]>('schedules.json');
  return [
    ...cases.map((c, i) => ({ source: `controller-cases#${i}`, object: cronJobWith(`case-${i}`, c.cronJob) })),
    ...schedules.map((s, i) => ({
      source: `schedules#${i}`,
      object: cronJobWith(`schedule-${i}`, { schedule: s.schedule }),
    })),
  ];
}
