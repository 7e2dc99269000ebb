/**
 * What an Indexed Job's pods get on top of the pod the base construct renders: the total count
 * of indexes, and the work assignment (a mounted list file or range bounds). Applied to the
 * rendered pod template (API JSON), so containers added after the construct was created get it too.
 *
 * `JOB_COMPLETION_INDEX` itself is set by the Job controller in every container of an Indexed Job,
 * appended after the container's own variables. It is declared here only when another variable
 * refers to it with `$(JOB_COMPLETION_INDEX)`: Kubernetes expands such a reference only from
 * variables listed earlier, so the list strategy declares it first, from the same downward API
 * annotation the controller uses (the controller then leaves it alone).
 */
import { Violation } from '../../rules/rule';
import { ContainerJson, EnvVarJson, PodTemplateJson } from '../manifest-json';
import { WorkList, WorkRange } from './work-items';

export const COMPLETION_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
const WORK_ITEMS_VOLUME = 'work-items';

/** What to add to each pod. */
export interface IndexEnvironment {
  readonly completions: number;
  readonly totalVariable: string;
  readonly list?: WorkList;
  /** The ConfigMap holding the list. */
  readonly listConfigMap?: string;
  readonly range?: WorkRange;
}

type EnvVar = EnvVarJson;

/**
 * The `/bin/sh -c` script that starts a container's command with its slice bounds exported. The
 * original command and arguments follow as "$@", so nothing of theirs is ever parsed by the shell.
 * Every name and number in it is validated first (work-items.ts).
 */
export function rangeWrapperScript(range: WorkRange, completions: number): string {
  const index = `\${${COMPLETION_INDEX_VARIABLE}:?is not set: this wrapper runs only in an Indexed Job}`;
  return [
    `i=${index}`,
    `export ${range.startVariable}=$(( i * ${range.count} / ${completions} )) ${range.endVariable}=$(( (i + 1) * ${range.count} / ${completions} ))`,
    'exec "$@"',
  ].join('\n');
}

/** The variables every container gets, in order, before its own. */
function addedVariables(env: IndexEnvironment): EnvVar[] {
  const vars: EnvVar[] = [];
  if (env.list) {
    vars.push({
      name: COMPLETION_INDEX_VARIABLE,
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } },
    });
  }
  vars.push({ name: env.totalVariable, value: String(env.completions) });
  if (env.list)
    vars.push({ name: env.list.fileVariable, value: `${env.list.mountPath}/index-$(${COMPLETION_INDEX_VARIABLE})` });
  if (env.range) vars.push({ name: env.range.countVariable, value: String(env.range.count) });
  return vars;
}

/** The pod template with the index environment applied, and the conflicts that prevented parts of it. */
export function withIndexEnvironment(
  template: PodTemplateJson,
  env: IndexEnvironment,
): { template: PodTemplateJson; problems: Violation[] } {
  const problems: Violation[] = [];
  const spec = template.spec ?? {};
  const volumes = spec.volumes ?? [];
  const taken = new Set(volumes.map((v) => v.name));
  let volumeName = WORK_ITEMS_VOLUME;
  for (let i = 1; taken.has(volumeName); i++) volumeName = `${WORK_ITEMS_VOLUME}-${i}`;
  const added = addedVariables(env);
  const ours = new Set([
    ...added.map((v) => v.name),
    ...(env.range ? [env.range.startVariable, env.range.endVariable] : []),
  ]);

  const apply =
    (list: string, wrap: boolean) =>
    (container: ContainerJson, i: number): ContainerJson => {
      const at = `spec.template.spec.${list}[${i}]`;
      const own = container.env ?? [];
      for (const v of own) {
        if (ours.has(v.name))
          problems.push({
            field: `${at}.env`,
            message: `container "${container.name}" sets ${v.name} itself, which the IndexedBatch sets for every container.`,
            fix: 'remove it from the container, or choose another name in the IndexedBatch props.',
          });
      }
      let result: ContainerJson = {
        ...container,
        env: [...added, ...own.filter((v) => !ours.has(v.name))],
        ...(env.list && {
          volumeMounts: [
            ...(container.volumeMounts ?? []),
            { name: volumeName, mountPath: env.list.mountPath, readOnly: true },
          ],
        }),
      };
      if (wrap && env.range) {
        if (!container.command || container.command.length === 0) {
          problems.push({
            field: `${at}.command`,
            message: `container "${container.name}" has no command, so WorkItems.range cannot start it through the wrapper that sets ${env.range.startVariable} and ${env.range.endVariable}.`,
            fix: "set the container's command (the image's entrypoint is not known at synth time), or use WorkItems.list.",
          });
        } else {
          const { args, ...withoutArgs } = result;
          result = {
            ...withoutArgs,
            command: [
              '/bin/sh',
              '-c',
              rangeWrapperScript(env.range, env.completions),
              'index-range',
              ...container.command,
              ...(args ?? []),
            ],
          };
        }
      }
      return result;
    };

  const newSpec = {
    ...spec,
    initContainers: spec.initContainers?.map(apply('initContainers', false)),
    containers: (spec.containers ?? []).map(apply('containers', true)),
    volumes:
      env.list && env.listConfigMap
        ? [...volumes, { name: volumeName, configMap: { name: env.listConfigMap } }]
        : spec.volumes,
  };
  return { template: { ...template, spec: newSpec }, problems };
}
