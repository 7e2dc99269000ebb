/**
 * The props the manual gives each `QueueTrigger` factory are the props of its interface: the manual
 * once listed KEDA's metadata keys (`queueURL`, `awsRegion`) where the props are `queueUrl` and
 * `region`. The interfaces are read from the source with the TypeScript compiler.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const MANUAL = readFileSync(join(ROOT, 'docs', 'patterns-indexed-queue-monitoring.md'), 'utf8');
const SOURCE = join(ROOT, 'src', 'constructs', 'queue-worker', 'queue-trigger.ts');

/** Each factory (a static method) and the members of its props interface, the type of its one parameter. */
function factoryProps(): Map<string, string[]> {
  const file = ts.createSourceFile(SOURCE, readFileSync(SOURCE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, string[]>();
  const factories = new Map<string, string>();
  file.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node))
      interfaces.set(
        node.name.text,
        node.members.map((m) => m.name!.getText(file)),
      );
    if (ts.isClassDeclaration(node) && node.name?.text === 'QueueTrigger')
      for (const member of node.members)
        if (ts.isMethodDeclaration(member) && ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static)
          factories.set(member.name.getText(file), member.parameters[0].type!.getText(file));
  });
  return new Map([...factories].map(([factory, type]) => [factory, interfaces.get(type) ?? []]));
}

/** The names the manual writes in `QueueTrigger.<factory>({ a | b, c })`. */
function documentedProps(factory: string): string[] | undefined {
  const match = new RegExp(`\`QueueTrigger\\.${factory}\\(\\{([^}]*)\\}\\)\``).exec(MANUAL);
  return match?.[1].split(/[,|]/).map((name) => name.trim());
}

describe('the manual names the QueueTrigger props as the code spells them', () => {
  const props = factoryProps();

  test('every factory is found', () => {
    expect([...props.keys()].sort()).toEqual(['awsSqs', 'kafka', 'rabbitMq', 'redisList']);
  });

  test.each([...factoryProps().keys()])('QueueTrigger.%s', (factory) => {
    expect(documentedProps(factory)?.sort()).toEqual([...props.get(factory)!].sort());
  });

  test('the SQS props are queueUrl, queueUrlFromEnv and region, not KEDA metadata keys', () => {
    expect(documentedProps('awsSqs')).toEqual(expect.arrayContaining(['queueUrl', 'queueUrlFromEnv', 'region']));
    expect(documentedProps('awsSqs')).not.toEqual(expect.arrayContaining(['queueURL']));
  });
});
