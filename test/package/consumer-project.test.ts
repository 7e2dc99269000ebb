/**
 * The published package in the project a new user has: `cdk8s init typescript-app` (cdk8s-cli's own
 * template, its package.json dependencies and tsconfig as they are: cdk8s-plus-33, @types/node 14,
 * no skipLibCheck), then `npm install cdk8s-batch cdk8s-plus-28` with the tarball `npm pack` makes.
 * The app uses cdk8s-plus-33 for its own objects and cdk8s-batch (whose pod API is cdk8s-plus-28)
 * beside it, as the README describes; `tsc --noEmit` and `cdk8s synth` must pass.
 *
 * No network: every package comes from the npm cache this repository's `npm ci` filled, installed
 * by `npm ci --offline` from a lockfile cut from ours (same versions, integrity hashes and layout;
 * npm checks it against the template's ranges) plus the tarball's entry. A plain `npm install
 * --offline` would need the registry's full package documents, which `npm ci` does not cache, and
 * would pick the newest versions in range rather than ours. Linking our node_modules instead would
 * skip npm's install of the tarball: its peer and bundled dependencies and install-script warnings.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { parseAllDocuments } from 'yaml';
import { LockedPackage, Lockfile, lockfileSubset } from '../support/lockfile-subset';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', 'cdk8s-cli');
const TEMPLATE = join(CLI, 'templates', 'typescript-app');
/** The template's files a project keeps (the rest are sscaff's hook and the help text). */
const TEMPLATE_FILES = ['package.json', 'tsconfig.json', 'cdk8s.yaml', 'jest.config.js', 'main.test.ts'];
/**
 * Template dependencies whose version in our tree does not fit the template's range come from a
 * pinned npm alias among our dev dependencies: the template wants @types/node ^14, we build with 20.
 */
const ALIASED: { [name: string]: string } = { '@types/node': 'node_modules/types-node-14' };

const APP = `import { Construct } from 'constructs';
import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Cpu, Secret } from 'cdk8s-plus-28';
import {
  BatchPolicy, CronJob, KedaAuthentication, PodIdentityProvider, QueueConnection, QueueTrigger, QueueWorkerJob, Schedule,
  Synthesis,
} from 'cdk8s-batch';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    // The app's own objects use cdk8s-plus-33, as the template does.
    const queue = new kplus.Secret(this, 'queue', { stringData: { url: 'https://sqs.eu-west-1.amazonaws.com/1/jobs' } });
    new CronJob(this, 'nightly-report', {
      schedule: Schedule.hashed('H 4 * * *'),
      timeZone: 'Europe/Berlin',
      securityContext: { user: 65534, group: 65534 },
      containers: [{ name: 'report', image: 'busybox:1.36.1', command: ['sh', '-c', 'date'] }],
    });
    // cdk8s-batch takes cdk8s-plus-28 objects: the cdk8s-plus-33 Secret is referred to by name.
    new QueueWorkerJob(this, 'jobs', {
      queue: QueueConnection.fromSecret(Secret.fromSecretName(this, 'queue-ref', queue.name), { QUEUE_URL: 'url' }),
      keda: {
        triggers: [
          QueueTrigger.awsSqs({
            queueUrlFromEnv: 'QUEUE_URL',
            region: 'eu-west-1',
            authentication: KedaAuthentication.podIdentity(PodIdentityProvider.AWS),
          }),
        ],
      },
      securityContext: { user: 65534, group: 65534 },
      containers: [{ name: 'worker', image: 'registry.example/worker:1.0.0' }],
    });
  }
}

const app = new App();
new BatchPolicy(app, {
  containerResources: { cpu: { request: Cpu.millis(50) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) } },
});
new MyChart(app, 'consumer');
Synthesis.run(app);
`;

/** The values cdk8s-cli's init gives the template: versions of the packages it ships with. */
function templateValues(): { [key: string]: string } {
  const cli = JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8'));
  const versionSeenByCli = (name: string): string =>
    JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [CLI] }), 'utf8')).version;
  return {
    $base: 'consumer',
    cdk8s_core_version: versionSeenByCli('cdk8s'),
    cdk8s_plus_version: versionSeenByCli('cdk8s-plus-33'),
    constructs_version: cli.dependencies.constructs.replace('^', ''),
    cdk8s_cli_spec: `^${cli.version}`,
  };
}

function fillTemplate(text: string, values: { [key: string]: string }): string {
  return text.replace(/\{\{\s*([$\w]+)\s*\}\}/g, (_, key: string) => {
    if (values[key] === undefined) throw new Error(`the template asks for ${key}, which this test does not know`);
    return values[key];
  });
}

/** npm's environment without the npm_* variables of the `npm test` running us (they name our project). */
function npmEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('npm_') || key === 'npm_config_cache' || key === 'npm_config_userconfig') env[key] = value;
  return { ...env, CDK8S_CHECK_UPGRADE: 'false' };
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: npmEnvironment(), maxBuffer: 64 << 20 });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status === 0) return output;
  const hint = output.includes('ENOTCACHED')
    ? "\nThe npm cache lacks a package of this repository's lockfile: run `npm ci` here first (the test installs offline from what it caches).\n"
    : '';
  throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:${hint}\n${output.slice(-6000)}`);
}

/** `npm pack` in a scratch copy of the package (its prepack builds lib/ there, not under running tests). */
function packLibrary(scratch: string): string {
  const source = join(scratch, 'cdk8s-batch');
  mkdirSync(source);
  for (const entry of ['src', 'package.json', 'README.md', 'tsconfig.json'])
    cpSync(join(ROOT, entry), join(source, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  run('npm', ['pack', '--pack-destination', scratch], source);
  const [tarball] = readdirSync(scratch).filter((f) => f.endsWith('.tgz'));
  return join(scratch, tarball);
}

/** The lockfile entries of the packed library as `npm install ../<tarball>` records them, its bundled dependencies with it. */
function tarballEntries(tarball: string, ours: Lockfile): { [path: string]: LockedPackage } {
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const { version, license, bin, engines, dependencies, peerDependencies } = manifest;
  const bundleDependencies: string[] = manifest.bundleDependencies ?? manifest.bundledDependencies ?? [];
  const entries: { [path: string]: LockedPackage } = {
    'node_modules/cdk8s-batch': {
      version,
      resolved: `file:../${basename(tarball)}`,
      integrity,
      bundleDependencies,
      license,
      bin,
      engines,
      dependencies,
      peerDependencies,
    },
  };
  for (const name of bundleDependencies) {
    const locked = ours.packages[`node_modules/${name}`];
    if (locked.dependencies) throw new Error(`the bundled ${name} has dependencies; list them here too`);
    entries[`node_modules/cdk8s-batch/node_modules/${name}`] = { ...locked, inBundle: true };
  }
  return entries;
}

/**
 * The template filled as cdk8s-cli's init fills it, plus what the README tells a user to install:
 * `npm install cdk8s-batch cdk8s-plus-28` (the package from the tarball).
 */
function createConsumerProject(scratch: string, tarball: string): string {
  const project = join(scratch, 'consumer');
  mkdirSync(project);
  const values = templateValues();
  for (const file of TEMPLATE_FILES)
    writeFileSync(join(project, file), fillTemplate(readFileSync(join(TEMPLATE, file), 'utf8'), values));
  writeFileSync(join(project, 'main.ts'), APP);
  const ours: Lockfile = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  const fromTemplate = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  const plus28 = ours.packages['node_modules/cdk8s-plus-28'];
  manifest.dependencies['cdk8s-batch'] = `file:../${basename(tarball)}`;
  manifest.dependencies['cdk8s-plus-28'] = `^${plus28.version}`;
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest, null, 2));
  const topLevel: { [name: string]: string } = { 'cdk8s-plus-28': 'node_modules/cdk8s-plus-28' };
  for (const name of fromTemplate) topLevel[name] = ALIASED[name] ?? `node_modules/${name}`;
  const { dependencies, devDependencies } = manifest;
  const lock = lockfileSubset(
    ours,
    { name: manifest.name, version: manifest.version, dependencies, devDependencies },
    topLevel,
  );
  const packages = { ...lock.packages, ...tarballEntries(tarball, ours) };
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ ...lock, packages }, null, 2));
  return project;
}

describe('a project made from cdk8s-cli typescript-app template', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cdk8s-batch-consumer-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let project: string;
  let installOutput: string;

  beforeAll(() => {
    const tarball = packLibrary(scratch);
    project = createConsumerProject(scratch, tarball);
    installOutput = run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project);
  }, 600_000);

  test('keeps the template tsconfig: no skipLibCheck', () => {
    const tsconfig = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined();
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(
      expect.arrayContaining(['cdk8s', 'cdk8s-plus-33', 'cdk8s-plus-28', 'cdk8s-batch']),
    );
  });

  test('installing the package runs and announces no install script', () => {
    expect(installOutput).not.toMatch(/install-scripts|install scripts/i);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'cdk8s-batch', 'package.json'), 'utf8'));
    expect(Object.keys(installed.scripts ?? {})).not.toEqual(
      expect.arrayContaining(['prepare', 'preinstall', 'install', 'postinstall']),
    );
  });

  test('the published declarations name only packages the project installs', () => {
    const declarations = readdirSync(join(project, 'node_modules', 'cdk8s-batch', 'lib'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.d.ts'));
    const imported = new Set(
      declarations.flatMap((f) =>
        [
          ...readFileSync(join(project, 'node_modules', 'cdk8s-batch', 'lib', f), 'utf8').matchAll(
            /(?:from|import\()\s*'([^.'][^']*)'/g,
          ),
        ].map((m) => m[1]),
      ),
    );
    expect([...imported].sort()).toEqual(['cdk8s', 'cdk8s-plus-28', 'constructs', 'stream', 'util']);
  });

  test('tsc --noEmit passes with the template tsconfig', () => {
    run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit'], project);
  }, 300_000);

  test('cdk8s synth writes the chart: cdk8s-plus-33 and cdk8s-batch objects side by side', () => {
    run(process.execPath, [join(project, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth'], project);
    const documents = parseAllDocuments(readFileSync(join(project, 'dist', 'consumer.k8s.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    const kinds = documents.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['Secret', 'CronJob', 'ScaledJob', 'TriggerAuthentication']));
    const scaledJob = documents.find((d) => d.kind === 'ScaledJob');
    const queueSecret = documents.find((d) => d.kind === 'Secret');
    expect(scaledJob.spec.jobTargetRef.template.spec.containers[0].env).toContainEqual({
      name: 'QUEUE_URL',
      valueFrom: { secretKeyRef: { name: queueSecret.metadata.name, key: 'url' } },
    });
  }, 300_000);
});
