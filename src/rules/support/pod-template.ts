/**
 * The pod template of a Job or CronJob, read once per rule run: its spec, security context,
 * annotations, and every container (regular, init and ephemeral) with its API-server field path.
 * Rules that look at containers share one reading, so a document with many rules is walked once.
 * Nothing here throws: parts of the wrong JSON type read as absent.
 */
import { RuleInput } from '../rule';
import { arrayOf, fieldOf, objectOf, stringOf } from './access';
import { child, index } from './field-path';

/** Which list of the pod spec a container comes from. */
export enum ContainerList {
  CONTAINERS = 'containers',
  INIT_CONTAINERS = 'initContainers',
  EPHEMERAL_CONTAINERS = 'ephemeralContainers',
}

export interface PodContainer {
  readonly list: ContainerList;
  /** e.g. `spec.template.spec.initContainers[0]`. */
  readonly path: string;
  readonly value: Readonly<Record<string, unknown>>;
  /** The container's `securityContext` when it is an object. */
  readonly securityContext: Readonly<Record<string, unknown>> | undefined;
  /** `securityContext` under `path`. */
  readonly securityContextPath: string;
  /** How messages name it, e.g. `init container "setup"`, or `the container at containers[2]` when it has no name. */
  readonly label: string;
}

export interface PodVolume {
  /** e.g. `spec.template.spec.volumes[0]`. */
  readonly path: string;
  readonly value: Readonly<Record<string, unknown>>;
  /** How messages name it, e.g. `volume "data"`, or `the volume at volumes[1]` when it has no name. */
  readonly label: string;
}

export interface PodTemplate {
  /** `<templatePath>.metadata`. */
  readonly metadataPath: string;
  readonly annotations: Readonly<Record<string, unknown>> | undefined;
  /** `<templatePath>.spec`. */
  readonly specPath: string;
  /** The pod spec; `{}` when absent or not an object. */
  readonly spec: Readonly<Record<string, unknown>>;
  /** `<specPath>.securityContext`. */
  readonly securityContextPath: string;
  readonly securityContext: Readonly<Record<string, unknown>> | undefined;
  /** Containers, then init containers, then ephemeral containers, each in list order. */
  readonly containers: readonly PodContainer[];
  /** The volumes that are objects, in list order. */
  readonly volumes: readonly PodVolume[];
  /** `spec.os.name` is `windows`: Pod Security exempts such pods from the Linux-only restricted controls. */
  readonly isWindows: boolean;
}

const LIST_NOUNS: Record<ContainerList, string> = {
  [ContainerList.CONTAINERS]: 'container',
  [ContainerList.INIT_CONTAINERS]: 'init container',
  [ContainerList.EPHEMERAL_CONTAINERS]: 'ephemeral container',
};

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

// Keyed by the RuleInput the registry builds per object, so the cache lives exactly as long as one validation.
const cache = new WeakMap<RuleInput, PodTemplate>();

/** The pod template of `input`'s Job (or of its CronJob's job template). */
export function podTemplate(input: RuleInput): PodTemplate {
  let template = cache.get(input);
  if (template === undefined) {
    template = readPodTemplate(input.jobSpec, input.templatePath);
    cache.set(input, template);
  }
  return template;
}

function readPodTemplate(jobSpec: unknown, templatePath: string): PodTemplate {
  const template = fieldOf(jobSpec, 'template');
  const specPath = child(templatePath, 'spec');
  const spec = objectOf(fieldOf(template, 'spec')) ?? EMPTY;
  const containers: PodContainer[] = [];
  for (const list of [ContainerList.CONTAINERS, ContainerList.INIT_CONTAINERS, ContainerList.EPHEMERAL_CONTAINERS]) {
    const items = arrayOf(spec[list]) ?? [];
    items.forEach((item, i) => {
      const value = objectOf(item);
      if (value === undefined) return;
      const path = index(child(specPath, list), i);
      const name = stringOf(value.name);
      containers.push({
        list,
        path,
        value,
        securityContext: objectOf(value.securityContext),
        securityContextPath: child(path, 'securityContext'),
        label: name ? `${LIST_NOUNS[list]} ${JSON.stringify(name)}` : `the ${LIST_NOUNS[list]} at ${list}[${i}]`,
      });
    });
  }
  const volumes: PodVolume[] = [];
  (arrayOf(spec.volumes) ?? []).forEach((item, i) => {
    const value = objectOf(item);
    if (value === undefined) return;
    const name = stringOf(value.name);
    volumes.push({
      path: index(child(specPath, 'volumes'), i),
      value,
      label: name ? `volume ${JSON.stringify(name)}` : `the volume at volumes[${i}]`,
    });
  });
  return {
    metadataPath: child(templatePath, 'metadata'),
    annotations: objectOf(fieldOf(fieldOf(template, 'metadata'), 'annotations')),
    specPath,
    spec,
    securityContextPath: child(specPath, 'securityContext'),
    securityContext: objectOf(spec.securityContext),
    containers,
    volumes,
    isWindows: fieldOf(spec.os, 'name') === 'windows',
  };
}

/** A security context of the pod or of one container, with who it belongs to (for messages). */
export interface SecurityContextAt {
  /** `the pod` or a container's label. */
  readonly owner: string;
  /** e.g. `spec.template.spec.securityContext` or `spec.template.spec.containers[0].securityContext`. */
  readonly path: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** The pod's security context (when set), then every container's (when set). */
export function securityContexts(pod: PodTemplate): SecurityContextAt[] {
  const contexts: SecurityContextAt[] = [];
  if (pod.securityContext)
    contexts.push({ owner: 'the pod', path: pod.securityContextPath, value: pod.securityContext });
  for (const c of pod.containers) {
    if (c.securityContext) contexts.push({ owner: c.label, path: c.securityContextPath, value: c.securityContext });
  }
  return contexts;
}

/** Containers and init containers: the ones that run with resources (ephemeral containers may not set any). */
export function runningContainers(pod: PodTemplate): readonly PodContainer[] {
  return pod.containers.filter((c) => c.list !== ContainerList.EPHEMERAL_CONTAINERS);
}
