/**
 * `cdk8s-batch launch TEMPLATE --param KEY=VALUE... [--idempotency-key KEY] [--namespace NS]`:
 * creates the Job of a JobTemplate, its parameters checked and the Job judged by the rules first
 * (template/render-job.ts). Against a cluster it is the runtime's `launchJob`; with `--dry-run
 * --output DIR FILES...` the Job is written from the manifest files (what `cdk8s synth` wrote).
 *
 * Exit 0: created, or found for a key already used with the same parameters; 2: bad usage or a
 * parameter refused (each named), a key reused with other parameters, no such template; 1: the
 * rendered Job breaks a rule.
 */
import {
  JobTemplateObject,
  JOB_TEMPLATE_API_VERSION,
  JOB_TEMPLATE_KIND,
  TEMPLATE_NAME_LABEL,
} from '../reconciler/template/job-template-object';
import { LaunchResult, planLaunch } from '../reconciler/template/render-job';
import {
  CLUSTER_COMMAND_OPTIONS,
  ClusterCommandDependencies,
  connectCluster,
  DEFAULT_NAMESPACE,
  FILE_DEPENDENCIES,
  kubernetesVersionOption,
  ManifestKind,
  ofKind,
  readManifestObjects,
  refuseDryRunOptions,
  requiredOutput,
  writeJobFiles,
} from './cluster-command';
import { CliIo, ExitCode, UsageError } from './io';
import { describeFindings, describeParameterProblems } from './launch-output';
import { OptionSpec, parseOptions, ParsedOptions, stringOption } from './options';

export const LAUNCH_USAGE = `cdk8s-batch launch TEMPLATE --param KEY=VALUE... [--idempotency-key KEY] [--namespace NS] [--kubeconfig PATH]
cdk8s-batch launch TEMPLATE --param KEY=VALUE... [--idempotency-key KEY] --dry-run --output DIR FILES... [--namespace NS]
  creates the Job of JobTemplate TEMPLATE with these parameters (one Job per idempotency key);
  --dry-run writes that Job from the manifest FILES instead`;

const LAUNCH_OPTIONS = {
  ...CLUSTER_COMMAND_OPTIONS,
  param: { type: 'string', multiple: true },
  'idempotency-key': { type: 'string' },
} as const satisfies OptionSpec;

const JOB_TEMPLATE: ManifestKind = { apiVersion: JOB_TEMPLATE_API_VERSION, kind: JOB_TEMPLATE_KIND };

export async function runLaunch(
  args: readonly string[],
  io: CliIo,
  deps: ClusterCommandDependencies = FILE_DEPENDENCIES,
): Promise<number> {
  const parsed = parseOptions(args, LAUNCH_OPTIONS);
  const [templateName, ...files] = parsed.positionals;
  if (templateName === undefined)
    throw new UsageError('missing TEMPLATE, e.g. cdk8s-batch launch invoice-generator --param KEY=VALUE');
  const parameters = parseParameters(parsed);
  const idempotencyKey = stringOption(parsed, 'idempotency-key');
  const kubernetesVersion = kubernetesVersionOption(parsed);
  const namespace = stringOption(parsed, 'namespace');

  if (parsed.values['dry-run'] === true) {
    const output = requiredOutput(parsed);
    if (files.length === 0)
      throw new UsageError('--dry-run needs the manifest FILES that hold the JobTemplate (e.g. dist/)');
    const template = findTemplate(readManifestObjects(files, [JOB_TEMPLATE]), templateName, namespace);
    const plan = planLaunch({ template, parameters, idempotencyKey, kubernetesVersion });
    if (plan.outcome !== 'create') return report(plan, io, template);
    const [file] = writeJobFiles(output, [plan.job]);
    await io.out(
      `${title(template.metadata.namespace, templateName)}: Job ${jobName(plan.job)} -> ${file}\n${describeFindings(plan.warnings)}`,
    );
    return ExitCode.OK;
  }

  refuseDryRunOptions(parsed, files);
  const cluster = await connectCluster(deps, stringOption(parsed, 'kubeconfig'), 'launch');
  const ns = namespace ?? cluster.namespace ?? DEFAULT_NAMESPACE;
  return report(
    await cluster.launch({ namespace: ns, template: templateName, parameters, idempotencyKey, kubernetesVersion }),
    io,
  );
}

/**
 * `--param KEY=VALUE`, each KEY once. The map has no prototype, so every KEY is a parameter like
 * any other: `__proto__` is kept (and refused as unknown, like `toString`), not swallowed by the setter.
 */
export function parseParameters(parsed: ParsedOptions): { [name: string]: string } {
  const given = parsed.values.param;
  const parameters = Object.create(null) as { [name: string]: string };
  for (const text of Array.isArray(given) ? (given as string[]) : []) {
    const at = text.indexOf('=');
    if (at <= 0) throw new UsageError(`--param must be KEY=VALUE, not "${text}"`);
    const name = text.slice(0, at);
    if (Object.hasOwn(parameters, name)) throw new UsageError(`parameter ${name} is given twice`);
    parameters[name] = text.slice(at + 1);
  }
  return parameters;
}

/** Prints a launch's outcome; returns its exit code. `template` is known for dry runs (its parameters are listed on refusal). */
async function report(result: LaunchResult, io: CliIo, template?: JobTemplateObject): Promise<number> {
  switch (result.outcome) {
    case 'created':
      await io.out(
        `${title(result.job.metadata.namespace, templateOf(result.job))}: created Job ${jobName(result.job)}\n${describeFindings(result.warnings)}`,
      );
      return ExitCode.OK;
    case 'found':
      await io.out(
        `${title(result.job.metadata.namespace, templateOf(result.job))}: Job ${jobName(result.job)} already exists for this idempotency key; not created again${result.templateChanged ? ' (it was rendered from an earlier version of the template)' : ''}\n`,
      );
      return ExitCode.OK;
    case 'key-reused':
      await io.err(
        `cdk8s-batch launch: the idempotency key was already used for Job ${jobName(result.job)} with other parameters; nothing created\n`,
      );
      return ExitCode.USAGE;
    case 'template-not-found':
      await io.err(`cdk8s-batch launch: no JobTemplate ${result.namespace}/${result.template} found\n`);
      return ExitCode.USAGE;
    case 'refused':
      await io.err(describeParameterProblems(result.problems, template?.spec?.parameters));
      return ExitCode.USAGE;
    case 'rejected':
      await io.out(
        `${title(result.job.metadata.namespace, templateOf(result.job))}: the Job breaks the rules; nothing created\n${describeFindings(result.findings)}`,
      );
      return ExitCode.FINDINGS;
  }
}

function findTemplate(
  objects: readonly JobTemplateObject[],
  name: string,
  namespace: string | undefined,
): JobTemplateObject {
  const matches = ofKind<JobTemplateObject>(objects, JOB_TEMPLATE).filter(
    (o) =>
      o.metadata.name === name &&
      (namespace === undefined || (o.metadata.namespace ?? DEFAULT_NAMESPACE) === namespace),
  );
  if (matches.length === 0)
    throw new UsageError(`no JobTemplate ${namespace === undefined ? '' : `${namespace}/`}${name} found in the FILES`);
  if (matches.length > 1)
    throw new UsageError(`${matches.length} JobTemplates are called ${name}; pick one with --namespace`);
  return matches[0];
}

function templateOf(job: { metadata: { labels?: { readonly [key: string]: string } } }): string {
  return job.metadata.labels?.[TEMPLATE_NAME_LABEL] ?? '';
}

function jobName(job: { metadata: { name?: string; generateName?: string } }): string {
  return job.metadata.name ?? `${job.metadata.generateName ?? ''}<generated>`;
}

function title(namespace: string | undefined, template: string): string {
  return `jobtemplate ${namespace ?? DEFAULT_NAMESPACE}/${template}`;
}
