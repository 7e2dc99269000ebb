/**
 * The layers of the README's Architecture section, enforced: data flows down and nothing imports upward.
 * schedule/ imports nothing of ours; rules/ may import schedule/; manifests/ (reading manifest
 * files) may import rules/ and schedule/; constructs/ and the reconciler may import rules/ and
 * schedule/, and the reconciler's own constructs (reconciler/constructs/) may also import
 * constructs/; plugin/ (the cdk8s validation plugin) may import manifests/ and below; cli/ may
 * import everything. Only src/index.ts defines the public API.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve, dirname } from 'path';

const SRC = join(__dirname, '..', '..', 'src');

/** The layer of a file, by its folder under src/. */
function layerOf(file: string): string {
  const rel = relative(SRC, file).split('/');
  if (rel[0] === 'reconciler' && rel[1] === 'constructs') return 'reconciler/constructs';
  return rel.length === 1 ? rel[0] : rel[0];
}

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  schedule: ['schedule'],
  rules: ['rules', 'schedule'],
  manifests: ['manifests', 'rules', 'schedule'],
  constructs: ['constructs', 'rules', 'schedule'],
  reconciler: ['reconciler', 'rules', 'schedule'],
  'reconciler/constructs': ['reconciler/constructs', 'reconciler', 'constructs', 'rules', 'schedule'],
  plugin: ['plugin', 'manifests', 'rules', 'schedule'],
  cli: ['cli', 'reconciler', 'reconciler/constructs', 'constructs', 'plugin', 'manifests', 'rules', 'schedule'],
  'index.ts': ['constructs', 'reconciler', 'reconciler/constructs', 'plugin', 'manifests', 'rules', 'schedule'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports (static, dynamic and type-only) of a TypeScript file, resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.[^']*)'/g)].map((m) => m[1]);
  return specifiers.map((s) => resolve(dirname(file), s));
}

test('every import respects the layers of DESIGN.md', () => {
  const violations: string[] = [];
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(50);
  for (const file of files) {
    const from = layerOf(file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      violations.push(`${relative(SRC, file)}: the folder "${from}" is not a layer of DESIGN.md`);
      continue;
    }
    for (const target of importsOf(file)) {
      const to = layerOf(target.endsWith('.ts') ? target : `${target}.ts`);
      if (!allowed.includes(to))
        violations.push(`${relative(SRC, file)} imports ${relative(SRC, target)} (${from} -> ${to})`);
    }
  }
  expect(violations).toEqual([]);
});

test('only src/index.ts re-exports the public API', () => {
  const barrels = sourceFiles(SRC).filter(
    (f) => f !== join(SRC, 'index.ts') && /^export \* from/m.test(readFileSync(f, 'utf8')),
  );
  expect(barrels.map((f) => relative(SRC, f))).toEqual([]);
});
