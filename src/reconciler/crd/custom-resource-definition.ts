/**
 * A CustomResourceDefinition of our API group (scheduling.cdk8s-batch.io) as plain data, in wire
 * names: namespaced, one version served and stored. `scheduledJobCrd` and `jobTemplateCrd` differ
 * only in their names, schema, columns and whether something writes a status.
 */
import { SCHEDULING_GROUP, SCHEDULING_VERSION } from '../resource/api-resources';
import { JsonSchema } from './json-schema';

/** apiextensions.k8s.io/v1 CustomResourceColumnDefinition. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'integer' | 'number' | 'string' | 'boolean' | 'date';
  /** A simple JSONPath into the object, e.g. `.spec.schedule`. */
  readonly jsonPath: string;
  readonly description: string;
  /** 0 (the default) shows in `kubectl get`; higher only in `kubectl get -o wide`. */
  readonly priority?: number;
}

/** The CRD as written to the manifest (apiextensions.k8s.io/v1, wire names). */
export interface CustomResourceDefinitionObject {
  readonly apiVersion: 'apiextensions.k8s.io/v1';
  readonly kind: 'CustomResourceDefinition';
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly group: string;
    readonly scope: 'Namespaced' | 'Cluster';
    readonly names: {
      readonly kind: string;
      readonly listKind: string;
      readonly plural: string;
      readonly singular: string;
      readonly shortNames: readonly string[];
      readonly categories: readonly string[];
    };
    readonly versions: readonly {
      readonly name: string;
      readonly served: boolean;
      readonly storage: boolean;
      readonly schema: { readonly openAPIV3Schema: JsonSchema };
      /** A status subresource, for kinds something reconciles. */
      readonly subresources?: { readonly status: Record<string, never> };
      readonly additionalPrinterColumns: readonly PrinterColumn[];
    }[];
  };
}

export interface ResourceDefinition {
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  /** e.g. `all`, for `kubectl get all`. */
  readonly categories: readonly string[];
  /** The whole object's openAPIV3Schema. */
  readonly schema: JsonSchema;
  readonly printerColumns: readonly PrinterColumn[];
  /** Spec and status written apart, `metadata.generation` moving with the spec only. */
  readonly statusSubresource: boolean;
}

export function namespacedCrd(definition: ResourceDefinition): CustomResourceDefinitionObject {
  const { kind, plural, singular, shortNames, categories } = definition;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${SCHEDULING_GROUP}` },
    spec: {
      group: SCHEDULING_GROUP,
      scope: 'Namespaced',
      names: { kind, listKind: `${kind}List`, plural, singular, shortNames, categories },
      versions: [
        {
          name: SCHEDULING_VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: definition.schema },
          ...(definition.statusSubresource ? { subresources: { status: {} } } : {}),
          additionalPrinterColumns: definition.printerColumns,
        },
      ],
    },
  };
}
