import { validateBatchObject } from '../../../src/rules/registry';
import { changed, describeObjectCases, findingsOf, hardenedCronJob, NOW, ObjectCase } from './fixtures';

const at = (schedule: string, timeZone?: string) => (o: any) => {
  o.spec.schedule = schedule;
  if (timeZone === undefined) delete o.spec.timeZone;
  else o.spec.timeZone = timeZone;
};

const cases: ObjectCase[] = [
  {
    name: '02:30 in Berlin is skipped each spring',
    rule: 'cronjob-dst-skipped-runs',
    make: hardenedCronJob,
    bad: at('30 2 * * *', 'Europe/Berlin'),
    fields: ['spec.schedule'],
    good: at('30 3 * * *', 'Europe/Berlin'),
    says: ['In Europe/Berlin', '2 runs', '2026-03-29 02:30 and 2027-03-28 02:30', 'local 02:00-02:59', 'Etc/UTC'],
  },
  {
    name: '02:30 in Berlin runs twice each autumn',
    rule: 'cronjob-dst-doubled-runs',
    make: hardenedCronJob,
    bad: at('30 2 * * *', 'Europe/Berlin'),
    fields: ['spec.schedule'],
    good: at('30 2 * * *', 'Etc/UTC'),
    says: ['2026-10-25 02:30 (at 00:30Z and 01:30Z) and 2027-10-31 02:30 (at 00:30Z and 01:30Z)'],
  },
  {
    name: 'many runs: the first three and a count',
    rule: 'cronjob-dst-skipped-runs',
    make: hardenedCronJob,
    bad: at('*/5 2 * * *', 'Europe/Berlin'),
    fields: ['spec.schedule'],
    good: at('*/5 2 * * *', 'Asia/Tokyo'),
    says: ['24 runs', '2026-03-29 02:00, 2026-03-29 02:05, 2026-03-29 02:10 and 21 more'],
  },
  {
    name: 'a zone in the schedule (accepted with a warning before 1.29) is analysed too',
    rule: 'cronjob-dst-doubled-runs',
    make: hardenedCronJob,
    bad: at('CRON_TZ=America/New_York 30 1 * * *'),
    fields: ['spec.schedule'],
    good: at('CRON_TZ=America/New_York 30 3 * * *'),
    says: ['In America/New_York', '2026-11-01 01:30 (at 05:30Z and 06:30Z)', 'local 01:00-01:59'],
    kubernetesVersion: '1.28',
  },
];

describeObjectCases(cases);

test('a single hazard reads in the singular', () => {
  const cron = changed(hardenedCronJob(), at('30 2 29 3 *', 'Europe/Berlin'));
  expect(findingsOf(cron, 'cronjob-dst-skipped-runs').map((f) => f.message)).toEqual([
    'In Europe/Berlin over the next two years, clocks skip the local time of a run, so it does not happen: 2026-03-29 02:30.',
  ]);
});

test('the look-ahead starts at the beginning of the UTC day, so every object validated that day shares one analysis', () => {
  const cron = changed(hardenedCronJob(), at('30 2 * * *', 'Europe/Berlin'));
  const morning = validateBatchObject(cron, { now: NOW + 60_000 });
  const evening = validateBatchObject(cron, { now: NOW + 86_399_000 });
  expect(evening).toEqual(morning);
  expect(morning.map((f) => f.rule)).toEqual(['cronjob-dst-skipped-runs', 'cronjob-dst-doubled-runs']);
});
