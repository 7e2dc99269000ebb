/**
 * The reconciler image's Dockerfile, checked without a container engine: pinned base images, a
 * non-root user that matches the pod ScheduleReconciler deploys, an entrypoint that is what the
 * build produces (package.json's `bin`, compiled from src/cli/main.ts into lib/), a default
 * command the CLI has, and a build context that cannot carry local build output into the image.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { RECONCILER_USER } from '../../../src/reconciler/constructs/schedule-reconciler';

const ROOT = join(__dirname, '..', '..', '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));

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

  test('the Node.js major version is one package.json supports (client-node 1.x runs on 20)', () => {
    const majors = all.filter((i) => i.keyword === 'FROM').map((i) => Number(/:(\d+)\./.exec(i.args)?.[1]));
    const minimum = Number(/>=\s*(\d+)/.exec(packageJson.engines.node)?.[1]);
    for (const major of majors) expect(major).toBeGreaterThanOrEqual(minimum);
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
  });

  test('the entrypoint is the CLI the build produces: package.json bin, compiled from src/cli/main.ts', () => {
    const [node, script] = exec('ENTRYPOINT');
    expect(node).toBe('node');
    expect(script).toBe(packageJson.bin['cdk8s-batch']);
    // tsc writes <outDir>/<path relative to rootDir>: lib/src/cli/main.js from src/cli/main.ts.
    const source = script.replace(new RegExp(`^${tsconfig.compilerOptions.outDir}/`), '').replace(/\.js$/, '.ts');
    expect(existsSync(join(ROOT, tsconfig.compilerOptions.rootDir, source))).toBe(true);
    // ... and the running stage copies that output.
    expect(finalStage.some((i) => i.keyword === 'COPY' && i.args.includes('/app/lib/src'))).toBe(true);
  });

  test('the default command is `reconcile`, a subcommand the CLI has', () => {
    expect(exec('CMD')).toEqual(['reconcile']);
    expect(readFileSync(join(ROOT, 'src', 'cli', 'main.ts'), 'utf8')).toMatch(/^\s+reconcile: \{/m);
  });

  test('.dockerignore admits only what the build needs: no node_modules, lib or dist from the host', () => {
    const lines = dockerignore
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    expect(lines.slice(1).sort()).toEqual(['!package-lock.json', '!package.json', '!src/', '!tsconfig.json']);
    const copied = all
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    const admitted = lines.map((l) => l.replace(/\/$/, ''));
    for (const path of copied) expect(admitted).toContain(`!${path.replace(/\/$/, '')}`);
  });
});
