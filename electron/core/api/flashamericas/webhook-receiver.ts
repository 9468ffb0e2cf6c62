/**
 * The optional local receiver for Flash Americas webhooks (§6).
 *
 * Polling is the default: a packing station behind a warehouse router cannot
 * be reached from the internet. Sites that can route to a station turn this
 * on; it listens on its own port, apart from browser mode's loopback server,
 * and feeds the same pipeline the poller does.
 *
 * Gap 6 and the docs give no timestamp or nonce in the signature, so replay
 * protection is ours: every event id is remembered for REPLAY_WINDOW_MS and
 * events older than that window are not accepted at all (the remembered ids
 * could not vouch for them). Duplicates and stale events are answered 200
 * but not processed: a 4xx would make Flash Americas retry a delivery we
 * already have, and many webhook senders disable endpoints that keep failing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../util/clock';
import type { Logger } from '../../util/log';
import { FA_SIGNATURE_HEADER, verifyWebhookSignature } from './webhook-signature';
import { FaWebhookPayloadSchema, type FaWebhookPayload } from './schemas';

/** A tracking delivery is a few hundred bytes; anything near this is not one. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;
/** How long an event id is remembered, and the oldest event accepted. */
export const REPLAY_WINDOW_MS = 72 * 60 * 60_000;
/** Events stamped further ahead than this are refused (clock skew allowance). */
export const FUTURE_SKEW_MS = 5 * 60_000;
/** Bounds the memory a flood of distinct ids can take; the oldest are dropped first. */
export const REPLAY_MAX_IDS = 100_000;
export const WEBHOOK_PATH = '/webhooks/flashamericas';
/**
 * A delivery is a few hundred bytes sent at once: a sender that takes longer
 * than this for its headers, or for the whole request, is not Flash Americas
 * but a slow client holding a connection (slowloris). Node checks these
 * deadlines every CONNECTIONS_CHECK_INTERVAL_MS (30 s by default, which let a
 * slow body hold a connection for 25 s and more).
 */
export const WEBHOOK_HEADERS_TIMEOUT_MS = 1_500;
export const WEBHOOK_REQUEST_TIMEOUT_MS = 2_000;
const CONNECTIONS_CHECK_INTERVAL_MS = 250;
/** A connection that sends nothing at all is closed after this long. */
export const WEBHOOK_IDLE_TIMEOUT_MS = 2_000;
/** Open connections at once; more are closed on arrival (Flash Americas sends one delivery at a time per event). */
export const WEBHOOK_MAX_CONNECTIONS = 32;
/** Listens on every interface unless told otherwise: a router forwards to the station from outside. */
export const WEBHOOK_DEFAULT_HOST = '0.0.0.0';

/** Event ids seen recently, oldest first. */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  constructor(
    private readonly clock: Clock,
    private readonly windowMs = REPLAY_WINDOW_MS,
    private readonly maxIds = REPLAY_MAX_IDS,
  ) {}

  /** True the first time an id is offered within the window; false for a replay. */
  admit(eventId: string): boolean {
    const now = this.clock.now();
    for (const [id, at] of this.#seen) {
      if (now - at < this.windowMs && this.#seen.size < this.maxIds) break;
      this.#seen.delete(id);
    }
    if (this.#seen.has(eventId)) return false;
    this.#seen.set(eventId, now);
    return true;
  }

  /** Forget an id whose processing failed, so the sender's retry is accepted. */
  forget(eventId: string): void {
    this.#seen.delete(eventId);
  }
}

export type WebhookOutcome = 'accepted' | 'duplicate' | 'stale' | 'bad_signature' | 'too_large' | 'malformed' | 'not_configured' | 'failed';

export interface WebhookReceiverOptions {
  port: number;
  /**
   * The address to listen on: 0.0.0.0 (default) or :: for every interface,
   * or one interface's address (the LAN card the router forwards to), or
   * 127.0.0.1 behind a local reverse proxy.
   */
  host?: string;
  /** Open connections at once (default WEBHOOK_MAX_CONNECTIONS). */
  maxConnections?: number;
  /** The shared secret, read per request from the secret store; null refuses everything. */
  secret: () => string | null;
  clock: Clock;
  logger: Logger;
  /** The tracking pipeline; a throw answers 500 so the sender retries. */
  onEvent: (payload: FaWebhookPayload) => Promise<void>;
  replay?: ReplayGuard;
  maxBodyBytes?: number;
  /** For tests and diagnostics. */
  onOutcome?: (outcome: WebhookOutcome) => void;
}

export interface WebhookReceiver {
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const log = options.logger;
  const replay = options.replay ?? new ReplayGuard(options.clock);
  const maxBody = options.maxBodyBytes ?? WEBHOOK_MAX_BODY_BYTES;

  const server: Server = createServer(
    {
      headersTimeout: WEBHOOK_HEADERS_TIMEOUT_MS,
      requestTimeout: WEBHOOK_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: CONNECTIONS_CHECK_INTERVAL_MS,
      keepAliveTimeout: WEBHOOK_IDLE_TIMEOUT_MS,
    },
    (req, res) => {
      void handle(req, res).catch((e: unknown) => {
        log.error('webhook request failed', { error: e });
        finish(res, 500, 'failed');
      });
    },
  );
  server.maxConnections = options.maxConnections ?? WEBHOOK_MAX_CONNECTIONS;
  // A socket that never sends a byte has no request for the deadlines above to time.
  server.on('connection', (socket) => socket.setTimeout(WEBHOOK_IDLE_TIMEOUT_MS, () => socket.destroy()));
  server.on('drop', () => log.warn('webhook connection refused: too many open connections', { max: server.maxConnections }));

  const finish = (res: ServerResponse, status: number, outcome: WebhookOutcome, message?: string) => {
    options.onOutcome?.(outcome);
    if (res.headersSent) return void res.end();
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(JSON.stringify({ status: outcome, ...(message ? { message } : {}) }));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    if (path !== WEBHOOK_PATH) return void sendPlain(res, 404, 'Not found');
    if (req.method !== 'POST') return void sendPlain(res, 405, 'Method not allowed');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBody) {
      req.resume();
      return finish(res, 413, 'too_large', `Body over ${maxBody} bytes`);
    }
    const body = await readCapped(req, maxBody);
    if (body === null) return finish(res, 413, 'too_large', `Body over ${maxBody} bytes`);
    // The whole request is in: the idle timer must not cut the answer while the event is stored.
    req.socket.setTimeout(0);

    const secret = options.secret();
    if (!secret) return finish(res, 503, 'not_configured', 'No webhook secret is set on this station');
    const header = req.headers[FA_SIGNATURE_HEADER];
    if (!verifyWebhookSignature(secret, body, Array.isArray(header) ? header[0] : header)) {
      log.warn('webhook refused: bad or missing signature', { remote: req.socket.remoteAddress, bytes: body.length });
      return finish(res, 401, 'bad_signature', 'Signature missing or wrong');
    }

    let payload: FaWebhookPayload;
    try {
      payload = FaWebhookPayloadSchema.parse(JSON.parse(body.toString('utf8')));
    } catch {
      log.warn('webhook refused: signed but not a tracking event', { bytes: body.length });
      return finish(res, 400, 'malformed', 'Not a Flash Americas tracking event');
    }

    const at = Date.parse(payload.timestamp);
    const now = options.clock.now();
    if (!Number.isFinite(at) || now - at > REPLAY_WINDOW_MS || at - now > FUTURE_SKEW_MS) {
      log.warn('webhook ignored: stale or future event', { eventId: payload.eventId, timestamp: payload.timestamp });
      return finish(res, 200, 'stale');
    }
    if (!replay.admit(payload.eventId)) {
      log.info('webhook ignored: event already received', { eventId: payload.eventId });
      return finish(res, 200, 'duplicate');
    }
    try {
      await options.onEvent(payload);
    } catch (e) {
      replay.forget(payload.eventId);
      log.error('webhook event could not be stored', { eventId: payload.eventId, error: e });
      return finish(res, 500, 'failed');
    }
    finish(res, 200, 'accepted');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? WEBHOOK_DEFAULT_HOST, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '[::1]' : address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}${WEBHOOK_PATH}`;
  log.info('flash americas webhook receiver listening', { address, port });
  return {
    url,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}

function sendPlain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(text);
}

/** The raw bytes, or null as soon as they pass the cap (the rest is not buffered). */
function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
