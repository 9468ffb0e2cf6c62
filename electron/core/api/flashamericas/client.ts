/**
 * Flash Americas tracking client (reference §1, §5, §9, §10).
 *
 * Every call passes one limiter (the account's per-minute budget), has a
 * timeout, and is validated with zod before anyone sees it. All tracking
 * calls are reads, so they are retried with exponential backoff on 429, 5xx,
 * network errors and timeouts; the webhook registration is a write and is
 * never repeated behind the caller's back.
 */
import { z } from 'zod';
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/log';
import { FlashAmericasError, kindFor, messageFor } from './errors';
import type { Priority, RateGate } from './limiter';
import { FaEnvelopeSchema, FaEventSchema, FaTrackingSchema, type FaEvent, type FaPagination, type FaTracking } from './schemas';

/**
 * Gap 1: the docs show tracking by number on `ship.` and tracking by id,
 * the events feed and webhook set-up on `api.`, and the overview's base-URL
 * box is broken. We call each endpoint on the host its own page shows, and
 * let both be overridden (custom set-ups, the embedded sandbox).
 */
export interface FaHosts {
  /** Hosts `/track/shipment`, `/track/shipments`. */
  ship: string;
  /** Hosts `/shipments/{id}/track`, `/tracking/events`, `/tracking/webhook`. */
  api: string;
}
export const FA_PRODUCTION_HOSTS: FaHosts = {
  ship: 'https://ship.flashamericas.com/api/v1',
  api: 'https://api.flashamericas.com/api/v1',
};

export const FA_REQUEST_TIMEOUT_MS = 15_000;
export const FA_MAX_RETRIES = 3;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
/** §10: the window is a minute; when a 429 names no wait, we wait one window. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** A server asking for more than this is treated as this; the scheduler will come back. */
const MAX_HONOURED_WAIT_MS = 5 * 60_000;
/** §5.3: `limit` defaults to 25 and may not exceed 100. */
export const FA_EVENTS_MAX_LIMIT = 100;
/**
 * A poll reads at most this many pages (10,000 events). Beyond it the poll
 * reports itself incomplete and the next one continues: one poll must not
 * spend a whole minute's budget.
 */
export const FA_EVENTS_MAX_PAGES = 100;
/**
 * Neither the batch body of `/track/shipments` nor its size limit is
 * documented (gap 2); we send `{trackingNumbers}` in chunks of this size, and
 * the same size bounds the comma-separated filters of `/tracking/events` so
 * the URL stays far below common 8 KiB limits.
 */
export const FA_BATCH_SIZE = 50;

export interface FlashAmericasClientOptions {
  hosts: () => FaHosts;
  /** Read on every call, never stored: the key lives in the secret store. */
  apiKey: () => string | null;
  clock: Clock;
  logger: Logger;
  limiter: RateGate;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxRetries?: number;
  /** For backoff jitter; injected so tests are exact. */
  random?: () => number;
}

export interface EventsQuery {
  trackingNumbers?: readonly string[];
  shipmentIds?: readonly string[];
  status?: string;
  eventType?: string;
  /** ISO 8601: events strictly after this instant. */
  after?: string;
  before?: string;
  limit?: number;
  page?: number;
}

export interface EventsPage {
  events: FaEvent[];
  pagination: FaPagination | null;
}

export interface EventsSince {
  /** Oldest first, each event once. */
  events: FaEvent[];
  pagesRead: number;
  /** False when the page cap stopped the read; the caller should not advance its cursor past what it got. */
  complete: boolean;
}

interface RequestSpec<T> {
  method: 'GET' | 'POST';
  host: keyof FaHosts;
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  priority: Priority;
  /** Safe to repeat: reads only. */
  retry: boolean;
  /** What the call is about, for messages (a tracking number or shipment id). */
  subject: string | null;
  /** Receives `meta.pagination` of a successful answer. */
  onMeta?: (pagination: FaPagination | null) => void;
}

export class FlashAmericasClient {
  readonly #o: Required<Omit<FlashAmericasClientOptions, 'fetch'>> & { fetch: typeof fetch };
  readonly #log: Logger;

  constructor(options: FlashAmericasClientOptions) {
    this.#o = {
      timeoutMs: FA_REQUEST_TIMEOUT_MS,
      maxRetries: FA_MAX_RETRIES,
      random: Math.random,
      ...options,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    };
    this.#log = options.logger;
  }

  /** POST /track/shipment (§5.1). */
  trackShipment(trackingNumber: string, priority: Priority = 'background'): Promise<FaTracking> {
    return this.#request({
      method: 'POST',
      host: 'ship',
      path: '/track/shipment',
      body: { trackingNumber },
      schema: FaTrackingSchema,
      priority,
      retry: true,
      subject: trackingNumber,
    });
  }

  /**
   * POST /track/shipments, in chunks of FA_BATCH_SIZE. The response shape is
   * undocumented; we accept an array of §5.1 objects either as `data` or as
   * `data.shipments`, which covers both shapes the rest of the API uses.
   */
  async trackShipments(trackingNumbers: readonly string[], priority: Priority = 'background'): Promise<FaTracking[]> {
    const out: FaTracking[] = [];
    for (const chunk of chunks(unique(trackingNumbers), FA_BATCH_SIZE)) {
      const list = await this.#request({
        method: 'POST',
        host: 'ship',
        path: '/track/shipments',
        body: { trackingNumbers: chunk },
        schema: z.union([z.array(FaTrackingSchema), z.object({ shipments: z.array(FaTrackingSchema) }).transform((d) => d.shipments)]),
        priority,
        retry: true,
        subject: `${chunk.length} tracking numbers`,
      });
      out.push(...list);
    }
    return out;
  }

  /** GET /shipments/{shipmentId}/track (§5.2). */
  trackByShipmentId(shipmentId: string, priority: Priority = 'background'): Promise<FaTracking> {
    return this.#request({
      method: 'GET',
      host: 'api',
      path: `/shipments/${encodeURIComponent(shipmentId)}/track`,
      schema: FaTrackingSchema,
      priority,
      retry: true,
      subject: shipmentId,
    });
  }

  /** One page of GET /tracking/events (§5.3–5.4). */
  async listEvents(query: EventsQuery, priority: Priority = 'background'): Promise<EventsPage> {
    const limit = Math.min(Math.max(1, query.limit ?? FA_EVENTS_MAX_LIMIT), FA_EVENTS_MAX_LIMIT);
    let pagination: FaPagination | null = null;
    const events = await this.#request({
      method: 'GET',
      host: 'api',
      path: '/tracking/events',
      query: {
        trackingNumbers: query.trackingNumbers?.join(','),
        shipmentIds: query.shipmentIds?.join(','),
        status: query.status,
        eventType: query.eventType,
        after: query.after,
        before: query.before,
        limit: String(limit),
        page: String(query.page ?? 1),
      },
      schema: z.array(FaEventSchema),
      priority,
      retry: true,
      subject: null,
      onMeta: (p) => (pagination = p),
    });
    return { events, pagination };
  }

  /**
   * Everything the feed has after `after` for the given shipments: follows
   * `meta.pagination.hasNext` page by page (and filters in chunks), drops the
   * duplicates that page shifts produce while new events arrive mid-read, and
   * returns the events oldest first.
   */
  async eventsSince(
    filter: { trackingNumbers?: readonly string[]; shipmentIds?: readonly string[]; after?: string },
    priority: Priority = 'background',
  ): Promise<EventsSince> {
    const seen = new Map<string, FaEvent>();
    let pagesRead = 0;
    let complete = true;
    const groups: EventsQuery[] = [];
    for (const tn of chunks(unique(filter.trackingNumbers ?? []), FA_BATCH_SIZE)) groups.push({ trackingNumbers: tn });
    for (const ids of chunks(unique(filter.shipmentIds ?? []), FA_BATCH_SIZE)) groups.push({ shipmentIds: ids });
    for (const group of groups) {
      for (let page = 1; ; page++) {
        if (pagesRead >= FA_EVENTS_MAX_PAGES) {
          complete = false;
          break;
        }
        const res = await this.listEvents({ ...group, after: filter.after, limit: FA_EVENTS_MAX_LIMIT, page }, priority);
        pagesRead++;
        for (const e of res.events) seen.set(e.eventId, e);
        if (!res.pagination?.hasNext || res.events.length === 0) break;
      }
      if (!complete) break;
    }
    const events = [...seen.values()].sort(
      (a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.eventId.localeCompare(b.eventId),
    );
    return { events, pagesRead, complete };
  }

  /**
   * POST /tracking/webhook (§6.2). A write with an undocumented response, so
   * it is sent once: a repeat after a timeout could register twice.
   */
  async configureWebhook(config: { url: string; events: readonly string[]; secret: string }): Promise<void> {
    await this.#request({
      method: 'POST',
      host: 'api',
      path: '/tracking/webhook',
      body: config,
      schema: z.unknown(),
      priority: 'user',
      retry: false,
      subject: null,
    });
  }

  async #request<T>(spec: RequestSpec<T>): Promise<T> {
    const maxAttempts = spec.retry ? this.#o.maxRetries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(spec);
      } catch (e) {
        const error =
          e instanceof FlashAmericasError ? e : new FlashAmericasError('upstream', messageFor('upstream', '', spec.subject), { cause: e });
        if (!error.transient || attempt >= maxAttempts) throw error;
        const wait = error.kind === 'rate_limited' ? (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS) : this.#backoff(attempt);
        this.#log.warn('flash americas call failed, retrying', {
          path: spec.path,
          kind: error.kind,
          status: error.status,
          attempt,
          waitMs: wait,
          requestId: error.requestId,
        });
        // A 429 already paused the shared limiter; the wait only applies to this call otherwise.
        if (error.kind !== 'rate_limited') await this.#sleep(wait);
      }
    }
  }

  #backoff(attempt: number): number {
    const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    // Full jitter keeps many stations from retrying in lock-step after an outage.
    return Math.round(exp / 2 + (exp / 2) * this.#o.random());
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((r) => this.#o.clock.setTimeout(r, ms));
  }

  async #once<T>(spec: RequestSpec<T>): Promise<T> {
    const key = this.#o.apiKey();
    if (!key)
      throw new FlashAmericasError(
        'unauthorized',
        'No Flash Americas API key is set on this station: enter it in Settings (or set FLASHAMERICAS_API_KEY). Demo mode tracks on the embedded sandbox without one.',
      );
    const url = new URL(this.#o.hosts()[spec.host].replace(/\/+$/, '') + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, v);

    await this.#o.limiter.acquire(spec.priority);
    const controller = new AbortController();
    const timer = this.#o.clock.setTimeout(() => controller.abort(), this.#o.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.#o.fetch(url, {
        method: spec.method,
        headers: {
          authorization: `Bearer ${key}`,
          accept: 'application/json',
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (e) {
      if (controller.signal.aborted) throw new FlashAmericasError('timeout', messageFor('timeout', '', spec.subject), { cause: e });
      throw new FlashAmericasError('network', messageFor('network', '', spec.subject), { cause: e });
    } finally {
      this.#o.clock.clearTimeout(timer);
    }

    this.#noteRateHeaders(response.headers);
    let json: unknown;
    try {
      json = text.length === 0 ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    const envelope = FaEnvelopeSchema.safeParse(json);
    const requestId = envelope.success ? (envelope.data.meta.requestId ?? null) : null;

    if (!response.ok || (envelope.success && !envelope.data.success)) {
      const apiError = envelope.success ? (envelope.data.error ?? null) : null;
      const kind = kindFor(response.status, apiError?.code ?? null);
      const retryAfterMs =
        kind === 'rate_limited' ? this.#rateLimitWait(response.headers, apiError?.details) : retryAfterFromDetails(apiError?.details);
      if (kind === 'rate_limited') this.#o.limiter.pauseFor(retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
      throw new FlashAmericasError(kind, messageFor(kind, apiError?.message ?? '', spec.subject), {
        status: response.status,
        apiCode: apiError?.code ?? null,
        retryAfterMs,
        requestId,
      });
    }
    if (!envelope.success) {
      this.#log.error('flash americas answered outside its envelope', {
        path: spec.path,
        status: response.status,
        issues: envelope.error.issues.slice(0, 5),
      });
      throw new FlashAmericasError('upstream', messageFor('upstream', '', spec.subject), { status: response.status });
    }
    const data = spec.schema.safeParse(envelope.data.data);
    if (!data.success) {
      this.#log.error('flash americas answer failed validation', { path: spec.path, requestId, issues: data.error.issues.slice(0, 5) });
      throw new FlashAmericasError('upstream', messageFor('upstream', '', spec.subject), { status: response.status, requestId });
    }
    spec.onMeta?.(envelope.data.meta.pagination ?? null);
    return data.data;
  }

  /** §10: when the window is spent, hold everything until it resets instead of collecting a 429. */
  #noteRateHeaders(headers: Headers): void {
    const remaining = headers.get('x-ratelimit-remaining');
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (remaining === '0' && Number.isFinite(reset) && reset > 0) {
      const wait = reset * 1000 - this.#o.clock.now();
      if (wait > 0) this.#o.limiter.pauseFor(Math.min(wait, DEFAULT_RATE_LIMIT_WAIT_MS));
    }
  }

  /**
   * Gap 7: the rate-limit page names `X-RateLimit-Retry-After`, the errors page
   * reads `Retry-After`, and the body carries `details.retryAfter`. We take the
   * first present, in that order (all in seconds; `Retry-After` may be a date).
   */
  #rateLimitWait(headers: Headers, details: Record<string, unknown> | null | undefined): number | null {
    const fromHeader =
      secondsOrDate(headers.get('x-ratelimit-retry-after'), this.#o.clock.now()) ??
      secondsOrDate(headers.get('retry-after'), this.#o.clock.now());
    const ms = fromHeader ?? retryAfterFromDetails(details);
    return ms === null ? null : Math.min(ms, MAX_HONOURED_WAIT_MS);
  }
}

function retryAfterFromDetails(details: Record<string, unknown> | null | undefined): number | null {
  const v = details?.['retryAfter'];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : null;
}

function secondsOrDate(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  if (Number.isFinite(n)) return n >= 0 ? Math.round(n * 1000) : null;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
