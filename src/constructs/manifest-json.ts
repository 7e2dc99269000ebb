/**
 * Rendered manifests as the constructs read them. cdk8s types what it renders as `any`
 * (`ApiObject.toJson()`, `ApiObjectMetadataDefinition.toJson()`, `Lazy.any`); these helpers take
 * it as `unknown` once, at that boundary, and give it the shape of the parts we read, with every
 * other field passed through untouched.
 */
import { ApiObject, ApiObjectMetadataDefinition, Lazy } from 'cdk8s';
import { oncePerSynth } from './synth-scope';

/** Any JSON object: its fields are read through narrowing. */
export type JsonFields = { readonly [field: string]: unknown };

/** The metadata fields the constructs read. */
export type ObjectMetaJson = {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
  readonly [field: string]: unknown;
};

/** A rendered object: its identity and metadata typed, its spec a JSON object. */
export type ManifestJson = {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ObjectMetaJson;
  readonly spec?: JsonFields;
  readonly [field: string]: unknown;
};

/** A container's environment variable as rendered. */
export interface EnvVarJson {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: unknown;
}

/** The parts of a rendered container the constructs read and write; the rest passes through. */
export type ContainerJson = {
  readonly name?: string;
  readonly env?: EnvVarJson[];
  readonly volumeMounts?: unknown[];
  readonly command?: string[];
  readonly args?: string[];
  readonly [field: string]: unknown;
};

/** The parts of a rendered pod template the constructs read and write; the rest passes through. */
export type PodTemplateJson = {
  readonly metadata?: ObjectMetaJson;
  readonly spec?: {
    readonly volumes?: { readonly name?: string }[];
    readonly initContainers?: ContainerJson[];
    readonly containers?: ContainerJson[];
    readonly [field: string]: unknown;
  };
  readonly [field: string]: unknown;
};

/** A template from `BatchWorkload.renderPodTemplate` (typed as a plain map for jsii), read as a pod template. */
export function podTemplateOf(template: unknown): PodTemplateJson | undefined {
  return template as PodTemplateJson | undefined;
}

/** `value` when it is a JSON object, else an empty one (for reading fields that may be absent). */
export function fieldsOf(value: unknown): JsonFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonFields) : {};
}

/** `value` when it is an array, else an empty one. */
export function itemsOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** What cdk8s renders for an ApiObject: always a JSON object. */
export function renderedManifest(apiObject: ApiObject): ManifestJson {
  const json: unknown = apiObject.toJson();
  return json as ManifestJson;
}

/**
 * The labels of rendered metadata, if any: rendered once per synth (a workload's render reads
 * them for the object and again for its pod template), every time outside one.
 */
export function renderedLabels(metadata: ApiObjectMetadataDefinition): { readonly [key: string]: string } | undefined {
  return oncePerSynth(metadata, () => {
    const json: unknown = metadata.toJson();
    return (json as ObjectMetaJson).labels;
  });
}

/** A field value cdk8s resolves at synth time to what `produce` returns. */
export function lazyValue(produce: () => unknown): unknown {
  const value: unknown = Lazy.any({ produce });
  return value;
}
