/**
 * The parts of the client-node adapter that need no client-node: how our calls become request
 * parameters, and how client-node's failures and watch lines become ClusterErrors and
 * WatchEvents. Kept apart so they are tested without loading the ES module or a cluster.
 */
import { WatchEvent, WatchEventType, WatchOptions } from './client';
import { KubeObject, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { ClusterError, ClusterErrorReason, errorForStatus } from './errors';
import { formatLabelSelector } from './labels';
import { RESOURCE_TYPES } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';

/** The API path of a kind's collection, in one namespace or across all of them. */
export function collectionPath(kind: ResourceKind, namespace?: string): string {
  const type = RESOURCE_TYPES[kind];
  const scope = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `/apis/${type.group}/${type.version}${scope}/${type.plural}`;
}

/** The query parameters of a watch request (client-node's Watch adds `watch=true`). */
export function watchQuery(options: WatchOptions): { [key: string]: string | boolean | undefined } {
  return {
    allowWatchBookmarks: options.bookmarks !== false,
    resourceVersion: options.resourceVersion,
    labelSelector: formatLabelSelector(options.labels),
  };
}

/** List responses leave apiVersion and kind off their items; put them back so every object looks the same. */
export function completeListItem<T extends KubeObject>(kind: ResourceKind, item: T): T {
  return { apiVersion: RESOURCE_TYPES[kind].apiVersion, kind, ...item };
}

const WATCH_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(WatchEventType));

function isWatchEventType(type: string): type is WatchEventType {
  return WATCH_EVENT_TYPES.has(type);
}

/** One watch line as client-node's Watch hands it over: an event, or the error that ends the watch. */
export function watchLine(type: string, object: unknown): { event: WatchEvent<KubeObject> } | { error: ClusterError } {
  if (isWatchEventType(type)) return { event: { type, object: object as KubeObject } };
  switch (type) {
    case 'ERROR':
      return {
        error: statusError(object) ?? new ClusterError(ClusterErrorReason.UNKNOWN, 0, 'watch error without a status'),
      };
    default:
      return {
        error: new ClusterError(ClusterErrorReason.UNKNOWN, 0, `unknown watch event type ${JSON.stringify(type)}`),
      };
  }
}

/**
 * Any failure of a client-node call as a ClusterError: an ApiException (numeric `code`, the
 * server's Status as JSON text in `body`), a failed watch request (`statusCode`), an aborted
 * request (our timeout), or a transport failure (node-fetch FetchError: refused, reset, DNS).
 */
export function toClusterError(error: unknown): ClusterError {
  if (error instanceof ClusterError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    statusCode?: unknown;
    body?: unknown;
    name?: unknown;
    type?: unknown;
    message?: unknown;
  };
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  if (typeof failure.code === 'number') {
    return (
      statusError(parseBody(failure.body), failure.code) ??
      errorForStatus(failure.code, undefined, summary(failure.code, message))
    );
  }
  if (typeof failure.statusCode === 'number') return errorForStatus(failure.statusCode, undefined, message);
  if (failure.name === 'AbortError' || failure.type === 'aborted') {
    return new ClusterError(
      ClusterErrorReason.TIMEOUT,
      0,
      'no answer within the request timeout; the request may or may not have been applied',
    );
  }
  if (failure.type === 'system' || failure.name === 'FetchError') {
    return new ClusterError(
      ClusterErrorReason.TIMEOUT,
      0,
      `no answer (${typeof failure.code === 'string' ? failure.code : 'connection failed'}): ${message}`,
    );
  }
  return new ClusterError(ClusterErrorReason.UNKNOWN, 0, message);
}

/** A metav1.Status as an error; undefined when `status` is not one. */
function statusError(status: unknown, fallbackCode?: number): ClusterError | undefined {
  if (typeof status !== 'object' || status === null) return undefined;
  const { code, reason, message } = status as { code?: unknown; reason?: unknown; message?: unknown };
  const httpCode = typeof code === 'number' ? code : fallbackCode;
  if (httpCode === undefined) return undefined;
  return errorForStatus(
    httpCode,
    typeof reason === 'string' ? reason : undefined,
    typeof message === 'string' ? message : `HTTP ${httpCode}`,
  );
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** "HTTP 401: Unauthorized" from an ApiException message ("HTTP-Code: 401\nMessage: Unauthorized\nBody: ...\nHeaders: ..."). */
function summary(code: number, message: string): string {
  const described = /^Message: (.*)$/m.exec(message)?.[1];
  return described === undefined ? `HTTP ${code}` : `HTTP ${code}: ${described}`;
}
