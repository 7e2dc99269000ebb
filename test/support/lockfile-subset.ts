/**
 * A package-lock.json for another project, cut from this repository's lockfile: the packages a set
 * of top-level dependencies needs, at the same places in node_modules and the same versions and
 * integrity hashes. `npm ci --offline` then installs that project from the npm cache this
 * repository's own `npm ci` filled, with no network and no version chosen at install time.
 *
 * A subset of an npm tree keeps every resolution: node looks for a dependency in the nearest
 * node_modules first, then walks up; every package a resolution found is kept, and a place that
 * was empty in the full tree is empty in the subset too.
 */

/** One entry of a version 3 lockfile's `packages`. */
export interface LockedPackage {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: { readonly [name: string]: string };
  readonly optionalDependencies?: { readonly [name: string]: string };
  readonly peerDependencies?: { readonly [name: string]: string };
  readonly peerDependenciesMeta?: { readonly [name: string]: { readonly optional?: boolean } };
  readonly [field: string]: unknown;
}

export interface Lockfile {
  readonly name?: string;
  readonly version?: string;
  readonly lockfileVersion: number;
  readonly requires?: boolean;
  readonly packages: { readonly [path: string]: LockedPackage };
}

/** Flags npm derives from the root project, which differs in the subset. */
const ROOT_RELATIVE_FLAGS = ['dev', 'optional', 'devOptional', 'peer'];

/** Where node finds `name` from the package at `from` ('' is the project). */
export function resolveIn(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

/** The dependencies npm installs for a package: regular, optional when present, and required peers. */
function installedDependencies(entry: LockedPackage): { name: string; optional: boolean }[] {
  const required = Object.keys({ ...entry.dependencies }).map((name) => ({ name, optional: false }));
  const optional = Object.keys({ ...entry.optionalDependencies }).map((name) => ({ name, optional: true }));
  const peers = Object.keys({ ...entry.peerDependencies }).map((name) => ({
    name,
    optional: entry.peerDependenciesMeta?.[name]?.optional === true,
  }));
  return [...required, ...optional, ...peers];
}

/**
 * The lockfile of a project whose top-level packages are `topLevel` (name -> the path of the package
 * to use in `source`; an npm alias such as `node_modules/types-node-14` lands at `node_modules/<name>`).
 * `project` is the project's own entry (name, version, dependencies, devDependencies).
 */
export function lockfileSubset(
  source: Lockfile,
  project: LockedPackage,
  topLevel: { readonly [name: string]: string },
): Lockfile {
  const packages: { [path: string]: LockedPackage } = { '': project };
  const pending: { target: string; from: string }[] = Object.entries(topLevel).map(([name, from]) => ({
    target: `node_modules/${name}`,
    from,
  }));
  const placed = new Map<string, string>();
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const { target, from } = next;
    if (placed.has(target)) {
      if (placed.get(target) !== from) throw new Error(`${target} is wanted both as ${placed.get(target)} and ${from}`);
      continue;
    }
    const entry = source.packages[from];
    if (!entry) throw new Error(`${from} is not in the lockfile`);
    placed.set(target, from);
    const copy: { [field: string]: unknown } = { ...entry };
    for (const flag of ROOT_RELATIVE_FLAGS) delete copy[flag];
    if (target !== from) delete copy.name; // an alias placed under its real name
    packages[target] = copy;
    for (const dependency of installedDependencies(entry)) {
      const found = resolveIn(source.packages, from, dependency.name);
      if (found === undefined) {
        if (dependency.optional) continue;
        throw new Error(`${dependency.name}, needed by ${from}, is not in the lockfile`);
      }
      if (target !== from && found.startsWith(`${from}/`))
        throw new Error(`${found} is nested under the alias ${from}; moving it is not supported`);
      // Top-level packages chosen by the project win over the source's own top level.
      const topLevelName = found === `node_modules/${dependency.name}` ? dependency.name : undefined;
      if (topLevelName !== undefined && topLevel[topLevelName] !== undefined) continue;
      pending.push({ target: found, from: found });
    }
  }
  return { name: project.name, version: project.version, lockfileVersion: 3, requires: true, packages };
}
