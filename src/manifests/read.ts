/**
 * The file-system side of reading manifests: expanding paths and directories into files in a
 * deterministic order, and reading a file or a stream whole, up to a size limit (so `/dev/zero`
 * or an endless pipe ends in a one-line reason instead of exhausting memory). Parsing is parse.ts's job.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync, Stats, statSync } from 'fs';
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
 * The most bytes read from one file or stream unless the caller says otherwise. The largest
 * manifests people lint (rendered Helm umbrellas, `kubectl get -o yaml` of a namespace) are a few
 * MiB; parsing 64 MiB of YAML already takes seconds and about a GiB of memory.
 */
export const DEFAULT_MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** "64 MiB", or the exact byte count when it is not a whole number of MiB or KiB. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The reason given for input past the limit; `option` names the flag that sets it, where there is one. */
export function tooLargeReason(maxBytes: number, option?: string): string {
  return `larger than ${describeBytes(maxBytes)}, the limit on one input${option ? ` (${option} sets it)` : ''}`;
}

/** How much of one file is read, and the flag that set it (named when a file is past it). */
export interface ByteLimit {
  readonly bytes: number;
  readonly option?: string;
}

/**
 * Reads and parses one file: JSON when its name ends in `.json`, otherwise YAML, read as
 * Kubernetes reads manifests unless `yaml` asks for plain YAML 1.2 (for our own policy files).
 */
export function readManifestFile(
  file: string,
  yaml: Exclude<ManifestSyntax, 'json'> = 'kubernetes-yaml',
  limit: ByteLimit = { bytes: DEFAULT_MAX_MANIFEST_BYTES },
): ManifestReadResult {
  let read: BoundedRead;
  try {
    read = readFileBounded(file, limit.bytes);
  } catch (error) {
    return { problem: { file, reason: systemReason(error) } };
  }
  if ('tooLarge' in read) return { problem: { file, reason: tooLargeReason(limit.bytes, limit.option) } };
  return parseManifestBytes(read.bytes, file, syntaxForFile(file, yaml));
}

/** Input read whole, or the note that it went past the limit (and was not read further). */
export type BoundedRead = { readonly bytes: Buffer } | { readonly tooLarge: true };

/**
 * Reads a file in chunks up to `maxBytes`: the size a stat reports means nothing for a device or
 * a FIFO (`/dev/zero` reports 0 and never ends), so the count of bytes read is what is bounded.
 */
export function readFileBounded(file: string, maxBytes: number): BoundedRead {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return { bytes: Buffer.concat(chunks, total) };
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { tooLarge: true };
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a stream (standard input) whole as bytes, so that binary input is recognised as such;
 * past `maxBytes` it stops reading and lets go of the stream.
 */
export async function readStream(
  stream: Readable,
  maxBytes: number = DEFAULT_MAX_MANIFEST_BYTES,
): Promise<BoundedRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(bytes);
    total += bytes.length;
    // Leaving the loop destroys the stream, so an endless writer gets EPIPE rather than waiting on us.
    if (total > maxBytes) return { tooLarge: true };
  }
  return { bytes: Buffer.concat(chunks, total) };
}

/** "no such file or directory" rather than Node's "ENOENT: no such file or directory, stat 'x'". */
export function systemReason(error: unknown): string {
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
