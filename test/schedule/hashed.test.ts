import { isHashedSchedule, resolveHashedSchedule } from '../../src/schedule/hashed';
import { validateSchedule } from '../../src/schedule/validation';

describe('resolveHashedSchedule', () => {
  test('the same seed always gives the same schedule', () => {
    expect(resolveHashedSchedule('H H * * *', 'chart/backup')).toBe(resolveHashedSchedule('H H * * *', 'chart/backup'));
  });

  test('the result is a plain Kubernetes schedule without H', () => {
    for (const expr of [
      'H H * * *',
      'H/15 * * * *',
      'H(0-29) H(1-5) * * *',
      'H(0-29)/10 H * * H',
      'H H H H H',
      '0,H * * * *',
    ]) {
      const resolved = resolveHashedSchedule(expr, 'seed');
      expect(resolved).not.toContain('H');
      expect(validateSchedule(resolved)).toEqual([]);
    }
  });

  test('values stay inside H(a-b) and H/n ranges', () => {
    for (let i = 0; i < 300; i++) {
      const [minute, hour] = resolveHashedSchedule('H(10-19) H(2-4) * * *', `job-${i}`).split(' ').map(Number);
      expect(minute).toBeGreaterThanOrEqual(10);
      expect(minute).toBeLessThanOrEqual(19);
      expect(hour).toBeGreaterThanOrEqual(2);
      expect(hour).toBeLessThanOrEqual(4);
      const start = Number(resolveHashedSchedule('H/15 * * * *', `job-${i}`).split('-')[0]);
      expect(start).toBeLessThan(15);
    }
  });

  test('hashed day of month stays within 1-28 so it exists in every month', () => {
    for (let i = 0; i < 300; i++) {
      const dom = Number(resolveHashedSchedule('0 0 H * *', `job-${i}`).split(' ')[2]);
      expect(dom).toBeGreaterThanOrEqual(1);
      expect(dom).toBeLessThanOrEqual(28);
    }
  });

  test('200 nightly jobs spread over the night instead of all starting at 00:00', () => {
    const starts = new Set<string>();
    for (let i = 0; i < 200; i++) starts.add(resolveHashedSchedule('H H(0-5) * * *', `app/nightly-${i}`));
    expect(starts.size).toBeGreaterThan(150);
  });

  test('malformed H items are left for validation to report', () => {
    expect(resolveHashedSchedule('H(40-70) * * * *', 's')).toBe('H(40-70) * * * *');
    expect(validateSchedule('H(40-70) * * * *')[0].reason).toContain('failed to parse int');
  });

  test('isHashedSchedule', () => {
    expect(isHashedSchedule('H * * * *')).toBe(true);
    expect(isHashedSchedule('0 H(0-5) * * *')).toBe(true);
    expect(isHashedSchedule('0 0 * * *')).toBe(false);
    expect(isHashedSchedule('@hourly')).toBe(false);
  });
});
