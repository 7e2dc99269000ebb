import * as tzdata from 'tzdata';
import { etcZoneOffset, loadLocation } from '../../src/schedule/time-zone';

/** The offset (seconds east) the runtime's ICU gives `zone` at an instant, read from Intl directly. */
function intlOffset(zone: string, epochSeconds: number): number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts = format.formatToParts(new Date(epochSeconds * 1000));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wall / 1000 - epochSeconds;
}

const INSTANTS = [0, 1_000_000_000, 1_700_000_000, 1_800_000_000, 2_200_000_000];

describe('zones with one fixed offset', () => {
  const names = Object.keys((tzdata as { zones: object }).zones).filter((name) => etcZoneOffset(name) !== undefined);

  test('are the Etc zones and their links (UTC, GMT, Zulu, Etc/GMT+5, ...)', () => {
    expect(names).toEqual(expect.arrayContaining(['Etc/UTC', 'UTC', 'Zulu', 'Etc/GMT', 'Etc/GMT+5', 'Etc/GMT-14']));
    expect(names.every((name) => /^(Etc\/|UTC$|UCT$|GMT|Greenwich$|Universal$|Zulu$)/.test(name))).toBe(true);
    expect(etcZoneOffset('Europe/Berlin')).toBeUndefined();
    expect(etcZoneOffset('Factory')).toBeUndefined();
  });

  test.each(names)('%s has the offset ICU gives it at every instant, and never changes', (name) => {
    const zone = loadLocation(name)!;
    for (const t of INSTANTS) {
      expect(zone.offsetAt(t)).toBe(intlOffset(name, t));
      expect(Object.is(zone.offsetAt(t), -0)).toBe(false);
    }
    expect(zone.changesBetween(0, 2_200_000_000)).toBe(false);
  });

  test('Etc/GMT+5 is five hours behind UTC (the sign is POSIX-style)', () => {
    expect(loadLocation('Etc/GMT+5')!.offsetAt(1_700_000_000)).toBe(-5 * 3600);
  });
});
