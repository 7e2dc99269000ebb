/**
 * Reads the reference data in test/data: facts taken from the Kubernetes sources (robfig/cron
 * v3.0.1's answers, the upstream CronJob controller's decisions). test/data/README.md says where
 * each file comes from.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

export const REFERENCE_DATA_DIR = join(__dirname, '..', 'data');

export function readReferenceJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(REFERENCE_DATA_DIR, file), 'utf8')) as T;
}

export function readReferenceText(file: string): string {
  return readFileSync(join(REFERENCE_DATA_DIR, file), 'utf8');
}
