/**
 * The one error type of the cluster client. Its reason is what a caller branches on; the HTTP
 * code and message are for logs.
 */

/** What went wrong, in the API server's own terms (metav1.StatusReason) where it has one. */
export enum ClusterErrorReason {
  /** 404: the object (or its namespace) does not exist. */
  NOT_FOUND = 'NotFound',
  /** 409 on create: the name is taken. */
  ALREADY_EXISTS = 'AlreadyExists',
  /** 409 on update or delete: the stored resourceVersion (or uid) is not the one the request named. Read again, then retry. */
  CONFLICT = 'Conflict',
  /** 410: a watch's resourceVersion is older than the history the server keeps. List again. */
  GONE = 'Gone',
  /** 400 or 422: the server refuses the object or request as written. Retrying does not help. */
  INVALID = 'Invalid',
  /** 401 or 403: the credentials or the RBAC role do not allow the call. */
  FORBIDDEN = 'Forbidden',
  /** 429 or 5xx other than 504: the server could not take the request now. Retry with backoff. */
  SERVER_ERROR = 'ServerError',
  /**
   * No answer in time (client timeout, 504, dropped connection): a write may or may not have been
   * applied. Retry in a way that tolerates both (a create of a deterministic name answers
   * ALREADY_EXISTS if the first attempt went through).
   */
  TIMEOUT = 'Timeout',
  /** Any other failure (unexpected status code, unreadable answer). */
  UNKNOWN = 'Unknown',
}

export class ClusterError extends Error {
  /** True when `error` is a ClusterError with one of these reasons. */
  public static is(error: unknown, ...reasons: ClusterErrorReason[]): error is ClusterError {
    return error instanceof ClusterError && reasons.includes(error.reason);
  }

  /**
   * @param reason what went wrong
   * @param code the HTTP status code; 0 when no answer arrived
   * @param message the server's message, or a description of the transport failure
   */
  public constructor(
    public readonly reason: ClusterErrorReason,
    public readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterError';
  }

  /** SERVER_ERROR and TIMEOUT: the same request may succeed later. (CONFLICT needs a fresh read first, so it is not.) */
  public get transient(): boolean {
    return this.reason === ClusterErrorReason.SERVER_ERROR || this.reason === ClusterErrorReason.TIMEOUT;
  }
}

/** The error for an HTTP status, given the status body's reason when the server sent one. */
export function errorForStatus(code: number, statusReason: string | undefined, message: string): ClusterError {
  return new ClusterError(reasonForStatus(code, statusReason), code, message);
}

function reasonForStatus(code: number, statusReason: string | undefined): ClusterErrorReason {
  switch (code) {
    case 400:
    case 422:
      return ClusterErrorReason.INVALID;
    case 401:
    case 403:
      return ClusterErrorReason.FORBIDDEN;
    case 404:
      return ClusterErrorReason.NOT_FOUND;
    case 409:
      // The server tells them apart only by reason: AlreadyExists on create, Conflict otherwise.
      return statusReason === ClusterErrorReason.ALREADY_EXISTS
        ? ClusterErrorReason.ALREADY_EXISTS
        : ClusterErrorReason.CONFLICT;
    case 410:
      return ClusterErrorReason.GONE;
    case 429:
      return ClusterErrorReason.SERVER_ERROR;
    case 504:
      return ClusterErrorReason.TIMEOUT;
    default:
      if (code >= 500 && code <= 599) {
        // StatusReasonTimeout says the server may still be processing the request; ServerTimeout (also a 500) says retry.
        return statusReason === ClusterErrorReason.TIMEOUT
          ? ClusterErrorReason.TIMEOUT
          : ClusterErrorReason.SERVER_ERROR;
      }
      return ClusterErrorReason.UNKNOWN;
  }
}
