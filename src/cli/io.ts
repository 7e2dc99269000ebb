/**
 * The CLI's streams behind a small interface, so commands run the same in a terminal, a pipe
 * and an in-process test. Output honours back-pressure: a large `--batch` answer is written
 * whole before the process ends, and nothing here calls `process.exit()` (which can cut piped
 * output short).
 */
import { createInterface } from 'readline';
import { Readable, Writable } from 'stream';

export interface CliIo {
  /** Writes to standard output, waiting when the stream asks the writer to slow down. */
  out(text: string): Promise<void>;
  /** Writes to standard error. */
  err(text: string): Promise<void>;
  /** Standard input, line by line. */
  lines(): AsyncIterable<string>;
  /** Standard input, whole. */
  readAll(): Promise<string>;
}

function writer(stream: Writable): (text: string) => Promise<void> {
  return (text) =>
    new Promise((resolve, reject) => {
      const ok = stream.write(text, (error) => (error ? reject(error) : undefined));
      if (ok) resolve();
      else stream.once('drain', () => resolve());
    });
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
    lines: () => createInterface({ input: stdin, crlfDelay: Infinity }),
    readAll: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
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
