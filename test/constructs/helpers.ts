/** Shared set-up for the construct tests: a quiet app, synthesized objects, and their findings. */
import { App, Chart, Size, Testing } from 'cdk8s';
import { ContainerProps, Cpu } from 'cdk8s-plus-28';
import { Finding, Severity } from '../../src/rules/finding';
import { validateBatchObject } from '../../src/rules/registry';
import { BatchPolicy, BatchPolicyProps } from '../../src';

/** Requests and a memory limit, so the resources rule has nothing to say. */
export const RESOURCES = {
  cpu: { request: Cpu.millis(100) },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
};

/** A container the rules have nothing against: pinned image, resources from the policy. */
export const CONTAINER: ContainerProps = { name: 'task', image: 'registry.example/task:1.2.3' };

/** An app whose policy gives resources and does not print warnings (tests read findings directly). */
export function quietApp(policy: BatchPolicyProps = {}): App {
  const app = Testing.app();
  new BatchPolicy(app, { printWarnings: false, containerResources: RESOURCES, ...policy });
  return app;
}

export function chartIn(app: App = quietApp(), id = 'test'): Chart {
  return new Chart(app, id);
}

/** Every object of the chart, as written to YAML. */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The single object of `kind` in the chart's output. */
export function objectOf(chart: Chart, kind: string): any {
  const objects = synth(chart).filter((o) => o.kind === kind);
  if (objects.length !== 1) throw new Error(`expected one ${kind}, found ${objects.length}`);
  return objects[0];
}

/** Findings of the registry for an object, with a fixed clock. */
export function findingsOf(object: unknown, kubernetesVersion = '1.28'): Finding[] {
  return validateBatchObject(object, { kubernetesVersion, now: Date.UTC(2026, 0, 1) });
}

export function errorsOf(object: unknown, kubernetesVersion = '1.28'): Finding[] {
  return findingsOf(object, kubernetesVersion).filter((f) => f.severity === Severity.ERROR);
}

/** The message of what `fn` throws (undefined when it does not throw). */
export function thrownMessage(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
