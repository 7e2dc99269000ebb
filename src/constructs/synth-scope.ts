/**
 * Work done once per synth instead of once per validation pass.
 *
 * cdk8s's `App.synth()` validates every construct of the app once, then again for every chart it
 * writes (`Chart.toJson()` validates the whole app before rendering the chart). Our validation
 * renders and checks the manifest, so an app with K charts would render each object K+2 times
 * and validate it K+1 times. Within one `synth()` or `synthYaml()` call no user code runs between
 * those passes, so the rendered JSON and its findings cannot change: we keep them for the
 * duration of the call. Outside such a call (e.g. `Testing.synth(chart)`, or `toJson()` by hand)
 * nothing is kept, so a construct changed between two calls is always rendered afresh.
 *
 * The scope is opened by wrapping the app's own `synth` and `synthYaml` (once per app, when its
 * first batch construct is created); the wrappers only open and close the scope around the
 * original methods.
 */
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';

let active: Map<object, unknown> | undefined;
const wrapped = new WeakSet<object>();

/** Makes every `synth()`/`synthYaml()` of the app that `scope` belongs to a memoisation scope. */
export function enableSynthScope(scope: IConstruct): void {
  const app = scope.node.root;
  if (!(app instanceof App) || wrapped.has(app)) return;
  wrapped.add(app);
  const synth = app.synth.bind(app);
  const synthYaml = app.synthYaml.bind(app);
  app.synth = () => withinSynth(synth);
  app.synthYaml = () => withinSynth(synthYaml);
}

function withinSynth<T>(run: () => T): T {
  const outer = active;
  active = new Map();
  try {
    return run();
  } finally {
    active = outer;
  }
}

/** Whether a `synth()` or `synthYaml()` call is under way, so work done once per synth is kept. */
export function inSynthScope(): boolean {
  return active !== undefined;
}

/** `compute()`, computed once per `key` within a synth; every time outside one. */
export function oncePerSynth<T>(key: object, compute: () => T): T {
  if (!active) return compute();
  if (active.has(key)) return active.get(key) as T;
  const value = compute();
  active.set(key, value);
  return value;
}
