import { formatInZone, parseRfc3339 } from '../../../src/reconciler/resource/rfc3339';
import { loadLocation, UTC } from '../../../src/schedule/time-zone';

describe('parseRfc3339', () => {
  test.each([
    ['2026-03-01T10:00:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01t10:00:00z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00.5Z', Date.UTC(2026, 2, 1, 10, 0, 0, 500)],
    ['2026-03-01T10:00:00.123456789Z', Date.UTC(2026, 2, 1, 10, 0, 0, 123)],
    ['2026-03-01T05:00:00-05:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T15:45:00+05:45', Date.UTC(2026, 2, 1, 10)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s', (text, ms) => expect(parseRfc3339(text)).toBe(ms));

  test.each([
    '2026-03-01',
    '2026-03-01T10:00:00',
    '2026-03-01 10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-02-29T10:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T10:60:00Z',
    '2026-03-01T10:00:60Z',
    '2026-03-01T10:00:00+24:00',
    'tomorrow',
    '',
  ])('refuses %j', (text) => expect(parseRfc3339(text)).toBeUndefined());
});

describe('formatInZone (Go time.RFC3339 in the schedule zone)', () => {
  const newYork = loadLocation('America/New_York')!;
  test('UTC and zero offsets print Z', () => {
    expect(formatInZone(Date.UTC(2026, 2, 1, 10), UTC)).toBe('2026-03-01T10:00:00Z');
    expect(formatInZone(Date.UTC(2026, 0, 15, 9), loadLocation('Europe/London')!)).toBe('2026-01-15T09:00:00Z');
  });
  test('the offset in force at the instant, across a fall-back', () => {
    expect(formatInZone(Date.parse('2026-11-01T05:30:00Z'), newYork)).toBe('2026-11-01T01:30:00-04:00');
    expect(formatInZone(Date.parse('2026-11-01T06:30:00Z'), newYork)).toBe('2026-11-01T01:30:00-05:00');
  });
  test('fractions of a second are dropped; quarter-hour zones keep their minutes', () => {
    expect(formatInZone(Date.parse('2026-03-01T10:00:00.900Z'), loadLocation('Asia/Kathmandu')!)).toBe(
      '2026-03-01T15:45:00+05:45',
    );
  });
  test('round trip: parse(format(t)) is t for whole seconds', () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 13_000) {
      expect(parseRfc3339(formatInZone(t, newYork))).toBe(t);
    }
  });
});
