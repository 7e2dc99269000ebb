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
    out: (text) => {
      out += text;
      return Promise.resolve();
    },
    err: (text) => {
      err += text;
      return Promise.resolve();
    },
    lines: () => ({
      [Symbol.asyncIterator]: () => {
        const lines = stdin.split(/\r?\n/);
        if (lines[lines.length - 1] === '') lines.pop();
        const each = lines[Symbol.iterator]();
        return { next: () => Promise.resolve(each.next()) };
      },
    }),
    readAll: () => Promise.resolve(stdin),
    stdout: () => out,
    stderr: () => err,
  };
}
