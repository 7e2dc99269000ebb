/**
 * The ApiObject behind a batch construct: a plain `ApiObject` (not cdk8s-plus's L1 classes, see
 * batch-workload.ts) whose JSON is rendered once per synth, because validation and output both
 * need it (synth-scope.ts).
 */
import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ManifestJson } from './manifest-json';
import { oncePerSynth } from './synth-scope';

export class BatchApiObject extends ApiObject {
  /** `finish` adjusts the rendered manifest last (a Job's name and TTL for a GitOps tool, gitops.ts). */
  public constructor(
    scope: Construct,
    id: string,
    props: ApiObjectProps,
    private readonly finish: (manifest: ManifestJson) => ManifestJson = (manifest) => manifest,
  ) {
    super(scope, id, props);
  }

  public toJson(): ManifestJson {
    return oncePerSynth(this, () => {
      // cdk8s types the rendered object `any`; it is always a JSON object.
      const rendered: unknown = super.toJson();
      return this.finish(rendered as ManifestJson);
    });
  }
}
