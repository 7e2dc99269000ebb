/**
 * The architecture of the README's Architecture section, enforced.
 *
 * Two packages: the construct library (`src/`, package cdk8s-batch) and the reconciler runtime
 * (`packages/reconciler/src/`, package cdk8s-batch-reconciler). The runtime imports the library
 * (as `cdk8s-batch/lib/src/...`); the library never imports the runtime, a Kubernetes client or a
 * metrics library.
 *
 * Layers of the library (data flows down, nothing imports upward): schedule/ imports nothing of
 * ours; rules/ may import schedule/; manifests/ (reading manifest files) may import rules/ and
 * schedule/; constructs/ and the reconciler model (reconciler/plan, resource, crd, sync) may import
 * rules/ and schedule/, and the reconciler's constructs (reconciler/constructs/) may also import
 * constructs/; plugin/ may import manifests/ and below; map/ (the fleet schedule map, pure) may
 * import manifests/, the reconciler model, rules/ and schedule/, and constructs/ may import map/
 * (Synthesis writes the map beside the manifests); admission/ (the admission-policy generator,
 * pure) may import rules/ and schedule/, and constructs/ may import it; cli/ may import
 * everything. Only src/index.ts defines the public API.
 *
 * No product file is test code: every file under either package's src/ is reached from an entry
 * point (the library's public API and command, the runtime's command and its API for Node code).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const RUNTIME_SRC = join(ROOT, 'packages', 'reconciler', 'src');
const LIBRARY_IMPORT = 'cdk8s-batch/lib/src/';

/** The layer of a library file, by its folder under src/. */
function layerOf(file: string): string {
  const rel = relative(SRC, file).split('/');
  if (rel[0] === 'reconciler' && rel[1] === 'constructs') return 'reconciler/constructs';
  return rel[0];
}

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  schedule: ['schedule'],
  rules: ['rules', 'schedule'],
  manifests: ['manifests', 'rules', 'schedule'],
  admission: ['admission', 'rules', 'schedule'],
  constructs: ['constructs', 'admission', 'map', 'rules', 'schedule'],
  reconciler: ['reconciler', 'rules', 'schedule'],
  'reconciler/constructs': ['reconciler/constructs', 'reconciler', 'constructs', 'rules', 'schedule'],
  plugin: ['plugin', 'manifests', 'rules', 'schedule'],
  map: ['map', 'manifests', 'reconciler', 'rules', 'schedule'],
  cli: [
    'cli',
    'admission',
    'map',
    'reconciler',
    'reconciler/constructs',
    'constructs',
    'plugin',
    'manifests',
    'rules',
    'schedule',
  ],
  'index.ts': ['constructs', 'reconciler', 'reconciler/constructs', 'plugin', 'manifests', 'rules', 'schedule'],
};

/** Packages only the runtime may use: the library stays light for every cdk8s user. */
const RUNTIME_ONLY_PACKAGES = ['@kubernetes/client-node', 'prom-client'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports (static, dynamic, type-only, require). */
function specifiersOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\(|require\()\s*'([^']*)'/g)].map((m) => m[1]);
}

/** The files a file imports, in either package; the runtime's library imports resolve to the library's sources. */
function importedFiles(file: string): string[] {
  return specifiersOf(file).flatMap((specifier) => {
    const base = specifier.startsWith('.')
      ? resolve(dirname(file), specifier)
      : specifier.startsWith(LIBRARY_IMPORT)
        ? join(SRC, specifier.slice(LIBRARY_IMPORT.length))
        : undefined;
    if (base === undefined) return [];
    const candidates = [`${base}.ts`, join(base, 'index.ts'), base];
    return candidates.filter((c) => c.endsWith('.ts') && existsSync(c)).slice(0, 1);
  });
}

test('every import of the library respects its layers', () => {
  const violations: string[] = [];
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(50);
  for (const file of files) {
    const from = layerOf(file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      violations.push(`${relative(SRC, file)}: the folder "${from}" is not a layer of the library`);
      continue;
    }
    for (const target of importedFiles(file)) {
      if (!target.startsWith(`${SRC}/`)) {
        violations.push(`${relative(SRC, file)} imports ${relative(ROOT, target)}, outside the library`);
        continue;
      }
      const to = layerOf(target);
      if (!allowed.includes(to))
        violations.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (${from} -> ${to})`);
    }
  }
  expect(violations).toEqual([]);
});

test('the library never uses a Kubernetes client or a metrics library, nor declares them', () => {
  const users = sourceFiles(SRC).filter((file) =>
    specifiersOf(file).some((s) => RUNTIME_ONLY_PACKAGES.some((p) => s === p || s.startsWith(`${p}/`))),
  );
  expect(users.map((f) => relative(ROOT, f))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const declared = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...(manifest.bundledDependencies ?? []),
  ];
  expect(declared.filter((d) => RUNTIME_ONLY_PACKAGES.includes(d))).toEqual([]);
});

test('the runtime reaches the library only through the package, and never test code', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(RUNTIME_SRC)) {
    for (const specifier of specifiersOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(`${RUNTIME_SRC}/`))
        violations.push(`${relative(ROOT, file)} imports ${specifier}: outside the runtime's src/`);
    }
  }
  expect(violations).toEqual([]);
});

test('no product file is imported only by tests: every src/ file of both packages is reached from an entry point', () => {
  const entries = [
    join(SRC, 'index.ts'),
    join(SRC, 'cli', 'main.ts'),
    join(RUNTIME_SRC, 'main.ts'),
    join(RUNTIME_SRC, 'index.ts'),
  ];
  const reached = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    pending.push(...importedFiles(file));
  }
  const unreached = [...sourceFiles(SRC), ...sourceFiles(RUNTIME_SRC)].filter((f) => !reached.has(f));
  expect(unreached.map((f) => relative(ROOT, f))).toEqual([]);
});

test('only src/index.ts re-exports the public API', () => {
  const barrels = sourceFiles(SRC).filter(
    (f) => f !== join(SRC, 'index.ts') && /^export \* from/m.test(readFileSync(f, 'utf8')),
  );
  expect(barrels.map((f) => relative(SRC, f))).toEqual([]);
});
