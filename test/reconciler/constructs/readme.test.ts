/**
 * The README text of the reconciler deployment (docs/reconciler-deploy.md) against the
 * code: the synth errors it shows are the ones synthesis prints for those props, and the YAML it
 * shows is the example's.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { buildExamplesApp } from '../../../examples/app';
import { ScheduledJob } from '../../../src';
import { CONTAINER, quietApp, thrownMessage } from '../../constructs/helpers';

const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'reconciler-deploy.md'), 'utf8');

/** The fenced blocks of one language, in order. */
const blocks = (language: string) =>
  [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

test('the synth errors shown are what synthesis reports for those props', () => {
  const chart = new Chart(quietApp(), 'reports');
  new ScheduledJob(chart, 'export', {
    schedule: '0 9 * * 1-5',
    additionalSchedules: ['0 25 * * 6'],
    bufferLimit: 5,
    jitter: Duration.hours(30),
    exclusions: [{ hours: '22-30' }],
    containers: [CONTAINER],
    securityContext: { user: 1000 },
  });
  const actual = thrownMessage(() => Testing.synth(chart))!;
  const shown = blocks('text').find((b) => b.startsWith('Synthesis failed'))!;
  const lines = shown
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(Number(/with (\d+) errors/.exec(shown)![1]));
  for (const line of lines) expect(actual).toContain(line.trim().replace(/ \.\.\.$/, ''));
});

test("the ScheduledJob YAML shown is the example's (apart from the shortened pod template)", () => {
  const app = buildExamplesApp();
  app.synthYaml();
  const example = (app.node.findChild('scheduled-job') as Chart).toJson().find((o: any) => o.kind === 'ScheduledJob');
  const shown = parse(
    blocks('yaml')
      .find((b) => b.includes('kind: ScheduledJob'))!
      .replace('template: { ... }', 'template: {}'),
  );
  expect({ ...shown, spec: { ...shown.spec, jobTemplate: undefined } }).toEqual({
    ...example,
    spec: { ...example.spec, jobTemplate: undefined },
  });
  expect(shown.spec.jobTemplate.metadata).toEqual(example.spec.jobTemplate.metadata);
});
