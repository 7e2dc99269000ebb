/**
 * The runtime under the Node.js the image runs (24 LTS): CI installs it from the npm registry
 * (tools/node24) and names it in RUNTIME_NODE, so the image's runtime is tested, not assumed. The
 * library keeps running on the Node.js of this machine; the process tests in this folder run the
 * compiled runtime under RUNTIME_NODE.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';
import { RUNTIME_MAIN, RUNTIME_NODE } from '../support/runtime-process';

const IMAGE_NODE_MAJOR = 24;

function runtime(args: string[]) {
  return spawnSync(RUNTIME_NODE, [RUNTIME_MAIN, ...args], { encoding: 'utf8', timeout: 30_000 });
}

test('CI names the image Node.js in RUNTIME_NODE; the version used is printed', () => {
  const version = spawnSync(RUNTIME_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`the runtime's process tests run under Node.js ${version} (${RUNTIME_NODE})`);
  if (process.env.CI === 'true') {
    expect(process.env.RUNTIME_NODE).toBeTruthy();
    expect(Number(/^v(\d+)\./.exec(version)?.[1])).toBe(IMAGE_NODE_MAJOR);
  }
});

describe('a CLI smoke under RUNTIME_NODE', () => {
  test('next prints fire times', () => {
    const r = runtime([
      'next',
      '30 2 * * *',
      '--time-zone',
      'Europe/Berlin',
      '--after',
      '2026-03-28T00:00:00Z',
      '--count',
      '2',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, next: ['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z'] });
  });

  test('lint checks a manifest and exits 1 on an error finding', () => {
    const r = runtime([
      'lint',
      join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lint', 'tree'),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    expect(JSON.parse(r.stdout).checked).toBeGreaterThan(0);
  });

  test('a cluster command without a reachable cluster says so in one line and exits 2', () => {
    const r = runtime(['trigger', 'nightly', '--kubeconfig', join(__dirname, 'no-such-kubeconfig.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^cdk8s-batch trigger: cannot load the cluster configuration from .*no-such-kubeconfig\.yaml/,
    );
  });
});
