import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { BatchPolicy, CronJob, Job } from '../../src';
import * as registry from '../../src/rules/registry';
import { RESOURCES, CONTAINER, chartIn, objectOf, quietApp, thrownMessage } from './helpers';

const POD = { containers: [CONTAINER], securityContext: { user: 1000 } };

function captureStderr(run: () => void): string {
  let text = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    text += String(chunk);
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return text;
}

describe('escape hatches are validated after they apply', () => {
  test('a JSON patch that breaks the object is caught with its field path and rule', () => {
    const chart = chartIn();
    const job = new CronJob(chart, 'cron', { ...POD, schedule: '0 3 * * *' });
    ApiObject.of(job).addJsonPatch(JsonPatch.replace('/spec/jobTemplate/spec/template/spec/restartPolicy', 'Always'));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/cron\] spec\.jobTemplate\.spec\.template\.spec\.restartPolicy: .* \[job-restart-policy-invalid\] Fix: /,
    );
  });

  test('a JSON patch that adds a field the target release lacks is caught', () => {
    const chart = chartIn();
    const job = new Job(chart, 'job', POD);
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/scheduling', { schedulingGroup: 'gang' }));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/job\] spec\.scheduling: .*\[field-unavailable-in-version\]/,
    );
  });

  test('a JSON patch that adds a misspelt field is caught, with the field it meant', () => {
    const chart = chartIn();
    const job = new Job(chart, 'job', POD);
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/imagePullPolcy', 'Always'));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/job\] spec\.template\.spec\.containers\[0\]\.imagePullPolcy: Container has no field "imagePullPolcy".*\[field-unknown\] Fix: Did you mean "imagePullPolicy"\?/,
    );
  });

  test('a JSON patch on a path that does not exist is reported, not thrown from deep inside cdk8s', () => {
    const chart = chartIn();
    const job = new Job(chart, 'job', POD);
    ApiObject.of(job).addJsonPatch(JsonPatch.replace('/spec/nope/deeper', 1));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /^Validation failed with the following errors:\n\s+\[test\/job\] \(manifest\): could not render the manifest: .* \[construct-render-failed\] Fix: /,
    );
  });

  test('a Job without containers is reported at synth', () => {
    const chart = chartIn();
    new Job(chart, 'job', { securityContext: { user: 1000 } });
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/job\] \(manifest\): could not render the manifest: PodSpec must have at least 1 container \[construct-render-failed\]/,
    );
  });

  test('a Duration that is not whole seconds is reported, not thrown', () => {
    const chart = chartIn();
    new CronJob(chart, 'cron', { ...POD, schedule: '0 3 * * *', startingDeadline: Duration.millis(1500) });
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/cron\] \(manifest\): could not render the manifest: .*1500.* \[construct-render-failed\]/,
    );
  });

  test('a JSON patch that changes the kind is an error, and the Job rules still judge the object', () => {
    const chart = chartIn();
    const job = new Job(chart, 'job', POD);
    ApiObject.of(job).addJsonPatch(
      JsonPatch.replace('/kind', 'Pod'),
      JsonPatch.replace('/spec/template/spec/restartPolicy', 'Always'),
    );
    const message = thrownMessage(() => Testing.synth(chart));
    expect(message).toMatch(
      /\[test\/job\] kind: the manifest's kind is "Pod", but this construct emits "Job".* \[construct-kind-changed\] Fix: /,
    );
    expect(message).toMatch(/\[test\/job\] spec\.template\.spec\.restartPolicy: .*\[job-restart-policy-invalid\]/);
  });

  test('a JSON patch that changes the apiVersion of a CronJob is an error', () => {
    const chart = chartIn();
    const cron = new CronJob(chart, 'cron', { ...POD, schedule: '0 3 * * *' });
    ApiObject.of(cron).addJsonPatch(JsonPatch.replace('/apiVersion', 'batch/v1beta1'));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/cron\] apiVersion: .*"batch\/v1beta1".*"batch\/v1".* \[construct-kind-changed\]/,
    );
  });

  test('an unchanged kind and apiVersion give no such finding', () => {
    const chart = chartIn();
    new Job(chart, 'job', POD);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('metadata added after construction is validated too', () => {
    const chart = chartIn();
    const job = new Job(chart, 'job', POD);
    job.metadata.addLabel('bad label', 'x');
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/job\] metadata\.labels: .*"bad label".*\[metadata-labels-invalid\]/,
    );
  });
});

describe('synth fails once, listing every error of every construct', () => {
  test('errors of several constructs in several charts come in one exception, in construct order', () => {
    const app = quietApp();
    new CronJob(chartIn(app, 'one'), 'a', { ...POD, schedule: '61 * * * *' });
    const two = chartIn(app, 'two');
    new CronJob(two, 'b', { ...POD, schedule: '0 0 * * 7' });
    new Job(two, 'c', { ...POD, backoffLimit: -1 });
    const lines = thrownMessage(() => app.synth())!
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['[one/a]', '[two/b]', '[two/c]']);
    expect(lines[2]).toMatch(/spec\.backoffLimit: .*\[job-negative-value\] Fix: /);
  });
});

describe('each object is validated once per synth', () => {
  test('App.synth with two charts runs the rules once per object, not once per pass', () => {
    const app = quietApp();
    new Job(chartIn(app, 'one'), 'a', POD);
    new CronJob(chartIn(app, 'two'), 'b', { ...POD, schedule: '0 3 * * *' });
    const spy = jest.spyOn(registry, 'validateBatchObject');
    try {
      app.synth();
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  test('App.synth renders every batch object before it runs the rules over them, back to back', () => {
    const app = quietApp();
    const chart = chartIn(app, 'one');
    new Job(chart, 'a', POD);
    new CronJob(chart, 'b', { ...POD, schedule: '0 3 * * *' });
    new Job(chartIn(app, 'two'), 'c', POD);
    const events: string[] = [];
    // The unspied method, read off the prototype before the spy replaces it.
    const render = Object.getOwnPropertyDescriptor(ApiObject.prototype, 'toJson')!.value as (
      this: ApiObject,
    ) => unknown;
    const validate = registry.validateBatchObject;
    const renders = jest.spyOn(ApiObject.prototype, 'toJson').mockImplementation(function (this: ApiObject) {
      if (this.apiVersion === 'batch/v1') events.push(`render ${this.kind}`);
      return render.call(this);
    });
    const rules = jest.spyOn(registry, 'validateBatchObject').mockImplementation((object, options) => {
      events.push('rules');
      return validate(object, options);
    });
    try {
      app.synth();
    } finally {
      renders.mockRestore();
      rules.mockRestore();
    }
    expect(events).toEqual(['render Job', 'render CronJob', 'render Job', 'rules', 'rules', 'rules']);
  });

  test('a batch construct created while the app is synthesized, after the others were validated, is validated too', () => {
    const app = quietApp();
    const chart = chartIn(app);
    new Job(chart, 'first', POD);
    // Validated after `first`: the Job it creates misses the pass that validated `first`.
    new Construct(chart, 'later').node.addValidation({
      validate: () => {
        if (!chart.node.tryFindChild('late')) new Job(chart, 'late', { ...POD, backoffLimit: -1 });
        return [];
      },
    });
    expect(thrownMessage(() => app.synth())).toMatch(/\[test\/late\] spec\.backoffLimit: .*\[job-negative-value\]/);
  });

  test('a construct changed between two synths is validated afresh', () => {
    const chart = chartIn();
    const job = new Job(chart, 'job', POD);
    expect(() => Testing.synth(chart)).not.toThrow();
    ApiObject.of(job).addJsonPatch(JsonPatch.replace('/spec/backoffLimit', -3));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(/\[job-negative-value\]/);
  });
});

describe('warnings', () => {
  function appWithWarnings(printWarnings?: boolean) {
    const app = Testing.app();
    new BatchPolicy(app, { containerResources: RESOURCES, printWarnings });
    const chart = new Chart(app, 'chart');
    new Job(chart, 'b-second', { ...POD, containers: [{ image: 'busybox' }] });
    new Job(chart, 'a-first', { ...POD, containers: [{ image: 'busybox:latest' }] });
    return app;
  }

  test('print to stderr once per synth, in construct order, and do not fail the synth', () => {
    const app = appWithWarnings();
    const text = captureStderr(() => expect(() => app.synthYaml()).not.toThrow());
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^cdk8s-batch warning: \[chart\/b-second\] spec\.template\.spec\.containers\[0\]\.image: .* \[container-image-not-pinned\] Fix: /,
    );
    expect(lines[1]).toMatch(/^cdk8s-batch warning: \[chart\/a-first\] .*\[container-image-not-pinned\]/);
  });

  test('are printed identically on every run (deterministic)', () => {
    expect(captureStderr(() => appWithWarnings().synthYaml())).toBe(captureStderr(() => appWithWarnings().synthYaml()));
  });

  test('a second synth of the unchanged app does not repeat them', () => {
    const app = appWithWarnings();
    captureStderr(() => app.synthYaml());
    expect(captureStderr(() => app.synthYaml())).toBe('');
  });

  test('printWarnings: false keeps stderr quiet', () => {
    expect(captureStderr(() => appWithWarnings(false).synthYaml())).toBe('');
  });
});

describe('suppression', () => {
  test('suppressRule keeps the reason in the manifest and silences that rule only', () => {
    const chart = chartIn(quietApp({ printWarnings: true }));
    const job = new Job(chart, 'job', { ...POD, containers: [{ image: 'busybox', resources: {} }] });
    job.suppressRule(
      'container-image-not-pinned',
      'The mirror re-tags busybox nightly; digests are pinned by the mirror.',
    );
    const text = captureStderr(() => Testing.synth(chart));
    const manifest = objectOf(chart, 'Job');
    expect(manifest.metadata.annotations['cdk8s-batch.io/suppress-container-image-not-pinned']).toMatch(/mirror/);
    expect(text).not.toContain('container-image-not-pinned');
    expect(text).toContain('[container-resources-undeclared]');
  });

  test('a suppression without a reason is reported and does not suppress', () => {
    const chart = chartIn(quietApp({ printWarnings: true }));
    const job = new Job(chart, 'job', { ...POD, containers: [{ image: 'busybox' }] });
    job.suppressRule('container-image-not-pinned', ' ');
    const text = captureStderr(() => Testing.synth(chart));
    expect(text).toContain('[suppression-missing-reason]');
    expect(text).toContain('[container-image-not-pinned]');
  });

  test('an API-server rule cannot be suppressed', () => {
    const chart = chartIn();
    const cron = new CronJob(chart, 'cron', { ...POD, schedule: '0 0 * * 7' });
    cron.suppressRule('cronjob-schedule-invalid', 'we know');
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(/\[cronjob-schedule-invalid\]/);
  });
});
