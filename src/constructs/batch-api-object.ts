/**
 * The ApiObject behind a batch construct: a plain `ApiObject` (not cdk8s-plus's L1 classes, see
 * batch-workload.ts) whose JSON is rendered once per synth, because validation and output both
 * need it (synth-scope.ts).
 */
import { ApiObject } from 'cdk8s';
import { oncePerSynth } from './synth-scope';

export class BatchApiObject extends ApiObject {
  public toJson(): any {
    return oncePerSynth(this, () => super.toJson());
  }
}
