/**
 * Container resources as the API server decodes and validates them (ValidateContainerResourceRequirements):
 * every quantity must decode ("2GB" does not), none may be negative, resource names must be the
 * standard ones or domain-qualified extended resources (which must be whole numbers, and whose
 * request must equal their limit), and no request may exceed its limit. Reported at
 * `resources.requests[name]` / `resources.limits[name]`.
 */
import { RuleInput, Violation } from '../../rule';
import { describeValue, isAbsent, objectOf } from '../../support/access';
import { child, key } from '../../support/field-path';
import { qualifiedNameProblems } from '../../support/names';
import { PodContainer, podTemplate, runningContainers } from '../../support/pod-template';
import { compareQuantities, isWholeQuantity, parseQuantity, Quantity, QUANTITY_FORMAT } from '../../support/quantity';
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

interface ContainerResources {
  readonly label: string;
  readonly requests: readonly ResourceEntry[];
  readonly limits: ReadonlyMap<string, ResourceEntry>;
}

/** Parsed quantities per text: the same few values ("500m", "1Gi") recur across objects. */
const MEMO_LIMIT = 4096;
const parsed = new Map<string, Quantity | undefined>();

function quantityOf(raw: unknown): Quantity | undefined {
  if (typeof raw === 'number') return parseQuantity(raw);
  if (typeof raw !== 'string') return undefined;
  if (parsed.has(raw)) return parsed.get(raw);
  if (parsed.size >= MEMO_LIMIT) parsed.clear();
  const quantity = parseQuantity(raw);
  parsed.set(raw, quantity);
  return quantity;
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

export const containerResourceQuantityInvalid = apiServerRule({
  id: 'container-resource-quantity-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A resource request or limit that is not a Kubernetes quantity ("2GB", "1 Gi", "500MB"), which the API server cannot decode.',
  check(input) {
    const violations: Violation[] = [];
    for (const entry of entriesOf(input)) {
      if (entry.quantity !== undefined) continue;
      violations.push({
        field: entry.field,
        message: `${describeValue(entry.raw)} is not a quantity Kubernetes can read (${QUANTITY_FORMAT}); the API server cannot decode the object and rejects it.`,
        fix: 'Write a number with one Kubernetes suffix: Ki, Mi, Gi (powers of 1024) or k, M, G (powers of 1000) for bytes, e.g. "2Gi" or "2G"; m for thousandths of a CPU, e.g. "500m".',
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
          message: `${describeValue(raw)} is negative; a resource quantity "must be greater than or equal to 0".`,
          fix: 'Use a positive quantity, or leave the entry out.',
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
          violations.push({
            field: request.field,
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

export const RESOURCE_QUANTITY_RULES = [
  containerResourceQuantityInvalid,
  containerResourceNameInvalid,
  containerResourceValueInvalid,
  containerResourceRequestExceedsLimit,
];
