/**
 * The ClusterClient over a real API server, through @kubernetes/client-node 1.x. Thin on purpose:
 * every kind goes through CustomObjectsApi (which addresses any /apis/<group>/<version>/<plural>
 * and keeps objects as plain JSON, where the typed APIs would turn timestamps into Dates) and
 * watches through client-node's Watch; request shaping and error mapping live in
 * kubernetes-requests.ts.
 *
 * client-node is an ES module and this package is CommonJS, so it is loaded with a dynamic
 * `import()`, which TypeScript's node16 module setting leaves native.
 */
import { ClusterClient, DeleteOptions, ObjectList, Selection, WatchHandle, WatchHandler, WatchOptions } from './client';
import { KubeObject, ObjectOf, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { existsSync } from 'fs';
import { defaultConfigurationSource, noConfigurationMessage } from './default-configuration';
import { formatLabelSelector } from './labels';
import { collectionPath, completeListItem, toClusterError, watchLine, watchQuery } from './kubernetes-requests';
import { RESOURCE_TYPES } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';
import type * as ClientNodeModule from '@kubernetes/client-node' with { 'resolution-mode': 'import' };

type ClientNode = typeof ClientNodeModule;
type KubeConfig = InstanceType<ClientNode['KubeConfig']>;
type CustomObjectsApi = InstanceType<ClientNode['CustomObjectsApi']>;
type CallOptions = NonNullable<Parameters<CustomObjectsApi['getNamespacedCustomObject']>[1]>;

/** The parts of a custom-object list answer (typed `any` by client-node) that `list` reads. */
type ListAnswer = { readonly items?: unknown[]; readonly metadata?: { readonly resourceVersion?: string } };

export interface KubernetesClientOptions {
  /**
   * A kubeconfig file to use.
   * @default client-node's default: $KUBECONFIG, else ~/.kube/config, else the in-cluster service
   * account; with none of them, connecting fails saying so
   */
  readonly kubeconfigPath?: string;
  /** The kubeconfig context. @default its current-context */
  readonly context?: string;
  /** A request without an answer after this long fails with TIMEOUT (watches are exempt). @default 30000 */
  readonly requestTimeoutMs?: number;
}

/** Loads @kubernetes/client-node (ESM) from CommonJS. */
export function loadClientNode(): Promise<ClientNode> {
  return import('@kubernetes/client-node');
}

export class KubernetesClusterClient implements ClusterClient {
  /** Loads client-node, reads the configuration, and returns a client for its cluster. */
  public static async connect(options: KubernetesClientOptions = {}): Promise<KubernetesClusterClient> {
    const k8s = await loadClientNode();
    const config = new k8s.KubeConfig();
    if (options.kubeconfigPath !== undefined) config.loadFromFile(options.kubeconfigPath);
    else {
      const home = k8s.findHomeDir() ?? undefined;
      const surroundings = { kubeconfigVariable: process.env.KUBECONFIG, home, fileExists: existsSync };
      if (defaultConfigurationSource(surroundings) === undefined) throw new Error(noConfigurationMessage(home));
      config.loadFromDefault();
    }
    if (options.context !== undefined) config.setCurrentContext(options.context);
    return new KubernetesClusterClient(k8s, config, options.requestTimeoutMs ?? 30_000);
  }

  private readonly api: CustomObjectsApi;
  private readonly callOptions: CallOptions;

  private constructor(
    private readonly k8s: ClientNode,
    private readonly config: KubeConfig,
    requestTimeoutMs: number,
  ) {
    this.api = config.makeApiClient(k8s.CustomObjectsApi);
    this.callOptions = {
      middlewareMergeStrategy: 'append',
      middleware: [
        {
          pre: (context) => {
            context.setSignal(AbortSignal.timeout(requestTimeoutMs));
            return new k8s.Observable(Promise.resolve(context));
          },
          post: (response) => new k8s.Observable(Promise.resolve(response)),
        },
      ],
    };
  }

  /** The API server's address, from the configuration. */
  public get server(): string | undefined {
    return this.config.getCurrentCluster()?.server;
  }

  public async list<K extends ResourceKind>(kind: K, selection: Selection = {}): Promise<ObjectList<ObjectOf<K>>> {
    const where = { ...this.address(kind), labelSelector: formatLabelSelector(selection.labels) };
    const answer = await this.call<ListAnswer>(() =>
      selection.namespace === undefined
        ? this.api.listClusterCustomObject(where, this.callOptions)
        : this.api.listNamespacedCustomObject({ ...where, namespace: selection.namespace }, this.callOptions),
    );
    const items = ((answer.items ?? []) as ObjectOf<K>[]).map((item) => completeListItem(kind, item));
    return { items, resourceVersion: answer.metadata?.resourceVersion ?? '' };
  }

  public watch<K extends ResourceKind>(
    kind: K,
    options: WatchOptions,
    handler: WatchHandler<ObjectOf<K>>,
  ): WatchHandle {
    let connection: AbortController | undefined;
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      connection?.abort();
      handler.onClose(error === undefined || error === null ? undefined : toClusterError(error));
    };
    new this.k8s.Watch(this.config)
      .watch(
        collectionPath(kind, options.namespace),
        watchQuery(options),
        (type: string, object: unknown) => {
          if (ended) return;
          const line = watchLine(type, object);
          if ('error' in line) end(line.error);
          else handler.onEvent(line.event);
        },
        (error: unknown) => end(error),
      )
      .then(
        (controller) => {
          connection = controller;
          if (ended) controller.abort();
        },
        (error: unknown) => end(error ?? new Error('watch failed')),
      );
    return {
      stop: () => {
        ended = true;
        connection?.abort();
      },
    };
  }

  public get<K extends ResourceKind>(kind: K, namespace: string, name: string): Promise<ObjectOf<K>> {
    return this.call(() =>
      this.api.getNamespacedCustomObject({ ...this.address(kind), namespace, name }, this.callOptions),
    );
  }

  public create<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    return this.call(() =>
      this.api.createNamespacedCustomObject(
        { ...this.address(kind), namespace: namespaceOf(object), body: this.body(kind, object) },
        this.callOptions,
      ),
    );
  }

  public update<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    const where = {
      ...this.address(kind),
      namespace: namespaceOf(object),
      name: object.metadata.name ?? '',
      body: this.body(kind, object),
    };
    return this.call(() => this.api.replaceNamespacedCustomObject(where, this.callOptions));
  }

  public updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>): Promise<ObjectOf<K>> {
    const where = {
      ...this.address(kind),
      namespace: namespaceOf(object),
      name: object.metadata.name ?? '',
      body: this.body(kind, object),
    };
    return this.call(() => this.api.replaceNamespacedCustomObjectStatus(where, this.callOptions));
  }

  public async delete(kind: ResourceKind, namespace: string, name: string, options: DeleteOptions = {}): Promise<void> {
    const preconditions =
      options.uid !== undefined || options.resourceVersion !== undefined
        ? { uid: options.uid, resourceVersion: options.resourceVersion }
        : undefined;
    const body = { propagationPolicy: options.propagationPolicy, preconditions };
    await this.call(() =>
      this.api.deleteNamespacedCustomObject({ ...this.address(kind), namespace, name, body }, this.callOptions),
    );
  }

  private address(kind: ResourceKind): { group: string; version: string; plural: string } {
    const { group, version, plural } = RESOURCE_TYPES[kind];
    return { group, version, plural };
  }

  /** The request body: the object with its apiVersion and kind filled in, as the API server requires. */
  private body(kind: ResourceKind, object: KubeObject): KubeObject {
    return { ...object, apiVersion: RESOURCE_TYPES[kind].apiVersion, kind };
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toClusterError(error);
    }
  }
}

/** The namespace a create or update goes to (the path needs it; the server checks it matches). */
function namespaceOf(object: KubeObject): string {
  return object.metadata.namespace ?? '';
}
