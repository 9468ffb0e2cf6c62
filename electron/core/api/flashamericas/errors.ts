import { StationFailure, type ErrorCode } from '../../../../shared/result';

/**
 * What went wrong talking to Flash Americas, as a kind the tracking pipeline
 * can branch on. `retryAfterMs` carries the server's own hint (429 headers,
 * or `details.retryAfter` of TRACKING_NOT_AVAILABLE) when it gave one.
 */
export type FaErrorKind =
  | 'unauthorized' // AUTHENTICATION_ERROR / 401 / 403: the API key is missing or wrong
  | 'not_found' // TRACKING_NOT_FOUND / 404
  | 'not_available' // TRACKING_NOT_AVAILABLE: known, but the carrier has no scans yet
  | 'rate_limited' // 429 / RATE_LIMIT_EXCEEDED / RATE_LIMIT_ERROR
  | 'bad_request' // 400 and other refusals of our request
  | 'upstream' // 5xx or a body we cannot read
  | 'network' // no connection
  | 'timeout'; // no answer in time

const STATION_CODE: Readonly<Record<FaErrorKind, ErrorCode>> = {
  unauthorized: 'UNAUTHORIZED',
  not_found: 'NOT_FOUND',
  not_available: 'UNAVAILABLE',
  rate_limited: 'RATE_LIMITED',
  bad_request: 'INVALID_ARGUMENT',
  upstream: 'UPSTREAM',
  network: 'NETWORK',
  timeout: 'TIMEOUT',
};

export class FlashAmericasError extends Error {
  readonly kind: FaErrorKind;
  readonly status: number | null;
  readonly apiCode: string | null;
  readonly retryAfterMs: number | null;
  readonly requestId: string | null;
  constructor(
    kind: FaErrorKind,
    message: string,
    extra: {
      status?: number | null;
      apiCode?: string | null;
      retryAfterMs?: number | null;
      requestId?: string | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = 'FlashAmericasError';
    this.kind = kind;
    this.status = extra.status ?? null;
    this.apiCode = extra.apiCode ?? null;
    this.retryAfterMs = extra.retryAfterMs ?? null;
    this.requestId = extra.requestId ?? null;
  }

  /** Whether repeating the same read could succeed without anyone changing anything. */
  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'upstream' || this.kind === 'network' || this.kind === 'timeout';
  }

  /** The name the tracking poller's failure classifier reads (electron/core/tracking/ports.ts). */
  get retryable(): boolean {
    return this.transient;
  }

  toStationFailure(): StationFailure {
    return new StationFailure(STATION_CODE[this.kind], this.message, undefined, { cause: this });
  }
}

/** Gap 7 and 9.2: both rate-limit codes are read as the same thing. */
const RATE_LIMIT_CODES = new Set(['RATE_LIMIT_EXCEEDED', 'RATE_LIMIT_ERROR']);

export function kindFor(status: number, apiCode: string | null): FaErrorKind {
  if (apiCode === 'TRACKING_NOT_FOUND') return 'not_found';
  if (apiCode === 'TRACKING_NOT_AVAILABLE') return 'not_available';
  if (apiCode === 'AUTHENTICATION_ERROR' || status === 401 || status === 403) return 'unauthorized';
  if (status === 429 || (apiCode !== null && RATE_LIMIT_CODES.has(apiCode))) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'upstream';
  return 'bad_request';
}

/** Packer-facing text per kind; the API's own message is appended where it helps. */
export function messageFor(kind: FaErrorKind, apiMessage: string, subject: string | null): string {
  const about = subject ? ` (${subject})` : '';
  switch (kind) {
    case 'unauthorized':
      return 'Flash Americas refused the API key. Check the station’s Flash Americas key (FLASHAMERICAS_API_KEY).';
    case 'not_found':
      return `Flash Americas does not know this tracking number${about}. Check the number and the provider.`;
    case 'not_available':
      return `Flash Americas has no tracking for this shipment yet${about}; the carrier has not scanned it. The station will check again later.`;
    case 'rate_limited':
      return 'Flash Americas asked the station to slow down. Tracking will resume shortly.';
    case 'bad_request':
      return `Flash Americas refused the request${about}: ${apiMessage || 'no reason given'}.`;
    case 'upstream':
      return `Flash Americas had a problem answering${about}. The station will try again.`;
    case 'network':
      return 'Cannot reach Flash Americas. Check the network connection.';
    case 'timeout':
      return 'Flash Americas did not answer in time. The station will try again.';
  }
}
