/**
 * `cdk8s-batch policy`'s naming options: what the API server would refuse at `kubectl apply` is
 * refused up front, in one line with exit 2. (The policies themselves: test/admission.)
 */
import { parse } from 'yaml';
import { runCli } from '../../src/cli/main';
import { fakeIo } from '../support/fake-io';

async function run(args: string[]) {
  const io = fakeIo();
  const code = await runCli(['policy', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** The names of the policies and bindings written as a JSON List. */
async function names(args: string[]): Promise<string[]> {
  const r = await run([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return parse(r.stdout).items.map((m: { metadata: { name: string } }) => m.metadata.name);
}

describe('--name-prefix', () => {
  test('names every policy and binding: a prefix that leaves them DNS-1123 subdomains, up to 253 characters', async () => {
    expect(await names(['--name-prefix', 'team.batch-2'])).toEqual([
      'team.batch-2-jobs',
      'team.batch-2-jobs',
      'team.batch-2-cronjobs',
      'team.batch-2-cronjobs',
    ]);
    // The longest name is the prefix and "-cronjobs".
    expect((await names(['--name-prefix', 'a'.repeat(244)]))[2]).toHaveLength(253);
  });

  test.each<[string, string, string, string]>([
    ['empty', '', '-jobs', 'must start and end with an alphanumeric character'],
    ['capitals and slashes', 'UPPER_bad/../', 'UPPER_bad/../-jobs', 'lower case alphanumeric characters'],
    ['ending in a dot', 'team.', 'team.-jobs', 'must start and end with an alphanumeric character'],
    ['245 characters', 'a'.repeat(245), `${'a'.repeat(245)}-cronjobs`, 'must be no more than 253 characters'],
  ])('%s: refused in one line, naming the names it would spoil', async (_label, prefix, name, problem) => {
    const r = await run(['--name-prefix', prefix]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `the name prefix ${JSON.stringify(prefix)} gives the name ${JSON.stringify(name)}, which is refused by the API server: `,
    );
    expect(r.stderr).toContain(problem);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('--namespace-label', () => {
  test('a qualified name and a label value, an empty value too, select the namespaces', async () => {
    const r = await run([
      '--format',
      'json',
      '--namespace-label',
      'example.com/team=data',
      '--namespace-label',
      'batch=',
    ]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout).items[1].spec.matchResources.namespaceSelector.matchLabels).toEqual({
      'example.com/team': 'data',
      batch: '',
    });
  });

  test.each<[string, string]>([
    ['bad key!=v', 'the namespace label key "bad key!" is refused by the API server: name part must consist of'],
    ['Example.com/team=v', 'the namespace label key "Example.com/team" is refused by the API server: prefix part'],
    [`${'k'.repeat(64)}=v`, 'name part must be no more than 63 characters'],
    ['team=a b', 'the namespace label value "a b" is refused by the API server: a valid label must be'],
    ['team=a\nb', 'the namespace label value "a\\nb" is refused by the API server'],
    [`team=${'v'.repeat(64)}`, 'must be no more than 63 characters'],
  ])('%j is refused in one line', async (pair, message) => {
    const r = await run(['--namespace-label', pair]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('a key given twice is refused: matchLabels holds one value per key', async () => {
    const r = await run(['--namespace-label', 'team=a', '--namespace-label', 'team=b']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'cdk8s-batch policy: --namespace-label team is given twice\n' });
  });
});
