/**
 * The file-system side of reading manifests: expanding paths and directories into files in a
 * deterministic order, and reading a file or a stream whole. Parsing is parse.ts's job.
 */
import { readdirSync, readFileSync, realpathSync, Stats, statSync } from 'fs';
import { join } from 'path';
import { Readable } from 'stream';
import { ManifestProblem, ManifestReadResult } from './document';
import { ManifestSyntax, parseManifestBytes, syntaxForFile } from './parse';

/** The files a directory contributes. */
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Directories a walk does not enter: dependencies and tool state (`node_modules`, `.git`, ...)
 * hold JSON and YAML that are not manifests, some of it not even valid (tsconfig comments).
 * A path named explicitly is always read.
 */
function isSkippedDirectory(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** The path that stands for standard input. */
export const STDIN_PATH = '-';

/** A file to read, or a path that could not be expanded. */
export type ManifestFileEntry = { readonly file: string } | { readonly problem: ManifestProblem };

/**
 * Expands paths into manifest files, in order: the paths as given, each directory's manifests
 * sorted by name, no file twice, and a path that does not exist or cannot be listed in its place.
 * A file is taken whatever its name; a directory contributes every `.yaml`, `.yml` and `.json`
 * file below it, entries sorted by code unit (so the order does not depend on the machine's
 * locale). Symbolic links are followed, loops are not. `-` (standard input) stays in its place, once.
 */
export function listManifestFiles(paths: readonly string[]): ManifestFileEntry[] {
  const entries: ManifestFileEntry[] = [];
  const seenFiles = new Set<string>();
  const seenDirectories = new Set<string>();

  const addFile = (file: string) => {
    const real = realpathSync(file);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    entries.push({ file });
  };

  const walk = (directory: string) => {
    const real = realpathSync(directory);
    if (seenDirectories.has(real)) return;
    seenDirectories.add(real);
    let names: string[];
    try {
      names = readdirSync(directory).sort(byCodeUnit);
    } catch (error) {
      entries.push({ problem: { file: directory, reason: `cannot list the directory (${systemReason(error)})` } });
      return;
    }
    for (const name of names) {
      const path = join(directory, name);
      const stats = statIfPossible(path);
      if (stats === undefined) continue; // a dangling or looping symbolic link
      if (stats.isDirectory()) {
        if (!isSkippedDirectory(name)) walk(path);
      } else if (stats.isFile() && MANIFEST_FILE.test(name)) {
        addFile(path);
      }
    }
  };

  for (const path of paths) {
    if (path === STDIN_PATH) {
      if (!seenFiles.has(STDIN_PATH)) entries.push({ file: STDIN_PATH });
      seenFiles.add(STDIN_PATH);
      continue;
    }
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      entries.push({ problem: { file: path, reason: systemReason(error) } });
      continue;
    }
    if (stats.isDirectory()) walk(path);
    else addFile(path);
  }
  return entries;
}

function statIfPossible(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads and parses one file: JSON when its name ends in `.json`, otherwise YAML, read as
 * Kubernetes reads manifests unless `yaml` asks for plain YAML 1.2 (for our own policy files).
 */
export function readManifestFile(
  file: string,
  yaml: Exclude<ManifestSyntax, 'json'> = 'kubernetes-yaml',
): ManifestReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { problem: { file, reason: systemReason(error) } };
  }
  return parseManifestBytes(bytes, file, syntaxForFile(file, yaml));
}

/** Reads a stream (standard input) whole, as bytes, so that binary input is recognised as such. */
export async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** "no such file or directory" rather than Node's "ENOENT: no such file or directory, stat 'x'". */
function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a path component is not a directory',
    ELOOP: 'too many levels of symbolic links',
  };
  if (code !== undefined && known[code]) return known[code];
  return error instanceof Error ? error.message : String(error);
}
