/**
 * `cdk8s-batch backfill NAME --from ISO --to ISO [--max-runs N]`: replay a ScheduledJob's schedule
 * over a past range. It sets `spec.backfill` on the resource; the reconciler then creates one Job
 * per run time in the range (exclusions and dstPolicy applied, no jitter), oldest first, skipping
 * times whose Job still exists. With `--dry-run`, nothing is changed: the runs the request would
 * create are listed (`backfillRunTimes`), and with `--output DIR` their Jobs are written.
 */
import { ObservedJob, RunKind } from '../reconciler/plan/types';
import { backfillRunTimes } from '../reconciler/plan/backfill';
import { formatInstant } from '../schedule/instants';
import { scheduledJobName } from '../reconciler/plan/job-names';
import { compileRunSchedule } from '../reconciler/plan/run-schedule';
import { DEFAULT_BACKFILL_MAX_RUNS, MAX_BACKFILL_RUNS } from '../reconciler/resource/scheduled-job-model';
import { ownedJobs } from '../reconciler/sync/dry-run';
import { describeRefusal, runJobErrors } from '../reconciler/sync/run-job-check';
import { describeProblems } from '../reconciler/resource/field-reader';
import { buildRunJob, RunJob } from '../reconciler/resource/run-job';
import { ScheduledJobResource } from '../reconciler/resource/scheduled-job-resource';
import { readResourceSpec } from '../reconciler/resource/spec-conversion';
import { CliIo, ExitCode, UsageError } from './io';
import { integerOption, parseInstant, ParsedOptions, parseOptions, stringOption } from './options';
import {
  CLUSTER_COMMAND_OPTIONS,
  FILE_DEPENDENCIES,
  ClusterCommandDependencies,
  connectCluster,
  count,
  DEFAULT_NAMESPACE,
  findScheduledJob,
  kubernetesVersionOption,
  loadScheduledJobs,
  nowOption,
  refuseDryRunOptions,
  writeJobFiles,
} from './cluster-command';

export const BACKFILL_USAGE = `cdk8s-batch backfill NAME --from ISO8601 --to ISO8601 [--max-runs N] [--namespace NS] [--kubeconfig PATH]
cdk8s-batch backfill NAME --from ISO8601 --to ISO8601 [--max-runs N] --dry-run [--output DIR] [FILES...] [--now ISO8601]
  replays ScheduledJob NAME's schedule over [from, to] (sets spec.backfill); --dry-run lists (and writes) the runs instead`;

interface Range {
  readonly from: number;
  readonly to: number;
  readonly maxRuns?: number;
}

export async function runBackfill(
  args: readonly string[],
  io: CliIo,
  deps: ClusterCommandDependencies = FILE_DEPENDENCIES,
): Promise<number> {
  const parsed = parseOptions(args, {
    ...CLUSTER_COMMAND_OPTIONS,
    from: { type: 'string' },
    to: { type: 'string' },
    'max-runs': { type: 'string' },
  });
  const [name, ...files] = parsed.positionals;
  if (name === undefined)
    throw new UsageError(
      'missing NAME, e.g. cdk8s-batch backfill nightly-report --from 2026-03-01T00:00:00Z --to 2026-03-02T00:00:00Z',
    );
  const range = rangeOptions(parsed);
  const namespace = stringOption(parsed, 'namespace');
  if (parsed.values['dry-run'] === true) return dryRun(parsed, io, deps, name, files, range);

  refuseDryRunOptions(parsed, files);
  const cluster = await connectCluster(deps, stringOption(parsed, 'kubeconfig'), 'backfill');
  const ns = namespace ?? cluster.namespace ?? DEFAULT_NAMESPACE;
  const request = {
    from: formatInstant(range.from),
    to: formatInstant(range.to),
    ...(range.maxRuns === undefined ? {} : { maxRuns: range.maxRuns }),
  };
  await cluster.updateSpec(ns, name, (spec) => ({ ...spec, backfill: request }));
  await io.out(
    `scheduledjob ${ns}/${name}: backfill requested for ${request.from} to ${request.to} (at most ${range.maxRuns ?? DEFAULT_BACKFILL_MAX_RUNS} runs)\n`,
  );
  return ExitCode.OK;
}

async function dryRun(
  parsed: ParsedOptions,
  io: CliIo,
  deps: ClusterCommandDependencies,
  name: string,
  files: readonly string[],
  range: Range,
): Promise<number> {
  const now = nowOption(parsed, deps);
  // Runs after now are the schedule's to start, not a backfill's: such a range has nothing to replay.
  if (range.from > now)
    throw new UsageError(
      `--from ${formatInstant(range.from)} is after now (${formatInstant(now)}): a backfill replays runs that were due already`,
    );
  const output = stringOption(parsed, 'output');
  const source = await loadScheduledJobs(parsed, deps, 'backfill', files);
  const object = findScheduledJob(source.objects, name, stringOption(parsed, 'namespace'));
  const title = `scheduledjob ${object.metadata.namespace ?? DEFAULT_NAMESPACE}/${name}`;
  const request = {
    from: range.from,
    to: range.to,
    ...(range.maxRuns === undefined ? {} : { maxRuns: range.maxRuns }),
  };
  const reading = readResourceSpec(object.spec);
  if (reading.spec === undefined) {
    await io.out(`${title}: cannot backfill: ${describeProblems(reading.problems)}\n`);
    return ExitCode.FINDINGS;
  }
  const compiled = compileRunSchedule(reading.spec);
  if (compiled.kind !== 'ok') {
    const why =
      compiled.kind === 'invalid' ? describeProblems(compiled.problems) : `${compiled.field}: ${compiled.error}`;
    await io.out(`${title}: cannot backfill: ${why}\n`);
    return ExitCode.FINDINGS;
  }
  const runs = backfillRunTimes(compiled.schedule.times, request, now);
  const existing = new Set(ownedJobs(object, source.jobs).map((j: ObservedJob) => j.name));
  const lines = [
    `${title}: backfill ${formatInstant(range.from)} to ${formatInstant(Math.min(range.to, now))} creates ${count(runs.times.filter((t) => !existing.has(scheduledJobName(name, t))).length, 'run')}${runs.truncated ? ` (stopped at --max-runs ${range.maxRuns ?? DEFAULT_BACKFILL_MAX_RUNS})` : ''}`,
  ];
  const jobs: RunJob[] = [];
  const times: number[] = [];
  let refused = 0;
  const check = { kubernetesVersion: kubernetesVersionOption(parsed) };
  for (const time of runs.times) {
    const jobName = scheduledJobName(name, time);
    if (existing.has(jobName)) {
      lines.push(`  ${jobName}  ${formatInstant(time)}  skipped: its Job exists`);
      continue;
    }
    const job = buildRunJob(
      object as unknown as ScheduledJobResource,
      { kind: RunKind.BACKFILL, scheduledTime: time, jobName },
      object.metadata.uid,
    );
    const errors = runJobErrors(job, now, check);
    if (errors.length > 0) {
      refused++;
      lines.push(`  ${jobName}  ${formatInstant(time)}  REFUSED: ${describeRefusal(jobName, errors)}`);
      continue;
    }
    jobs.push(job);
    times.push(time);
    if (output === undefined) lines.push(`  ${jobName}  ${formatInstant(time)}`);
  }
  if (output !== undefined) {
    const paths = writeJobFiles(output, jobs);
    jobs.forEach((job, i) => lines.push(`  ${job.metadata.name}  ${formatInstant(times[i])}  -> ${paths[i]}`));
  }
  await io.out(`${lines.join('\n')}\n`);
  return refused > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}

function rangeOptions(parsed: ParsedOptions): Range {
  const instant = (option: string): number => {
    const text = stringOption(parsed, option);
    if (text === undefined)
      throw new UsageError(`--${option} is required (an ISO 8601 instant such as 2026-03-01T00:00:00Z)`);
    const ms = parseInstant(text);
    if (ms === undefined)
      throw new UsageError(`--${option} must be an ISO 8601 instant such as 2026-03-01T00:00:00Z, not "${text}"`);
    return ms;
  };
  const from = instant('from');
  const to = instant('to');
  if (to < from) throw new UsageError('--to must not be before --from');
  const maxRuns =
    stringOption(parsed, 'max-runs') === undefined
      ? undefined
      : integerOption(parsed, 'max-runs', DEFAULT_BACKFILL_MAX_RUNS, 1, MAX_BACKFILL_RUNS);
  return { from, to, maxRuns };
}
