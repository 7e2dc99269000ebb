/**
 * Creating an output directory with its missing parents. Node's `mkdirSync(dir, { recursive: true })`
 * loops forever where a parent exists but refuses new entries with ENOENT (`/proc/nope`), so each
 * level is created once, parents first, and the first failure is the answer.
 */
import { mkdirSync, statSync } from 'fs';
import { dirname } from 'path';

/** Creates `dir` and its missing parents; returns why it could not, or undefined when it exists. */
export function createDirectory(dir: string): string | undefined {
  const missing: string[] = [];
  // Walk up to the deepest existing ancestor; at most one step per path component.
  for (let current = dir; !exists(current); current = dirname(current)) {
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && isDirectory(path)) continue;
      return `cannot create ${path}: ${code ?? String(error)}`;
    }
  }
  return isDirectory(dir) ? undefined : `${dir} exists and is not a directory`;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
