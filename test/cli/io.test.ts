/** Standard input line by line: as readline splits it, without a byte order mark, never unbounded. */
import { Readable } from 'stream';
import { boundedLines } from '../../src/cli/io';

async function linesOf(chunks: readonly string[], maxLength = 100): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of boundedLines(Readable.from(chunks.map((c) => Buffer.from(c))), maxLength)) lines.push(line);
  return lines;
}

describe('boundedLines', () => {
  test('\\n, \\r\\n (also split across chunks) and \\r end a line; a last line needs no end', async () => {
    expect(await linesOf(['a\nb\r', '\nc\rd'])).toEqual(['a', 'b', 'c', 'd']);
    expect(await linesOf(['a\r'])).toEqual(['a']);
    expect(await linesOf(['\n\n'])).toEqual(['', '']);
  });

  test('a byte order mark before the first line is dropped, and a character split across chunks is kept', async () => {
    const bytes = Buffer.from('\uFEFF0 3 * * *|Europe/Zürich\n');
    const split = bytes.indexOf(Buffer.from('ü')) + 1;
    const lines: string[] = [];
    for await (const line of boundedLines(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]), 100))
      lines.push(line);
    expect(lines).toEqual(['0 3 * * *|Europe/Zürich']);
  });

  test('a line longer than the limit is a usage error, the lines before it are read', async () => {
    const read: string[] = [];
    const reading = (async () => {
      for await (const line of boundedLines(Readable.from([Buffer.from('ok\n'), Buffer.from('x'.repeat(11))]), 10))
        read.push(line);
    })();
    await expect(reading).rejects.toThrow('a line of standard input is longer than 10 characters');
    expect(read).toEqual(['ok']);
    expect(await linesOf(['x'.repeat(10)], 10)).toEqual(['x'.repeat(10)]);
  });
});
