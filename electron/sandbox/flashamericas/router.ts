/**
 * Flash Americas mode of the embedded sandbox: the tracking endpoints of
 * reference §5, the paged events feed, the `{success, data, error, meta}`
 * envelope, the sandbox tier's rate limit (§10: 100/min, with the X-RateLimit
 * headers and 429s), and signed webhook deliveries (§6) to whatever URL a
 * client registers with POST /tracking/webhook.
 *
 * One router serves both documented hosts' paths; the station points both
 * its `ship` and `api` hosts at `<sandbox>/flashamericas/api/v1`.
 */
import { randomUUID } from 'node:crypto';
import { signWebhookBody, FA_SIGNATURE_HEADER } from '../../core/api/flashamericas/webhook-signature';
import { INVALID_JSON, json, type SandboxRequest, type SandboxResponse, type SandboxRouter } from '../http';
import type { FlashAmericasSandboxState, SandboxEvent, SandboxShipment, SandboxStatus } from './state';

export const FA_SANDBOX_PREFIX = '/flashamericas/api/v1';
/** §10 sandbox tier. */
export const FA_SANDBOX_REQUESTS_PER_MINUTE = 100;
const WINDOW_MS = 60_000;
const WEBHOOK_ATTEMPTS = 3;
const WEBHOOK_RETRY_MS = 500;

const WEBHOOK_EVENT: Record<string, string> = {
  LABEL_CREATED: 'shipment.created',
  PICKED_UP: 'shipment.picked_up',
  IN_TRANSIT: 'shipment.in_transit',
  OUT_FOR_DELIVERY: 'shipment.out_for_delivery',
  DELIVERED: 'shipment.delivered',
  EXCEPTION: 'shipment.exception',
};

interface Subscription {
  url: string;
  events: string[];
  secret: string;
}

export interface FlashAmericasSandboxRouter extends SandboxRouter {
  /** Resolves once every webhook delivery started so far has finished (tests, shutdown). */
  settled(): Promise<void>;
  readonly state: FlashAmericasSandboxState;
  /** Requests served (`METHOD /path` under the prefix), for tests that count calls. */
  readonly calls: string[];
}

type Answer = { status: number; data?: unknown; error?: { code: string; message: string; details?: unknown }; pagination?: unknown };

export function createFlashAmericasSandboxRouter(
  state: FlashAmericasSandboxState,
  now: () => number,
  /** The sandbox tier's budget by default; benchmarks raise it to measure transport, not the limit. */
  requestsPerMinute = FA_SANDBOX_REQUESTS_PER_MINUTE,
): FlashAmericasSandboxRouter {
  const windows = new Map<string, { start: number; count: number }>();
  const subscriptions: Subscription[] = [];
  const inflight = new Set<Promise<void>>();
  const calls: string[] = [];

  state.listeners.add((event) => {
    for (const sub of subscriptions) {
      const type = WEBHOOK_EVENT[event.status] ?? 'tracking.updated';
      if (!sub.events.includes(type) && !sub.events.includes('tracking.updated')) continue;
      const p = deliver(sub, type, event).finally(() => inflight.delete(p));
      inflight.add(p);
    }
  });

  async function deliver(sub: Subscription, eventType: string, event: SandboxEvent): Promise<void> {
    const body = JSON.stringify({
      eventId: `evt_${randomUUID()}`,
      eventType,
      timestamp: event.timestamp,
      data: {
        shipmentId: event.shipmentId,
        trackingNumber: event.trackingNumber,
        status: event.status,
        description: event.description,
        location: { city: event.location.city, state: event.location.state, country: event.location.country },
        ...(event.recipient ? { recipient: event.recipient, deliveredAt: event.timestamp } : {}),
        ...(event.exceptionCode ? { exceptionCode: event.exceptionCode, exceptionReason: event.exceptionReason } : {}),
      },
    });
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
      try {
        const res = await fetch(sub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [FA_SIGNATURE_HEADER]: signWebhookBody(sub.secret, body) },
          body,
        });
        await res.arrayBuffer();
        if (res.ok) return;
      } catch {
        // The receiver is down; retry like the real service advertises.
      }
      if (attempt < WEBHOOK_ATTEMPTS) await new Promise((r) => setTimeout(r, WEBHOOK_RETRY_MS * attempt));
    }
  }

  function envelope(answer: Answer, headers: Record<string, string>): SandboxResponse {
    const body = {
      success: !answer.error,
      data: answer.error ? null : (answer.data ?? null),
      error: answer.error ?? null,
      meta: {
        requestId: `req_${randomUUID()}`,
        timestamp: new Date(now()).toISOString(),
        version: '1.0.0',
        ...(answer.pagination ? { pagination: answer.pagination } : {}),
      },
    };
    return { ...json(answer.status, body), headers };
  }

  function rate(key: string): { headers: Record<string, string>; limited: boolean; retryAfterS: number } {
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= WINDOW_MS) windows.set(key, (w = { start: t, count: 0 }));
    w.count++;
    const limited = w.count > requestsPerMinute;
    const retryAfterS = Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000));
    return {
      limited,
      retryAfterS,
      headers: {
        'x-ratelimit-limit': String(requestsPerMinute),
        'x-ratelimit-remaining': String(Math.max(0, requestsPerMinute - w.count)),
        'x-ratelimit-reset': String(Math.ceil((w.start + WINDOW_MS) / 1000)),
        'x-ratelimit-window': String(WINDOW_MS / 1000),
      },
    };
  }

  async function handle(req: SandboxRequest): Promise<SandboxResponse | null> {
    if (!req.path.startsWith(FA_SANDBOX_PREFIX + '/')) return null;
    const path = req.path.slice(FA_SANDBOX_PREFIX.length);
    calls.push(`${req.method} ${path}`);

    const key = req.token !== null && /^test_[A-Za-z0-9_-]{1,100}$/.test(req.token) ? req.token : null;
    if (!key)
      return envelope(
        { status: 401, error: { code: 'AUTHENTICATION_ERROR', message: 'Invalid API key (sandbox keys start with test_)' } },
        {},
      );
    const r = rate(key);
    const forced = state.takeForcedError();
    if (r.limited || forced?.status === 429) {
      const retryAfterS = forced?.retryAfterS ?? r.retryAfterS;
      return envelope(
        {
          status: 429,
          error: {
            code: forced?.code ?? 'RATE_LIMIT_EXCEEDED',
            message: 'Rate limit exceeded',
            details: { limit: requestsPerMinute, window: 60, retryAfter: retryAfterS },
          },
        },
        { ...r.headers, 'x-ratelimit-retry-after': String(retryAfterS) },
      );
    }
    if (forced) return envelope({ status: forced.status, error: { code: forced.code, message: 'Sandbox forced error' } }, r.headers);
    if (req.body === INVALID_JSON) return envelope(invalid('Body must be JSON'), r.headers);
    return envelope(route(req.method, path, req.query, req.body), r.headers);
  }

  function lookupAnswer(trackingNumber: string): Answer {
    const found = state.lookup(trackingNumber);
    if ('shipment' in found) return { status: 200, data: trackingView(found.shipment) };
    if (found.error === 'not_available') {
      return {
        status: 404,
        error: {
          code: 'TRACKING_NOT_AVAILABLE',
          message: 'Tracking information not yet available',
          details: { reason: 'Package not yet in carrier system', retryAfter: 3600 },
        },
      };
    }
    return {
      status: 404,
      error: { code: 'TRACKING_NOT_FOUND', message: 'Tracking number not found', details: { trackingNumber, provider: 'FEDEX' } },
    };
  }

  function route(method: string, path: string, q: URLSearchParams, body: unknown): Answer {
    if (method === 'POST' && path === '/track/shipment') {
      const tn = (body as { trackingNumber?: unknown } | undefined)?.trackingNumber;
      if (typeof tn !== 'string' || tn.trim() === '') return invalid('trackingNumber is required');
      return lookupAnswer(tn.trim());
    }
    if (method === 'POST' && path === '/track/shipments') {
      const list = (body as { trackingNumbers?: unknown } | undefined)?.trackingNumbers;
      if (!Array.isArray(list) || list.length === 0 || list.length > 100 || !list.every((t) => typeof t === 'string')) {
        return invalid('trackingNumbers must be an array of 1–100 strings');
      }
      const data = (list as string[]).flatMap((tn) => {
        const found = state.lookup(tn);
        return 'shipment' in found ? [trackingView(found.shipment)] : [];
      });
      return { status: 200, data };
    }
    const byId = /^\/shipments\/([^/]+)\/track$/.exec(path);
    if (method === 'GET' && byId) {
      const s = state.byShipmentId(safeDecode(byId[1]!));
      if (!s) return { status: 404, error: { code: 'NOT_FOUND', message: 'Shipment not found' } };
      return { status: 200, data: detailView(s) };
    }
    // §2 "Shipments currently in transit": picked up and not yet delivered or returned.
    if (method === 'GET' && path === '/tracking') {
      return {
        status: 200,
        data: state
          .shipments()
          .filter((s) => IN_TRANSIT.has(currentStatus(s)))
          .map(trackingView),
      };
    }
    // §2 "Shipment details / track by load ID" (gap 3: a load ID is the booking's, one per shipment here).
    const byLoad = /^\/tracking\/lookup\/([^/]+)$/.exec(path);
    if (method === 'GET' && byLoad) {
      const loadId = safeDecode(byLoad[1]!);
      const s = state.byLoadId(loadId);
      if (!s) return { status: 404, error: { code: 'NOT_FOUND', message: `No shipment with load ID ${loadId}`, details: { loadId } } };
      return { status: 200, data: detailView(s) };
    }
    // §2 "Tracking details": the one-shipment look-up of /track/shipment with the shipment's details (§5.2's fields).
    if (method === 'POST' && path === '/track/details') {
      const tn = (body as { trackingNumber?: unknown } | undefined)?.trackingNumber;
      if (typeof tn !== 'string' || tn.trim() === '') return invalid('trackingNumber is required', { field: 'trackingNumber' });
      const answer = lookupAnswer(tn.trim());
      const found = state.lookup(tn.trim());
      return 'shipment' in found ? { status: 200, data: detailView(found.shipment) } : answer;
    }
    // §2 "Update tracking status": a status the carrier has not scanned (e.g. an LTL delivery confirmed by phone).
    if (method === 'POST' && path === '/track/update') return updateAnswer(body);
    if (method === 'GET' && path === '/tracking/events') return eventsAnswer(q);
    if (method === 'POST' && path === '/tracking/webhook') return webhookAnswer(body);
    return { status: 404, error: { code: 'NOT_FOUND', message: `No endpoint ${method} ${path} in the Flash Americas sandbox` } };
  }

  function updateAnswer(body: unknown): Answer {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof b.trackingNumber !== 'string' || b.trackingNumber.trim() === '')
      return invalid('trackingNumber is required', { field: 'trackingNumber' });
    if (typeof b.status !== 'string' || !(STATUSES as readonly string[]).includes(b.status)) {
      return invalid(`status must be one of ${STATUSES.join(', ')}`, { field: 'status', allowed: STATUSES });
    }
    if (b.description !== undefined && typeof b.description !== 'string')
      return invalid('description must be a string', { field: 'description' });
    const at = b.timestamp === undefined ? now() : typeof b.timestamp === 'string' ? Date.parse(b.timestamp) : Number.NaN;
    if (Number.isNaN(at)) return invalid('timestamp must be an ISO 8601 date-time', { field: 'timestamp' });
    const found = state.lookup(b.trackingNumber.trim());
    if (!('shipment' in found)) return lookupAnswer(b.trackingNumber.trim());
    state.addEvent(found.shipment.trackingNumber, {
      status: b.status as SandboxStatus,
      at,
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
    });
    return { status: 200, data: trackingView(found.shipment) };
  }

  function webhookAnswer(body: unknown): Answer {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    // §6.2: url (a URL: "your HTTPS receiver"; http is accepted too, for a receiver on the same network), events
    // (a subset of §6.1's names) and secret are all required.
    if (typeof b.url !== 'string' || !isWebUrl(b.url)) return invalid('url must be an absolute http(s) URL', { field: 'url' });
    if (!Array.isArray(b.events) || b.events.length === 0 || !b.events.every((e) => typeof e === 'string')) {
      return invalid('events must be a non-empty array of event names', { field: 'events', allowed: WEBHOOK_EVENTS });
    }
    const unknown = (b.events as string[]).filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (unknown.length > 0) {
      return invalid(`unknown event ${unknown.join(', ')}`, { field: 'events', unknown, allowed: WEBHOOK_EVENTS });
    }
    if (typeof b.secret !== 'string' || b.secret.length < 8)
      return invalid('secret must be a string of 8 or more characters', { field: 'secret' });
    const events = [...new Set(b.events as string[])];
    subscriptions.push({ url: b.url, events, secret: b.secret });
    return { status: 201, data: { url: b.url, events } };
  }

  function eventsAnswer(q: URLSearchParams): Answer {
    const limit = q.has('limit') ? Number(q.get('limit')) : 25;
    const page = q.has('page') ? Number(q.get('page')) : 1;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('limit must be an integer from 1 to 100');
    if (!Number.isInteger(page) || page < 1) return invalid('page must be a positive integer');
    const list = (name: string) =>
      q.get(name)
        ? new Set(
            q
              .get(name)!
              .split(',')
              .map((s) => s.trim()),
          )
        : null;
    const tns = list('trackingNumbers');
    const ids = list('shipmentIds');
    const after = q.get('after') ? Date.parse(q.get('after')!) : null;
    const before = q.get('before') ? Date.parse(q.get('before')!) : null;
    if (Number.isNaN(after) || Number.isNaN(before)) return invalid('after/before must be ISO 8601 timestamps');
    const matching = state
      .allEvents()
      .filter(
        (e) =>
          (!tns || tns.has(e.trackingNumber)) &&
          (!ids || ids.has(e.shipmentId)) &&
          (!q.get('status') || e.status === q.get('status')) &&
          (!q.get('eventType') || e.eventType === q.get('eventType')) &&
          (after === null || Date.parse(e.timestamp) > after) &&
          (before === null || Date.parse(e.timestamp) < before),
      )
      // Newest first, as the docs' example lists them.
      .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp) || b.eventId.localeCompare(a.eventId));
    const start = (page - 1) * limit;
    return {
      status: 200,
      data: matching.slice(start, start + limit),
      pagination: { page, limit, total: matching.length, hasNext: start + limit < matching.length, hasPrev: page > 1 },
    };
  }

  return {
    name: 'flashamericas',
    handle,
    state,
    calls,
    async settled() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}

function invalid(message: string, details?: Record<string, unknown>) {
  return { status: 400, error: { code: 'VALIDATION_ERROR', message, ...(details ? { details } : {}) } };
}

/** §5.5. */
const STATUSES = [
  'LABEL_CREATED',
  'PICKUP_SCHEDULED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'RETURNED',
] as const;
const IN_TRANSIT: ReadonlySet<string> = new Set(['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'EXCEPTION']);
/** §6.1. */
export const WEBHOOK_EVENTS = [
  'shipment.created',
  'shipment.picked_up',
  'shipment.in_transit',
  'shipment.out_for_delivery',
  'shipment.delivered',
  'shipment.exception',
  'shipment.cancelled',
  'quote.created',
  'quote.expired',
  'tracking.updated',
] as const;

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function currentStatus(s: SandboxShipment): string {
  return s.events[s.events.length - 1]?.status ?? 'LABEL_CREATED';
}

/** §5.2: the tracking view plus the booking's reference, load ID and shipment info. */
function detailView(s: SandboxShipment) {
  return {
    ...trackingView(s),
    loadId: s.loadId,
    reference: s.reference,
    shipmentInfo: { totalCost: 12.45, currency: 'USD', createdAt: s.createdAt, estimatedDelivery: s.estimatedDelivery },
  };
}

/** §5.1's shape: events newest first. */
function trackingView(s: SandboxShipment) {
  const events = [...s.events].reverse();
  const latest = events[0];
  const delivered = s.events.find((e) => e.status === 'DELIVERED');
  return {
    shipmentId: s.shipmentId,
    trackingNumber: s.trackingNumber,
    proNumber: s.proNumber,
    provider: s.provider,
    service: s.service,
    status: latest?.status ?? 'LABEL_CREATED',
    statusDescription: latest?.description ?? 'Shipping label created',
    estimatedDelivery: s.estimatedDelivery,
    actualDelivery: delivered?.timestamp ?? null,
    weight: s.weight,
    origin: s.origin,
    destination: s.destination,
    // /track/shipment events carry no eventType, shipmentId or trackingNumber in the docs' sample.
    events: events.map(({ eventType: _t, shipmentId: _s, trackingNumber: _n, ...rest }) => rest),
    lastUpdated: latest?.timestamp ?? s.createdAt,
  };
}
