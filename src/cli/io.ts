/**
 * The CLI's streams behind a small interface, so commands run the same in a terminal, a pipe
 * and an in-process test. Output honours back-pressure: a large `--batch` answer is written
 * whole before the process ends, and nothing here calls `process.exit()` (which can cut piped
 * output short). A reader that goes away (`next ... | head -1`) ends the command quietly, output
 * that cannot be written (a full disk) is a one-line error, and standard input is refused when it
 * is a directory and read whole only up to a limit.
 */
import { fstatSync } from 'fs';
import { StringDecoder } from 'string_decoder';
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

/**
 * What a failed write means: a reader that went away (EPIPE) ends the command quietly; any other
 * failure (a full disk, a closed descriptor) is the environment's, said in one line like bad usage.
 */
function outputFailure(error: Error): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EPIPE') return new OutputClosed('output closed');
  return new UsageError(`cannot write the output: ${code ?? error.message}`);
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
      return boundedLines(stdin, MAX_LINE_LENGTH);
    },
    readAll: async (maxBytes) => {
      refuseDirectoryStdin(stdin);
      const read = await readStream(stdin, maxBytes);
      if ('tooLarge' in read) throw new UsageError(`standard input is ${tooLargeReason(maxBytes)}`);
      return read.bytes.toString('utf8');
    },
  };
}

/** The longest line of standard input `lines()` reads: a batch line is a schedule, a zone and an instant. */
export const MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Standard input line by line, as readline splits it (\n, \r\n or \r), without a byte order mark,
 * and never holding more than `maxLength` characters of one line: `/dev/zero` has no line end.
 */
export async function* boundedLines(stream: Readable, maxLength: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let first = true;
  const line = (text: string) => {
    const answer = first && text.startsWith('\uFEFF') ? text.slice(1) : text;
    first = false;
    return answer;
  };
  for await (const chunk of stream) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    // A \r at the end may be the first half of \r\n: it waits for the next chunk.
    const breaks = /\r\n|\n|\r(?!$)/g;
    let start = 0;
    for (let match = breaks.exec(pending); match !== null; match = breaks.exec(pending)) {
      yield line(pending.slice(start, match.index));
      start = match.index + match[0].length;
    }
    pending = pending.slice(start);
    if (pending.length > maxLength)
      throw new UsageError(`a line of standard input is longer than ${maxLength} characters`);
  }
  pending += decoder.end();
  if (pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending !== '') yield line(pending);
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
