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
  /**
   * The template as written has a pod spec (an object; defaulting fills in an absent one): without
   * one there is no pod to judge, only the API-server error that it has no containers.
   */
  readonly hasSpec: boolean;
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
    const hasSpec = objectOf(fieldOf(fieldOf(input.writtenJobSpec, 'template'), 'spec')) !== undefined;
    template = readPodTemplate(input.jobSpec, input.templatePath, hasSpec);
    cache.set(input, template);
  }
  return template;
}

/**
 * One container of the shared reading. Its paths and label are strings most rules never need
 * (they name a container only in a finding), so each is built on first use and then kept.
 */
class ContainerView implements PodContainer {
  readonly securityContext: Readonly<Record<string, unknown>> | undefined;
  private pathText?: string;
  private securityContextPathText?: string;
  private labelText?: string;

  constructor(
    readonly list: ContainerList,
    private readonly specPath: string,
    private readonly position: number,
    readonly value: Readonly<Record<string, unknown>>,
  ) {
    this.securityContext = objectOf(value.securityContext);
  }

  get path(): string {
    return (this.pathText ??= index(child(this.specPath, this.list), this.position));
  }

  get securityContextPath(): string {
    return (this.securityContextPathText ??= child(this.path, 'securityContext'));
  }

  get label(): string {
    if (this.labelText === undefined) {
      const name = stringOf(this.value.name);
      this.labelText = name
        ? `${LIST_NOUNS[this.list]} ${JSON.stringify(name)}`
        : `the ${LIST_NOUNS[this.list]} at ${this.list}[${this.position}]`;
    }
    return this.labelText;
  }
}

/** One volume of the shared reading, its path and label built on first use (see ContainerView). */
class VolumeView implements PodVolume {
  private pathText?: string;
  private labelText?: string;

  constructor(
    private readonly specPath: string,
    private readonly position: number,
    readonly value: Readonly<Record<string, unknown>>,
  ) {}

  get path(): string {
    return (this.pathText ??= index(child(this.specPath, 'volumes'), this.position));
  }

  get label(): string {
    if (this.labelText === undefined) {
      const name = stringOf(this.value.name);
      this.labelText = name ? `volume ${JSON.stringify(name)}` : `the volume at volumes[${this.position}]`;
    }
    return this.labelText;
  }
}

const CONTAINER_LISTS = [ContainerList.CONTAINERS, ContainerList.INIT_CONTAINERS, ContainerList.EPHEMERAL_CONTAINERS];

function readPodTemplate(jobSpec: unknown, templatePath: string, hasSpec: boolean): PodTemplate {
  const template = fieldOf(jobSpec, 'template');
  const specPath = child(templatePath, 'spec');
  const spec = objectOf(fieldOf(template, 'spec')) ?? EMPTY;
  const containers: PodContainer[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = arrayOf(spec[list]);
    if (items === undefined) continue;
    for (let i = 0; i < items.length; i++) {
      const value = objectOf(items[i]);
      if (value !== undefined) containers.push(new ContainerView(list, specPath, i, value));
    }
  }
  const volumes: PodVolume[] = [];
  const volumeItems = arrayOf(spec.volumes) ?? [];
  for (let i = 0; i < volumeItems.length; i++) {
    const value = objectOf(volumeItems[i]);
    if (value !== undefined) volumes.push(new VolumeView(specPath, i, value));
  }
  return {
    metadataPath: child(templatePath, 'metadata'),
    annotations: objectOf(fieldOf(fieldOf(template, 'metadata'), 'annotations')),
    specPath,
    spec,
    hasSpec,
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

/** A pod affinity or anti-affinity term, required or preferred, with its path. */
export interface PodAffinityTermAt {
  readonly term: Readonly<Record<string, unknown>>;
  /** e.g. `spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm`. */
  readonly path: string;
}

/** Every pod affinity and anti-affinity term of a pod spec (those that are objects), in order. */
export function podAffinityTerms(spec: Readonly<Record<string, unknown>>, specPath: string): PodAffinityTermAt[] {
  const affinity = objectOf(spec.affinity);
  if (!affinity) return [];
  const terms: PodAffinityTermAt[] = [];
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const kindSpec = objectOf(affinity[kind]);
    if (!kindSpec) continue;
    const path = child(child(specPath, 'affinity'), kind);
    const required = 'requiredDuringSchedulingIgnoredDuringExecution';
    const preferred = 'preferredDuringSchedulingIgnoredDuringExecution';
    (arrayOf(kindSpec[required]) ?? []).forEach((item, i) => {
      const term = objectOf(item);
      if (term) terms.push({ term, path: index(child(path, required), i) });
    });
    (arrayOf(kindSpec[preferred]) ?? []).forEach((item, i) => {
      const term = objectOf(fieldOf(item, 'podAffinityTerm'));
      if (term) terms.push({ term, path: child(index(child(path, preferred), i), 'podAffinityTerm') });
    });
  }
  return terms;
}
