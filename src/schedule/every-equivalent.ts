/**
 * The five-field schedule with the same period as an `@every` schedule, where one exists. `@every`
 * counts from the CronJob's creation (then from each run), so its run times depend on when it was
 * applied; a fixed schedule with the same period does not. Used by the rule that warns about
 * `@every` and by the `Schedule.every` builder.
 */

/** A five-field schedule with the same period as `@every <seconds>` when one exists (the period divides an hour or a day). */
export function fixedScheduleFor(seconds: number): string | undefined {
  if (seconds === 60) return '* * * * *';
  if (seconds === 3600) return '0 * * * *';
  if (seconds % 60 === 0 && 3600 % seconds === 0) return `*/${seconds / 60} * * * *`;
  if (seconds === 86_400) return '0 0 * * *';
  if (seconds === 7 * 86_400) return '0 0 * * 0';
  if (seconds % 3600 === 0 && 86_400 % seconds === 0) return `0 */${seconds / 3600} * * *`;
  return undefined;
}
