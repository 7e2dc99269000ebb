/**
 * Names that change with content: `<base>-<10 hex digits>`, the digits hashed from what decides
 * whether two objects are the same run. A Job cannot be changed once created (its pod template is
 * immutable), so a tool that applies a changed Job under the same name fails ("field is immutable");
 * under a name of its own, a changed Job is a new Job, and an unchanged one keeps its name and is
 * not run again. Pure.
 */
import { createHash } from 'crypto';

const HASH_LENGTH = 10;
/** Job names must stay DNS labels of at most 63 characters (the job-name pod label). */
const MAX_NAME = 63;

/**
 * `<base>-<hash of content>`, the base lower-cased to a DNS label and cut so that the name plus
 * `reserve` characters (an Indexed Job's `-<index>` pod suffix) fit in 63; `fallback` replaces a
 * base with nothing left.
 */
export function contentHashedName(base: string, content: unknown, fallback: string, reserve = 0): string {
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, HASH_LENGTH);
  const label = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '');
  const cut = label.slice(0, MAX_NAME - reserve - HASH_LENGTH - 1).replace(/-+$/, '');
  return `${cut === '' ? fallback : cut}-${digest}`;
}
