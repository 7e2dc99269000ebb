/**
 * A human sentence for a schedule, for messages and the CLI. The wording comes from cronstrue;
 * we first rewrite the schedule from what robfig actually parsed (so `*-5`, `+5`, `1,,2` and
 * `?` read as Kubernetes runs them), and add what cronstrue cannot know: `@every`, the zone,
 * and Kubernetes' rule that a restricted day of month and day of week match either way.
 */
import cronstrue from 'cronstrue';
import { ConstantDelaySchedule, FieldSet, parseStandard, SpecSchedule } from './cron';

/** Describes `schedule`, adding "in <zone>" when a time zone is given; invalid schedules are described as such. */
export function describeSchedule(schedule: string, timeZone?: string): string {
  const parsed = parseStandard(schedule);
  if (parsed.error !== undefined) return `Invalid schedule (${parsed.error})`;
  const zone = timeZone ? `, in ${timeZone}` : '';
  const s = parsed.schedule;
  if (s instanceof ConstantDelaySchedule) {
    return `Every ${formatSeconds(s.delaySeconds)}, counted from the last scheduled run (or from creation before the first)`;
  }
  const spec = s as SpecSchedule;
  const canonical = [
    fieldExpression(spec.minute, 0),
    fieldExpression(spec.hour, 0),
    fieldExpression(spec.dayOfMonth, 1),
    fieldExpression(spec.month, 1),
    fieldExpression(spec.dayOfWeek, 0),
  ];
  if (canonical.some((f) => f === '')) return 'Never runs (a field allows no value)';
  let sentence = cronstrue.toString(canonical.join(' '), {
    use24HourTimeFormat: true,
    throwExceptionOnParseError: false,
  });
  if (!spec.dayOfMonth.star && !spec.dayOfWeek.star) {
    sentence += ' (Kubernetes runs it on days matching either the day of month or the day of week)';
  }
  return sentence + zone;
}

/** A compact cron expression for one field's values: `*` for the star bit, else ranges, steps and lists. */
export function fieldExpression(set: FieldSet, min: number): string {
  if (set.star) return '*';
  const values: number[] = [];
  set.values.forEach((on, v) => {
    if (on && v >= min) values.push(v);
  });
  if (values.length === 0) return '';
  const max = set.values.length - 1;
  if (values.length >= 3) {
    // A whole arithmetic progression that runs to the field's end reads best as a step.
    const step = values[1] - values[0];
    const progression = values.every((v, i) => v === values[0] + i * step);
    if (progression && step > 1 && values[values.length - 1] + step > max) {
      return values[0] === min ? `*/${step}` : `${values[0]}/${step}`;
    }
  }
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    parts.push(j > i ? `${values[i]}-${values[j]}` : String(values[i]));
    i = j + 1;
  }
  return parts.join(',');
}

/** Seconds as a Go-style duration, e.g. 5400 -> "1h30m". */
export function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const text = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return text === '' ? '0s' : text;
}
