/**
 * A pod template that sets `overhead` without a `runtimeClassName`. The API server validates the
 * overhead's values and accepts the Job, but every pod is created through the RuntimeClass
 * admission plugin (on by default), which only lets an overhead through when it equals the
 * overhead of the pod's RuntimeClass; with no RuntimeClass, any overhead is refused ("Pod Overhead
 * set without corresponding RuntimeClass defined Overhead"). The Job controller's pod creations
 * fail one after another, and the Job never starts a pod.
 *
 * With a `runtimeClassName`, a hand-written overhead works only if it matches that RuntimeClass
 * exactly, which a manifest alone cannot show; it is not reported.
 */
import { isAbsent, objectOf } from '../support/access';
import { child } from '../support/field-path';
import { podTemplate } from '../support/pod-template';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { neverWorksRule } from './never-works-rule';

export const podOverheadWithoutRuntimeClass = neverWorksRule({
  id: 'pod-overhead-without-runtime-class',
  kinds: BOTH_KINDS,
  summary:
    'The pod template sets overhead but no runtimeClassName: the RuntimeClass admission plugin refuses every pod the Job creates.',
  check(input) {
    const pod = podTemplate(input);
    const overhead = objectOf(pod.spec.overhead);
    if (overhead === undefined || Object.keys(overhead).length === 0 || !isAbsent(pod.spec.runtimeClassName)) {
      return [];
    }
    return [
      {
        field: child(pod.specPath, 'overhead'),
        message:
          'the pod template sets overhead without a runtimeClassName, so the RuntimeClass admission plugin (on by default) refuses every pod the Job creates ("Pod Overhead set without corresponding RuntimeClass defined Overhead").',
        fix: 'Leave overhead out: the RuntimeClass named in runtimeClassName sets it. To run the pods under a runtime with an overhead, set runtimeClassName instead.',
      },
    ];
  },
});

export const RUNTIME_CLASS_NEVER_WORKS_RULES = [podOverheadWithoutRuntimeClass];
