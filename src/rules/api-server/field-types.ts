/**
 * JSON types the API server cannot decode: a string where an integer belongs, a fraction or an
 * out-of-range number for an int32, a list where an object belongs, and so on. The request fails
 * before validation ("cannot unmarshal string into Go struct field JobSpec.spec.backoffLimit of
 * type int32"). Other rules read such a value as absent, so this rule is the one that reports it.
 *
 * The schema covers every field a rule reads; `null` is always accepted, as Go decodes it to the
 * zero value. Paths are built only for values that are present.
 */
import { Violation } from '../rule';
import { describeValue, isAbsent, isObject } from '../support/access';
import { child, index, key } from '../support/field-path';
import { apiServerRule, BOTH_KINDS } from './api-server-rule';

type Scalar = 'string' | 'boolean' | 'int32' | 'int64' | 'stringMap';
interface ObjectShape {
  /** Field names with their shapes, listed once so a check allocates nothing per field. */
  readonly fields: ReadonlyArray<readonly [string, Shape]>;
  /** The same shapes by field name, for the fast pass that walks the fields an object has. */
  readonly byName: ReadonlyMap<string, Shape>;
}
interface ListShape {
  readonly items: Shape;
}
type Shape = Scalar | ObjectShape | ListShape;

const list = (items: Shape): ListShape => ({ items });
const object = (fields: Record<string, Shape>): ObjectShape => ({
  fields: Object.entries(fields),
  byName: new Map(Object.entries(fields)),
});

const OBJECT_META = object({
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  labels: 'stringMap',
  annotations: 'stringMap',
});
const LABEL_SELECTOR = object({
  matchLabels: 'stringMap',
  matchExpressions: list(object({ key: 'string', operator: 'string', values: list('string') })),
});
/*
 * The pod template's string fields where YAML most often slips in a number or a boolean (`value: 5`,
 * `value: true`, `- 8080` in args): the API server refuses the whole object when decoding it.
 */
const KEY_SELECTOR = object({ name: 'string', key: 'string', optional: 'boolean' });
const ENV_VAR = object({
  name: 'string',
  value: 'string',
  valueFrom: object({
    fieldRef: object({ apiVersion: 'string', fieldPath: 'string' }),
    resourceFieldRef: object({ containerName: 'string', resource: 'string' }),
    configMapKeyRef: KEY_SELECTOR,
    secretKeyRef: KEY_SELECTOR,
  }),
});
const CONTAINER = object({
  name: 'string',
  image: 'string',
  command: list('string'),
  args: list('string'),
  workingDir: 'string',
  env: list(ENV_VAR),
  envFrom: list(object({ prefix: 'string' })),
  imagePullPolicy: 'string',
  volumeMounts: list(object({ name: 'string', mountPath: 'string', subPath: 'string', readOnly: 'boolean' })),
  volumeDevices: list(object({ name: 'string', devicePath: 'string' })),
});
const NODE_SELECTOR_TERM = object({
  matchExpressions: list(object({ key: 'string', operator: 'string', values: list('string') })),
  matchFields: list(object({ key: 'string', operator: 'string', values: list('string') })),
});
const POD_AFFINITY_TERM = object({
  labelSelector: LABEL_SELECTOR,
  namespaceSelector: LABEL_SELECTOR,
  namespaces: list('string'),
  topologyKey: 'string',
  matchLabelKeys: list('string'),
  mismatchLabelKeys: list('string'),
});
const POD_AFFINITY = object({
  requiredDuringSchedulingIgnoredDuringExecution: list(POD_AFFINITY_TERM),
  preferredDuringSchedulingIgnoredDuringExecution: list(
    object({ weight: 'int32', podAffinityTerm: POD_AFFINITY_TERM }),
  ),
});
const KEY_TO_PATH = object({ key: 'string', path: 'string', mode: 'int32' });
const POD_TEMPLATE = object({
  metadata: OBJECT_META,
  spec: object({
    containers: list(CONTAINER),
    initContainers: list(CONTAINER),
    ephemeralContainers: list(CONTAINER),
    restartPolicy: 'string',
    activeDeadlineSeconds: 'int64',
    serviceAccountName: 'string',
    hostname: 'string',
    subdomain: 'string',
    priorityClassName: 'string',
    nodeSelector: 'stringMap',
    hostNetwork: 'boolean',
    hostIPC: 'boolean',
    hostPID: 'boolean',
    hostUsers: 'boolean',
    shareProcessNamespace: 'boolean',
    serviceAccount: 'string',
    runtimeClassName: 'string',
    nodeName: 'string',
    schedulerName: 'string',
    os: object({ name: 'string' }),
    imagePullSecrets: list(object({ name: 'string' })),
    hostAliases: list(object({ ip: 'string', hostnames: list('string') })),
    readinessGates: list(object({ conditionType: 'string' })),
    schedulingGates: list(object({ name: 'string' })),
    resourceClaims: list(object({ name: 'string', resourceClaimName: 'string', resourceClaimTemplateName: 'string' })),
    topologySpreadConstraints: list(
      object({
        maxSkew: 'int32',
        topologyKey: 'string',
        whenUnsatisfiable: 'string',
        labelSelector: LABEL_SELECTOR,
        minDomains: 'int32',
        nodeAffinityPolicy: 'string',
        nodeTaintsPolicy: 'string',
        matchLabelKeys: list('string'),
      }),
    ),
    securityContext: object({ sysctls: list(object({ name: 'string', value: 'string' })) }),
    tolerations: list(object({ key: 'string', operator: 'string', value: 'string', effect: 'string' })),
    affinity: object({
      nodeAffinity: object({
        requiredDuringSchedulingIgnoredDuringExecution: object({ nodeSelectorTerms: list(NODE_SELECTOR_TERM) }),
        preferredDuringSchedulingIgnoredDuringExecution: list(
          object({ weight: 'int32', preference: NODE_SELECTOR_TERM }),
        ),
      }),
      podAffinity: POD_AFFINITY,
      podAntiAffinity: POD_AFFINITY,
    }),
    dnsConfig: object({
      nameservers: list('string'),
      searches: list('string'),
      options: list(object({ name: 'string', value: 'string' })),
    }),
    volumes: list(
      object({
        name: 'string',
        configMap: object({ name: 'string', items: list(KEY_TO_PATH) }),
        secret: object({ secretName: 'string', items: list(KEY_TO_PATH) }),
      }),
    ),
  }),
});
const POD_FAILURE_POLICY = object({
  rules: list(
    object({
      action: 'string',
      onExitCodes: object({ containerName: 'string', operator: 'string', values: list('int32') }),
      onPodConditions: list(object({ type: 'string', status: 'string' })),
    }),
  ),
});
const JOB_SPEC = object({
  parallelism: 'int32',
  completions: 'int32',
  activeDeadlineSeconds: 'int64',
  podFailurePolicy: POD_FAILURE_POLICY,
  successPolicy: object({ rules: list(object({ succeededIndexes: 'string', succeededCount: 'int32' })) }),
  backoffLimit: 'int32',
  backoffLimitPerIndex: 'int32',
  maxFailedIndexes: 'int32',
  selector: LABEL_SELECTOR,
  manualSelector: 'boolean',
  template: POD_TEMPLATE,
  ttlSecondsAfterFinished: 'int32',
  completionMode: 'string',
  suspend: 'boolean',
  podReplacementPolicy: 'string',
  managedBy: 'string',
});
const JOB = object({ metadata: OBJECT_META, spec: JOB_SPEC });
const CRON_JOB = object({
  metadata: OBJECT_META,
  spec: object({
    schedule: 'string',
    timeZone: 'string',
    startingDeadlineSeconds: 'int64',
    concurrencyPolicy: 'string',
    suspend: 'boolean',
    jobTemplate: object({ metadata: OBJECT_META, spec: JOB_SPEC }),
    successfulJobsHistoryLimit: 'int32',
    failedJobsHistoryLimit: 'int32',
  }),
});

const INTEGER_RANGES: Readonly<Record<'int32' | 'int64', readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  // The largest doubles inside Go's int64 range.
  int64: [-(2 ** 63), 2 ** 63 - 1024],
};

const EXPECTED: Readonly<Record<Scalar, string>> = {
  string: 'a string',
  boolean: 'true or false',
  int32: 'a whole number from -2147483648 to 2147483647',
  int64: 'a whole number (64-bit)',
  stringMap: 'a map of strings',
};

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number')
    return Number.isInteger(value) ? `the number ${value}` : `the number ${describeValue(value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${describeValue(value)}`;
}

function wrongType(path: string, expected: string, value: unknown): Violation {
  return {
    field: path,
    message: `${path} must be ${expected}, not ${jsonType(value)}: the API server cannot decode the object and rejects it.`,
    fix:
      typeof value === 'string' && expected.startsWith('a whole')
        ? 'Write the number without quotes.'
        : expected.startsWith('a string') && (typeof value === 'number' || typeof value === 'boolean')
          ? `Quote it: ${JSON.stringify(String(value))} (YAML reads an unquoted 5, 1.10 or true as a number or a boolean).`
          : `Write ${expected} here.`,
  };
}

function checkScalar(value: unknown, shape: Scalar, path: string, out: Violation[]): void {
  switch (shape) {
    case 'string':
    case 'boolean':
      if (typeof value !== shape) out.push(wrongType(path, EXPECTED[shape], value));
      return;
    case 'int32':
    case 'int64': {
      const [min, max] = INTEGER_RANGES[shape];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        out.push(wrongType(path, EXPECTED[shape], value));
      return;
    }
    case 'stringMap':
      if (!isObject(value)) {
        out.push(wrongType(path, EXPECTED.stringMap, value));
        return;
      }
      for (const mapKey of Object.keys(value)) {
        const entry = value[mapKey];
        if (entry !== null && typeof entry !== 'string')
          out.push(wrongType(key(path, mapKey), 'a string (quote numbers and booleans)', entry));
      }
  }
}

/** Checks a present (not null or undefined) value against its shape. */
function check(value: unknown, shape: Shape, path: string, out: Violation[]): void {
  if (typeof shape === 'string') {
    checkScalar(value, shape, path, out);
  } else if ('items' in shape) {
    if (!Array.isArray(value)) out.push(wrongType(path, 'a list', value));
    else {
      const items = shape.items;
      for (let i = 0; i < value.length; i++) {
        if (isAbsent(value[i]) || (typeof items === 'string' && scalarFits(value[i], items))) continue;
        check(value[i], items, index(path, i), out);
      }
    }
  } else if (!isObject(value)) {
    out.push(wrongType(path, 'an object', value));
  } else {
    checkFields(value, shape, path, out);
  }
}

/** Whether a scalar value fits its shape: the common case, decided without building a field path. */
function scalarFits(value: unknown, shape: Scalar): boolean {
  switch (shape) {
    case 'string':
    case 'boolean':
      return typeof value === shape;
    case 'int32':
    case 'int64': {
      const [min, max] = INTEGER_RANGES[shape];
      return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    }
    case 'stringMap':
      if (!isObject(value)) return false;
      for (const mapKey of Object.keys(value)) {
        const entry = value[mapKey];
        if (entry !== null && typeof entry !== 'string') return false;
      }
      return true;
  }
}

/**
 * Whether every field `value` has fits its shape: the common case, decided by walking the few
 * fields the object has rather than every field of the schema, and without building paths. When
 * it does not, checkFields walks the schema in its order, so findings keep their order.
 */
function fieldsFit(value: Readonly<Record<string, unknown>>, shape: ObjectShape): boolean {
  // for...in reads the same enumerable fields `value[field]` would find (plain JSON objects).
  for (const field in value) {
    const fieldShape = shape.byName.get(field);
    if (fieldShape === undefined) continue;
    const fieldValue = value[field];
    if (isAbsent(fieldValue)) continue;
    if (typeof fieldShape === 'string' ? !scalarFits(fieldValue, fieldShape) : !fits(fieldValue, fieldShape))
      return false;
  }
  return true;
}

/** Whether a present value fits a list or object shape (fieldsFit's recursion). */
function fits(value: unknown, shape: ObjectShape | ListShape): boolean {
  if ('items' in shape) {
    if (!Array.isArray(value)) return false;
    const items = shape.items;
    for (const item of value) {
      if (isAbsent(item)) continue;
      if (typeof items === 'string' ? !scalarFits(item, items) : !fits(item, items)) return false;
    }
    return true;
  }
  return isObject(value) && fieldsFit(value, shape);
}

function checkFields(
  value: Readonly<Record<string, unknown>>,
  shape: ObjectShape,
  path: string | undefined,
  out: Violation[],
): void {
  if (fieldsFit(value, shape)) return;
  for (const [field, fieldShape] of shape.fields) {
    const fieldValue = value[field];
    if (isAbsent(fieldValue) || (typeof fieldShape === 'string' && scalarFits(fieldValue, fieldShape))) continue;
    check(fieldValue, fieldShape, path === undefined ? field : child(path, field), out);
  }
}

export const fieldWrongType = apiServerRule({
  id: 'field-wrong-type',
  kinds: BOTH_KINDS,
  summary:
    'A field of the wrong JSON type (a quoted number, a fraction, a list for an object, ...), which the API server cannot decode.',
  check(input) {
    const out: Violation[] = [];
    if (isObject(input.object)) checkFields(input.object, input.kind === 'Job' ? JOB : CRON_JOB, undefined, out);
    return out;
  },
});

export const FIELD_TYPE_RULES = [fieldWrongType];
