/**
 * next() throughput: our robfig-style walker against cron-parser on the same schedules, zones and
 * start instants, in the same run. Only schedules both accept are compared (cron-parser rejects
 * `@every` and differs on DST, which is beside the point for speed).
 */
import { CronExpressionParser } from 'cron-parser';
import { controllerSchedule } from '../src/schedule/controller-schedule';
import { medianTimeMs, printTable } from './timing';

interface Case {
  readonly label: string;
  readonly schedule: string;
  readonly timeZone?: string;
}

const CORPUS: readonly Case[] = [
  { label: 'sparse', schedule: '0 0 29 2 *' },
  { label: 'sparse', schedule: '0 0 13 * 5' },
  { label: 'yearly', schedule: '0 0 1 1 *' },
  { label: 'zoned', schedule: '0 2 * * *', timeZone: 'America/New_York' },
  { label: 'zoned', schedule: '30 1 * * *', timeZone: 'Europe/Berlin' },
  { label: 'zoned', schedule: '0 9 * * 1-5', timeZone: 'Australia/Lord_Howe' },
  { label: 'zoned', schedule: '15 */6 * * *', timeZone: 'Asia/Kathmandu' },
  { label: 'frequent', schedule: '* * * * *' },
  { label: 'frequent', schedule: '*/5 * * * *' },
  { label: 'frequent', schedule: '*/15 9-17 * * 1-5' },
  { label: 'daily', schedule: '0 3 * * *' },
  { label: 'weekly', schedule: '0 0 * * 0' },
];

const START = Date.parse('2026-01-01T00:00:00Z');
/** Each measurement restarts the chain of next() calls this often, to stay in realistic years. */
const CHAIN = 25;
const CALLS = 2000;

function ours(c: Case): () => void {
  const parsed = controllerSchedule(c.schedule, c.timeZone);
  if (parsed.error !== undefined) throw new Error(parsed.error);
  const schedule = parsed.schedule;
  return () => {
    for (let i = 0; i < CALLS / CHAIN; i++) {
      let t: number | null = START + i * 3_600_000;
      for (let j = 0; j < CHAIN && t !== null; j++) t = schedule.next(t);
    }
  };
}

function cronParser(c: Case): () => void {
  return () => {
    for (let i = 0; i < CALLS / CHAIN; i++) {
      const it = CronExpressionParser.parse(c.schedule, {
        currentDate: new Date(START + i * 3_600_000),
        tz: c.timeZone ?? 'UTC',
      });
      for (let j = 0; j < CHAIN; j++) it.next();
    }
  };
}

export function runScheduleBenchmark(): void {
  console.log(`\n## next(): cdk8s-batch vs cron-parser (${CALLS} calls per schedule, median of 5)\n`);
  const rows: string[][] = [];
  let oursTotal = 0;
  let theirsTotal = 0;
  for (const c of CORPUS) {
    const a = medianTimeMs(ours(c));
    const b = medianTimeMs(cronParser(c));
    oursTotal += a;
    theirsTotal += b;
    rows.push([
      c.label,
      c.schedule,
      c.timeZone ?? 'UTC',
      `${((a * 1000) / CALLS).toFixed(2)}`,
      `${((b * 1000) / CALLS).toFixed(2)}`,
      `${(b / a).toFixed(1)}x`,
    ]);
  }
  printTable(['kind', 'schedule', 'zone', 'ours µs/next', 'cron-parser µs/next', 'speed-up'], rows);
  console.log(
    `\noverall: cron-parser took ${(theirsTotal / oursTotal).toFixed(1)}x as long as cdk8s-batch on the whole corpus (target: at least 30x)`,
  );
}
