/**
 * The soak test's 1,000 ScheduledJobs: a mix of schedules (every minute, every 5 minutes, hourly,
 * daily), zones with and without daylight saving (the simulated week holds the US fall-back of
 * 2026-11-01), every overlap policy, and a few of each extension. Each member also says how its
 * Jobs behave when the fake runner runs them, so overlap policies meet long runs and history
 * cleanup meets failures.
 */

/** How the runner treats a member's Jobs. */
export enum RunProfile {
  /** Every run takes 5-25% of the period; 1 in 10 fails. */
  SHORT = 'short',
  /** 7 in 10 runs take 20% of the period, 3 in 10 take 140% (so they overlap the next run); 1 in 10 fails. */
  MIXED = 'mixed',
  /** Every run fails quickly. */
  FAILING = 'failing',
}

export interface FleetMember {
  readonly name: string;
  /** The resource spec without its jobTemplate. */
  readonly spec: { readonly [field: string]: unknown };
  /** The nominal gap between runs, for run durations. */
  readonly periodMs: number;
  readonly profile: RunProfile;
}

export interface FleetMix {
  readonly everyMinute: number;
  readonly everyFiveMinutes: number;
  readonly hourly: number;
  /** The rest of the 1,000 are daily. */
  readonly total: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const POLICIES = ['AllowAll', 'Skip', 'CancelOther', 'BufferOne', 'BufferAll'] as const;
/**
 * Zones of the hourly and daily members. One in five has daylight saving: inside a month with a
 * clock change the schedule walk takes its slow, exact path, which makes every plan of such a
 * member about a hundred times dearer (see the report); the DST behaviour itself is exercised by
 * the dst-* members and these few.
 */
const ZONES = [
  'UTC',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'America/New_York',
  'Australia/Brisbane',
  'UTC',
  'Asia/Kolkata',
  'Europe/Berlin',
  'Asia/Singapore',
  'America/Sao_Paulo',
];
const HISTORY = { successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 };

export function buildFleet(mix: FleetMix): FleetMember[] {
  const members: FleetMember[] = [];
  const add = (name: string, spec: Record<string, unknown>, periodMs: number, profile: RunProfile) =>
    members.push({ name, spec: { ...HISTORY, ...spec }, periodMs, profile });

  // The extensions, a few of each, on hourly or 5-minute schedules.
  add('jitter-a', { schedule: '0 * * * *', jitterSeconds: 120 }, HOUR, RunProfile.SHORT);
  add('jitter-b', { schedule: '30 * * * *', timeZone: 'Europe/Berlin', jitterSeconds: 600 }, HOUR, RunProfile.SHORT);
  add(
    'freeze-a',
    {
      schedule: '0 * * * *',
      timeZone: 'Europe/Berlin',
      exclusions: [
        { name: 'weekend', weekdays: ['Sat-Sun'] },
        { name: 'nights', hours: '01:00-05:00' },
      ],
    },
    HOUR,
    RunProfile.SHORT,
  );
  add(
    'freeze-b',
    { schedule: '*/15 * * * *', timeZone: 'America/New_York', exclusions: [{ hours: '22:00-06:00' }] },
    15 * MINUTE,
    RunProfile.SHORT,
  );
  add(
    'multi-a',
    { schedule: '', schedules: ['0 9 * * 1-5', '0 12 * * 6', '30 */2 * * *'], timeZone: 'Asia/Kolkata' },
    2 * HOUR,
    RunProfile.SHORT,
  );
  add('multi-b', { schedule: '15 * * * *', schedules: ['45 * * * *'] }, 30 * MINUTE, RunProfile.SHORT);
  add('dst-kubernetes', { schedule: '30 1 * * *', timeZone: 'America/New_York' }, DAY, RunProfile.SHORT);
  add('dst-once-a', { schedule: '30 1 * * *', timeZone: 'America/New_York', dstPolicy: 'Once' }, DAY, RunProfile.SHORT);
  add('dst-once-b', { schedule: '0 * * * *', timeZone: 'America/Chicago', dstPolicy: 'Once' }, HOUR, RunProfile.SHORT);
  add('catch-none', { schedule: '*/15 * * * *', catchUpPolicy: 'None' }, 15 * MINUTE, RunProfile.SHORT);
  add(
    'catch-up-3',
    { schedule: '*/15 * * * *', catchUpPolicy: 'UpTo', catchUpLimit: 3 },
    15 * MINUTE,
    RunProfile.SHORT,
  );
  add('catch-latest', { schedule: '7 * * * *', catchUpPolicy: 'Latest' }, HOUR, RunProfile.SHORT);
  add('deadline', { schedule: '0 * * * *', startingDeadlineSeconds: 300 }, HOUR, RunProfile.SHORT);
  add('pause-3', { schedule: '0 * * * *', pauseAfterFailures: 3 }, HOUR, RunProfile.FAILING);
  add('suspended', { schedule: '* * * * *', suspend: true }, MINUTE, RunProfile.SHORT);
  add(
    'no-history',
    { schedule: '*/15 * * * *', successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 },
    15 * MINUTE,
    RunProfile.SHORT,
  );
  for (let i = 0; i < 3; i++) add(`run-now-${i}`, { schedule: '0 4 * * *' }, DAY, RunProfile.SHORT);
  for (let i = 0; i < 2; i++) add(`backfill-${i}`, { schedule: '0 * * * *' }, HOUR, RunProfile.SHORT);

  for (let i = 0; i < mix.everyMinute; i++)
    add(
      `minutely-${i}`,
      { schedule: '* * * * *', overlapPolicy: POLICIES[i % 2 === 0 ? 0 : 1] },
      MINUTE,
      RunProfile.SHORT,
    );
  for (let i = 0; i < mix.everyFiveMinutes; i++) {
    const policy = POLICIES[i % POLICIES.length];
    add(
      `five-${i}`,
      {
        schedule: `${i % 5}-59/5 * * * *`,
        overlapPolicy: policy,
        ...(policy === 'BufferAll' ? { bufferLimit: 10 } : {}),
      },
      5 * MINUTE,
      policy === 'AllowAll' ? RunProfile.SHORT : RunProfile.MIXED,
    );
  }
  for (let i = 0; i < mix.hourly; i++) {
    const policy = POLICIES[i % POLICIES.length];
    add(
      `hourly-${i}`,
      { schedule: `${(i * 7) % 60} * * * *`, timeZone: ZONES[i % ZONES.length], overlapPolicy: policy },
      HOUR,
      policy === 'AllowAll' ? RunProfile.SHORT : RunProfile.MIXED,
    );
  }
  const dailyTimes = ['30 1 * * *', '0 3 * * *', '45 23 * * *', '0 2 * * 1-5', '15 12 * * *'];
  for (let i = 0; members.length < mix.total; i++) {
    add(
      `daily-${i}`,
      {
        schedule: dailyTimes[i % dailyTimes.length],
        timeZone: ZONES[i % ZONES.length],
        overlapPolicy: POLICIES[i % POLICIES.length],
      },
      DAY,
      RunProfile.SHORT,
    );
  }
  return members;
}

/** 32-bit FNV-1a, for run durations and outcomes that depend only on the Job's name. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** How long a Job runs and whether it succeeds, from its name alone. */
export function runOf(member: FleetMember, jobName: string): { durationMs: number; succeeds: boolean } {
  const h = hash(jobName);
  const fraction = (h % 1000) / 1000;
  const succeeds = member.profile !== RunProfile.FAILING && (h >>> 10) % 10 !== 0;
  if (member.profile === RunProfile.FAILING) return { durationMs: 5_000, succeeds: false };
  if (member.profile === RunProfile.MIXED)
    return { durationMs: Math.round(member.periodMs * ((h >>> 14) % 10 < 3 ? 1.4 : 0.2)), succeeds };
  return { durationMs: Math.max(3_000, Math.round(member.periodMs * (0.05 + 0.2 * fraction))), succeeds };
}
