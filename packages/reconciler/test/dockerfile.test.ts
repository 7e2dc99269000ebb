/**
 * The reconciler image's Dockerfile, checked without a container engine: Node 24 base images pinned
 * to a full version, no package manager in the running stage, a non-root user that matches the pod
 * ScheduleReconciler deploys, an entrypoint that is what the build produces (the runtime package's
 * `bin`, compiled from packages/reconciler/src/main.ts), a default command the CLI has, and a build
 * context that cannot carry local build output into the image.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { RECONCILER_USER } from 'cdk8s-batch/lib/src/reconciler/constructs/schedule-reconciler';

const RUNTIME = join(__dirname, '..');
const ROOT = join(RUNTIME, '..', '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(RUNTIME, 'package.json'), 'utf8'));
const tsconfig = JSON.parse(readFileSync(join(RUNTIME, 'tsconfig.build.json'), 'utf8'));
/** The Node.js major the image runs: the active LTS line the runtime's process test also runs under in CI. */
const IMAGE_NODE_MAJOR = 24;

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** The instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const all = instructions(dockerfile);
/** The instructions of the last stage (the image that runs). */
const finalStage = all.slice(all.map((i) => i.keyword).lastIndexOf('FROM'));
const exec = (keyword: string): string[] => JSON.parse(finalStage.find((i) => i.keyword === keyword)!.args);

describe('Dockerfile', () => {
  test('every base image is pinned to a full version tag (no latest, no floating major)', () => {
    const images = all.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/)[0]);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image).toMatch(/^[a-z0-9./-]+:\d+\.\d+\.\d+[-a-z0-9.]*$|@sha256:[0-9a-f]{64}$/);
  });

  test('every stage is Node.js 24 LTS, a version package.json supports', () => {
    const majors = all.filter((i) => i.keyword === 'FROM').map((i) => Number(/:(\d+)\./.exec(i.args)?.[1]));
    const minimum = Number(/>=\s*(\d+)/.exec(packageJson.engines.node)?.[1]);
    expect(majors.length).toBeGreaterThanOrEqual(2);
    for (const major of majors) {
      expect(major).toBe(IMAGE_NODE_MAJOR);
      expect(major).toBeGreaterThanOrEqual(minimum);
    }
  });

  test('the running stage removes npm and corepack and runs no package manager after that', () => {
    const runs = finalStage.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.join(' ')).toMatch(/rm -rf .*\/usr\/local\/lib\/node_modules\/npm\b/);
    expect(runs.join(' ')).toMatch(/\/usr\/local\/lib\/node_modules\/corepack\b/);
    expect(runs.join(' ')).toMatch(/\/usr\/local\/bin\/npx\b/);
    const entry = [...exec('ENTRYPOINT'), ...exec('CMD')].join(' ');
    expect(entry).not.toMatch(/\bnpm\b|\bnpx\b|\bcorepack\b/);
  });

  test('the running stage is a numeric non-root user, the one the reconciler pod runs as', () => {
    const users = finalStage.filter((i) => i.keyword === 'USER');
    expect(users).toHaveLength(1);
    const [user, group] = users[0].args.split(':').map(Number);
    expect(user).toBe(RECONCILER_USER);
    expect(group).toBe(RECONCILER_USER);
    expect(user).toBeGreaterThan(0);
    // Nothing after USER switches back to root.
    expect(finalStage.slice(finalStage.indexOf(users[0]) + 1).map((i) => i.keyword)).not.toContain('USER');
  });

  test('the build installs from the lockfile, compiles, and drops dev dependencies', () => {
    const runs = all
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm prune --omit=dev\b/);
    expect(packageJson.scripts.build).toMatch(/^tsc\b/);
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(root.scripts.build).toMatch(/^tsc\b.*packages\/reconciler/);
  });

  test('the entrypoint is the command the build produces: the runtime package bin, compiled from src/main.ts', () => {
    const [node, path] = exec('ENTRYPOINT');
    expect(node).toBe('node');
    expect(path.startsWith('packages/reconciler/')).toBe(true);
    const script = path.slice('packages/reconciler/'.length);
    expect(script).toBe(packageJson.bin['cdk8s-batch-reconciler']);
    // tsc writes <outDir>/<path relative to rootDir>: lib/src/cli/main.js from src/cli/main.ts.
    const source = script.replace(new RegExp(`^${tsconfig.compilerOptions.outDir}/`), '').replace(/\.js$/, '.ts');
    expect(existsSync(join(RUNTIME, tsconfig.compilerOptions.rootDir, source))).toBe(true);
    // ... and the running stage copies that output, and the library's it imports.
    expect(finalStage.some((i) => i.keyword === 'COPY' && i.args.includes('/app/packages/reconciler/lib/src'))).toBe(
      true,
    );
    expect(finalStage.some((i) => i.keyword === 'COPY' && i.args.startsWith('--from=build /app/lib/src'))).toBe(true);
  });

  test('the default command is `reconcile`, a subcommand the CLI has', () => {
    expect(exec('CMD')).toEqual(['reconcile']);
    expect(readFileSync(join(RUNTIME, 'src', 'main.ts'), 'utf8')).toMatch(/^\s+reconcile: \{/m);
  });

  test('.dockerignore admits only what the build needs: no node_modules, lib or dist from the host', () => {
    const lines = dockerignore
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    expect(lines.slice(1).sort()).toEqual([
      '!package-lock.json',
      '!package.json',
      '!packages/reconciler/package.json',
      '!packages/reconciler/src/',
      '!packages/reconciler/tsconfig.build.json',
      '!src/',
      '!tsconfig.json',
    ]);
    const copied = all
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    const admitted = lines.map((l) => l.replace(/\/$/, ''));
    for (const path of copied) expect(admitted).toContain(`!${path.replace(/\/$/, '')}`);
  });
});
