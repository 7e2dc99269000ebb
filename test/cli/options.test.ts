/** Instants on the command line: RFC 3339 and the usual shorthands, through the one RFC 3339 parser. */
import { parseInstant } from '../../src/cli/options';

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
