/**
 * The Flex Forward API client: typed calls, validated answers, typed errors,
 * retries where a retry is safe, and one shared rate limiter per account.
 *
 * Retries (reference §9): only 5xx, network errors and timeouts, with
 * exponential backoff about 1 → 2 → 4 → 8 s (±25 % jitter, capped). POST
 * /labels retries reuse the caller's `idempotencyKey`, so a request that did
 * succeed the first time comes back as a 200 replay of the same label. Every
 * attempt takes its own slot from the limiter.
 */
import type { ZodType } from 'zod';
import type { CreateLabelBody, LabelRequest } from '../../../shared/domain/label-request';
import { IDEMPOTENCY_KEY_MAX_CHARS, normaliseFieldPath } from '../../../shared/domain/label-request';
import { toTag, TagSchema } from '../../../shared/domain/tags';
import type { Logger } from '../util/log';
import { checkLabelDocument } from './document-check';
import { fetchDocument, type DocumentHostPolicy } from './document-fetch';
import {
  ApiError,
  ApiValidationError,
  CourierRejectedError,
  DocumentError,
  ForbiddenError,
  InvalidRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  TimeoutError,
  UnauthorizedError,
  UpstreamError,
} from './errors';
import {
  CheckpointSchema,
  CourierSchema,
  LabelBatchSchema,
  LabelDocumentRefSchema,
  LabelSchema,
  listOf,
  ProductSchema,
  TrackingSchema,
  ValidationErrorSchema,
  type Checkpoint,
  type Courier,
  type CreateLabelOutcome,
  type LabelBatch,
  type LabelDocument,
  type LabelDocumentRef,
  type Priority,
  type Product,
  type Tracking,
} from './flexforward-types';
import type { RequestLimiter } from './rate-limiter';

export const REQUEST_TIMEOUT_MS = 15_000;
/** One try at the document host; a label is 20–200 kB, so this is a stalled host, not a slow one. */
export const DOCUMENT_TIMEOUT_MS = 30_000;
/**
 * The whole document step (hops, retries and their waits): the packer is
 * waiting at the bench, and the workflow's automatic resume covers a longer
 * outage. Before, five tries of 30 s each could keep them waiting 2.5 min.
 */
export const DOCUMENT_DEADLINE_MS = 45_000;
/** A 4×6 in label is 20–200 kB; anything past this is not a label (and must not fill the disk). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const RETRY_BASE_DELAY_MS = 1_000;
export const RETRY_MAX_DELAY_MS = 8_000;
/** One try plus four retries: 1 + 2 + 4 + 8 s of waiting, as the reference suggests. */
export const RETRY_MAX_ATTEMPTS = 5;
const RETRY_JITTER_FRACTION = 0.25;
/** Keeps `GET /labels/a,b,…` well under common URL length limits (UUIDs are 36 chars). */
export const BATCH_MAX_IDS = 50;

export interface CallOptions {
  priority?: Priority;
}

export interface FlexForwardApi {
  /** POST /labels. Throws CourierRejectedError (with the failed label) when the courier refuses. */
  createLabel(request: LabelRequest, idempotencyKey: string, options?: CallOptions): Promise<CreateLabelOutcome>;
  /** GET /labels/{id} with one label id or customer order number. */
  getLabel(idOrOrderNumber: string, options?: CallOptions): Promise<LabelDocumentRef>;
  /** GET /labels/{a,b,c}; reports which asked-for ids did not come back. */
  getLabels(idsOrOrderNumbers: readonly string[], options?: CallOptions): Promise<LabelBatch>;
  /** Fetches the courier-hosted document and checks it really is a PDF or PNG. */
  downloadDocument(url: string): Promise<LabelDocument>;
  /** GET /tracking/{id}; checkpoints newest first. */
  getTracking(idOrOrderNumber: string, options?: CallOptions): Promise<Tracking>;
  /** GET /products?courier=…; without a courier, the products of every enabled courier. */
  listProducts(courier?: string, options?: CallOptions): Promise<Array<Product & { courier: string }>>;
  /** GET /couriers. */
  listCouriers(options?: CallOptions): Promise<Courier[]>;
}

export interface FlexForwardClientOptions {
  /** Read on every call, so a settings change takes effect without a rebuild. */
  baseUrl: () => string;
  token: () => string | null;
  /** Shared by every call of the same account (see AccountLimiters). */
  limiter: RequestLimiter;
  logger: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  documentTimeoutMs?: number;
  documentDeadlineMs?: number;
  /**
   * Hosts whose documents may come from loopback, link-local or private
   * addresses (read per download). Default: none, every document host must
   * resolve to public addresses only.
   */
  documentHosts?: () => DocumentHostPolicy;
  maxDocumentBytes?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); spreads retries of many stations so they do not hit the API in step. */
  random?: () => number;
}

interface HttpAnswer {
  status: number;
  text: string;
}

interface Operation {
  /** For messages: "label 3f2a…", "tracking for ORDER-1". */
  what: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  priority: Priority;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FlexForwardClient implements FlexForwardApi {
  readonly #o: Required<Omit<FlexForwardClientOptions, 'fetch'>> & { fetch: typeof fetch };

  constructor(options: FlexForwardClientOptions) {
    this.#o = {
      baseUrl: options.baseUrl,
      token: options.token,
      limiter: options.limiter,
      logger: options.logger,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      documentTimeoutMs: options.documentTimeoutMs ?? DOCUMENT_TIMEOUT_MS,
      documentDeadlineMs: options.documentDeadlineMs ?? DOCUMENT_DEADLINE_MS,
      documentHosts: options.documentHosts ?? (() => ({ privateHosts: [] })),
      maxDocumentBytes: options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES,
      maxAttempts: options.maxAttempts ?? RETRY_MAX_ATTEMPTS,
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
    };
  }

  async createLabel(request: LabelRequest, idempotencyKey: string, options: CallOptions = {}): Promise<CreateLabelOutcome> {
    if (idempotencyKey.length < 1 || idempotencyKey.length > IDEMPOTENCY_KEY_MAX_CHARS) {
      throw new InvalidRequestError(`The idempotency key must be 1–${IDEMPOTENCY_KEY_MAX_CHARS} characters.`);
    }
    // Gap 6: the request type has no shipperAccountId, and the schema refuses one, so it is never sent.
    const body: CreateLabelBody = { idempotencyKey, ...request };
    const op: Operation = { what: 'the new label', method: 'POST', path: '/labels', body, priority: options.priority ?? 'user' };
    return this.#withRetries(op, (answer) => {
      if (answer.status === 200 || answer.status === 201) {
        const label = this.#parse(op, answer, LabelSchema);
        // Gap 4: a rejection may arrive as 201/200 with status "failed".
        if (label.status === 'failed') throw new CourierRejectedError(label, answer.status);
        return { label, replayed: answer.status === 200 };
      }
      if (answer.status === 502) {
        // Gap 4/5: a 502 carrying a failed label is a courier rejection, stored
        // under this key; retrying with the same key would replay it, so it is
        // final here. A 502 without a label body is a gateway problem: retried.
        const failed = LabelSchema.safeParse(safeJson(answer.text));
        if (failed.success && failed.data.status === 'failed') throw new CourierRejectedError(failed.data, 502);
      }
      throw this.#errorFor(op, answer);
    });
  }

  async getLabel(idOrOrderNumber: string, options: CallOptions = {}): Promise<LabelDocumentRef> {
    const key = checkLookupKey(idOrOrderNumber);
    const op: Operation = {
      what: `Label ${key}`,
      method: 'GET',
      path: `/labels/${encodeURIComponent(key)}`,
      priority: options.priority ?? 'user',
    };
    return this.#withRetries(op, (answer) => {
      if (answer.status !== 200) throw this.#errorFor(op, answer);
      const json = safeJson(answer.text);
      // A server that answers a single id in the batch shape is still understood.
      const batch = LabelBatchSchema.safeParse(json);
      if (batch.success && batch.data.labels[0]) return batch.data.labels[0];
      return this.#parse(op, answer, LabelDocumentRefSchema);
    });
  }

  async getLabels(idsOrOrderNumbers: readonly string[], options: CallOptions = {}): Promise<LabelBatch> {
    const wanted = [...new Set(idsOrOrderNumbers.map(checkLookupKey))];
    const documents: LabelDocumentRef[] = [];
    for (let i = 0; i < wanted.length; i += BATCH_MAX_IDS) {
      const chunk = wanted.slice(i, i + BATCH_MAX_IDS);
      documents.push(...(await this.#getBatch(chunk, options.priority ?? 'user')));
    }
    // Gap 11: the batch drops missing/failed labels silently, and a lookup by
    // order number returns the label id, so match on either.
    const found = new Set(documents.flatMap((d) => (d.customerOrderNumber ? [d.id, d.customerOrderNumber] : [d.id])));
    return { documents, missing: wanted.filter((k) => !found.has(k)) };
  }

  async #getBatch(keys: string[], priority: Priority): Promise<LabelDocumentRef[]> {
    // Commas stay literal: they are the API's separator, the parts are encoded.
    const op: Operation = {
      what: `Labels ${keys.join(', ')}`,
      method: 'GET',
      path: `/labels/${keys.map(encodeURIComponent).join(',')}`,
      priority,
    };
    return this.#withRetries(op, (answer) => {
      // Gap 11: a batch where nothing resolves may be a 404 instead of an empty list.
      if (answer.status === 404) return [];
      if (answer.status !== 200) throw this.#errorFor(op, answer);
      const json = safeJson(answer.text);
      const single = LabelDocumentRefSchema.safeParse(json);
      if (single.success) return [single.data];
      return this.#parse(op, answer, LabelBatchSchema).labels;
    });
  }

  async downloadDocument(url: string): Promise<LabelDocument> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DocumentError(`The label document address "${url.slice(0, 200)}" is not a valid URL.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new DocumentError(`The label document address uses ${parsed.protocol}, and only http(s) is allowed.`);
    }
    const host = parsed.host;
    const deadline = performance.now() + this.#o.documentDeadlineMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#downloadOnce(parsed, host, deadline);
      } catch (e) {
        if (!(e instanceof ApiError) || !e.retryable || attempt >= this.#o.maxAttempts) throw e;
        const delayMs = this.#backoffMs(attempt);
        // No retry that could not finish before the deadline: the step ends now, with what went wrong.
        if (performance.now() + delayMs >= deadline) throw e;
        this.#o.logger.warn('document download failed, retrying', { host, attempt, kind: e.kind, status: e.status });
        await this.#o.sleep(delayMs);
      }
    }
  }

  async #downloadOnce(url: URL, host: string, deadline: number): Promise<LabelDocument> {
    const remainingMs = Math.max(0, Math.floor(deadline - performance.now()));
    const timeoutMs = Math.min(this.#o.documentTimeoutMs, remainingMs);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      // The document lives on the courier's host: the API token is never sent there.
      const response = await fetchDocument(url, {
        policy: this.#o.documentHosts(),
        signal: controller.signal,
        maxBytes: this.#o.maxDocumentBytes,
        tooBig: () => tooBig(this.#o.maxDocumentBytes),
      });
      const at = response.url.host;
      if (response.status === 404) throw new DocumentError(`The label document at ${at} is gone (HTTP 404).`, 404);
      if (response.status >= 500) throw new UpstreamError(response.status, `The label document host ${at}`);
      if (response.status !== 200) throw new DocumentError(`The label document host ${at} answered HTTP ${response.status}.`, response.status);
      const check = checkLabelDocument(response.bytes);
      if (!check.ok) throw new DocumentError(`The label document from ${at} is not usable: ${check.reason}.`);
      return { bytes: response.bytes, format: check.format, url: url.href };
    } catch (e) {
      throw this.#transportError(e, host, controller, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async getTracking(idOrOrderNumber: string, options: CallOptions = {}): Promise<Tracking> {
    const key = checkLookupKey(idOrOrderNumber);
    const op: Operation = {
      what: `Tracking for ${key}`,
      method: 'GET',
      path: `/tracking/${encodeURIComponent(key)}`,
      priority: options.priority ?? 'background',
    };
    return this.#withRetries(op, (answer) => {
      if (answer.status !== 200) throw this.#errorFor(op, answer);
      const raw = this.#parse(op, answer, TrackingSchema);
      const tag = toTag(raw.tag);
      const checkpoints: Checkpoint[] = [];
      for (const item of raw.checkpoints ?? []) {
        const cp = CheckpointSchema.safeParse(item);
        const time = cp.success ? Date.parse(cp.data.checkpointTime) : Number.NaN;
        if (!cp.success || Number.isNaN(time)) {
          // One unreadable event must not hide the rest of the history.
          this.#o.logger.warn('dropped an unreadable tracking checkpoint', { id: raw.id });
          continue;
        }
        checkpoints.push({ ...cp.data, checkpointTime: new Date(time).toISOString().replace('.000Z', 'Z') });
      }
      // Gap 10: every example is newest first, but one translation only says
      // "time-ordered"; sorting makes the order a fact rather than a hope.
      checkpoints.sort((a, b) => Date.parse(b.checkpointTime) - Date.parse(a.checkpointTime));
      const unknownTag = raw.tag === undefined || TagSchema.safeParse(raw.tag).success ? null : String(raw.tag);
      if (unknownTag !== null) this.#o.logger.warn('unknown tracking tag read as Unknown', { tag: unknownTag.slice(0, 50) });
      return {
        id: raw.id,
        trackingNumber: raw.trackingNumber,
        tag,
        unknownTag,
        subtag: raw.subtag,
        subtagMessage: raw.subtagMessage,
        slug: raw.slug,
        checkpoints,
      };
    });
  }

  async listProducts(courier?: string, options: CallOptions = {}): Promise<Array<Product & { courier: string }>> {
    const couriers = courier ? [courier] : (await this.listCouriers(options)).map((c) => c.code);
    const out: Array<Product & { courier: string }> = [];
    for (const code of couriers) {
      const op: Operation = {
        what: `Products of ${code}`,
        method: 'GET',
        path: `/products?courier=${encodeURIComponent(code)}`,
        priority: options.priority ?? 'user',
      };
      const products = await this.#withRetries(op, (answer) => {
        if (answer.status !== 200) throw this.#errorFor(op, answer);
        return this.#parse(op, answer, listOf(ProductSchema, 'products'));
      });
      out.push(...products.map((p) => ({ ...p, courier: code })));
    }
    return out;
  }

  async listCouriers(options: CallOptions = {}): Promise<Courier[]> {
    const op: Operation = { what: 'The courier list', method: 'GET', path: '/couriers', priority: options.priority ?? 'user' };
    return this.#withRetries(op, (answer) => {
      if (answer.status !== 200) throw this.#errorFor(op, answer);
      return this.#parse(op, answer, listOf(CourierSchema, 'couriers'));
    });
  }

  // ── plumbing ────────────────────────────────────────────────────────────

  async #withRetries<T>(op: Operation, interpret: (answer: HttpAnswer) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.#send(op);
        return interpret(answer);
      } catch (e) {
        if (!(e instanceof ApiError) || !e.retryable || attempt >= this.#o.maxAttempts) throw e;
        const delayMs = this.#backoffMs(attempt);
        this.#o.logger.warn('API call failed, retrying', {
          method: op.method,
          path: op.path,
          attempt,
          kind: e.kind,
          status: e.status,
          delayMs,
        });
        await this.#o.sleep(delayMs);
      }
    }
  }

  /** 1 s, 2 s, 4 s, 8 s (attempt 1, 2, 3, 4), each ±25 %, never above the cap. */
  #backoffMs(attempt: number): number {
    const nominal = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
    const jittered = nominal * (1 - RETRY_JITTER_FRACTION + 2 * RETRY_JITTER_FRACTION * this.#o.random());
    return Math.round(Math.min(RETRY_MAX_DELAY_MS, jittered));
  }

  async #send(op: Operation): Promise<HttpAnswer> {
    const token = this.#o.token();
    if (!token) throw new UnauthorizedError();
    const base = this.#o.baseUrl().replace(/\/+$/, '');
    const url = `${base}${op.path}`;
    const host = safeHost(base);
    // The API is HTTPS only; plain HTTP would put the token on the wire. Loopback (the sandbox) is the exception.
    if (!isSafeApiBase(base))
      throw new InvalidRequestError(`Refusing to send the API token to ${host} over plain HTTP: use an https:// address.`);
    const release = await this.#o.limiter.acquire(op.priority);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#o.timeoutMs);
    const started = performance.now();
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      const init: RequestInit = { method: op.method, headers, signal: controller.signal };
      if (op.body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(op.body);
      }
      const response = await this.#o.fetch(url, init);
      const text = await response.text();
      this.#o.logger.debug('API call', {
        method: op.method,
        path: op.path,
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
      return { status: response.status, text };
    } catch (e) {
      throw this.#transportError(e, host, controller, this.#o.timeoutMs);
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  #transportError(e: unknown, host: string, controller: AbortController, timeoutMs: number): ApiError {
    if (e instanceof ApiError) return e;
    if (controller.signal.aborted) return new TimeoutError(host, timeoutMs);
    return new NetworkError(host, e);
  }

  #parse<S extends ZodType>(op: Operation, answer: HttpAnswer, schema: S): ReturnType<S['parse']> {
    const json = safeJson(answer.text);
    if (json === NOT_JSON) throw new MalformedResponseError(op.what.toLowerCase(), answer.status, 'the body is not JSON');
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.map(String).join('.') || 'body'}: ${first.message}` : 'unexpected shape';
      throw new MalformedResponseError(op.what.toLowerCase(), answer.status, where);
    }
    return parsed.data as ReturnType<S['parse']>;
  }

  #errorFor(op: Operation, answer: HttpAnswer): ApiError {
    switch (answer.status) {
      case 400: {
        const body = ValidationErrorSchema.safeParse(safeJson(answer.text));
        if (!body.success) throw new MalformedResponseError(op.what.toLowerCase(), 400, 'a validation error without details');
        const fields = body.data.details.map((d) => ({ field: normaliseFieldPath(d.field), message: d.message }));
        const summary = fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : body.data.error;
        return new ApiValidationError(`Flex Forward refused the request: ${summary}`, fields);
      }
      case 401:
        return new UnauthorizedError();
      case 403:
        return new ForbiddenError(op.what);
      case 404:
        return new NotFoundError(op.what);
      case 429:
        return new RateLimitedError();
      default:
        return new UpstreamError(answer.status);
    }
  }
}

const NOT_JSON = Symbol('not json');
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** One label id or order number; commas are the batch separator, so never inside one key. */
function checkLookupKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed === '') throw new InvalidRequestError('Give a label ID or an order number.');
  if (trimmed.includes(','))
    throw new InvalidRequestError(`"${trimmed.slice(0, 60)}" contains a comma, which the API reads as a list separator.`);
  return trimmed;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isSafeApiBase(base: string): boolean {
  try {
    const url = new URL(base);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

function safeHost(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}

function tooBig(max: number): DocumentError {
  return new DocumentError(`The label document is larger than ${Math.round(max / 1024 / 1024)} MB, which no label is.`);
}
