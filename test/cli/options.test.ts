/** Instants and options on the command line: RFC 3339 and the usual shorthands, through the one RFC 3339 parser; dashes. */
import { ExitCode } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { parseInstant, parseOptions } from '../../src/cli/options';
import { fakeIo } from '../support/fake-io';

describe('parseInstant', () => {
  test.each([
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00.25+01:00', '2026-03-01T09:00:00.250Z'],
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01 10:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01t10:00:00z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00-0530', '2026-03-01T15:30:00.000Z'],
  ])('%s', (text, iso) => expect(new Date(parseInstant(text)!).toISOString()).toBe(iso));

  test.each(['2026-02-30', '2026-02-30T10:00:00Z', '2026-03-01T10:00:00', '2026-03-01T24:00Z', 'now', ''])(
    'refuses %j',
    (text) => expect(parseInstant(text)).toBeUndefined(),
  );
});

describe('parseOptions', () => {
  const spec = { count: { type: 'string' }, 'time-zone': { type: 'string' } } as const;

  test('a value that starts with a dash: the message says how to give one', () => {
    for (const [args, option] of [
      [['--count', '-1'], '--count'],
      [['--time-zone', '--count', '1'], '--time-zone'],
    ] as const)
      expect(() => parseOptions(args, spec)).toThrow(
        `${option} needs a value, and the word after it starts with a dash; write ${option}=VALUE to give one that does`,
      );
    expect(parseOptions(['--count=-1'], spec).values.count).toBe('-1');
  });
});

describe('runCli', () => {
  test('--help is an option only before --: after it, a word like any other', async () => {
    const help = fakeIo();
    expect(await runCli(['next', '--count', '1', '-h'], help)).toBe(ExitCode.OK);
    expect(help.stdout()).toMatch(/^usage:\n/);
    const argument = fakeIo();
    expect(await runCli(['next', '--count', '1', '--', '-h'], argument)).toBe(ExitCode.FINDINGS);
    expect(argument.stdout()).toMatch(/^"-h": rejected by Kubernetes\n/);
  });
});
