/**
 * The Flex Forward API as the sandbox plays it: Bearer auth, labels owned by
 * the token that made them, idempotency per token, validation errors in the
 * documented shape, a courier that refuses some requests, products, couriers
 * and tracking that moves with time.
 *
 * Courier rejections (so a packer can see one): product code `REJECT01`
 * comes back as 502 with the failed label (one documented form), ship-to
 * postal code `00000` as 201 with `status: "failed"` (the other form, gap 4).
 * Both are stored under their key, and a replay returns the same failure.
 */
import { randomUUID } from 'node:crypto';
import { LabelRequestSchema, IDEMPOTENCY_KEY_MAX_CHARS, type LabelRequest } from '../../../shared/domain/label-request';
import { INVALID_JSON, json, standardError, type SandboxRequest, type SandboxResponse, type SandboxRouter } from '../http';
import { checkpointsAt } from './tracking-sim';

/** The token `npm run sandbox` prints and demo mode uses. */
export const DEMO_TOKEN = 'sandbox-demo-token';
export const SANDBOX_COURIER = { code: 'yunexpress', name: 'YunExpress' } as const;
export const SANDBOX_PRODUCTS = [
  { code: 'YEXP01', name: 'YunExpress Standard', description: 'Standard cross-border e-commerce' },
  { code: 'JPTHZXR', name: 'YunExpress Japan Line', description: 'Tracked line from Japan' },
  { code: 'HKMUZXR', name: 'YunExpress Hong Kong Line', description: 'Tracked line from Hong Kong' },
  { code: 'REJECT01', name: 'Sandbox: courier rejects', description: 'Always refused by the courier (502), to see a rejection' },
] as const;
export const REJECTED_POSTAL_CODE = '00000';
const REJECTING_PRODUCT = 'REJECT01';

export interface FlexForwardSandboxOptions {
  /** Tokens the sandbox accepts; each is its own account. */
  tokens: readonly string[];
  /** Simulated shipping time per real time (1 = real time; DEMO_SPEED = a day in four minutes). */
  speed: number;
  now: () => number;
  /** Where documents are served, e.g. http://127.0.0.1:1234/cdn/yunexpress */
  documentBaseUrl: () => string;
}

export interface StoredLabel {
  id: string;
  owner: string;
  createdAtMs: number;
  request: LabelRequest;
  /** The response body, replayed as is for the same key. */
  response: LabelBody;
  /** Status of the first answer: 201, or 502 for a rejection. */
  firstStatus: number;
  /** The key it was created with (crash tests check a restarted station asked again with the same one). */
  idempotencyKey: string;
  /** Answers replayed for that key after the first. */
  replays: number;
}

interface LabelBody {
  id: string;
  status: 'created' | 'failed';
  courier: string;
  customerOrderNumber: string | null;
  courierOrderNumber: string | null;
  courierTrackingNumber: string | null;
  error: { code: string; message: string } | null;
}

export class FlexForwardSandbox implements SandboxRouter {
  readonly name = 'flexforward';
  readonly tokens: readonly string[];
  readonly #o: FlexForwardSandboxOptions;
  readonly #labels = new Map<string, StoredLabel>();
  /** owner → idempotencyKey → label id */
  readonly #keys = new Map<string, Map<string, string>>();
  #sequence = 0;

  constructor(options: FlexForwardSandboxOptions) {
    this.#o = options;
    this.tokens = [...options.tokens];
  }

  /** Labels the sandbox holds (all accounts): tests count these to prove "exactly one". */
  labels(): readonly StoredLabel[] {
    return [...this.#labels.values()];
  }

  findByTrackingNumber(trackingNumber: string): StoredLabel | undefined {
    return this.labels().find((l) => l.response.courierTrackingNumber === trackingNumber);
  }

  documentUrl(label: StoredLabel): string {
    const ext = label.request.label.format === 'PNG' ? 'png' : 'pdf';
    return `${this.#o.documentBaseUrl()}/labels/${label.response.courierTrackingNumber}.${ext}`;
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse | null> {
    const route = matchRoute(req.path);
    if (!route) return null;
    if (req.token === null || !this.tokens.includes(req.token)) return standardError(401, 'Unauthorized');
    const owner = req.token;
    if (route.name === 'labels' && route.param === null) {
      return req.method === 'POST' ? this.#createLabel(owner, req.body) : standardError(405, 'Method Not Allowed');
    }
    if (req.method !== 'GET') return standardError(405, 'Method Not Allowed');
    switch (route.name) {
      case 'labels':
        return this.#getLabels(owner, route.param ?? '');
      case 'tracking':
        return this.#getTracking(owner, route.param ?? '');
      case 'products':
        return this.#listProducts(req.query);
      case 'couriers':
        return json(200, { couriers: [SANDBOX_COURIER] });
    }
  }

  #createLabel(owner: string, body: unknown): SandboxResponse {
    if (body === INVALID_JSON || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return json(400, { error: 'Validation failed', details: [{ field: 'body', message: 'must be a JSON object' }] });
    }
    const { idempotencyKey, ...rest } = body as Record<string, unknown>;
    const details: Array<{ field: string; message: string }> = [];
    if (typeof idempotencyKey !== 'string' || idempotencyKey.length < 1 || idempotencyKey.length > IDEMPOTENCY_KEY_MAX_CHARS) {
      details.push({ field: 'idempotencyKey', message: `must be a string of 1 to ${IDEMPOTENCY_KEY_MAX_CHARS} characters` });
    }
    // Idempotency first: a replay answers the original result whatever the body (the docs leave a
    // changed body under the same key undefined; the real API keeps the first, so do we).
    const keys = this.#keys.get(owner) ?? new Map<string, string>();
    this.#keys.set(owner, keys);
    const existing = typeof idempotencyKey === 'string' ? keys.get(idempotencyKey) : undefined;
    if (existing) {
      const stored = this.#labels.get(existing)!;
      stored.replays += 1;
      return json(200, stored.response);
    }

    const parsed = LabelRequestSchema.safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) details.push({ field: toApiPath(issue.path), message: issue.message });
    }
    if (details.length > 0 || !parsed.success) return json(400, { error: 'Validation failed', details });

    const request = parsed.data;
    const now = this.#o.now();
    const id = randomUUID();
    const orderNumber = request.order?.customerOrderNumber ?? null;
    let response: LabelBody;
    let status = 201;
    if (request.service.productCode === REJECTING_PRODUCT || !SANDBOX_PRODUCTS.some((p) => p.code === request.service.productCode)) {
      status = 502;
      response = failed(
        id,
        orderNumber,
        `YunExpress API returned HTTP 400: product ${request.service.productCode} is not available on this lane`,
      );
    } else if (request.shipment.shipTo.address.postalCode === REJECTED_POSTAL_CODE) {
      response = failed(id, orderNumber, 'YunExpress API returned HTTP 400: the recipient postal code is not serviceable');
    } else {
      this.#sequence += 1;
      const day = new Date(now).toISOString().slice(2, 10).replace(/-/g, '');
      const serial = String(this.#sequence).padStart(10, '0');
      response = {
        id,
        status: 'created',
        courier: request.courier,
        customerOrderNumber: orderNumber,
        courierOrderNumber: `YO${day}${serial}`,
        courierTrackingNumber: `YT${day}${serial}`,
        error: null,
      };
    }
    this.#labels.set(id, { id, owner, createdAtMs: now, request, response, firstStatus: status, idempotencyKey: idempotencyKey as string, replays: 0 });
    keys.set(idempotencyKey as string, id);
    return json(status, response);
  }

  /**
   * By label id (any account's: another account's id is a 403, as the API
   * says), else by customer order number within the caller's account only —
   * order numbers are the merchant's own, and two accounts may use the same
   * one. Order numbers need not be unique (gap 12): a created label wins over
   * a failed attempt, even a newer one (the failed one has no document and
   * would hide the label that exists); among equals, the newest.
   */
  #find(owner: string, key: string): StoredLabel | undefined {
    const byId = this.#labels.get(key);
    if (byId) return byId;
    let best: StoredLabel | undefined;
    const rank = (label: StoredLabel): number => (label.response.status === 'created' ? 1 : 0);
    for (const label of this.#labels.values()) {
      if (label.owner !== owner || label.response.customerOrderNumber !== key) continue;
      if (!best || rank(label) > rank(best) || (rank(label) === rank(best) && label.createdAtMs >= best.createdAtMs)) best = label;
    }
    return best;
  }

  #documentRef(label: StoredLabel) {
    return {
      id: label.id,
      customerOrderNumber: label.response.customerOrderNumber ?? '',
      url: this.documentUrl(label),
      labelFormat: label.request.label.format === 'PNG' ? 'png' : 'pdf',
    };
  }

  #getLabels(owner: string, param: string): SandboxResponse {
    const keys = param
      .split(',')
      .map(safeDecode)
      .filter((k) => k.length > 0);
    if (keys.length === 0) return standardError(404, 'Not Found');
    if (keys.length === 1 && !param.includes(',')) {
      const label = this.#find(owner, keys[0]!);
      if (!label) return standardError(404, 'Not Found');
      if (label.owner !== owner) return standardError(403, 'Forbidden');
      if (label.response.status !== 'created') return standardError(404, 'Not Found');
      return json(200, this.#documentRef(label));
    }
    // Batch: missing, failed and other accounts' labels are dropped silently (reference §5.3).
    const labels = keys
      .map((k) => this.#find(owner, k))
      .filter((l): l is StoredLabel => l !== undefined && l.owner === owner && l.response.status === 'created')
      .map((l) => this.#documentRef(l));
    return json(200, { labels });
  }

  #getTracking(owner: string, param: string): SandboxResponse {
    const label = this.#find(owner, safeDecode(param));
    if (!label) return standardError(404, 'Not Found');
    if (label.owner !== owner) return standardError(403, 'Forbidden');
    if (label.response.status !== 'created') return standardError(404, 'Not Found');
    const { shipFrom, shipTo } = label.request.shipment;
    const checkpoints = checkpointsAt(
      {
        from: { city: shipFrom.address.city, state: shipFrom.address.state ?? null, countryCode: shipFrom.address.countryCode },
        to: {
          city: shipTo.address.city,
          state: shipTo.address.state ?? null,
          countryCode: shipTo.address.countryCode,
          postalCode: shipTo.address.postalCode,
        },
      },
      label.createdAtMs,
      this.#o.now(),
      this.#o.speed,
      label.response.courier,
    );
    const latest = checkpoints[0];
    return json(200, {
      id: label.id,
      trackingNumber: label.response.courierTrackingNumber,
      tag: latest?.tag ?? 'Pending',
      subtag: latest?.subtag ?? 'Pending_001',
      subtagMessage: latest?.subtagMessage ?? 'Pending',
      slug: label.response.courier,
      checkpoints,
    });
  }

  #listProducts(query: URLSearchParams): SandboxResponse {
    const courier = query.get('courier');
    if (!courier) return json(400, { error: 'Validation failed', details: [{ field: 'courier', message: 'is required' }] });
    if (courier !== SANDBOX_COURIER.code) return standardError(404, 'Not Found');
    return json(200, { products: SANDBOX_PRODUCTS.map((p) => ({ ...p, courier })) });
  }
}

function failed(id: string, customerOrderNumber: string | null, message: string): LabelBody {
  return {
    id,
    status: 'failed',
    courier: SANDBOX_COURIER.code,
    customerOrderNumber,
    courierOrderNumber: null,
    courierTrackingNumber: null,
    error: { code: 'COURIER_ERROR', message },
  };
}

type Route = { name: 'labels' | 'tracking' | 'products' | 'couriers'; param: string | null };

function matchRoute(path: string): Route | null {
  if (path === '/labels') return { name: 'labels', param: null };
  if (path === '/products') return { name: 'products', param: null };
  if (path === '/couriers') return { name: 'couriers', param: null };
  const m = /^\/(labels|tracking)\/([^/]+)$/.exec(path);
  return m ? { name: m[1] as 'labels' | 'tracking', param: m[2]! } : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s).trim();
  } catch {
    return s;
  }
}

/** The API's documented path style (reference §8.2): `shipment.parcels[0].weight`. */
function toApiPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}
