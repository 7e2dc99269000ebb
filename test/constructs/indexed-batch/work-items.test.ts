import { execFileSync } from 'child_process';
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { IndexedBatch, IndexedBatchProps, WorkItems } from '../../../src';
import { CONFIG_MAP_MAX_BYTES, indexSlice } from '../../../src/constructs/indexed-batch/work-items';
import { CONTAINER, chartIn, findingsOf, objectOf, quietApp, synth, thrownMessage } from '../helpers';

const COMMAND_CONTAINER = { ...CONTAINER, command: ['/app/process'], args: ['--input', 'a b'] };

function build(props: Partial<IndexedBatchProps>) {
  const chart = chartIn(quietApp());
  new IndexedBatch(chart, 'batch', {
    completions: 3,
    containers: [COMMAND_CONTAINER],
    securityContext: { user: 1000 },
    ...props,
  });
  return chart;
}

const synthError = (props: Partial<IndexedBatchProps>) => thrownMessage(() => Testing.synth(build(props)));
const envNames = (container: any) => container.env.map((v: any) => v.name);

describe('the split', () => {
  test('slices are contiguous, cover every item once, and differ in size by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 5000 }), (completions, items) => {
        const slices = Array.from({ length: completions }, (_, i) => indexSlice(i, items, completions));
        expect(slices[0].start).toBe(0);
        expect(slices[completions - 1].end).toBe(items);
        for (let i = 1; i < completions; i++) expect(slices[i].start).toBe(slices[i - 1].end);
        const sizes = slices.map((s) => s.end - s.start);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('WorkItems.list', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const chart = build({ workItems: WorkItems.list(items), initContainers: [{ ...CONTAINER, name: 'prepare' }] });
  const configMap = objectOf(chart, 'ConfigMap');
  const job = objectOf(chart, 'Job');
  const pod = job.spec.template.spec;

  test('a ConfigMap holds one key per index with its slice, one item per line', () => {
    expect(configMap.data).toEqual({ 'index-0': 'a\nb\n', 'index-1': 'c\nd\n', 'index-2': 'e\nf\ng\n' });
    expect(configMap.immutable).toBe(true);
  });

  test('the ConfigMap is named by its content, so a changed list is a new ConfigMap', () => {
    const other = objectOf(build({ workItems: WorkItems.list([...items, 'h']) }), 'ConfigMap');
    expect(other.metadata.name).not.toBe(configMap.metadata.name);
    expect(objectOf(build({ workItems: WorkItems.list(items) }), 'ConfigMap').metadata.name).toBe(
      configMap.metadata.name,
    );
  });

  test('it is mounted read-only in every container and init container', () => {
    expect(pod.volumes).toContainEqual({ name: 'work-items', configMap: { name: configMap.metadata.name } });
    for (const c of [...pod.containers, ...pod.initContainers]) {
      expect(c.volumeMounts).toContainEqual({ name: 'work-items', mountPath: '/etc/work-items', readOnly: true });
    }
  });

  test("each pod's file is named through JOB_COMPLETION_INDEX, declared first so the reference expands", () => {
    const env = pod.containers[0].env;
    expect(env.slice(0, 3)).toEqual([
      {
        name: 'JOB_COMPLETION_INDEX',
        valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
      },
      { name: 'TOTAL_CHUNKS', value: '3' },
      { name: 'WORK_ITEMS_FILE', value: '/etc/work-items/index-$(JOB_COMPLETION_INDEX)' },
    ]);
  });

  test('the command is left alone and the Job is lint-clean', () => {
    expect(pod.containers[0].command).toEqual(['/app/process']);
    expect(findingsOf(job)).toEqual([]);
  });

  test('mount path and variable name are configurable', () => {
    const c = objectOf(
      build({ workItems: WorkItems.list(items, { mountPath: '/work', fileVariable: 'SHARD_FILE' }) }),
      'Job',
    ).spec.template.spec.containers[0];
    expect(c.env).toContainEqual({ name: 'SHARD_FILE', value: '/work/index-$(JOB_COMPLETION_INDEX)' });
    expect(c.volumeMounts).toContainEqual({ name: 'work-items', mountPath: '/work', readOnly: true });
  });

  test('fewer items than indexes is a prop error', () => {
    expect(synthError({ workItems: WorkItems.list(['a', 'b']) })).toMatch(
      /\[test\/batch\] workItems: 2 items for 3 indexes leaves some indexes with nothing to do\. \[indexed-batch-work-items-invalid\] Fix: /,
    );
  });

  test('an item with a line break, or an empty one, is a prop error', () => {
    expect(synthError({ workItems: WorkItems.list(['a', 'b\nc', 'd']) })).toMatch(
      /workItems: item 1 is empty or contains a line break/,
    );
    expect(synthError({ workItems: WorkItems.list(['a', '', 'd']) })).toMatch(/workItems: item 1 is empty/);
  });

  test('a list over the 1 MiB ConfigMap limit is a prop error; one just under it passes', () => {
    const under = Array.from({ length: 3 }, () => 'x'.repeat(Math.floor(CONFIG_MAP_MAX_BYTES / 3) - 1));
    expect(synthError({ workItems: WorkItems.list(under) })).toBeUndefined();
    const over = [...under.slice(0, 2), 'x'.repeat(Math.floor(CONFIG_MAP_MAX_BYTES / 3) + 10)];
    expect(synthError({ workItems: WorkItems.list(over) })).toMatch(
      /workItems: the item lists add up to \d+ bytes, over the 1048576-byte \(1 MiB\) limit/,
    );
  });

  test('multi-byte items are counted in bytes, not characters', () => {
    const items3 = Array.from({ length: 3 }, () => 'é'.repeat(Math.floor(CONFIG_MAP_MAX_BYTES / 4)));
    expect(synthError({ workItems: WorkItems.list(items3) })).toMatch(/over the 1048576-byte/);
  });

  test('a mount path over /tmp or relative is a prop error', () => {
    expect(synthError({ workItems: WorkItems.list(['a', 'b', 'c'], { mountPath: '/tmp' }) })).toMatch(
      /mountPath "\/tmp" must be an absolute path/,
    );
    expect(synthError({ workItems: WorkItems.list(['a', 'b', 'c'], { mountPath: 'work' }) })).toMatch(
      /mountPath "work"/,
    );
  });
});

describe('WorkItems.range', () => {
  const job = objectOf(build({ workItems: WorkItems.range(10) }), 'Job');
  const container = job.spec.template.spec.containers[0];
  const script: string = container.command[2];

  test('the command runs through the wrapper, with the original command and args as positional arguments', () => {
    expect(container.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(container.command.slice(3)).toEqual(['index-range', '/app/process', '--input', 'a b']);
    expect(container.args).toBeUndefined();
    expect(envNames(container)).toEqual(['TOTAL_CHUNKS', 'WORK_ITEM_COUNT']);
  });

  test('the wrapper is valid sh', () => {
    execFileSync('sh', ['-n', '-c', script]);
  });

  test('run for every index, the wrapper exports exactly the slices and passes the arguments through unchanged', () => {
    const bounds = [0, 1, 2].map((i) => {
      const out = execFileSync(
        'sh',
        [
          '-c',
          script,
          'index-range',
          'sh',
          '-c',
          'echo "$WORK_ITEM_START $WORK_ITEM_END|$1|$2"',
          'x',
          '--input',
          'a b; rm -rf /',
        ],
        {
          env: { PATH: process.env.PATH, JOB_COMPLETION_INDEX: String(i) },
        },
      )
        .toString()
        .trim();
      return out;
    });
    expect(bounds).toEqual(['0 3|--input|a b; rm -rf /', '3 6|--input|a b; rm -rf /', '6 10|--input|a b; rm -rf /']);
  });

  test('without JOB_COMPLETION_INDEX the wrapper refuses to start the program', () => {
    expect(() =>
      execFileSync('sh', ['-c', script, 'index-range', 'true'], { env: { PATH: process.env.PATH }, stdio: 'pipe' }),
    ).toThrow();
  });

  test('the Job is lint-clean', () => {
    expect(findingsOf(job)).toEqual([]);
  });

  test('a container without a command is a prop error naming it', () => {
    expect(synthError({ containers: [CONTAINER], workItems: WorkItems.range(10) })).toMatch(
      /spec\.template\.spec\.containers\[0\]\.command: container "task" has no command, so WorkItems\.range cannot start it.* \[indexed-batch-container-env-conflict\] Fix: /,
    );
  });

  test('hostile or clashing variable names are prop errors, and nothing is emitted for them', () => {
    expect(synthError({ workItems: WorkItems.range(10, { startVariable: 'X=1; rm -rf / #' }) })).toMatch(
      /workItems: "X=1; rm -rf \/ #" is not a usable environment variable name/,
    );
    expect(synthError({ workItems: WorkItems.range(10, { endVariable: 'WORK_ITEM_START' }) })).toMatch(
      /"WORK_ITEM_START" is used twice/,
    );
    expect(synthError({ workItems: WorkItems.range(10, { countVariable: 'TOTAL_CHUNKS' }) })).toMatch(
      /"TOTAL_CHUNKS" is used twice/,
    );
  });

  test('fewer items than indexes, or a fraction, is a prop error', () => {
    expect(synthError({ workItems: WorkItems.range(2) })).toMatch(/workItems: a range of 2 items for 3 indexes/);
    expect(synthError({ workItems: WorkItems.range(7.5) })).toMatch(/workItems: a range of 7\.5 items/);
  });

  test('variable names are configurable', () => {
    const c = objectOf(
      build({ workItems: WorkItems.range(9, { startVariable: 'FROM', endVariable: 'UNTIL', countVariable: 'ROWS' }) }),
      'Job',
    ).spec.template.spec.containers[0];
    expect(c.command[2]).toContain('export FROM=$(( i * 9 / 3 )) UNTIL=$(( (i + 1) * 9 / 3 ))');
    expect(envNames(c)).toEqual(['TOTAL_CHUNKS', 'ROWS']);
  });
});

describe('synthesis', () => {
  test('a list batch emits its ConfigMap beside the Job', () => {
    expect(
      synth(build({ workItems: WorkItems.list(['a', 'b', 'c']) }))
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['ConfigMap', 'Job', 'ServiceAccount']);
  });
});
