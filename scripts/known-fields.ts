/**
 * Writes src/rules/data/known-fields.json: every field name of batch/v1 Job and CronJob, and of
 * every type below them, as the Go types of the releases the library bundles declare them (the
 * names the API server's strict decoder knows). Run it when a release is added, with one directory
 * per release holding the types.go files of the packages involved, named after them:
 *
 *   git -C <k8s.io/api clone> show v0.36.3:core/v1/types.go > 1.36/core.go           (batch/v1 too)
 *   git -C <k8s.io/apimachinery clone> show v0.36.3:pkg/apis/meta/v1/types.go > 1.36/meta.go
 *   (and scheduling.go from scheduling/v1alpha3 once the Job's `scheduling` field refers to it)
 *   node lib/scripts/known-fields.js 1.35=<dir> 1.36=<dir> '1.37@master of 2026-07-24, after v0.37.0-beta.0=<dir>'
 *
 * A release's types come from its tag, or, while it has none, from k8s.io/api's master after its
 * beta.0 tag (code freeze: no JSON field of 1.35 or 1.36 changed between beta.0 and the release);
 * `@...` says where, in the data's `source`. A snapshot taken before code freeze would lack the
 * fields the release gains later, and the rule would report them: do not use one.
 *
 * It reads struct declarations and their `json:"..."` tags only; each field is recorded with the
 * shape of its value: a JSON scalar kind (`string`, `bool`, `int32`, `int64`, `float`, `quantity`,
 * `int-or-string`, `time`, `bytes`: how Go's JSON decoder reads it), any JSON (`*`), a map with open
 * keys (`map:` + the shape of its values), a struct (by type name, qualified by its package only
 * where two packages use the name) or a list of one of these (`[]` + a shape). A field the oldest
 * release lacks records the first release that has it; the union of all releases is kept (a field a
 * later release removed is field-unavailable-in-version's to report).
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join } from 'path';

/** A field's value: a scalar kind, '*' any JSON, 'map:' + a shape, a struct type name, or '[]' + a shape. */
type Shape = string;

interface GoPackage {
  /** Struct types: their fields in order; an inline (embedded) struct has the name ''. */
  readonly structs: Map<string, { readonly name: string; readonly type: string }[]>;
  /** Named non-struct types: `type RestartPolicy string`, `type ResourceList map[...]...`. */
  readonly aliases: Map<string, string>;
  /** Import alias to package key (core, batch, meta, scheduling). */
  readonly imports: Map<string, string>;
}

/** Packages by the end of their import path; their types.go is `<key>.go`. */
const PACKAGES: ReadonlyArray<readonly [string, string]> = [
  ['/core/v1', 'core'],
  ['/batch/v1', 'batch'],
  ['/apis/meta/v1', 'meta'],
  ['/scheduling/v1alpha3', 'scheduling'],
];
/** Go's basic types as the JSON decoder reads them (int is 64 bits on every platform Kubernetes ships for). */
const SCALARS: Readonly<Record<string, Shape>> = {
  string: 'string',
  bool: 'bool',
  int: 'int64',
  int32: 'int32',
  int64: 'int64',
  uint32: 'uint32',
  uint64: 'uint64',
  float32: 'float',
  float64: 'float',
};
/**
 * Types with their own JSON decoding, by package key or import name: a quantity is a string or a
 * number, an IntOrString a string or an int32, a time an RFC 3339 string, FieldsV1 any JSON.
 */
const SPECIAL: Readonly<Record<string, Shape>> = {
  'resource.Quantity': 'quantity',
  'intstr.IntOrString': 'int-or-string',
  'types.UID': 'string',
  'meta.Time': 'time',
  'meta.MicroTime': 'time',
  'meta.Duration': 'duration',
  'meta.FieldsV1': '*',
};

function parsePackage(source: string): GoPackage {
  const structs = new Map<string, { name: string; type: string }[]>();
  const aliases = new Map<string, string>();
  const imports = new Map<string, string>();
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const imported = /^\s*(\w+\s+)?"([^"]+)"\s*$/.exec(lines[i]);
    if (imported) {
      const entry = PACKAGES.find(([suffix]) => imported[2].endsWith(suffix));
      const alias = imported[1]?.trim() ?? imported[2].split('/').pop()!;
      imports.set(alias, entry?.[1] ?? alias);
    }
    const alias = /^type (\w+) ([^\s{]+)\s*$/.exec(lines[i]);
    if (alias) aliases.set(alias[1], alias[2]);
    const struct = /^type (\w+) struct \{/.exec(lines[i]);
    if (!struct) continue;
    const fields: { name: string; type: string }[] = [];
    for (i++; i < lines.length && !lines[i].startsWith('}'); i++) {
      const field = /^\t(?:(\w+)\s+)?([\w.*[\]]+)\s+`[^`]*json:"([^"]*)"/.exec(lines[i]);
      if (!field) continue;
      const [jsonName, ...options] = field[3].split(',');
      if (jsonName === '-') continue;
      fields.push({ name: options.includes('inline') ? '' : jsonName, type: field[2] });
    }
    structs.set(struct[1], fields);
  }
  return { structs, aliases, imports };
}

/** The known fields of each struct reachable from the roots (keys `<package>.<Type>`), in one release. */
function knownFields(
  packages: ReadonlyMap<string, GoPackage>,
  roots: readonly string[],
): Map<string, Map<string, Shape>> {
  const out = new Map<string, Map<string, Shape>>();
  /** A type expression as written in package `pkg`, as its package key and name. */
  const resolve = (pkg: string, type: string): [string, string] => {
    const dot = type.indexOf('.');
    if (dot < 0) return [pkg, type];
    const alias = type.slice(0, dot);
    return [packages.get(pkg)!.imports.get(alias) ?? alias, type.slice(dot + 1)];
  };
  const shapeOf = (pkg: string, type: string): Shape => {
    const t = type.replace(/^\*/, '');
    if (t.startsWith('[]')) return t === '[]byte' ? 'bytes' : `[]${shapeOf(pkg, t.slice(2))}`;
    // Map keys are strings (or string types); the values have a shape of their own.
    if (t.startsWith('map[')) return `map:${shapeOf(pkg, t.slice(t.indexOf(']') + 1))}`;
    if (SCALARS[t] !== undefined) return SCALARS[t];
    const [owner, name] = resolve(pkg, t);
    const special = SPECIAL[`${owner}.${name}`];
    if (special !== undefined) return special;
    const goPackage = packages.get(owner);
    if (goPackage === undefined) throw new Error(`no types for package ${owner} (${type} in ${pkg})`);
    const alias = goPackage.aliases.get(name);
    if (alias !== undefined) return shapeOf(owner, alias);
    if (!goPackage.structs.has(name)) throw new Error(`unknown type ${type} in ${pkg}`);
    visit(owner, name);
    return `${owner}.${name}`;
  };
  const fieldsOf = (pkg: string, name: string): Map<string, Shape> => {
    const fields = new Map<string, Shape>();
    for (const field of packages.get(pkg)!.structs.get(name)!) {
      if (field.name !== '') {
        fields.set(field.name, shapeOf(pkg, field.type));
        continue;
      }
      // An inline struct's fields are the outer struct's own.
      const [owner, inner] = resolve(pkg, field.type.replace(/^\*/, ''));
      for (const [k, v] of fieldsOf(owner, inner)) fields.set(k, v);
    }
    return fields;
  };
  function visit(pkg: string, name: string): void {
    const key = `${pkg}.${name}`;
    if (out.has(key)) return;
    out.set(key, new Map());
    out.set(key, fieldsOf(pkg, name));
  }
  for (const root of roots) visit('batch', root);
  return out;
}

function main(args: readonly string[]): void {
  const releases = args.map((arg) => {
    const [name, dir] = arg.split('=');
    const [release, from] = name.split('@');
    const packages = new Map(
      readdirSync(dir)
        .filter((f) => f.endsWith('.go'))
        .map((f) => [basename(f, '.go'), parsePackage(readFileSync(join(dir, f), 'utf8'))]),
    );
    const minor = Number(release.split('.')[1]);
    return { minor, from, fields: knownFields(packages, ['Job', 'CronJob']) };
  });
  const union = new Map<string, Map<string, Shape>>();
  const since = new Map<string, Map<string, number>>();
  for (const { minor, fields } of releases) {
    for (const [type, typeFields] of fields) {
      if (!union.has(type)) union.set(type, new Map());
      for (const [field, shape] of typeFields) {
        union.get(type)!.set(field, shape);
        if (releases[0].fields.get(type)?.has(field) || since.get(type)?.has(field)) continue;
        if (!since.has(type)) since.set(type, new Map());
        since.get(type)!.set(field, minor);
      }
    }
  }
  // A type is named without its package unless another package has a type of the same name.
  const bare = (key: string) => key.slice(key.indexOf('.') + 1);
  const counts = new Map<string, number>();
  for (const key of union.keys()) counts.set(bare(key), (counts.get(bare(key)) ?? 0) + 1);
  const nameOf = (key: string) => (counts.get(bare(key)) === 1 ? bare(key) : key);
  const shapeName = (shape: Shape): Shape =>
    shape.startsWith('[]')
      ? `[]${shapeName(shape.slice(2))}`
      : shape.startsWith('map:')
        ? `map:${shapeName(shape.slice(4))}`
        : union.has(shape)
          ? nameOf(shape)
          : shape;
  const sortedObject = <T>(entries: Iterable<[string, T]>) =>
    Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const data = {
    releases: releases.map((r) => r.minor),
    source: `Go types of k8s.io/api and k8s.io/apimachinery for Kubernetes ${releases.map((r) => `1.${r.minor}${r.from ? ` (${r.from})` : ''}`).join(', ')}, read by scripts/known-fields.ts`,
    types: sortedObject(
      [...union].map(([type, fields]): [string, Record<string, Shape>] => [
        nameOf(type),
        sortedObject([...fields].map(([f, s]): [string, Shape] => [f, shapeName(s)])),
      ]),
    ),
    since: sortedObject(
      [...since].map(([type, fields]): [string, Record<string, number>] => [nameOf(type), sortedObject(fields)]),
    ),
  };
  writeFileSync(
    join(__dirname, '..', '..', 'src', 'rules', 'data', 'known-fields.json'),
    `${JSON.stringify(data, null, 1)}\n`,
  );
}

if (require.main === module) main(process.argv.slice(2));
