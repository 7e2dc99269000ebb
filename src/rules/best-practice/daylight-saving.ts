/**
 * Daylight-saving hazards. In a zone with daylight saving the controller (robfig/cron in the
 * CronJob's zone) skips a run whose local time falls in the hour clocks spring over, and runs
 * twice one whose local time falls in the hour they fall back through (kubernetes#121594). We
 * list what happens in the next two years from the rule input's `now`, so the dates are real.
 */
import { DstEvent, ScheduleAnalysis } from '../../schedule/analysis';
import { SpecSchedule } from '../../schedule/cron';
import { Rule } from '../rule';
import { CronJobTiming, cronJobTiming, scheduleAnalysis } from '../support/cronjob-timing';
import { joinWords } from '../support/message-text';
import { bestPracticeRule, CRONJOBS_ONLY } from './best-practice-rule';

/** Messages list this many dates and count the rest. */
export const LISTED_EVENTS = 3;

interface DstRuleSpec {
  readonly id: string;
  readonly summary: string;
  readonly events: (analysis: ScheduleAnalysis) => readonly DstEvent[];
  /** The sentence's middle: what clocks do to these runs. */
  readonly effect: (count: number) => string;
  readonly describeEvent: (event: DstEvent) => string;
}

function zoneName(timing: CronJobTiming): string {
  if (timing.timeZone !== undefined) return timing.timeZone;
  return timing.parsed instanceof SpecSchedule ? timing.parsed.zone.name : 'UTC';
}

/** `2026-03-08 02:00, 2026-03-08 02:15 and 2026-03-08 02:30` or, past the limit, the first few and a count. */
export function listEvents(events: readonly DstEvent[], describe: (event: DstEvent) => string): string {
  const shown = events.slice(0, LISTED_EVENTS).map(describe);
  const rest = events.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : joinWords(shown);
}

/** The local hours the events fall in, e.g. `02:00-02:59`, the hours to keep runs out of. */
function hazardHours(events: readonly DstEvent[]): string {
  const hours = [...new Set(events.map((e) => e.localTime.slice(11, 13)))].sort();
  return joinWords(hours.map((h) => `${h}:00-${h}:59`));
}

function daylightSavingRule(spec: DstRuleSpec): Rule {
  return bestPracticeRule({
    id: spec.id,
    kinds: CRONJOBS_ONLY,
    summary: spec.summary,
    check(input) {
      const timing = cronJobTiming(input);
      const analysis = timing && scheduleAnalysis(input, timing);
      const events = analysis ? spec.events(analysis) : [];
      if (!timing || events.length === 0) return [];
      return [
        {
          field: 'spec.schedule',
          message: `In ${zoneName(timing)} over the next two years, ${spec.effect(events.length)}: ${listEvents(events, spec.describeEvent)}.`,
          fix: `Move the runs out of local ${hazardHours(events)}, when the clocks change, or set spec.timeZone: Etc/UTC.`,
        },
      ];
    },
  });
}

export const dstSkippedRuns = daylightSavingRule({
  id: 'cronjob-dst-skipped-runs',
  summary: 'No runs fall in the hour daylight saving skips (checked over the next two years).',
  events: (a) => a.skipped,
  effect: (n) =>
    n === 1
      ? 'clocks skip the local time of a run, so it does not happen'
      : `clocks skip the local time of ${n} runs, so they do not happen`,
  describeEvent: (e) => e.localTime,
});

export const dstDoubledRuns = daylightSavingRule({
  id: 'cronjob-dst-doubled-runs',
  summary:
    'No runs fall in the hour daylight saving repeats, which would run them twice (checked over the next two years).',
  events: (a) => a.doubled,
  effect: (n) =>
    n === 1
      ? 'clocks pass twice through the local time of a run, so it runs twice'
      : `clocks pass twice through the local time of ${n} runs, so each runs twice`,
  describeEvent: (e) => `${e.localTime} (at ${e.instants.map((i) => i.slice(11, 16) + 'Z').join(' and ')})`,
});

export const DAYLIGHT_SAVING_RULES = [dstSkippedRuns, dstDoubledRuns];
