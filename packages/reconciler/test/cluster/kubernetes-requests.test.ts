import { WatchEventType } from '../../src/cluster/client';
import { ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { ClusterError, ClusterErrorReason } from '../../src/cluster/errors';
import {
  collectionPath,
  completeListItem,
  toClusterError,
  watchLine,
  watchQuery,
} from '../../src/cluster/kubernetes-requests';

describe('collectionPath', () => {
  test.each([
    [ResourceKind.JOB, 'ns', '/apis/batch/v1/namespaces/ns/jobs'],
    [ResourceKind.JOB, undefined, '/apis/batch/v1/jobs'],
    [ResourceKind.SCHEDULED_JOB, 'team-a', '/apis/scheduling.cdk8s-batch.io/v1alpha1/namespaces/team-a/scheduledjobs'],
    [ResourceKind.LEASE, 'kube-system', '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases'],
    [ResourceKind.EVENT, 'ns', '/apis/events.k8s.io/v1/namespaces/ns/events'],
  ])('%s in %s: %s', (kind, namespace, path) => {
    expect(collectionPath(kind, namespace)).toBe(path);
  });
});

test('watchQuery asks for bookmarks unless told not to, and sorts the label selector', () => {
  expect(watchQuery({ resourceVersion: '12', labels: { b: '2', a: '1' } })).toEqual({
    allowWatchBookmarks: true,
    resourceVersion: '12',
    labelSelector: 'a=1,b=2',
  });
  expect(watchQuery({ bookmarks: false })).toEqual({
    allowWatchBookmarks: false,
    resourceVersion: undefined,
    labelSelector: undefined,
  });
});

test('completeListItem restores apiVersion and kind without overriding what is there', () => {
  expect(completeListItem(ResourceKind.LEASE, { metadata: { name: 'l' } })).toEqual({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'l' },
  });
  expect(completeListItem(ResourceKind.JOB, { apiVersion: 'batch/v1', kind: 'Job', metadata: {} }).kind).toBe('Job');
});

describe('watchLine', () => {
  test.each(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'])('%s is an event', (type) => {
    const object = { metadata: { name: 'a', resourceVersion: '3' } };
    expect(watchLine(type, object)).toEqual({ event: { type: type as WatchEventType, object } });
  });

  test('ERROR with a 410 Status ends the watch with GONE', () => {
    const line = watchLine('ERROR', {
      kind: 'Status',
      code: 410,
      reason: 'Expired',
      message: 'too old resource version: 1 (5)',
    });
    expect('error' in line && line.error.reason).toBe(ClusterErrorReason.GONE);
    expect('error' in line && line.error.message).toBe('too old resource version: 1 (5)');
  });

  test('ERROR without a status and unknown types are UNKNOWN errors', () => {
    const noStatus = watchLine('ERROR', 'garbage');
    const unknown = watchLine('SURPRISE', {});
    expect('error' in noStatus && noStatus.error.reason).toBe(ClusterErrorReason.UNKNOWN);
    expect('error' in unknown && unknown.error.message).toContain('SURPRISE');
  });
});

describe('toClusterError', () => {
  test('an ApiException with a Status body uses its code, reason and message', () => {
    const apiException = Object.assign(new Error('HTTP-Code: 409\nMessage: Unknown API Status Code!\nBody: ...'), {
      code: 409,
      body: JSON.stringify({
        kind: 'Status',
        code: 409,
        reason: 'AlreadyExists',
        message: 'jobs.batch "a" already exists',
      }),
    });
    const error = toClusterError(apiException);
    expect(error).toBeInstanceOf(ClusterError);
    expect([error.reason, error.code, error.message]).toEqual([
      ClusterErrorReason.ALREADY_EXISTS,
      409,
      'jobs.batch "a" already exists',
    ]);
  });

  test('an ApiException without a readable body falls back to its code and message', () => {
    const error = toClusterError(
      Object.assign(new Error('HTTP-Code: 401\nMessage: Unauthorized\nBody: undefined\nHeaders: {}'), {
        code: 401,
        body: undefined,
      }),
    );
    expect([error.reason, error.code, error.message]).toEqual([
      ClusterErrorReason.FORBIDDEN,
      401,
      'HTTP 401: Unauthorized',
    ]);
    expect(toClusterError(Object.assign(new Error('x'), { code: 503, body: '<html>' })).reason).toBe(
      ClusterErrorReason.SERVER_ERROR,
    );
  });

  test('a failed watch request carries statusCode', () => {
    expect(toClusterError(Object.assign(new Error('Forbidden'), { statusCode: 403 })).reason).toBe(
      ClusterErrorReason.FORBIDDEN,
    );
  });

  test('aborted requests and transport failures are TIMEOUT: the outcome is unknown', () => {
    const aborted = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError', type: 'aborted' });
    const refused = Object.assign(new Error('request to http://127.0.0.1:1/ failed, reason: connect ECONNREFUSED'), {
      name: 'FetchError',
      type: 'system',
      code: 'ECONNREFUSED',
    });
    expect(toClusterError(aborted).reason).toBe(ClusterErrorReason.TIMEOUT);
    expect(toClusterError(refused)).toMatchObject({ reason: ClusterErrorReason.TIMEOUT, code: 0 });
    expect(toClusterError(refused).message).toContain('ECONNREFUSED');
  });

  test('a ClusterError passes through; anything else is UNKNOWN', () => {
    const original = new ClusterError(ClusterErrorReason.GONE, 410, 'x');
    expect(toClusterError(original)).toBe(original);
    expect(toClusterError(new TypeError('boom'))).toMatchObject({
      reason: ClusterErrorReason.UNKNOWN,
      message: 'boom',
    });
    expect(toClusterError('text')).toMatchObject({ reason: ClusterErrorReason.UNKNOWN, message: 'text' });
  });
});
