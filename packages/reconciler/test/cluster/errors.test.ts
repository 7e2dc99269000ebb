import { ClusterError, ClusterErrorReason, errorForStatus } from '../../src/cluster/errors';

test.each([
  [400, undefined, ClusterErrorReason.INVALID],
  [422, 'Invalid', ClusterErrorReason.INVALID],
  [401, undefined, ClusterErrorReason.FORBIDDEN],
  [403, 'Forbidden', ClusterErrorReason.FORBIDDEN],
  [404, 'NotFound', ClusterErrorReason.NOT_FOUND],
  [409, 'AlreadyExists', ClusterErrorReason.ALREADY_EXISTS],
  [409, 'Conflict', ClusterErrorReason.CONFLICT],
  [409, undefined, ClusterErrorReason.CONFLICT],
  [410, 'Expired', ClusterErrorReason.GONE],
  [410, 'Gone', ClusterErrorReason.GONE],
  [429, 'TooManyRequests', ClusterErrorReason.SERVER_ERROR],
  [500, 'InternalError', ClusterErrorReason.SERVER_ERROR],
  [500, 'ServerTimeout', ClusterErrorReason.SERVER_ERROR],
  [500, 'Timeout', ClusterErrorReason.TIMEOUT],
  [503, 'ServiceUnavailable', ClusterErrorReason.SERVER_ERROR],
  [504, 'Timeout', ClusterErrorReason.TIMEOUT],
  [405, 'MethodNotAllowed', ClusterErrorReason.UNKNOWN],
])('HTTP %i with reason %s is %s', (code, reason, expected) => {
  const error = errorForStatus(code, reason, 'message');
  expect(error.reason).toBe(expected);
  expect(error.code).toBe(code);
  expect(error.message).toBe('message');
});

test('transient: server errors and timeouts only', () => {
  expect(new ClusterError(ClusterErrorReason.SERVER_ERROR, 500, '').transient).toBe(true);
  expect(new ClusterError(ClusterErrorReason.TIMEOUT, 0, '').transient).toBe(true);
  expect(new ClusterError(ClusterErrorReason.CONFLICT, 409, '').transient).toBe(false);
  expect(new ClusterError(ClusterErrorReason.NOT_FOUND, 404, '').transient).toBe(false);
});

test('is() checks type and reason', () => {
  const error = new ClusterError(ClusterErrorReason.GONE, 410, 'too old');
  expect(ClusterError.is(error, ClusterErrorReason.GONE)).toBe(true);
  expect(ClusterError.is(error, ClusterErrorReason.NOT_FOUND, ClusterErrorReason.CONFLICT)).toBe(false);
  expect(ClusterError.is(new Error('x'), ClusterErrorReason.GONE)).toBe(false);
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('ClusterError');
});
