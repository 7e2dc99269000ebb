/**
 * `cdk8s-batch trigger NAME`: run a ScheduledJob now, like `kubectl create job --from=cronjob/NAME`.
 * It sets `spec.runNowAt` to the current time on the resource; the reconciler then creates one
 * run-now Job (`<name>-r<seconds in base 36>`), whatever the schedule, suspend, exclusions or the
 * overlap policy say. With `--dry-run --output DIR`, nothing is changed: the Job that request would
 * create is written instead (from FILES, or from the cluster with --kubeconfig).
 */
import { dryRunSync, ownedJobs } from '../reconciler/sync/dry-run';
import { describeRefusal } from '../reconciler/sync/run-job-check';
import { formatInstant } from '../reconciler/plan/instants';
import { runNowJobName } from '../reconciler/plan/job-names';
import { RunKind } from '../reconciler/plan/types';
import { CliIo, ExitCode, UsageError } from './io';
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

export const TRIGGER_USAGE = `cdk8s-batch trigger NAME [--namespace NS] [--kubeconfig PATH]
cdk8s-batch trigger NAME --dry-run --output DIR [FILES...] [--namespace NS] [--kubeconfig PATH] [--now ISO8601]
  starts one run of ScheduledJob NAME now (sets spec.runNowAt); --dry-run writes that run's Job instead`;

export async function runTrigger(
  args: readonly string[],
  io: CliIo,
  deps: ClusterCommandDependencies = FILE_DEPENDENCIES,
): Promise<number> {
  const parsed = parseOptions(args, CLUSTER_COMMAND_OPTIONS);
  const [name, ...files] = parsed.positionals;
  if (name === undefined) throw new UsageError('missing NAME, e.g. cdk8s-batch trigger nightly-report');
  // Run-now names count whole seconds: a request is an instant on that grid.
  const now = Math.floor(nowOption(parsed, deps) / 1000) * 1000;
  const namespace = stringOption(parsed, 'namespace');

  if (parsed.values['dry-run'] === true) {
    const output = requiredOutput(parsed);
    const source = await loadScheduledJobs(parsed, deps, 'trigger', files);
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
  await cluster.updateSpec(ns, name, (spec) => ({ ...spec, runNowAt: formatInstant(now) }));
  await io.out(
    `${title(ns, name)}: run requested for ${formatInstant(now)}; the reconciler creates Job ${runNowJobName(name, now)}\n`,
  );
  return ExitCode.OK;
}

function title(namespace: string | undefined, name: string): string {
  return `scheduledjob ${namespace ?? DEFAULT_NAMESPACE}/${name}`;
}
