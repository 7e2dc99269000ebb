/**
 * Container resources as the API server decodes and validates them (ValidateContainerResourceRequirements):
 * every quantity must decode ("2GB" does not), none may be negative, resource names must be the
 * standard ones or domain-qualified extended resources (which must be whole numbers, and whose
 * request must equal their limit), huge pages must come in whole pages and with cpu or memory, and
 * no request may exceed its limit. Reported at `resources.requests[name]` / `resources.limits[name]`.
 * The overhead is validated as a container's limits; its findings name `spec.overhead[name]`, the
 * field as written, where the API server says `spec.overhead.limits[name]`.
 */
import { FEATURES, featureEnabled } from '../../kubernetes-version';
import { RuleInput, Violation } from '../../rule';
import { describeValue, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, key } from '../../support/field-path';
import { qualifiedNameProblems } from '../../support/names';
import { ContainerList, PodContainer, podTemplate, runningContainers } from '../../support/pod-template';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  isWholeQuantity,
  parseQuantity,
  Quantity,
  QUANTITY_FORMAT,
  quantityOf,
  scaledValue,
} from '../../support/quantity';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

type Section = 'requests' | 'limits';

/** One entry of a container's requests or limits. */
interface ResourceEntry {
  readonly section: Section;
  readonly name: string;
  readonly field: string;
  readonly raw: unknown;
  /** Undefined when the value cannot be decoded as a quantity. */
  readonly quantity: Quantity | undefined;
}

export interface ContainerResources {
  readonly container: PodContainer;
  readonly label: string;
  readonly requests: readonly ResourceEntry[];
  readonly limits: ReadonlyMap<string, ResourceEntry>;
}

const cache = new WeakMap<RuleInput, readonly ContainerResources[]>();

/** One entry as read; its path (for findings only) is built on first use. */
class Entry implements ResourceEntry {
  readonly quantity: Quantity | undefined;
  private fieldText?: string;

  constructor(
    private readonly container: PodContainer,
    readonly section: Section,
    readonly name: string,
    readonly raw: unknown,
  ) {
    this.quantity = quantityOf(raw);
  }

  get field(): string {
    return (this.fieldText ??= key(child(child(this.container.path, 'resources'), this.section), this.name));
  }
}

/** The present entries of one section of a container's resources, in the map's order. */
function sectionEntries(
  container: PodContainer,
  resources: Readonly<Record<string, unknown>> | undefined,
  section: Section,
): Entry[] {
  const map = objectOf(resources?.[section]);
  const entries: Entry[] = [];
  if (!map) return entries;
  for (const name of Object.keys(map)) {
    const raw = map[name];
    if (!isAbsent(raw)) entries.push(new Entry(container, section, name, raw));
  }
  return entries;
}

/** Every container's (and init container's) requests and limits, read once per object. */
function resourcesOf(input: RuleInput): readonly ContainerResources[] {
  let all = cache.get(input);
  if (all === undefined) {
    all = runningContainers(podTemplate(input)).map((container) => {
      const resources = objectOf(container.value.resources);
      const limits = new Map<string, ResourceEntry>();
      for (const entry of sectionEntries(container, resources, 'limits')) limits.set(entry.name, entry);
      return {
        container,
        get label() {
          return container.label;
        },
        requests: sectionEntries(container, resources, 'requests'),
        limits,
      };
    });
    cache.set(input, all);
  }
  return all;
}

const entryCache = new WeakMap<RuleInput, readonly ResourceEntry[]>();

/** Every entry, container by container (limits, then requests), listed once per object for the rules that read them all. */
function entriesOf(input: RuleInput): readonly ResourceEntry[] {
  let entries = entryCache.get(input);
  if (entries === undefined) {
    const all: ResourceEntry[] = [];
    for (const container of resourcesOf(input)) {
      for (const entry of container.limits.values()) all.push(entry);
      for (const entry of container.requests) all.push(entry);
    }
    entries = all;
    entryCache.set(input, entries);
  }
  return entries;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const HUGE_PAGES_PREFIX = 'hugepages-';

/** A resource Kubernetes itself defines: no domain, or a kubernetes.io domain. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function isStandardContainerResource(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith(HUGE_PAGES_PREFIX);
}

/** Requests may be below limits only for native resources other than huge pages. */
function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !name.startsWith(HUGE_PAGES_PREFIX);
}

/** Shared by the container, pod-level and overhead rules: a value the API server cannot decode. */
function undecodableMessage(raw: unknown): string {
  return `${describeValue(raw)} is not a quantity Kubernetes can read (${QUANTITY_FORMAT}); the API server cannot decode the object and rejects it.`;
}

const QUANTITY_FIX =
  'Write a number with one Kubernetes suffix: Ki, Mi, Gi (powers of 1024) or k, M, G (powers of 1000) for bytes, e.g. "2Gi" or "2G"; m for thousandths of a CPU, e.g. "500m".';

function negativeMessage(raw: unknown): string {
  return `${describeValue(raw)} is negative; a resource quantity "must be greater than or equal to 0".`;
}

const NEGATIVE_FIX = 'Use a positive quantity, or leave the entry out.';

/**
 * The page size a huge-page resource name gives (`hugepages-2Mi`: 2 MiB), in bytes, as
 * HugePageSizeFromResourceName and IsHugePageResourceValueDivisible read it: a quantity that is
 * positive and whole; undefined for any other suffix ("hugepages-foo", "hugepages-0").
 */
function hugePageSize(name: string): bigint | undefined {
  const size = parseQuantity(name.slice(HUGE_PAGES_PREFIX.length));
  if (size === undefined || size.sign <= 0 || (scaledValue(size, 3) ?? 1n) % 1000n !== 0n) return undefined;
  return scaledValue(size, 0);
}

/**
 * A huge-page quantity that is not a whole number of pages (validateResourceQuantityHugePageValue,
 * on every request and limit, at container and pod level and in the overhead): the API server
 * refuses it on create. The value is rounded up to whole bytes first, as the API server does.
 * Negative values are left to the sign checks, and quantities beyond int64 to nothing.
 */
function hugePageValueViolation(name: string, raw: unknown, quantity: Quantity, field: string): Violation | undefined {
  if (!name.startsWith(HUGE_PAGES_PREFIX) || quantity.sign < 0) return undefined;
  const refusal = `"is not positive integer multiple of ${name}"`;
  const page = hugePageSize(name);
  if (page === undefined) {
    return {
      field,
      message: `${name} does not name a page size (a positive whole quantity such as 2Mi or 1Gi), so no value of it is accepted (${refusal}).`,
      fix: 'Name the page size the nodes provide, e.g. hugepages-2Mi or hugepages-1Gi.',
    };
  }
  const bytes = scaledValue(quantity, 0);
  if (bytes === undefined || bytes % page === 0n) return undefined;
  const size = name.slice(HUGE_PAGES_PREFIX.length);
  const pages = bytes / page + 1n;
  const whole = /^(\d+)([a-zA-Z]*)$/.exec(size);
  const example = whole ? `"${BigInt(whole[1]) * pages}${whole[2]}"` : `${pages * page} bytes`;
  return {
    field,
    message: `${describeValue(raw)} of ${name} is not a whole number of ${size} pages; huge pages are allocated in whole pages, and the API server refuses the value (${refusal}).`,
    fix: `Use a whole multiple of ${size}, e.g. ${example}.`,
  };
}

export const containerResourceQuantityInvalid = apiServerRule({
  id: 'container-resource-quantity-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A resource request or limit that is not a Kubernetes quantity ("2GB", "1 Gi", "500MB"), which the API server cannot decode.',
  check(input) {
    const violations: Violation[] = [];
    for (const entry of entriesOf(input)) {
      // A value that is neither a string nor a number is field-wrong-type's to report.
      if (entry.quantity !== undefined || !(typeof entry.raw === 'string' || typeof entry.raw === 'number')) continue;
      violations.push({
        field: entry.field,
        message: undecodableMessage(entry.raw),
        fix: QUANTITY_FIX,
      });
    }
    return violations;
  },
});

export const containerResourceNameInvalid = apiServerRule({
  id: 'container-resource-name-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A resource name that is neither a standard container resource (cpu, memory, ephemeral-storage, hugepages-<size>) nor a domain-qualified extended resource.',
  check(input) {
    const violations: Violation[] = [];
    for (const { name, field } of entriesOf(input)) {
      const problems = qualifiedNameProblems(name);
      if (problems.length === 0 && isNative(name) && !isStandardContainerResource(name))
        problems.push('must be a standard resource for containers');
      if (problems.length === 0 && !isNative(name) && qualifiedNameProblems(`requests.${name}`).length > 0)
        problems.push(
          "does not follow the extended resource name standard ('requests.' + name must be a qualified name)",
        );
      for (const p of problems) {
        violations.push({
          field,
          message: `Resource name ${describeValue(name)} is not valid: ${p}.`,
          fix: 'Use cpu, memory, ephemeral-storage or hugepages-<size> (e.g. hugepages-2Mi), or an extended resource with its vendor domain, e.g. nvidia.com/gpu.',
        });
      }
    }
    return violations;
  },
});

export const containerResourceValueInvalid = apiServerRule({
  id: 'container-resource-value-invalid',
  kinds: BOTH_KINDS,
  summary: 'A negative resource quantity, or an extended resource (e.g. nvidia.com/gpu) that is not a whole number.',
  check(input) {
    const violations: Violation[] = [];
    for (const { name, field, raw, quantity } of entriesOf(input)) {
      if (quantity === undefined) continue;
      if (quantity.sign < 0) {
        violations.push({
          field,
          message: negativeMessage(raw),
          fix: NEGATIVE_FIX,
        });
      } else if (!isNative(name) && !isWholeQuantity(quantity)) {
        violations.push({
          field,
          message: `${describeValue(raw)} is not a whole number; the extended resource ${describeValue(name)} "must be an integer".`,
          fix: 'Request whole devices, e.g. "1".',
        });
      }
    }
    return violations;
  },
});

export const containerHugePagesInvalid = apiServerRule({
  id: 'container-huge-pages-invalid',
  kinds: BOTH_KINDS,
  summary:
    'Huge pages a container cannot be given: a request or limit that is not a whole number of pages of the size its name gives (3Mi of hugepages-2Mi), or huge pages without a cpu or memory request or limit.',
  check(input) {
    const violations: Violation[] = [];
    for (const { container, requests, limits } of resourcesOf(input)) {
      const entries = [...limits.values(), ...requests];
      for (const { name, raw, quantity, field } of entries) {
        const violation = quantity && hugePageValueViolation(name, raw, quantity, field);
        if (violation) violations.push(violation);
      }
      if (hugePagesAlone(entries)) {
        violations.push({
          field: child(container.path, 'resources'),
          message: `${container.label} sets huge pages without a cpu or memory request or limit ("HugePages require cpu or memory").`,
          fix: 'Add a memory (or cpu) request or limit next to the huge pages.',
        });
      }
    }
    return violations;
  },
});

function isCpuOrMemory(name: string): boolean {
  return name === 'cpu' || name === 'memory';
}

export const containerResourceRequestExceedsLimit = apiServerRule({
  id: 'container-resource-request-exceeds-limit',
  kinds: BOTH_KINDS,
  summary:
    'A request above its limit; for huge pages and extended resources, a request that differs from its limit or has none.',
  check(input) {
    const violations: Violation[] = [];
    for (const container of resourcesOf(input)) {
      const { requests, limits } = container;
      for (const request of requests) {
        if (request.quantity === undefined) continue;
        const limit = limits.get(request.name);
        if (limit === undefined) {
          if (isOvercommitAllowed(request.name)) continue;
          // Where the API server reports it, and where the fix goes: the limits.
          violations.push({
            field: child(child(container.container.path, 'resources'), 'limits'),
            message: `${container.label} requests ${request.name} without a limit: huge pages and extended resources cannot be overcommitted ("Limit must be set for non overcommitable resources").`,
            fix: `Set resources.limits[${request.name}] to the same quantity as the request.`,
          });
          continue;
        }
        if (limit.quantity === undefined) continue;
        const order = compareQuantities(request.quantity, limit.quantity);
        if (order !== 0 && !isOvercommitAllowed(request.name)) {
          violations.push({
            field: request.field,
            message: `${container.label} requests ${describeValue(request.raw)} of ${request.name} but limits it to ${describeValue(limit.raw)}; for a resource that cannot be overcommitted the request "must be equal to" the limit.`,
            fix: `Give resources.requests[${request.name}] and resources.limits[${request.name}] the same quantity.`,
          });
        } else if (order > 0) {
          violations.push({
            field: request.field,
            message: `${container.label} requests ${describeValue(request.raw)} of ${request.name}, more than its limit of ${describeValue(limit.raw)} ("must be less than or equal to ${request.name} limit").`,
            fix: `Lower the request to at most ${describeValue(limit.raw)}, or raise the limit.`,
          });
        }
      }
    }
    return violations;
  },
});

/** One entry of a pod-level resource list (`resources.requests`, `resources.limits`, `overhead`) as written. */
export interface ListEntry {
  readonly name: string;
  readonly raw: unknown;
  readonly quantity: Quantity | undefined;
  readonly field: string;
}

/** The present entries of a resource list at `path`, in the map's order (read only when the list is written). */
function listEntries(value: unknown, path: string): ListEntry[] {
  const map = objectOf(value);
  const entries: ListEntry[] = [];
  if (!map) return entries;
  for (const name of Object.keys(map)) {
    const raw = map[name];
    if (!isAbsent(raw)) entries.push({ name, raw, quantity: quantityOf(raw), field: key(path, name) });
  }
  return entries;
}

/** Names allowed in PodSpec.resources (IsSupportedPodLevelResource: cpu and memory; huge pages from 1.33). */
function isPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith(HUGE_PAGES_PREFIX);
}

export interface PodResources {
  readonly path: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly requests: readonly ListEntry[];
  readonly limits: readonly ListEntry[];
}

/** PodSpec.resources where the release validates it (PodLevelResources on); undefined when absent or gated off. */
export function podResourcesOf(input: RuleInput): PodResources | undefined {
  const pod = podTemplate(input);
  const value = objectOf(pod.spec.resources);
  if (value === undefined || !featureEnabled(FEATURES.podLevelResources, input.version)) return undefined;
  const path = child(pod.specPath, 'resources');
  return {
    path,
    value,
    requests: listEntries(value.requests, child(path, 'requests')),
    limits: listEntries(value.limits, child(path, 'limits')),
  };
}

/** The pod-level limits that decode and are not negative, by name. */
export function podLevelLimits(resources: PodResources): ReadonlyMap<string, ListEntry> {
  const limits = new Map<string, ListEntry>();
  for (const e of resources.limits) if (e.quantity !== undefined && e.quantity.sign >= 0) limits.set(e.name, e);
  return limits;
}

/** The pod-level requests of pod-level resources that decode and are not negative, by name. */
export function podLevelRequests(resources: PodResources): ReadonlyMap<string, ListEntry> {
  const requests = new Map<string, ListEntry>();
  for (const e of resources.requests)
    if (isPodLevelResource(e.name) && e.quantity !== undefined && e.quantity.sign >= 0) requests.set(e.name, e);
  return requests;
}

/** Each entry's own problems (decoding, name, sign), shared by pod-level resources and overhead. */
function entryViolations(
  entries: readonly ListEntry[],
  nameProblem: (name: string) => string | undefined,
  nameFix: string,
  violations: Violation[],
): void {
  for (const { name, raw, quantity, field } of entries) {
    const problems = qualifiedNameProblems(name);
    if (problems.length === 0) {
      const problem = nameProblem(name);
      if (problem !== undefined) problems.push(problem);
    }
    for (const p of problems) {
      violations.push({ field, message: `Resource name ${describeValue(name)} is not valid: ${p}.`, fix: nameFix });
    }
    if (quantity === undefined) {
      violations.push({ field, message: undecodableMessage(raw), fix: QUANTITY_FIX });
    } else if (quantity.sign < 0) {
      violations.push({ field, message: negativeMessage(raw), fix: NEGATIVE_FIX });
    } else if (!isNative(name) && !isWholeQuantity(quantity)) {
      violations.push({
        field,
        message: `${describeValue(raw)} is not a whole number; the extended resource ${describeValue(name)} "must be an integer".`,
        fix: 'Request whole devices, e.g. "1".',
      });
    } else {
      const violation = hugePageValueViolation(name, raw, quantity, field);
      if (violation) violations.push(violation);
    }
  }
}

/** Huge pages in `entries` with neither cpu nor memory among them ("HugePages require cpu or memory"). */
function hugePagesAlone(entries: readonly { readonly name: string }[]): boolean {
  return entries.some((e) => e.name.startsWith(HUGE_PAGES_PREFIX)) && !entries.some((e) => isCpuOrMemory(e.name));
}

export const podResourcesInvalid = apiServerRule({
  id: 'pod-resources-invalid',
  kinds: BOTH_KINDS,
  since: FEATURES.podLevelResources,
  summary:
    'Pod-level resources (spec.resources) with a name other than cpu, memory or hugepages-<size>, a quantity that does not decode or is negative, huge pages that are not whole pages or requested without a limit, a request above its limit, huge pages without cpu or memory, or claims.',
  check(input) {
    const resources = podResourcesOf(input);
    if (resources === undefined) return [];
    const violations: Violation[] = [];
    if (!isAbsent(resources.value.claims)) {
      violations.push({
        field: child(resources.path, 'claims'),
        message: 'Pod-level resources cannot list claims ("claims cannot be set for Resources at pod-level").',
        fix: "Move the claims to the containers' resources.claims, naming entries of spec.resourceClaims.",
      });
    }
    const nameFix = 'At pod level use only cpu, memory or hugepages-<size>; keep other resources on the containers.';
    const notPodLevel = (name: string) =>
      isPodLevelResource(name) ? undefined : 'pod-level resources support only cpu, memory and hugepages-<size>';
    entryViolations(resources.limits, notPodLevel, nameFix, violations);
    entryViolations(resources.requests, notPodLevel, nameFix, violations);
    const limits = new Map(resources.limits.map((e) => [e.name, e]));
    for (const request of resources.requests) {
      const limit = limits.get(request.name);
      if (request.quantity === undefined) continue;
      if (limit === undefined && !isOvercommitAllowed(request.name) && isPodLevelResource(request.name)) {
        violations.push({
          field: child(resources.path, 'limits'),
          message: `The pod requests ${request.name} without a pod-level limit: huge pages cannot be overcommitted ("Limit must be set for non overcommitable resources").`,
          fix: `Set resources.limits[${request.name}] at pod level to the same quantity as the request.`,
        });
        continue;
      }
      if (limit?.quantity === undefined) continue;
      const order = compareQuantities(request.quantity, limit.quantity);
      if (order !== 0 && !isOvercommitAllowed(request.name)) {
        violations.push({
          field: request.field,
          message: `The pod requests ${describeValue(request.raw)} of ${request.name} but limits it to ${describeValue(limit.raw)}; huge pages cannot be overcommitted, so the request "must be equal to" the limit.`,
          fix: `Give resources.requests[${request.name}] and resources.limits[${request.name}] the same quantity.`,
        });
      } else if (order > 0) {
        violations.push({
          field: request.field,
          message: `The pod requests ${describeValue(request.raw)} of ${request.name}, more than its pod-level limit of ${describeValue(limit.raw)} ("must be less than or equal to ${request.name} limit").`,
          fix: `Lower the pod-level request to at most ${describeValue(limit.raw)}, or raise the limit.`,
        });
      }
    }
    if (hugePagesAlone([...resources.limits, ...resources.requests])) {
      violations.push({
        field: resources.path,
        message: 'Pod-level resources set huge pages without cpu or memory ("HugePages require cpu or memory").',
        fix: 'Add a pod-level memory (or cpu) request or limit next to the huge pages.',
      });
    }
    return violations;
  },
});

/** Whether the container is a sidecar (an init container with restartPolicy Always). */
function isSidecar(container: PodContainer): boolean {
  return container.list === ContainerList.INIT_CONTAINERS && stringOf(container.value.restartPolicy) === 'Always';
}

/**
 * What the containers need of one resource together, as AggregateContainerRequests / AggregateContainerLimits
 * count it: regular containers and sidecars add up; each other init container needs its own amount
 * plus the sidecars started before it; the pod needs the larger of the two.
 */
function aggregate(
  containers: readonly ContainerResources[],
  amount: (c: ContainerResources) => Quantity | undefined,
): Quantity | undefined {
  let sum: Quantity | undefined;
  let sidecars: Quantity | undefined;
  let initMax: Quantity | undefined;
  for (const c of containers) {
    const q = amount(c);
    if (c.container.list === ContainerList.CONTAINERS) {
      if (q !== undefined) sum = sum === undefined ? q : addQuantities(sum, q);
      continue;
    }
    let need: Quantity | undefined;
    if (isSidecar(c.container)) {
      if (q !== undefined) {
        sum = sum === undefined ? q : addQuantities(sum, q);
        sidecars = sidecars === undefined ? q : addQuantities(sidecars, q);
      }
      need = sidecars;
    } else {
      need = q === undefined ? sidecars : sidecars === undefined ? q : addQuantities(q, sidecars);
    }
    if (need !== undefined && (initMax === undefined || compareQuantities(need, initMax) > 0)) initMax = need;
  }
  if (sum === undefined) return initMax;
  return initMax !== undefined && compareQuantities(initMax, sum) > 0 ? initMax : sum;
}

/** A container's request of `name` as the template writes it: what validating the template counts. */
export function writtenRequestOf(c: ContainerResources, name: string): Quantity | undefined {
  for (const r of c.requests) if (r.name === name) return r.quantity;
  return undefined;
}

/**
 * A container's request of `name` in each pod the Job creates: the request, or else the limit
 * (SetDefaults_Pod, which runs on pods only, never on a template).
 */
export function createdRequestOf(c: ContainerResources, name: string): Quantity | undefined {
  return writtenRequestOf(c, name) ?? c.limits.get(name)?.quantity;
}

/** What the containers request of `name` together, each container's request read by `requestOf`. */
export function containersRequest(
  input: RuleInput,
  name: string,
  requestOf: (c: ContainerResources, name: string) => Quantity | undefined,
): Quantity | undefined {
  return aggregate(resourcesOf(input), (c) => requestOf(c, name));
}

export const podResourcesBelowContainers = apiServerRule({
  id: 'pod-resources-below-containers',
  kinds: BOTH_KINDS,
  since: FEATURES.podLevelResources,
  summary:
    "Pod-level resources smaller than the containers need: a pod-level request below the containers' total requests, a container limit above the pod-level limit, or huge-page limits that add up above the pod's.",
  check(input) {
    const resources = podResourcesOf(input);
    if (resources === undefined) return [];
    const containers = resourcesOf(input);
    const violations: Violation[] = [];
    const limits = podLevelLimits(resources);
    // A template is not defaulted like a pod (SetDefaults_Pod): only the requests it writes count,
    // the pod's and the containers' (what defaulting then adds is pod-refused-on-create's).
    for (const request of podLevelRequests(resources).values()) {
      const total = containersRequest(input, request.name, writtenRequestOf);
      if (total === undefined || compareQuantities(total, request.quantity!) <= 0) continue;
      violations.push({
        field: request.field,
        message: `The pod requests ${describeValue(request.raw)} of ${request.name}, but its containers request ${formatQuantity(total)} together; the pod-level request "must be greater than or equal to aggregate container requests".`,
        fix: `Raise the pod-level ${request.name} request to at least ${formatQuantity(total)}, or lower the containers' requests.`,
      });
    }
    for (const c of containers) {
      if (c.container.list !== ContainerList.CONTAINERS) continue;
      for (const limit of c.limits.values()) {
        const podLimit = limits.get(limit.name);
        if (podLimit === undefined || limit.quantity === undefined) continue;
        if (compareQuantities(limit.quantity, podLimit.quantity!) <= 0) continue;
        violations.push({
          field: limit.field,
          message: `${c.label} limits ${limit.name} to ${describeValue(limit.raw)}, above the pod-level limit of ${describeValue(podLimit.raw)} ("must be less than or equal to pod limits").`,
          fix: `Lower the container's limit to at most ${describeValue(podLimit.raw)}, or raise the pod-level limit.`,
        });
      }
    }
    for (const podLimit of limits.values()) {
      if (!podLimit.name.startsWith(HUGE_PAGES_PREFIX)) continue;
      const total = aggregate(containers, (c) => c.limits.get(podLimit.name)?.quantity);
      if (total === undefined || compareQuantities(total, podLimit.quantity!) <= 0) continue;
      violations.push({
        field: podLimit.field,
        message: `The containers' ${podLimit.name} limits add up to ${formatQuantity(total)}, above the pod-level limit of ${describeValue(podLimit.raw)}; huge pages cannot be overcommitted.`,
        fix: `Raise the pod-level ${podLimit.name} limit to at least ${formatQuantity(total)}, or lower the containers' limits.`,
      });
    }
    return violations;
  },
});

export const podOverheadInvalid = apiServerRule({
  id: 'pod-overhead-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A spec.overhead entry that is not a container resource name, does not decode as a quantity, is negative, or (for an extended resource) is not a whole number; huge pages that are not whole pages, or without cpu or memory.',
  check(input) {
    const pod = podTemplate(input);
    const overhead = pod.spec.overhead;
    if (isAbsent(overhead)) return [];
    const violations: Violation[] = [];
    const notContainerResource = (name: string) => {
      if (isNative(name))
        return isStandardContainerResource(name) ? undefined : 'must be a standard resource for containers';
      return qualifiedNameProblems(`requests.${name}`).length > 0
        ? "does not follow the extended resource name standard ('requests.' + name must be a qualified name)"
        : undefined;
    };
    const path = child(pod.specPath, 'overhead');
    const entries = listEntries(overhead, path);
    entryViolations(
      entries,
      notContainerResource,
      'Use cpu, memory, ephemeral-storage or hugepages-<size>, or an extended resource with its vendor domain; or leave overhead out and let the RuntimeClass set it.',
      violations,
    );
    // The overhead is validated as a container's limits, so the same pairing applies.
    if (hugePagesAlone(entries)) {
      violations.push({
        field: path,
        message: 'The overhead sets huge pages without cpu or memory ("HugePages require cpu or memory").',
        fix: 'Add a cpu or memory overhead next to the huge pages, or leave overhead out and let the RuntimeClass set it.',
      });
    }
    return violations;
  },
});

export const RESOURCE_QUANTITY_RULES = [
  containerResourceQuantityInvalid,
  containerResourceNameInvalid,
  containerResourceValueInvalid,
  containerHugePagesInvalid,
  containerResourceRequestExceedsLimit,
  podResourcesInvalid,
  podResourcesBelowContainers,
  podOverheadInvalid,
];
