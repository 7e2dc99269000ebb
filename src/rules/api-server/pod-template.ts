/**
 * The pod template basics the API server checks for every Job (ValidatePodTemplateSpec →
 * ValidatePodSpec): at least one container, container names that are unique DNS labels, an image
 * for each container, the pod-level activeDeadlineSeconds range, and the Job's own demand on
 * restartPolicy (OnFailure or Never; a missing one defaults to Always). Template labels and
 * annotations are checked with the object's in object-metadata.ts.
 */
import { RuleInput, Violation } from '../rule';
import { describeValue, integerOf, isAbsent, objectOf, stringOf } from '../support/access';
import { child } from '../support/field-path';
import { dns1123LabelProblems } from '../support/names';
import { ContainerList, podTemplate } from '../support/pod-template';
import { apiServerRule, BOTH_KINDS, podSpecOf, writtenJobSpecOf } from './api-server-rule';

/** Regular containers, then init containers (the order the API server reports duplicates in), from the shared reading. */
function containersOf(
  input: RuleInput,
): { readonly container: Readonly<Record<string, unknown>>; readonly path: string }[] {
  return podTemplate(input)
    .containers.filter((c) => c.list !== ContainerList.EPHEMERAL_CONTAINERS)
    .map((c) => ({ container: c.value, path: c.path }));
}

export const podContainersRequired = apiServerRule({
  id: 'pod-containers-required',
  kinds: BOTH_KINDS,
  summary: 'The pod template has no containers.',
  check(input) {
    const containers = podSpecOf(input).containers;
    if (!isAbsent(containers) && !(Array.isArray(containers) && containers.length === 0)) return [];
    return [
      {
        field: child(input.templatePath, 'spec.containers'),
        message: 'The pod template has no containers ("Required value"); a Job runs its work in them.',
        fix: 'Add a container with a name and an image.',
      },
    ];
  },
});

export const podContainerNameInvalid = apiServerRule({
  id: 'pod-container-name-invalid',
  kinds: BOTH_KINDS,
  summary: 'A container or init container without a name, or whose name is not a DNS-1123 label.',
  check(input) {
    const violations: Violation[] = [];
    for (const { container, path } of containersOf(input)) {
      const name = container.name;
      if (!isAbsent(name) && typeof name !== 'string') continue;
      const field = child(path, 'name');
      if (isAbsent(name) || name === '') {
        violations.push({
          field,
          message: 'The container has no name ("Required value").',
          fix: 'Name the container, e.g. "main".',
        });
        continue;
      }
      for (const p of dns1123LabelProblems(name)) {
        violations.push({
          field,
          message: `Container name ${describeValue(name)} is not valid: ${p}.`,
          fix: 'Use lowercase letters, digits and "-", at most 63 characters, e.g. "report-writer".',
        });
      }
    }
    return violations;
  },
});

export const podContainerNameDuplicate = apiServerRule({
  id: 'pod-container-name-duplicate',
  kinds: BOTH_KINDS,
  summary: 'Two containers or init containers share a name.',
  check(input) {
    const seen = new Set<string>();
    const violations: Violation[] = [];
    for (const { container, path } of containersOf(input)) {
      const name = stringOf(container.name);
      if (!name) continue;
      if (seen.has(name)) {
        violations.push({
          field: child(path, 'name'),
          message: `The container name ${describeValue(name)} is already used in this pod (Duplicate value); containers and init containers share one namespace.`,
          fix: 'Give every container and init container a different name.',
        });
      }
      seen.add(name);
    }
    return violations;
  },
});

export const podContainerImageRequired = apiServerRule({
  id: 'pod-container-image-required',
  kinds: BOTH_KINDS,
  summary: 'A container or init container without an image.',
  check(input) {
    const violations: Violation[] = [];
    for (const { container, path } of containersOf(input)) {
      if (!isAbsent(container.image) && container.image !== '') continue;
      violations.push({
        field: child(path, 'image'),
        message: 'The container has no image ("Required value").',
        fix: 'Set image to a pinned reference, e.g. "registry.example.com/report:1.4.2".',
      });
    }
    return violations;
  },
});

const INT32_MAX = 2_147_483_647;

export const podActiveDeadlineOutOfRange = apiServerRule({
  id: 'pod-active-deadline-out-of-range',
  kinds: BOTH_KINDS,
  summary:
    'The pod-level activeDeadlineSeconds is not between 1 and 2147483647 (0 is invalid here, unlike the Job field).',
  check(input) {
    const seconds = integerOf(podSpecOf(input).activeDeadlineSeconds);
    if (seconds === undefined || (seconds >= 1 && seconds <= INT32_MAX)) return [];
    return [
      {
        field: child(input.templatePath, 'spec.activeDeadlineSeconds'),
        message: `The pod's activeDeadlineSeconds is ${seconds}; it "must be between 1 and ${INT32_MAX}, inclusive".`,
        fix: "Use a deadline of at least 1 second, or leave the pod field out and set the Job's own spec.activeDeadlineSeconds, which bounds the whole Job.",
      },
    ];
  },
});

export const jobRestartPolicyInvalid = apiServerRule({
  id: 'job-restart-policy-invalid',
  kinds: BOTH_KINDS,
  summary:
    "The pod template's restartPolicy is missing (it defaults to Always), Always, or anything but OnFailure or Never.",
  check(input) {
    const policy = podSpecOf(input).restartPolicy;
    if (typeof policy !== 'string' || policy === 'OnFailure' || policy === 'Never') return [];
    const field = child(input.templatePath, 'spec.restartPolicy');
    const fix =
      'Set restartPolicy: Never (a failed pod is replaced, and its logs stay readable) or OnFailure (the container restarts in place).';
    if (policy === 'Always') {
      const written = objectOf(objectOf(writtenJobSpecOf(input).template)?.spec)?.restartPolicy;
      const missing = isAbsent(written) || written === '';
      return [
        {
          field,
          message:
            `${missing ? 'restartPolicy is not set, so it defaults to Always' : 'restartPolicy is Always'}, which a Job cannot use: its pods must end ` +
            '(Required value: valid values: "OnFailure", "Never").',
          fix,
        },
      ];
    }
    return [
      {
        field,
        message: `restartPolicy ${describeValue(policy)} is not supported (supported values: "OnFailure", "Never").`,
        fix,
      },
    ];
  },
});

export const POD_TEMPLATE_RULES = [
  podContainersRequired,
  podContainerNameInvalid,
  podContainerNameDuplicate,
  podContainerImageRequired,
  podActiveDeadlineOutOfRange,
  jobRestartPolicyInvalid,
];
