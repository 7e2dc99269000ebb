/**
 * Environment variables (ValidateEnv, validateEnvVarValueFrom, validateEnvFrom): names in the
 * grammar of the target release, exactly one source per `valueFrom` and none beside a `value`,
 * downward-API field paths the kubelet can fill, ConfigMap and Secret references with a valid
 * name and key, from 1.35 file references (fileKeyRef: a key, a path without "..", and an emptyDir
 * volume of the pod; validateFileKeySelector and validateFileKeyRefVolumes), and `envFrom` entries
 * naming exactly one ConfigMap or Secret.
 */
import { isAtLeast, KubernetesVersion } from '../../kubernetes-version';
import { RuleInput, Violation } from '../../rule';
import { arrayOf, describeValue, isAbsent, objectOf, stringOf } from '../../support/access';
import { divisorProblem, supportedDivisors } from '../../support/divisor';
import {
  convertedFieldPath,
  fieldRefVersionProblem,
  splitSubscript,
  subscriptProblem,
} from '../../support/downward-api';
import { child, index } from '../../support/field-path';
import { hasNoBacksteps } from '../../support/local-paths';
import { dns1123LabelProblems, dns1123SubdomainProblems, generateNamePrefixProblems } from '../../support/names';
import { PodContainer, podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

/**
 * RelaxedEnvironmentVariableValidation: alpha in 1.30, on by default from 1.32 (GA in 1.34). From
 * then a name may hold any printable ASCII character but "="; before, only C-identifier-like names.
 */
const RELAXED_ENV_VAR_NAMES_SINCE = 32;
const STRICT_ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const RELAXED_ENV_VAR_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

/** Why an environment variable name (or envFrom prefix) is refused in the release; undefined when it is fine. */
export function envVarNameProblem(name: string, version: KubernetesVersion): string | undefined {
  if (isAtLeast(version, RELAXED_ENV_VAR_NAMES_SINCE))
    return RELAXED_ENV_VAR_NAME.test(name)
      ? undefined
      : 'a valid environment variable name must consist only of printable ASCII characters other than "="';
  return STRICT_ENV_VAR_NAME.test(name)
    ? undefined
    : 'a valid environment variable name must consist of letters, digits, "_", "-" or ".", and must not start with a digit (Kubernetes before 1.32)';
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MAX_LENGTH = 253;

/** IsConfigMapKey: the key of a ConfigMap or Secret entry. */
function configKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length > CONFIG_KEY_MAX_LENGTH) problems.push(`must be no more than ${CONFIG_KEY_MAX_LENGTH} characters`);
  if (!CONFIG_KEY.test(key))
    problems.push('a valid config key must consist of alphanumeric characters, "-", "_" or "."');
  if (key === '.' || key === '..') problems.push(`must not be ${describeValue(key)}`);
  else if (key.startsWith('..')) problems.push('must not start with ".."');
  return problems;
}

/** The containers whose env the API server validates (ephemeral ones included: they run with env too). */
function envContainers(input: RuleInput): readonly PodContainer[] {
  return podTemplate(input).containers;
}

/**
 * EnvFiles (KEP-3721): valueFrom.fileKeyRef, alpha in 1.34 (the create strategy drops it), on by
 * default from 1.35. Before 1.34 the field is unknown and dropped too.
 */
const ENV_FILES_SINCE = 35;
const VALUE_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'] as const;
const VALUE_SOURCES_BEFORE_ENV_FILES = VALUE_SOURCES.filter((s) => s !== 'fileKeyRef');

const ENV_FIELD_PATHS = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.podIP',
  'status.podIPs',
]);
/** status.hostIPs (PodHostIPs): alpha in 1.28, on by default from 1.29. */
const HOST_IPS_SINCE = 29;

/** A fieldPath without a subscript the kubelet can put in an environment variable (subscripts: support/downward-api.ts). */
function fieldPathSupported(path: string, version: KubernetesVersion): boolean {
  return ENV_FIELD_PATHS.has(path) || (path === 'status.hostIPs' && isAtLeast(version, HOST_IPS_SINCE));
}

const RESOURCE_FIELDS = new Set([
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
]);

const HUGE_PAGES_FIELD = /^(limits|requests)\.hugepages-/;

/** A resource a resourceFieldRef may name, in an environment variable or a downward API volume. */
export function resourceFieldSupported(resource: string): boolean {
  return RESOURCE_FIELDS.has(resource) || HUGE_PAGES_FIELD.test(resource);
}

/** The finding for a resourceFieldRef divisor the API server refuses (`<refPath>.divisor`), if any. */
export function divisorViolation(resource: string, divisor: unknown, refPath: string): Violation | undefined {
  const problem = divisorProblem(resource, divisor);
  if (problem === undefined) return undefined;
  const supported = supportedDivisors(resource);
  return {
    field: child(refPath, 'divisor'),
    message:
      problem === 'not-a-quantity'
        ? `divisor ${describeValue(divisor)} is not a quantity Kubernetes can read; the API server cannot decode the object and rejects it.`
        : `divisor ${describeValue(divisor)} is not supported for ${resource}: "only divisor's values ${supported} are supported".`,
    fix: resource.endsWith('.cpu')
      ? 'Use "1m" to read millicores or "1" for whole cores, or leave divisor out.'
      : `Use "1Mi" to read the value in MiB (or another of ${supported}), or leave divisor out.`,
  };
}

const REFERENCE_FIX =
  'Name the ConfigMap or Secret (a DNS subdomain, e.g. "app-config") and the key, which may hold letters, digits, "-", "_" and ".".';

/** A configMapKeyRef or secretKeyRef: a valid object name and a key. */
function keySelectorProblems(selector: Readonly<Record<string, unknown>>, path: string, out: Violation[]): void {
  const name = stringOf(selector.name) ?? '';
  for (const p of dns1123SubdomainProblems(name))
    out.push({
      field: child(path, 'name'),
      message: `name ${describeValue(name)} is not valid: ${p}.`,
      fix: REFERENCE_FIX,
    });
  const key = stringOf(selector.key) ?? '';
  if (key === '')
    out.push({ field: child(path, 'key'), message: 'key is required ("Required value").', fix: REFERENCE_FIX });
  else
    for (const p of configKeyProblems(key))
      out.push({
        field: child(path, 'key'),
        message: `key ${describeValue(key)} is not valid: ${p}.`,
        fix: REFERENCE_FIX,
      });
}

function valueFromProblems(
  variable: Readonly<Record<string, unknown>>,
  path: string,
  input: RuleInput,
  out: Violation[],
): void {
  const valueFrom = objectOf(variable.valueFrom);
  if (!valueFrom) return;
  const envFiles = isAtLeast(input.version, ENV_FILES_SINCE);
  const known = envFiles ? VALUE_SOURCES : VALUE_SOURCES_BEFORE_ENV_FILES;
  const sources = known.filter((s) => !isAbsent(valueFrom[s]));
  const name = describeValue(stringOf(variable.name) ?? '');
  if (sources.length === 0) {
    const dropped = !isAbsent(valueFrom.fileKeyRef);
    out.push({
      field: path,
      message:
        `valueFrom of ${name} names no source; it "must specify one of: ${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}".` +
        (dropped
          ? ` Kubernetes 1.${input.version.minor} drops fileKeyRef (EnvFiles is on by default from 1.${ENV_FILES_SINCE}), which leaves none.`
          : ''),
      fix: dropped
        ? 'Target Kubernetes 1.35 or later if your clusters run it, or read the file in the container itself.'
        : 'Give valueFrom one source, or replace it with a plain value.',
    });
  } else if (stringOf(variable.value)) {
    out.push({
      field: path,
      message: `${name} has both a value and a valueFrom: valueFrom "may not be specified when value is not empty".`,
      fix: 'Keep either the value or the valueFrom.',
    });
  } else if (sources.length > 1) {
    out.push({
      field: path,
      message: `valueFrom of ${name} names ${sources.join(' and ')}: it "may not have more than one field specified at a time".`,
      fix: 'Use one source per variable; add another variable for the other source.',
    });
  }
  const fieldRef = objectOf(valueFrom.fieldRef);
  if (fieldRef) {
    const fieldPath = stringOf(fieldRef.fieldPath) ?? '';
    const subscripted = splitSubscript(fieldPath);
    const keyProblem = subscripted && subscriptProblem(subscripted.path, subscripted.subscript);
    const versionProblem = fieldPath === '' ? undefined : fieldRefVersionProblem(fieldRef.apiVersion);
    if (versionProblem)
      out.push({
        field: child(child(path, 'fieldRef'), 'fieldPath'),
        message: `${versionProblem}.`,
        fix: 'Leave fieldRef.apiVersion out, or write v1: the downward API reads the pod, a v1 object.',
      });
    else if (keyProblem)
      out.push({
        field: child(child(path, 'fieldRef'), 'fieldPath'),
        message: `fieldPath ${describeValue(fieldPath)} cannot be read: ${keyProblem}.`,
        fix: "Name a label or annotation key, e.g. metadata.labels['app.kubernetes.io/name'].",
      });
    else if (!subscripted && !fieldPathSupported(convertedFieldPath(fieldPath), input.version))
      out.push({
        field: child(child(path, 'fieldRef'), 'fieldPath'),
        message:
          fieldPath === ''
            ? 'fieldRef has no fieldPath ("Required value").'
            : `fieldPath ${describeValue(fieldPath)} is not one the kubelet can put in an environment variable in Kubernetes 1.${input.version.minor}.`,
        fix: "Use metadata.name, metadata.namespace, metadata.uid, metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName, spec.serviceAccountName, status.hostIP or status.podIP.",
      });
  }
  const resourceFieldRef = objectOf(valueFrom.resourceFieldRef);
  if (resourceFieldRef) {
    const resource = stringOf(resourceFieldRef.resource) ?? '';
    if (!resourceFieldSupported(resource))
      out.push({
        field: child(child(path, 'resourceFieldRef'), 'resource'),
        message:
          resource === ''
            ? 'resourceFieldRef has no resource ("Required value").'
            : `resource ${describeValue(resource)} is not supported in resourceFieldRef.`,
        fix: 'Use limits.cpu, limits.memory, limits.ephemeral-storage or their requests.* forms.',
      });
    const divisor = divisorViolation(resource, resourceFieldRef.divisor, child(path, 'resourceFieldRef'));
    if (divisor) out.push(divisor);
  }
  for (const source of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const selector = objectOf(valueFrom[source]);
    if (selector) keySelectorProblems(selector, child(path, source), out);
  }
  const fileKeyRef = envFiles ? objectOf(valueFrom.fileKeyRef) : undefined;
  if (fileKeyRef) fileKeySelectorProblems(fileKeyRef, child(path, 'fileKeyRef'), input, out);
}

const FILE_KEY_FIX =
  'Name an emptyDir volume of the pod (volumeName), the file in it (path, relative, without "..") and the variable to read from it (key), e.g. { volumeName: config, path: app.env, key: DB_HOST }.';

/** A fileKeyRef (1.35+): a key that is a variable name, an emptyDir volume of the pod, a path without "..". */
function fileKeySelectorProblems(
  selector: Readonly<Record<string, unknown>>,
  path: string,
  input: RuleInput,
  out: Violation[],
): void {
  const problem = (field: string, message: string) =>
    out.push({ field: child(path, field), message, fix: FILE_KEY_FIX });
  const key = stringOf(selector.key) ?? '';
  const keyProblem = key === '' ? undefined : envVarNameProblem(key, input.version);
  if (key === '') problem('key', 'fileKeyRef has no key ("Required value").');
  else if (keyProblem) problem('key', `key ${describeValue(key)} is not valid: ${keyProblem}.`);
  const volumeName = stringOf(selector.volumeName) ?? '';
  if (volumeName === '') problem('volumeName', 'fileKeyRef has no volumeName ("Required value").');
  else {
    const nameProblems = dns1123LabelProblems(volumeName);
    for (const p of nameProblems) problem('volumeName', `volumeName ${describeValue(volumeName)} is not valid: ${p}.`);
    // A refused name is not looked up: the pod cannot have a volume of that name.
    const volume =
      nameProblems.length === 0 ? podTemplate(input).volumes.find((v) => v.value.name === volumeName) : undefined;
    if (nameProblems.length === 0 && !volume)
      problem(
        'volumeName',
        `fileKeyRef names volume ${describeValue(volumeName)}, which the pod does not have ("Not found").`,
      );
    else if (volume && isAbsent(volume.value.emptyDir))
      problem(
        'volumeName',
        `fileKeyRef names ${volume.label}, which is not an emptyDir: "referenced volume must be of type emptyDir".`,
      );
  }
  const file = stringOf(selector.path) ?? '';
  if (file === '') problem('path', 'fileKeyRef has no path ("Required value").');
  else if (!hasNoBacksteps(file)) problem('path', `path ${describeValue(file)} is not valid: must not contain '..'.`);
}

export const containerEnvNameInvalid = apiServerRule({
  id: 'container-env-name-invalid',
  kinds: BOTH_KINDS,
  summary:
    'An environment variable without a name, or whose name (or envFrom prefix) the release refuses: before 1.32 only letters, digits, "_", "-" and "." and no leading digit; from 1.32 any printable ASCII but "=".',
  check(input) {
    const violations: Violation[] = [];
    const fix = isAtLeast(input.version, RELAXED_ENV_VAR_NAMES_SINCE)
      ? 'Use printable ASCII characters without "=", e.g. "REPORT_DATE".'
      : 'Use letters, digits and "_" without a leading digit, e.g. "REPORT_DATE" (Kubernetes 1.32 and later also accept other printable characters).';
    for (const container of envContainers(input)) {
      const envPath = child(container.path, 'env');
      (arrayOf(container.value.env) ?? []).forEach((item, i) => {
        const variable = objectOf(item);
        if (!variable) return;
        const field = child(index(envPath, i), 'name');
        const name = variable.name;
        if (isAbsent(name) || name === '') {
          violations.push({
            field,
            message: `An environment variable of ${container.label} has no name ("Required value").`,
            fix,
          });
          return;
        }
        const problem = typeof name === 'string' ? envVarNameProblem(name, input.version) : undefined;
        if (problem)
          violations.push({
            field,
            message: `Environment variable name ${describeValue(name)} is not valid: ${problem}.`,
            fix,
          });
      });
      (arrayOf(container.value.envFrom) ?? []).forEach((item, i) => {
        const prefix = stringOf(objectOf(item)?.prefix);
        const problem = prefix ? envVarNameProblem(prefix, input.version) : undefined;
        if (problem)
          violations.push({
            field: child(index(child(container.path, 'envFrom'), i), 'prefix'),
            message: `envFrom prefix ${describeValue(prefix)} is not valid: ${problem}.`,
            fix,
          });
      });
    }
    return violations;
  },
});

export const containerEnvSourceInvalid = apiServerRule({
  id: 'container-env-source-invalid',
  kinds: BOTH_KINDS,
  summary:
    'An environment variable whose valueFrom names no source (fileKeyRef counts from 1.35), two sources, or a source beside a value; an unsupported fieldRef apiVersion or path, resourceFieldRef resource or divisor (cpu: 1m or 1; memory, ephemeral-storage and huge pages: 1, 1k to 1E, 1Ki to 1Ei); a ConfigMap or Secret reference without a valid name and key; a fileKeyRef without a key, path or emptyDir volume of the pod (1.35+).',
  check(input) {
    const violations: Violation[] = [];
    for (const container of envContainers(input)) {
      const envPath = child(container.path, 'env');
      (arrayOf(container.value.env) ?? []).forEach((item, i) => {
        const variable = objectOf(item);
        if (variable) valueFromProblems(variable, child(index(envPath, i), 'valueFrom'), input, violations);
      });
    }
    return violations;
  },
});

export const containerEnvFromInvalid = apiServerRule({
  id: 'container-env-from-invalid',
  kinds: BOTH_KINDS,
  summary: 'An envFrom entry that names neither a ConfigMap nor a Secret, both, or one without a valid name.',
  check(input) {
    const violations: Violation[] = [];
    const fix =
      'Give each envFrom entry one configMapRef or one secretRef with the object\'s name, e.g. { configMapRef: { name: "app-config" } }.';
    for (const container of envContainers(input)) {
      (arrayOf(container.value.envFrom) ?? []).forEach((item, i) => {
        const source = objectOf(item);
        if (!source) return;
        const path = index(child(container.path, 'envFrom'), i);
        const refs = (['configMapRef', 'secretRef'] as const).filter((r) => !isAbsent(source[r]));
        if (refs.length !== 1) {
          violations.push({
            field: path,
            message:
              refs.length === 0
                ? 'The envFrom entry "must specify one of: configMapRef or secretRef".'
                : 'The envFrom entry names both a configMapRef and a secretRef; it "may not have more than one field specified at a time".',
            fix,
          });
        }
        for (const ref of refs) {
          const name = stringOf(objectOf(source[ref])?.name) ?? '';
          for (const p of generateNamePrefixProblems(name))
            violations.push({
              field: child(child(path, ref), 'name'),
              message: `name ${describeValue(name)} is not valid: ${p}.`,
              fix,
            });
        }
      });
    }
    return violations;
  },
});

export const ENV_RULES = [containerEnvNameInvalid, containerEnvSourceInvalid, containerEnvFromInvalid];
