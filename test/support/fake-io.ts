/** An in-memory CliIo for running commands in-process in tests. */
import { CliIo } from '../../src/cli/io';

export interface CapturedIo extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

export function fakeIo(stdin = ''): CapturedIo {
  let out = '';
  let err = '';
  return {
    out: async (text) => {
      out += text;
    },
    err: async (text) => {
      err += text;
    },
    lines: async function* () {
      const lines = stdin.split(/\r?\n/);
      if (lines[lines.length - 1] === '') lines.pop();
      yield* lines;
    },
    readAll: async () => stdin,
    stdout: () => out,
    stderr: () => err,
  };
}
