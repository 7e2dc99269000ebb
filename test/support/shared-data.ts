/** Reads the reference data in ../shared/data (ground truth from the Kubernetes sources). */
import { readFileSync } from 'fs';
import { join } from 'path';

export const SHARED_DATA_DIR = join(__dirname, '..', '..', '..', 'shared', 'data');

export function readSharedJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(SHARED_DATA_DIR, file), 'utf8')) as T;
}
