import { controllerSchedule, nextFireTimes } from '../../src/schedule/controller-schedule';
import { parseStandard } from '../../src/schedule/cron';
import { validateSchedule } from '../../src/schedule/validation';
import { readReferenceJson } from '../support/reference-data';

interface ScheduleCase {
  readonly schedule: string;
  readonly k8sValid: boolean;
  readonly reason?: string;
  readonly next?: string[];
  readonly robfigNextUTC?: string[];
}

const cases = readReferenceJson<ScheduleCase[]>('schedules.json');
const FROM = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('schedules.json (robfig/cron v3.0.1 as Kubernetes runs it)', () => {
  test('the table is not empty', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  test.each(cases.map((c) => [JSON.stringify(c.schedule), c] as const))('%s', (_name, c) => {
    const problems = validateSchedule(c.schedule);
    expect(problems.length === 0).toBe(c.k8sValid);
    if (c.k8sValid) {
      const parsed = controllerSchedule(c.schedule);
      expect(parsed.error).toBeUndefined();
      if (parsed.error === undefined) {
        expect(nextFireTimes(parsed.schedule, FROM, 3).map(iso)).toEqual(c.next);
      }
    } else {
      // Every rejection names the Kubernetes reason and offers a fix.
      for (const p of problems) expect(p.fix.length).toBeGreaterThan(10);
      if (c.reason && !c.reason.startsWith('robfig panic') && !c.reason.startsWith('cannot use TZ')) {
        expect(problems.map((p) => p.reason)).toContain(c.reason);
      }
    }
    if (c.robfigNextUTC) {
      // robfig itself parses it (the API server rejects it for another reason).
      const parsed = parseStandard(c.schedule);
      expect(parsed.error).toBeUndefined();
      if (parsed.error === undefined) expect(nextFireTimes(parsed.schedule, FROM, 3).map(iso)).toEqual(c.robfigNextUTC);
    }
  });
});
