/**
 * `cdk8s-batch reconcile --dry-run --output DIR [FILES...]`: plans every ScheduledJob (from
 * manifest files, or from the cluster with --kubeconfig where the reconciler runtime provides one)
 * at one instant and writes the Jobs the reconciler would create as YAML, one file per Job, for
 * review instead of applying them. Running the reconciler itself is the runtime's
 * (`cdk8s-batch-reconciler reconcile`).
 */
import { dryRunSync, DryRunResult, ownedJobs } from '../reconciler/sync/dry-run';
import { describeRefusal } from '../reconciler/sync/run-job-check';
import { formatInstant as formatPlanInstant } from '../schedule/instants';
import { RUN_KIND_DESCRIPTIONS } from '../reconciler/plan/plan';
import { SkipReason } from '../reconciler/plan/types';
import { describeProblems } from '../reconciler/resource/field-reader';
import { ScheduledJobObject } from '../reconciler/resource/objects';
import {
  CLUSTER_COMMAND_OPTIONS,
  ClusterCommandDependencies,
  count,
  DEFAULT_NAMESPACE,
  FILE_DEPENDENCIES,
  kubernetesVersionOption,
  loadScheduledJobs,
  nowOption,
  requiredOutput,
  writeJobFiles,
} from './cluster-command';
import { CliIo, ExitCode, UsageError } from './io';
import { parseOptions } from './options';

export const RECONCILE_DRY_RUN_USAGE = `cdk8s-batch reconcile --dry-run --output DIR [FILES...] [--now ISO8601] [--kubeconfig PATH] [--namespace NS]
  writes the Jobs the schedule reconciler would create now, one YAML file per Job, from ScheduledJobs in FILES
  (or in the cluster, with the reconciler runtime)`;

export async function runReconcileDryRun(
  args: readonly string[],
  io: CliIo,
  deps: ClusterCommandDependencies = FILE_DEPENDENCIES,
): Promise<number> {
  if (!args.includes('--dry-run'))
    throw new UsageError(
      'running the reconciler needs the reconciler runtime: `cdk8s-batch-reconciler reconcile` (package cdk8s-batch-reconciler, or its image); here only --dry-run --output DIR FILES... is available',
    );
  const parsed = parseOptions(args, CLUSTER_COMMAND_OPTIONS);
  const kubernetesVersion = kubernetesVersionOption(parsed);
  const output = requiredOutput(parsed);
  const now = nowOption(parsed, deps);
  const source = await loadScheduledJobs(parsed, deps, 'reconcile');
  const lines: string[] = [];
  let written = 0;
  let findings = 0;
  for (const object of source.objects) {
    const result = dryRunSync(object, ownedJobs(object, source.jobs), now, { kubernetesVersion });
    const files = writeJobFiles(
      output,
      result.created.map((c) => c.job),
    );
    written += files.length;
    if (hasProblem(result)) findings++;
    lines.push(...describeDryRun(object, result, files));
  }
  // CronJobs are the CronJob controller's: the reconciler never creates their Jobs, so say why none were written.
  const cronJobs = source.cronJobs ?? [];
  for (const cronJob of cronJobs) {
    const { namespace = DEFAULT_NAMESPACE, name } = cronJob.metadata;
    lines.push(
      `${namespace}/${name}: skipped: a CronJob, which Kubernetes' CronJob controller runs, not the reconciler (run it now: cdk8s-batch trigger cronjob/${name})`,
    );
  }
  lines.push(
    `planned ${count(source.objects.length, 'ScheduledJob')} at ${formatPlanInstant(now)}: wrote ${count(written, 'Job')} to ${output}${findings > 0 ? `; ${findings} with problems` : ''}${cronJobs.length > 0 ? `; skipped ${count(cronJobs.length, 'CronJob')}` : ''}`,
  );
  await io.out(`${lines.join('\n')}\n`);
  return findings > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}

/**
 * Why the controller never runs an object until its spec is fixed: a schedule or time zone it
 * cannot use, or a malformed extension field. It says so at every sync (a Warning event), just as
 * it refuses a spec that cannot be read, so these are problems of the input too, not "nothing due".
 */
const SPEC_SKIPS: ReadonlySet<SkipReason | undefined> = new Set([
  SkipReason.UNPARSEABLE_SCHEDULE,
  SkipReason.INVALID_SCHEDULE,
  SkipReason.INVALID_TIME_ZONE,
  SkipReason.INVALID_SPEC,
]);

/** Whether a dry run found something wrong with the object (exit 1): a refused Job, a spec it could not read or use. */
function hasProblem(result: DryRunResult): boolean {
  return result.refusal !== undefined || !result.planned || SPEC_SKIPS.has(result.skipReason);
}

function describeDryRun(object: ScheduledJobObject, result: DryRunResult, files: readonly string[]): string[] {
  const title = `${object.metadata.namespace ?? DEFAULT_NAMESPACE}/${object.metadata.name}`;
  const lines: string[] = [];
  if (result.created.length > 0) {
    lines.push(`${title}: ${count(result.created.length, 'Job')}`);
    result.created.forEach(({ job, run }, i) =>
      lines.push(
        `  ${job.metadata.name}  ${RUN_KIND_DESCRIPTIONS[run.kind]} for ${formatPlanInstant(run.scheduledTime)}  -> ${files[i]}`,
      ),
    );
  }
  if (result.refusal !== undefined) {
    lines.push(`${title}: REFUSED ${describeRefusal(result.refusal.jobName, result.refusal.errors)}`);
  } else if (!result.planned) {
    lines.push(`${title}: not planned: ${describeProblems(result.problems)}`);
  } else if (SPEC_SKIPS.has(result.skipReason)) {
    lines.push(`${title}: cannot run (${result.skipReason}: ${result.skipDetail})`);
  } else if (result.created.length === 0) {
    const next =
      result.nextScheduleTime === undefined ? '' : `; next run ${formatPlanInstant(result.nextScheduleTime)}`;
    lines.push(
      `${title}: nothing to create (${result.skipReason}${result.skipDetail ? `: ${result.skipDetail}` : ''}${next})`,
    );
  }
  return lines;
}
