/**
 * The embedded sandbox: a real HTTP server on loopback that behaves like the
 * Flex Forward API and the courier's document host, with fault injection and
 * a request log. The app starts it in-process for demo mode; `npm run
 * sandbox` starts it standalone (cli.ts).
 *
 * It is a set of routers on one server, so another API (e.g. Flash Americas)
 * can be mounted by passing its router in `routers` without touching this file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLoggerFactory, type Logger } from '../core/util/log';
import { FaultController } from './faults';
import { INVALID_JSON, json, type SandboxRequest, type SandboxResponse, type SandboxRouter } from './http';
import { DEMO_TOKEN, FlexForwardSandbox, type FlexForwardSandboxOptions } from './flexforward/router';
import { DocumentHostRouter, DOCUMENT_PATH_PREFIX } from './flexforward/documents';

/** Generous for any label request; refuses a runaway client before it fills memory. */
const MAX_BODY_BYTES = 1024 * 1024;
/** The in-process demo runs for days: keep the newest requests only (tests read far fewer). */
export const MAX_REQUEST_LOG_ENTRIES = 10_000;
const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export interface RequestLogEntry {
  /** Wall-clock arrival time in ms with sub-ms precision (performance.timeOrigin + performance.now()). */
  at: number;
  method: string;
  path: string;
  /** The Bearer token sent, or null. */
  token: string | null;
  router: string | null;
  status: number | null;
  fault: string | null;
}

export interface SandboxOptions extends Partial<FlexForwardSandboxOptions> {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Draws for random faults. */
  random?: () => number;
  /** Extra APIs mounted before the built-in ones (first router to answer wins). */
  routers?: SandboxRouter[];
  logger?: Logger;
}

export interface Sandbox {
  /** Base URL of the Flex Forward API, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly tokens: readonly string[];
  readonly faults: FaultController;
  readonly flexforward: FlexForwardSandbox;
  requests(): readonly RequestLogEntry[];
  clearRequests(): void;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLoggerFactory('sandbox');
  const faults = new FaultController(options.random);
  const log: RequestLogEntry[] = [];
  let baseUrl = '';

  const flexforward = new FlexForwardSandbox({
    tokens: options.tokens ?? [DEMO_TOKEN],
    speed: options.speed ?? 1,
    now: options.now ?? (() => Date.now()),
    documentBaseUrl: () => `${baseUrl}${DOCUMENT_PATH_PREFIX}`,
  });
  const routers: SandboxRouter[] = [...(options.routers ?? []), new DocumentHostRouter(flexforward), flexforward];

  const server = createServer((req, res) => {
    void serve(req, res).catch((e: unknown) => {
      logger.error('sandbox handler failed', { error: e });
      if (!res.headersSent) send(res, json(500, { error: 'Internal Server Error' }));
      else res.destroy();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.timeOrigin + performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = (req.method ?? 'GET').toUpperCase();
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && /^Bearer\s+\S+$/i.test(auth) ? auth.replace(/^Bearer\s+/i, '') : null;
    const entry: RequestLogEntry = { at, method, path: url.pathname + url.search, token, router: null, status: null, fault: null };
    log.push(entry);
    if (log.length > MAX_REQUEST_LOG_ENTRIES) log.splice(0, log.length - MAX_REQUEST_LOG_ENTRIES);

    const fault = faults.pick(method, url.pathname);
    entry.fault = fault ? `${fault.kind}${fault.status ? ` ${fault.status}` : ''} ${fault.when ?? ''}`.trim() : null;
    const latency = faults.rates.latencyMs;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));

    if (fault?.kind === 'timeout') return; // never answered; the client's timeout fires, stop() closes it
    if (fault && fault.when !== 'after') {
      if (fault.kind === 'drop') return void req.socket.destroy();
      if (fault.kind === 'error') {
        entry.status = fault.status ?? 502;
        return send(res, json(entry.status, { error: STATUS_TEXT[entry.status] ?? 'Error' }));
      }
    }

    const raw = await readBody(req);
    let body: unknown = undefined;
    if (raw === null) {
      entry.status = 413;
      return send(res, json(413, { error: 'Payload Too Large' }));
    }
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        body = INVALID_JSON;
      }
    }
    const request: SandboxRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, token, body };
    let response: SandboxResponse | null = null;
    for (const router of routers) {
      response = await router.handle(request);
      if (response) {
        entry.router = router.name;
        break;
      }
    }
    response ??= json(404, { error: 'Not Found' });

    if (fault && fault.when === 'after') {
      // The work is done (a label may exist now); only the answer goes wrong.
      if (fault.kind === 'drop') return void req.socket.destroy();
      if (fault.kind === 'error') response = json(fault.status ?? 502, { error: STATUS_TEXT[fault.status ?? 502] ?? 'Error' });
      if (fault.kind === 'malformed') {
        const text = typeof response.body === 'string' ? response.body : '{"truncated":';
        response = { status: 200, contentType: 'application/json', body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
      }
    }
    entry.status = response.status;
    send(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  logger.info('sandbox listening', { url: baseUrl });

  return {
    url: baseUrl,
    tokens: flexforward.tokens,
    faults,
    flexforward,
    requests: () => [...log],
    clearRequests: () => void (log.length = 0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held "timeout" requests and keep-alive sockets would keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : Buffer.from(response.body);
  res.writeHead(response.status, { ...response.headers, 'content-type': response.contentType, 'content-length': body.length });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export { DEMO_TOKEN };
