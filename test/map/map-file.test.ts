/** localMidnight: where `--from YYYY-MM-DD` (and scheduleMapFrom) starts the map, in the map's zone. */
import { localMidnight } from '../../src/map/map-file';
import { loadLocation, TimeZone } from '../../src/schedule/time-zone';

function zone(name: string): TimeZone {
  const loaded = loadLocation(name);
  if (loaded === undefined) throw new Error(`no zone ${name}`);
  return loaded;
}

const start = (date: string, name: string) => {
  const ms = localMidnight(date, zone(name));
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

describe('localMidnight', () => {
  test.each([
    ['2026-11-01', 'UTC', '2026-11-01T00:00:00.000Z'],
    // The clocks fall back at 02:00: midnight is there once, at -04:00.
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-09-05', 'America/Santiago', '2026-09-05T04:00:00.000Z'],
    // The day before the clocks fall back at midnight to 23:00: its last hour is there twice.
    ['2026-04-04', 'America/Santiago', '2026-04-04T03:00:00.000Z'],
    // After it, midnight comes once, at -04:00 (at -03:00 it was shown as 23:00 the day before).
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00.000Z'],
    // Havana falls back from 01:00 to 00:00: midnight comes twice, and the day begins at the first.
    ['2026-11-01', 'America/Havana', '2026-11-01T04:00:00.000Z'],
  ])('%s in %s begins at its midnight, %s', (date, name, expected) => {
    expect(start(date, name)).toBe(expected);
  });

  test('a date whose midnight the clocks skip begins when they jump (Santiago: 00:00 -> 01:00), not the evening before', () => {
    // Go's time.Date gives 2026-09-06T03:00:00Z, which is 23:00 on 2026-09-05 in Santiago.
    expect(start('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(new Date(localMidnight('2026-09-06', zone('America/Santiago'))! - 1000).toISOString()).toBe(
      '2026-09-06T03:59:59.000Z',
    );
  });

  test('a date a zone skipped whole (Samoa, 2011-12-30) begins where the next one does', () => {
    expect(start('2011-12-30', 'Pacific/Apia')).toBe(start('2011-12-31', 'Pacific/Apia'));
    expect(start('2011-12-31', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
  });

  test.each([['2026-9-6'], ['2026-02-30'], ['2026-09-06T00:00:00Z'], ['']])('%j is not a date', (text) => {
    expect(localMidnight(text, zone('UTC'))).toBeUndefined();
  });
});
