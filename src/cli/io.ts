/**
 * The CLI's streams behind a small interface, so commands run the same in a terminal, a pipe
 * and an in-process test. Output honours back-pressure: a large `--batch` answer is written
 * whole before the process ends, and nothing here calls `process.exit()` (which can cut piped
 * output short). A reader that goes away (`next ... | head -1`) ends the command quietly, and
 * standard input is refused when it is a directory and read whole only up to a limit.
 */
import { fstatSync } from 'fs';
import { createInterface } from 'readline';
import { Readable, Writable } from 'stream';
import { readStream, tooLargeReason } from '../manifests/read';

export interface CliIo {
  /** Writes to standard output, waiting when the stream asks the writer to slow down. */
  out(text: string): Promise<void>;
  /** Writes to standard error. */
  err(text: string): Promise<void>;
  /** Standard input, line by line. */
  lines(): AsyncIterable<string>;
  /** Standard input, whole, as UTF-8 text; a UsageError past `maxBytes`. */
  readAll(maxBytes: number): Promise<string>;
}

/**
 * The reader of our output went away (EPIPE: `cdk8s-batch next ... | head -1`). Not a failure:
 * the command stops writing and exits 0, as Unix filters do.
 */
export class OutputClosed extends Error {}

function writer(stream: Writable): (text: string) => Promise<void> {
  let failure: Error | undefined;
  // Without a listener, a failed write is an uncaught 'error' event and a stack trace.
  stream.on('error', (error) => (failure = outputFailure(error)));
  return (text) =>
    new Promise((resolve, reject) => {
      if (failure !== undefined) return reject(failure);
      // The callback also settles a write that waits for 'drain', which never comes after an error.
      const ok = stream.write(text, (error) => (error ? reject(outputFailure(error)) : resolve()));
      if (ok) resolve();
    });
}

function outputFailure(error: Error): Error {
  return (error as NodeJS.ErrnoException).code === 'EPIPE' ? new OutputClosed('output closed') : error;
}

/**
 * Refuses standard input that is a directory (`lint - < DIR`): reading it yields nothing on some
 * systems and EISDIR on others, and either would pass for empty input.
 */
export function refuseDirectoryStdin(stdin: Readable): void {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return;
  let isDirectory: boolean;
  try {
    isDirectory = fstatSync(fd).isDirectory();
  } catch {
    return; // not a file descriptor fstat knows (a closed stdin): reading will say so
  }
  if (isDirectory) throw new UsageError('standard input is a directory; name the directory as a PATH instead');
}

/** The real process streams. */
export function processIo(
  stdin: Readable = process.stdin,
  stdout: Writable = process.stdout,
  stderr: Writable = process.stderr,
): CliIo {
  return {
    out: writer(stdout),
    err: writer(stderr),
    lines: () => {
      refuseDirectoryStdin(stdin);
      return createInterface({ input: stdin, crlfDelay: Infinity });
    },
    readAll: async (maxBytes) => {
      refuseDirectoryStdin(stdin);
      const read = await readStream(stdin, maxBytes);
      if ('tooLarge' in read) throw new UsageError(`standard input is ${tooLargeReason(maxBytes)}`);
      return read.bytes.toString('utf8');
    },
  };
}

/** A user mistake on the command line: reported in one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

/** Exit codes shared by every command (documented in the README). */
export enum ExitCode {
  /** Success: nothing to report, or only warnings. */
  OK = 0,
  /** The input was read and something in it is wrong: an error finding, an invalid schedule. */
  FINDINGS = 1,
  /** Bad usage or unreadable input. */
  USAGE = 2,
}
