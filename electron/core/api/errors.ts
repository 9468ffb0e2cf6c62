/**
 * What can go wrong talking to Flex Forward, as types a caller can branch on.
 * Each is a StationFailure, so when one crosses the contract the invoke
 * wrapper turns it into the matching ErrorCode without any mapping table.
 */
import { StationFailure, type ErrorCode, type FieldError } from '../../../shared/result';
import type { Label } from './flexforward-types';

export type ApiErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'courier_rejected'
  | 'upstream'
  | 'malformed'
  | 'network'
  | 'timeout'
  | 'document'
  | 'invalid_request'
  | 'rate_limited';

const CODE_OF_KIND: Readonly<Record<ApiErrorKind, ErrorCode>> = {
  validation: 'VALIDATION',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  courier_rejected: 'COURIER_REJECTED',
  upstream: 'UPSTREAM',
  malformed: 'UPSTREAM',
  network: 'NETWORK',
  timeout: 'TIMEOUT',
  document: 'DOCUMENT',
  invalid_request: 'INVALID_ARGUMENT',
  rate_limited: 'RATE_LIMITED',
};

export abstract class ApiError extends StationFailure {
  abstract readonly kind: ApiErrorKind;
  /** Whether sending the same request again may succeed (5xx, network, timeout). */
  abstract readonly retryable: boolean;
  /** HTTP status when the server answered, else null. */
  readonly status: number | null;
  constructor(kind: ApiErrorKind, message: string, status: number | null, fields?: FieldError[], cause?: unknown) {
    super(CODE_OF_KIND[kind], message, fields, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.status = status;
  }
}

/** 400: the body failed the API's validation; `fields` use the app's dotted paths. */
export class ApiValidationError extends ApiError {
  readonly kind = 'validation';
  readonly retryable = false;
  constructor(message: string, fields: FieldError[]) {
    super('validation', message, 400, fields);
  }
}

export class UnauthorizedError extends ApiError {
  readonly kind = 'unauthorized';
  readonly retryable = false;
  constructor() {
    super('unauthorized', 'The Flex Forward API refused the API token. Check the token in Settings.', 401);
  }
}

export class ForbiddenError extends ApiError {
  readonly kind = 'forbidden';
  readonly retryable = false;
  constructor(what: string) {
    super('forbidden', `${what} belongs to a different Flex Forward account than this station's token.`, 403);
  }
}

export class NotFoundError extends ApiError {
  readonly kind = 'not_found';
  readonly retryable = false;
  constructor(what: string) {
    super('not_found', `${what} was not found at Flex Forward. Check the label ID or order number.`, 404);
  }
}

/**
 * The courier refused the label. Flex Forward keeps it as a failed label
 * (`label.id` is real) whether it answered 201/200 or 502 (gap 4). Retrying
 * with the same key only replays the stored failure (gap 5): a new attempt,
 * after the packer fixed the request, must use a new idempotency key.
 */
export class CourierRejectedError extends ApiError {
  readonly kind = 'courier_rejected';
  readonly retryable = false;
  readonly label: Label;
  constructor(label: Label, status: number) {
    const reason = label.error?.message ?? 'no reason given';
    super('courier_rejected', `The courier refused the label: ${reason}`, status);
    this.label = label;
  }
}

/**
 * 5xx (other than a courier rejection): retryable. Any other status the
 * reference does not list for the call (405, 409, 429…) also lands here, not
 * retried: sending the same thing again would not change the answer.
 */
export class UpstreamError extends ApiError {
  readonly kind = 'upstream';
  readonly retryable: boolean;
  constructor(status: number, what = 'Flex Forward') {
    const retryable = status >= 500;
    super(
      'upstream',
      retryable
        ? `${what} had a problem (HTTP ${status}). Try again in a minute; if it persists, the service may be down.`
        : `${what} answered with an unexpected HTTP ${status}.`,
      status,
    );
    this.retryable = retryable;
  }
}

/** A 2xx/4xx whose body does not have the documented shape: never a crash, never retried. */
export class MalformedResponseError extends ApiError {
  readonly kind = 'malformed';
  readonly retryable = false;
  readonly detail: string;
  constructor(what: string, status: number, detail: string) {
    super('malformed', `Flex Forward sent an answer to ${what} that the station cannot read (HTTP ${status}): ${detail}`, status);
    this.detail = detail;
  }
}

export class NetworkError extends ApiError {
  readonly kind = 'network';
  readonly retryable = true;
  constructor(host: string, cause: unknown) {
    super('network', `Cannot reach ${host}. Check the network connection.`, null, undefined, cause);
  }
}

export class TimeoutError extends ApiError {
  readonly kind = 'timeout';
  readonly retryable = true;
  constructor(host: string, timeoutMs: number) {
    super('timeout', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`, null);
  }
}

/** The label document could not be fetched or is not a real PDF/PNG. */
export class DocumentError extends ApiError {
  readonly kind = 'document';
  readonly retryable = false;
  constructor(message: string, status: number | null = null) {
    super('document', message, status);
  }
}

/** The caller asked for something the API cannot express (e.g. a comma inside a batch id). */
export class InvalidRequestError extends ApiError {
  readonly kind = 'invalid_request';
  readonly retryable = false;
  constructor(message: string) {
    super('invalid_request', message, null);
  }
}

/**
 * 429 is not documented (gap 13: no 429, no Retry-After). If it ever comes,
 * our limiter is already at the guideline, so hammering on would not help:
 * not retried here; the poller's per-shipment backoff picks it up later.
 */
export class RateLimitedError extends ApiError {
  readonly kind = 'rate_limited';
  readonly retryable = false;
  constructor() {
    super('rate_limited', 'Flex Forward asked the station to slow down (HTTP 429). It will try again later.', 429);
  }
}
