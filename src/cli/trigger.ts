/**
 * `cdk8s-batch trigger [scheduledjob/]NAME`: run a ScheduledJob now, like `kubectl create job --from=cronjob/NAME`
 * (`trigger cronjob/NAME` runs a CronJob now: trigger-cronjob.ts).
 * It sets `spec.runNowAt` to the current time on the resource; the reconciler then creates one
 * run-now Job (`<name>-r<seconds in base 36>`), whatever the schedule, suspend, exclusions or the
 * overlap policy say. With `--dry-run --output DIR`, nothing is changed: the Job that request would
 * create is written instead (from FILES, or from the cluster with --kubeconfig).
 */
import { dryRunSync, ownedJobs } from '../reconciler/sync/dry-run';
import { describeRefusal } from '../reconciler/sync/run-job-check';
import { formatInstant } from '../schedule/instants';
import { runNowJobName } from '../reconciler/plan/job-names';
import { RunKind } from '../reconciler/plan/types';
import { CliIo, ExitCode, UsageError } from './io';
import { runCronJobTrigger } from './trigger-cronjob';
import { parseOptions, stringOption } from './options';
import {
  CLUSTER_COMMAND_OPTIONS,
  FILE_DEPENDENCIES,
  ClusterCommandDependencies,
  connectCluster,
  DEFAULT_NAMESPACE,
  findScheduledJob,
  kubernetesVersionOption,
  loadScheduledJobs,
  nowOption,
  requiredOutput,
  refuseDryRunOptions,
  writeJobFiles,
} from './cluster-command';

export const TRIGGER_USAGE = `cdk8s-batch trigger [cronjob/|scheduledjob/]NAME [--namespace NS] [--kubeconfig PATH]
cdk8s-batch trigger [cronjob/|scheduledjob/]NAME --dry-run --output DIR [FILES...] [--namespace NS] [--kubeconfig PATH] [--now ISO8601]
  starts one run now: of ScheduledJob NAME (sets spec.runNowAt; a bare NAME is a ScheduledJob), or of
  CronJob NAME (creates the Job \`kubectl create job --from=cronjob/NAME\` creates); --dry-run writes that Job instead`;

/** `cronjob/NAME`, `scheduledjob/NAME` or a bare NAME (a ScheduledJob, or a hint when only a CronJob has that name). */
export function parseTriggerTarget(text: string): {
  readonly kind: 'cronjob' | 'scheduledjob' | 'bare';
  readonly name: string;
} {
  const match = /^(cronjob|cronjobs|cj|scheduledjob|scheduledjobs|sj)\/(.+)$/i.exec(text);
  if (match === null) {
    if (text.includes('/')) throw new UsageError(`"${text}" is not NAME, cronjob/NAME or scheduledjob/NAME`);
    return { kind: 'bare', name: text };
  }
  return { kind: /^c/i.test(match[1]) ? 'cronjob' : 'scheduledjob', name: match[2] };
}

export async function runTrigger(
  args: readonly string[],
  io: CliIo,
  deps: ClusterCommandDependencies = FILE_DEPENDENCIES,
): Promise<number> {
  const parsed = parseOptions(args, CLUSTER_COMMAND_OPTIONS);
  const [target, ...files] = parsed.positionals;
  if (target === undefined) throw new UsageError('missing NAME, e.g. cdk8s-batch trigger nightly-report');
  const { kind, name } = parseTriggerTarget(target);
  // Run-now names count whole seconds: a request is an instant on that grid.
  const now = Math.floor(nowOption(parsed, deps) / 1000) * 1000;
  if (kind === 'cronjob') return runCronJobTrigger(name, files, parsed, now, io, deps);
  const namespace = stringOption(parsed, 'namespace');

  if (parsed.values['dry-run'] === true) {
    const output = requiredOutput(parsed);
    const source = await loadScheduledJobs(parsed, deps, 'trigger', files);
    if (kind === 'bare' && !source.objects.some((o) => o.metadata.name === name))
      refuseCronJobName(name, source.cronJobs?.some((o) => o.metadata.name === name) ?? false);
    const object = findScheduledJob(source.objects, name, namespace);
    const requested = { ...object, spec: { ...(object.spec ?? {}), runNowAt: formatInstant(now) } };
    const result = dryRunSync(requested, ownedJobs(object, source.jobs), now, {
      kubernetesVersion: kubernetesVersionOption(parsed),
    });
    const run = result.created.find((c) => c.run.kind === RunKind.RUN_NOW);
    if (run === undefined) {
      const why =
        result.refusal !== undefined
          ? describeRefusal(result.refusal.jobName, result.refusal.errors)
          : result.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
      await io.out(
        `${title(object.metadata.namespace, name)}: no run-now Job: ${why || 'the request was not taken'}\n`,
      );
      return ExitCode.FINDINGS;
    }
    const [file] = writeJobFiles(output, [run.job]);
    await io.out(
      `${title(object.metadata.namespace, name)}: run-now request for ${formatInstant(now)} creates Job ${run.job.metadata.name} -> ${file}\n`,
    );
    return ExitCode.OK;
  }

  refuseDryRunOptions(parsed, files);
  const cluster = await connectCluster(deps, stringOption(parsed, 'kubeconfig'), 'trigger');
  const ns = namespace ?? cluster.namespace ?? DEFAULT_NAMESPACE;
  try {
    await cluster.updateSpec(ns, name, (spec) => ({ ...spec, runNowAt: formatInstant(now) }));
  } catch (error) {
    if (kind === 'bare' && error instanceof UsageError)
      refuseCronJobName(name, (await cluster.findCronJob(ns, name).catch(() => undefined)) !== undefined);
    throw error;
  }
  await io.out(
    `${title(ns, name)}: run requested for ${formatInstant(now)}; the reconciler creates Job ${runNowJobName(name, now)}\n`,
  );
  return ExitCode.OK;
}

/** A bare NAME that only a CronJob has: say so, instead of "not found". */
function refuseCronJobName(name: string, isCronJob: boolean): void {
  if (isCronJob)
    throw new UsageError(
      `no ScheduledJob ${name} found, but a CronJob ${name} is: run it now with cdk8s-batch trigger cronjob/${name}`,
    );
}

function title(namespace: string | undefined, name: string): string {
  return `scheduledjob ${namespace ?? DEFAULT_NAMESPACE}/${name}`;
}
