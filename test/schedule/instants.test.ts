/**
 * The one module for instants: RFC 3339 as metav1.Time parses it (seconds, `Z` or ±hh:mm, an
 * optional fraction, upper case; impossible dates refused), the formats the controller and the
 * API server print, and days in a month.
 */
import * as fc from 'fast-check';
import {
  daysInMonth,
  formatInstant,
  formatInZone,
  formatMicroTime,
  isCalendarDate,
  parseRfc3339,
  RFC3339_PATTERN,
} from '../../src/schedule/instants';
import { loadLocation, UTC } from '../../src/schedule/time-zone';

describe('parseRfc3339', () => {
  test.each([
    ['2026-03-01T10:00:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00.5Z', Date.UTC(2026, 2, 1, 10, 0, 0, 500)],
    ['2026-03-01T10:00:00.123456789Z', Date.UTC(2026, 2, 1, 10, 0, 0, 123)],
    ['2026-03-01T10:00:00.1234567891234Z', Date.UTC(2026, 2, 1, 10, 0, 0, 123)],
    ['2026-03-01T05:00:00-05:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T15:45:00+05:45', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00+00:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T00:00:00+23:59', Date.UTC(2026, 1, 28, 0, 1)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T23:59:59Z', Date.UTC(2000, 1, 29, 23, 59, 59)],
    ['2026-12-31T23:59:59.999Z', Date.UTC(2026, 11, 31, 23, 59, 59, 999)],
    ['1970-01-01T00:00:00Z', 0],
    ['1969-12-31T23:59:59Z', -1000],
    ['0001-01-01T00:00:00Z', -62_135_596_800_000],
    ['9999-12-31T23:59:59Z', 253_402_300_799_000],
  ])('%s', (text, ms) => expect(parseRfc3339(text)).toBe(ms));

  test('year 0 is a year (Go reads years 0000-9999), not 1900 as Date.UTC would have it', () => {
    expect(parseRfc3339('0000-03-01T00:00:00Z')).toBe(-62_162_035_200_000);
  });

  test.each([
    ['a date alone', '2026-03-01'],
    ['no zone', '2026-03-01T10:00:00'],
    ['no seconds', '2026-03-01T10:00Z'],
    ['a space for T', '2026-03-01 10:00:00Z'],
    ['a lower-case t (Go refuses it)', '2026-03-01t10:00:00Z'],
    ['a lower-case z (Go refuses it)', '2026-03-01T10:00:00z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['month 0', '2026-00-01T10:00:00Z'],
    ['day 0', '2026-03-00T10:00:00Z'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['29 February 1900 (not a leap year)', '1900-02-29T00:00:00Z'],
    ['31 April', '2026-04-31T00:00:00Z'],
    ['32 January', '2026-01-32T00:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['minute 60', '2026-03-01T10:60:00Z'],
    ['second 60 (no leap seconds)', '2026-03-01T10:00:60Z'],
    ['an offset of 24 hours', '2026-03-01T10:00:00+24:00'],
    ['an offset minute of 60', '2026-03-01T10:00:00+01:60'],
    ['an offset without a colon', '2026-03-01T10:00:00+0100'],
    ['an offset without minutes', '2026-03-01T10:00:00+01'],
    ['a comma before the fraction', '2026-03-01T10:00:00,5Z'],
    ['a dot without digits', '2026-03-01T10:00:00.Z'],
    ['a one-digit hour', '2026-03-01T1:00:00Z'],
    ['a five-digit year', '12026-03-01T10:00:00Z'],
    ['a signed year', '+2026-03-01T10:00:00Z'],
    ['trailing text', '2026-03-01T10:00:00Z '],
    ['a word', 'tomorrow'],
    ['nothing', ''],
  ])('refuses %s: %j', (_what, text) => expect(parseRfc3339(text)).toBeUndefined());

  test('agrees with Date.parse on every real instant it accepts', () => {
    const text = fc
      .tuple(
        fc.integer({ min: 1970, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('', '.5', '.25', '.123', '.000001'),
        fc.constantFrom('Z', '+01:00', '-05:30', '+14:00', '-12:00'),
      )
      .map(([y, mo, d, h, mi, s, frac, zone]) => {
        const p = (n: number, w = 2) => String(n).padStart(w, '0');
        return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${frac}${zone}`;
      });
    fc.assert(
      fc.property(text, (t) => {
        const [y, mo, d] = t.slice(0, 10).split('-').map(Number);
        const ms = parseRfc3339(t);
        if (!isCalendarDate(y, mo, d)) return ms === undefined;
        return ms === Date.parse(t);
      }),
      { numRuns: 2000 },
    );
  });

  test("the pattern is the parser's first check: it accepts every instant the parser accepts", () => {
    const pattern = new RegExp(RFC3339_PATTERN);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        const text = formatInstant(ms);
        return pattern.test(text) && parseRfc3339(text) === ms;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatInstant (Go time.RFC3339Nano in UTC)', () => {
  test.each([
    [Date.UTC(2026, 2, 1, 10), '2026-03-01T10:00:00Z'],
    [Date.UTC(2026, 2, 1, 10, 0, 0, 100), '2026-03-01T10:00:00.1Z'],
    [Date.UTC(2026, 2, 1, 10, 0, 0, 120), '2026-03-01T10:00:00.12Z'],
    [Date.UTC(2026, 2, 1, 10, 0, 0, 5), '2026-03-01T10:00:00.005Z'],
  ])('%d is %s', (ms, text) => expect(formatInstant(ms)).toBe(text));
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

test('formatMicroTime: metav1.MicroTime, six fractional digits', () => {
  expect(formatMicroTime(Date.UTC(2026, 2, 1, 10))).toBe('2026-03-01T10:00:00.000000Z');
  expect(formatMicroTime(Date.UTC(2026, 2, 1, 10, 0, 0, 123))).toBe('2026-03-01T10:00:00.123000Z');
});

describe('days in a month', () => {
  test.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2000, 2, 29],
    [1900, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
    expect(isCalendarDate(year, month, days)).toBe(true);
    expect(isCalendarDate(year, month, days + 1)).toBe(false);
  });

  test('agrees with the JavaScript calendar over four centuries', () => {
    for (let year = 1800; year < 2200; year++) {
      for (let month = 1; month <= 12; month++)
        expect([year, month, daysInMonth(year, month)]).toEqual([
          year,
          month,
          new Date(Date.UTC(year, month, 0)).getUTCDate(),
        ]);
    }
  });

  test('isCalendarDate refuses months and days out of range', () => {
    for (const [y, m, d] of [
      [2026, 0, 1],
      [2026, 13, 1],
      [2026, 1, 0],
    ])
      expect(isCalendarDate(y, m, d)).toBe(false);
  });
});
