/**
 * `cdk8s-batch next SCHEDULE [--time-zone ZONE] [--after ISO8601] [--count N] [--format text|json]`
 * and `cdk8s-batch next --batch` (lines `SCHEDULE[|TIMEZONE[|FROM]]` on stdin, one JSON object
 * per line out, in order, never stopping at a bad line).
 */
import { describeSchedule } from '../schedule/describe';
import { previewSchedule } from '../schedule/preview';
import { CliIo, ExitCode, UsageError } from './io';
import { formatInstant } from '../schedule/instants';
import { formatOption, integerOption, parseInstant, parseOptions, stringOption } from './options';

export const NEXT_USAGE = `cdk8s-batch next SCHEDULE [--time-zone ZONE] [--after ISO8601] [--count N] [--format text|json]
cdk8s-batch next --batch [--after ISO8601] [--count N] [--format json|text] < lines of SCHEDULE[|TIMEZONE[|FROM]]`;

const MAX_COUNT = 10_000;

/** The JSON answer for one schedule: the contract in the README's `next` section. */
export type NextAnswer =
  | { schedule: string; timeZone: string; valid: true; next: string[] }
  | { schedule: string; valid: false; error: string };

interface Question {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly afterMs: number;
}

/** The answer in both formats; the text (and its description, which is slow to phrase) only when asked for. */
function answer(q: Question, count: number, format: 'text' | 'json'): { json: NextAnswer; text: string } {
  const preview = previewSchedule(q.schedule, q.timeZone, q.afterMs, count);
  if (preview.problems.length > 0) {
    const error = preview.problems.map((p) => `spec.${p.field}: ${p.reason}`).join('; ');
    const fixes = preview.problems.map((p) => `  fix: ${p.fix}`).join('\n');
    return {
      json: { schedule: q.schedule, valid: false, error },
      text: `${JSON.stringify(q.schedule)}${q.timeZone !== undefined ? ` in ${q.timeZone}` : ''}: rejected by Kubernetes\n  ${error}\n${fixes}\n`,
    };
  }
  const zone = q.timeZone ?? 'UTC';
  const next = preview.times.map(formatInstant);
  const json: NextAnswer = { schedule: q.schedule, timeZone: zone, valid: true, next };
  if (format === 'json') return { json, text: '' };
  const local = localFormatter(zone);
  const lines = preview.times.map((t, i) => `  ${next[i]}  ${local(t)}`);
  const never =
    preview.times.length === 0 && !preview.reachedLastYear
      ? ['  never fires: no date matches (e.g. February 30th)']
      : [];
  const stopped = preview.reachedLastYear
    ? ['  no further runs shown: the next one falls after the year 9999']
    : preview.times.length > 0 && preview.times.length < count
      ? ['  no further runs: the schedule stops firing']
      : [];
  return {
    json,
    text:
      [
        `${JSON.stringify(q.schedule)} in ${zone}: ${describeSchedule(q.schedule)}`,
        ...lines,
        ...never,
        ...stopped,
      ].join('\n') + '\n',
  };
}

/** "2026-03-08 03:00 EDT (Sun)": a run as the schedule's zone shows it. */
function localFormatter(zone: string): (ms: number) => string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
  } catch {
    // A zone Go knows and this runtime's ICU does not ("Factory"): the schedule maths gives it
    // offset 0, as Go does (time-zone.ts), so its wall clock is UTC's.
    const utc = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    return (ms) => wallClock(utc, ms, 'GMT');
  }
  return (ms) => wallClock(format, ms);
}

function wallClock(format: Intl.DateTimeFormat, ms: number, zoneName?: string): string {
  const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${zoneName ?? p.timeZoneName} (${p.weekday})`;
}

export async function runNext(args: readonly string[], io: CliIo, nowMs: () => number = Date.now): Promise<number> {
  const parsed = parseOptions(args, {
    'time-zone': { type: 'string' },
    after: { type: 'string' },
    count: { type: 'string' },
    format: { type: 'string' },
    batch: { type: 'boolean' },
  });
  const batch = parsed.values.batch === true;
  // A batch answers in JSON lines unless text is asked for.
  const format = batch && stringOption(parsed, 'format') === undefined ? 'json' : formatOption(parsed);
  const count = integerOption(parsed, 'count', 5, 1, MAX_COUNT);
  const afterText = stringOption(parsed, 'after');
  const afterMs = afterText === undefined ? nowMs() : parseInstant(afterText);
  if (afterMs === undefined)
    throw new UsageError(`--after must be an ISO 8601 instant such as 2026-01-01T00:00:00Z, not "${afterText}"`);
  const timeZone = stringOption(parsed, 'time-zone');

  if (batch) {
    if (parsed.positionals.length > 0)
      throw new UsageError('--batch reads schedules from stdin; give no SCHEDULE argument');
    for await (const line of io.lines()) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      const [schedule, zone = '', from = ''] = line.split('|');
      const fromMs = from === '' ? afterMs : parseInstant(from);
      const result =
        fromMs === undefined
          ? {
              json: { schedule, valid: false as const, error: `FROM must be an RFC 3339 instant, not "${from}"` },
              text: `${schedule}: bad FROM "${from}"\n`,
            }
          : answer({ schedule, timeZone: zone === '' ? timeZone : zone, afterMs: fromMs }, count, format);
      await io.out(format === 'json' ? JSON.stringify(result.json) + '\n' : result.text);
    }
    return ExitCode.OK;
  }

  if (parsed.positionals.length === 0) throw new UsageError('missing SCHEDULE, e.g. cdk8s-batch next "0 3 * * *"');
  // A schedule split by the shell into several words is put back together.
  const schedule = parsed.positionals.join(' ');
  const result = answer({ schedule, timeZone, afterMs }, count, format);
  await io.out(format === 'json' ? JSON.stringify(result.json) + '\n' : result.text);
  return result.json.valid ? ExitCode.OK : ExitCode.FINDINGS;
}
