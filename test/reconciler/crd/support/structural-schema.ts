/**
 * The rules a CRD's openAPIV3Schema must follow in apiextensions.k8s.io/v1 (the Kubernetes docs,
 * "Specifying a structural schema", and the API server's structural-schema validation), written
 * as a checker over plain JSON. Each problem names the schema path and the rule.
 *
 * 1. A non-empty `type` at the root, for every field given by `properties` or
 *    `additionalProperties`, and for every array's `items`, unless the node sets
 *    `x-kubernetes-int-or-string` or `x-kubernetes-preserve-unknown-fields`.
 * 2. Every field or item mentioned inside `allOf`, `anyOf`, `oneOf` or `not` is also specified
 *    outside of them.
 * 3. Inside those junctors: no `description`, `type`, `default`, `additionalProperties`,
 *    `nullable`, `title`, `externalDocs`, and no `x-kubernetes-*` extensions (the int-or-string
 *    `anyOf` pattern aside); no `metadata` property.
 * 4. At the root, `metadata` may restrict only `name` and `generateName`.
 * Besides: the root is `type: object` without `additionalProperties`; an array has `items`;
 * `properties` and `additionalProperties` exclude each other; `apiVersion` and `kind` are strings;
 * `x-kubernetes-embedded-resource` needs `type: object`; int-or-string excludes preserve-unknown;
 * `$ref`, `uniqueItems: true` and `additionalProperties: false` are refused; a `map` list names
 * required scalar keys; a `pattern` is a regular expression without look-around or back-references
 * (the API server compiles it with Go's RE2).
 */

export interface SchemaProblem {
  readonly path: string;
  readonly rule: string;
}

type Node = Record<string, unknown>;

const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;
const FORBIDDEN_IN_JUNCTORS = [
  'description',
  'type',
  'default',
  'additionalProperties',
  'nullable',
  'title',
  'externalDocs',
];
const VALID_TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'];

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

export function structuralProblems(root: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (!isNode(root)) return [{ path: '', rule: 'the schema must be an object' }];
  if (root.type !== 'object') problems.push({ path: 'type', rule: 'the root must be type: object' });
  if (root.additionalProperties !== undefined)
    problems.push({ path: 'additionalProperties', rule: 'additionalProperties is not allowed at the root' });
  const metadata = isNode(root.properties) ? root.properties.metadata : undefined;
  if (isNode(metadata)) checkRootMetadata(metadata, problems);
  checkNode(root, '', true, problems);
  return problems;
}

function checkRootMetadata(metadata: Node, problems: SchemaProblem[]): void {
  const allowed = new Set(['type', 'description']);
  for (const key of Object.keys(metadata)) {
    if (key === 'properties' && isNode(metadata.properties)) {
      for (const field of Object.keys(metadata.properties)) {
        if (field !== 'name' && field !== 'generateName')
          problems.push({
            path: `properties.metadata.properties.${field}`,
            rule: 'root metadata may restrict only name and generateName',
          });
      }
    } else if (!allowed.has(key)) {
      problems.push({
        path: `properties.metadata.${key}`,
        rule: 'root metadata may restrict only name and generateName',
      });
    }
  }
  if (metadata.type !== undefined && metadata.type !== 'object')
    problems.push({ path: 'properties.metadata.type', rule: 'metadata must be type: object' });
}

/** A node reached through properties, additionalProperties or items (or the root). */
function checkNode(node: Node, path: string, root: boolean, problems: SchemaProblem[]): void {
  const at = (suffix: string) => (path === '' ? suffix : `${path}.${suffix}`);
  const preserve = node['x-kubernetes-preserve-unknown-fields'];
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  if (node.type === undefined && !intOrString && preserve !== true && !root)
    problems.push({ path: at('type'), rule: 'a specified field or item needs a non-empty type' });
  if (node.type !== undefined && (typeof node.type !== 'string' || !VALID_TYPES.includes(node.type)))
    problems.push({ path: at('type'), rule: `type must be one of ${VALID_TYPES.join(', ')}` });
  if (preserve === false)
    problems.push({
      path: at('x-kubernetes-preserve-unknown-fields'),
      rule: 'x-kubernetes-preserve-unknown-fields must be true or absent',
    });
  if (intOrString && preserve === true)
    problems.push({
      path: at('x-kubernetes-int-or-string'),
      rule: 'int-or-string and preserve-unknown-fields exclude each other',
    });
  if (node['x-kubernetes-embedded-resource'] === true && node.type !== 'object')
    problems.push({ path: at('type'), rule: 'an embedded resource must be type: object' });
  if (node.$ref !== undefined) problems.push({ path: at('$ref'), rule: '$ref is not allowed' });
  if (node.uniqueItems === true) problems.push({ path: at('uniqueItems'), rule: 'uniqueItems: true is not allowed' });
  if (node.additionalProperties === false)
    problems.push({ path: at('additionalProperties'), rule: 'additionalProperties: false is not allowed' });
  if (node.properties !== undefined && node.additionalProperties !== undefined)
    problems.push({ path: at('additionalProperties'), rule: 'properties and additionalProperties exclude each other' });
  if (node.type === 'array' && node.items === undefined)
    problems.push({ path: at('items'), rule: 'an array needs items' });
  if (Array.isArray(node.items)) problems.push({ path: at('items'), rule: 'items must be one schema, not a list' });
  if (typeof node.pattern === 'string') checkPattern(node.pattern, at('pattern'), problems);

  if (isNode(node.properties)) {
    for (const name of ['apiVersion', 'kind']) {
      const field = node.properties[name];
      if (isNode(field) && (root || node['x-kubernetes-embedded-resource'] === true) && field.type !== 'string') {
        problems.push({ path: at(`properties.${name}.type`), rule: `${name} must be a string` });
      }
    }
    for (const [name, child] of Object.entries(node.properties)) {
      if (isNode(child)) checkNode(child, at(`properties.${name}`), false, problems);
      else problems.push({ path: at(`properties.${name}`), rule: 'a property must be a schema' });
    }
  }
  if (isNode(node.additionalProperties))
    checkNode(node.additionalProperties, at('additionalProperties'), false, problems);
  if (isNode(node.items)) checkNode(node.items, at('items'), false, problems);
  checkListMap(node, at, problems);
  checkJunctors(node, path, problems);
}

function checkListMap(node: Node, at: (suffix: string) => string, problems: SchemaProblem[]): void {
  const listType = node['x-kubernetes-list-type'];
  const keys = node['x-kubernetes-list-map-keys'];
  if (listType === undefined && keys === undefined) return;
  if (node.type !== 'array')
    problems.push({ path: at('x-kubernetes-list-type'), rule: 'list types apply to arrays only' });
  if (listType !== undefined && (typeof listType !== 'string' || !['atomic', 'set', 'map'].includes(listType)))
    problems.push({ path: at('x-kubernetes-list-type'), rule: 'list type must be atomic, set or map' });
  if (listType !== 'map') {
    if (keys !== undefined)
      problems.push({ path: at('x-kubernetes-list-map-keys'), rule: 'map keys need x-kubernetes-list-type: map' });
    return;
  }
  const items = isNode(node.items) ? node.items : {};
  const itemFields = isNode(items.properties) ? items.properties : {};
  const required = Array.isArray(items.required) ? items.required : [];
  if (!Array.isArray(keys) || keys.length === 0) {
    problems.push({ path: at('x-kubernetes-list-map-keys'), rule: 'a map list needs x-kubernetes-list-map-keys' });
    return;
  }
  for (const key of keys) {
    const field = itemFields[key as string];
    if (!isNode(field))
      problems.push({
        path: at(`x-kubernetes-list-map-keys.${key}`),
        rule: 'a map key must be a property of the items',
      });
    else if (!['string', 'integer', 'number', 'boolean'].includes(String(field.type)))
      problems.push({ path: at(`x-kubernetes-list-map-keys.${key}`), rule: 'a map key must be a scalar' });
    else if (!required.includes(key) && field.default === undefined)
      problems.push({ path: at(`x-kubernetes-list-map-keys.${key}`), rule: 'a map key must be required or defaulted' });
  }
}

/** Rules 2 and 3: what junctors may say, and that it is specified outside them too. */
function checkJunctors(node: Node, path: string, problems: SchemaProblem[]): void {
  const at = (suffix: string) => (path === '' ? suffix : `${path}.${suffix}`);
  const intOrStringPattern =
    isIntOrStringAnyOf(node.anyOf) ||
    (Array.isArray(node.allOf) && isNode(node.allOf[0]) && isIntOrStringAnyOf(node.allOf[0].anyOf));
  for (const junctor of JUNCTORS) {
    const list = node[junctor];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push({ path: at(junctor), rule: `${junctor} must be a list of schemas` });
      continue;
    }
    list.forEach((branch, i) => {
      if (!isNode(branch)) return;
      const exempt = intOrStringPattern && (junctor === 'anyOf' || (junctor === 'allOf' && i === 0));
      checkNested(branch, node, at(`${junctor}[${i}]`), exempt, problems);
    });
  }
  if (isNode(node.not)) checkNested(node.not, node, at('not'), false, problems);
}

function isIntOrStringAnyOf(anyOf: unknown): boolean {
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return false;
  const types = anyOf.map((b) => (isNode(b) && Object.keys(b).length === 1 ? b.type : undefined));
  return types[0] === 'integer' && types[1] === 'string';
}

/** A schema inside a junctor, against `outside`, the node it restricts. */
function checkNested(
  branch: Node,
  outside: Node,
  path: string,
  intOrStringExempt: boolean,
  problems: SchemaProblem[],
): void {
  for (const key of FORBIDDEN_IN_JUNCTORS) {
    if (branch[key] === undefined) continue;
    if (key === 'type' && intOrStringExempt) continue;
    problems.push({ path: `${path}.${key}`, rule: `${key} is not allowed inside allOf, anyOf, oneOf or not` });
  }
  for (const key of Object.keys(branch)) {
    if (key.startsWith('x-kubernetes-'))
      problems.push({
        path: `${path}.${key}`,
        rule: 'x-kubernetes extensions are not allowed inside allOf, anyOf, oneOf or not',
      });
  }
  if (branch.anyOf !== undefined && intOrStringExempt) {
    // The first allOf branch of the int-or-string pattern holds the anyOf itself.
  } else {
    for (const junctor of JUNCTORS) {
      const list = branch[junctor];
      if (Array.isArray(list))
        list.forEach((b, i) => isNode(b) && checkNested(b, outside, `${path}.${junctor}[${i}]`, false, problems));
    }
    if (isNode(branch.not)) checkNested(branch.not, outside, `${path}.not`, false, problems);
  }
  if (isNode(branch.properties)) {
    const outsideFields = isNode(outside.properties) ? outside.properties : {};
    for (const [name, child] of Object.entries(branch.properties)) {
      if (name === 'metadata')
        problems.push({
          path: `${path}.properties.metadata`,
          rule: 'metadata must not be specified inside allOf, anyOf, oneOf or not',
        });
      const specified = outsideFields[name];
      if (!isNode(specified))
        problems.push({
          path: `${path}.properties.${name}`,
          rule: 'a field inside a junctor must also be specified outside it',
        });
      else if (isNode(child)) checkNested(child, specified, `${path}.properties.${name}`, false, problems);
    }
  }
  if (isNode(branch.items)) {
    if (!isNode(outside.items))
      problems.push({ path: `${path}.items`, rule: 'items inside a junctor must also be specified outside it' });
    else checkNested(branch.items, outside.items, `${path}.items`, false, problems);
  }
}

function checkPattern(pattern: string, path: string, problems: SchemaProblem[]): void {
  if (/\(\?[=!<]|\\[1-9]/.test(pattern)) {
    problems.push({ path, rule: 'a pattern must not use look-around or back-references (Go RE2)' });
    return;
  }
  try {
    new RegExp(pattern, 'u');
  } catch {
    problems.push({ path, rule: 'a pattern must be a valid regular expression' });
  }
}
