/**
 * `cdk8s-batch trigger cronjob/NAME`: run a CronJob now, as `kubectl create job --from=cronjob/NAME`
 * does (manual-job.ts), with the Job checked by the rules first. Against a cluster (the runtime)
 * the Job is created with an owner reference to the CronJob; with `--dry-run --output DIR FILES...`
 * it is written from the manifest files instead.
 */
import { hasErrors, ManualJobPlan, planManualJob } from '../reconciler/resource/manual-job';
import { CronJobObject, KubeObject } from '../reconciler/resource/objects';
import { describeFindings } from './launch-output';
import { CliIo, ExitCode, UsageError } from './io';
import { ParsedOptions, stringOption } from './options';
import {
  ClusterCommandDependencies,
  connectCluster,
  CRON_JOB,
  DEFAULT_NAMESPACE,
  kubernetesVersionOption,
  ofKind,
  readManifestObjects,
  refuseDryRunOptions,
  requiredOutput,
  SCHEDULED_JOB,
  writeJobFiles,
} from './cluster-command';

export async function runCronJobTrigger(
  name: string,
  files: readonly string[],
  parsed: ParsedOptions,
  now: number,
  io: CliIo,
  deps: ClusterCommandDependencies,
): Promise<number> {
  const namespace = stringOption(parsed, 'namespace');
  const kubernetesVersion = kubernetesVersionOption(parsed);
  if (parsed.values['dry-run'] === true) {
    const output = requiredOutput(parsed);
    if (files.length === 0) throw new UsageError('--dry-run needs the manifest FILES that hold the CronJob');
    const read = readManifestObjects(files, [CRON_JOB, SCHEDULED_JOB]).filter(
      (o) => namespace === undefined || (o.metadata.namespace ?? DEFAULT_NAMESPACE) === namespace,
    );
    const cronJob = findCronJob(read, name, namespace);
    const plan = planManualJob(cronJob, now, kubernetesVersion);
    return reportPlan(plan, cronJob.metadata.namespace, name, io, (job) => `-> ${writeJobFiles(output, [job])[0]}`);
  }
  refuseDryRunOptions(parsed, files);
  const cluster = await connectCluster(deps, stringOption(parsed, 'kubeconfig'), 'trigger');
  const ns = namespace ?? cluster.namespace ?? DEFAULT_NAMESPACE;
  const plan = await cluster.runCronJobNow(ns, name, now, kubernetesVersion);
  if (plan === undefined) throw new UsageError(`no CronJob ${ns}/${name} found`);
  return reportPlan(plan, ns, name, io, () => 'created');
}

async function reportPlan(
  plan: ManualJobPlan,
  namespace: string | undefined,
  name: string,
  io: CliIo,
  done: (job: ManualJobPlan['job']) => string,
): Promise<number> {
  const title = `cronjob ${namespace ?? DEFAULT_NAMESPACE}/${name}`;
  if (hasErrors(plan.findings)) {
    await io.out(
      `${title}: the run-now Job ${plan.job.metadata.name} breaks the rules; nothing created\n${describeFindings(plan.findings)}`,
    );
    return ExitCode.FINDINGS;
  }
  await io.out(`${title}: run-now Job ${plan.job.metadata.name} ${done(plan.job)}\n${describeFindings(plan.findings)}`);
  return ExitCode.OK;
}

/** The one CronJob called `name`; when there is none, says whether a ScheduledJob is (a bare NAME means that). */
function findCronJob(objects: readonly KubeObject[], name: string, namespace: string | undefined): CronJobObject {
  const matches = ofKind<CronJobObject>(objects, CRON_JOB).filter((o) => o.metadata.name === name);
  const where = namespace === undefined ? '' : `${namespace}/`;
  if (matches.length === 0) {
    const scheduled = ofKind(objects, SCHEDULED_JOB).some((o) => o.metadata.name === name);
    throw new UsageError(
      `no CronJob ${where}${name} found${scheduled ? `; a ScheduledJob ${name} is: cdk8s-batch trigger scheduledjob/${name}` : ''}`,
    );
  }
  if (matches.length > 1)
    throw new UsageError(`${matches.length} CronJobs are called ${name}; pick one with --namespace`);
  return matches[0];
}
