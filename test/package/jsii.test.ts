/**
 * The package compiles with jsii 6 (issue 3: a jsii-ready public API). jsii builds in a scratch
 * copy of the package, so it cannot disturb lib/ while other tests run from it.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

test('the public API compiles with jsii 6, without warnings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-jsii-'));
  try {
    for (const entry of ['src', 'package.json', 'README.md'])
      cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const jsii = join(ROOT, 'node_modules', 'jsii', 'bin', 'jsii');
    const result = spawnSync(
      process.execPath,
      [jsii, '--generate-tsconfig', 'tsconfig.jsii.json', '--silence-warnings=reserved-word', '--fail-on-warnings'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0)
      throw new Error(
        `jsii failed:\n${output
          .split('\n')
          .filter((l) => /error|warning/i.test(l))
          .slice(0, 30)
          .join('\n')}`,
      );
    expect(output).toMatch(/Errors: 0/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
