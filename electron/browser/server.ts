/**
 * Browser mode: the contract over HTTP on loopback, for a renderer running in
 * an ordinary browser (end-to-end tests, machines without Electron's binary).
 *
 *   POST /api/call/<domain:verb>   body {"args": …}   → Result JSON
 *   GET  /api/events                                  → server-sent events
 *   GET  /*                                           → the built renderer
 *
 * Every /api request needs `Authorization: Bearer <token>`; the token is
 * random per run and reaches the page only in the URL fragment, which the
 * browser never sends to a server. Host and Origin are checked so a web page
 * elsewhere (DNS rebinding, cross-site fetch) cannot drive the station.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { invoke } from '../core/invoke';
import type { Station } from '../core/station';
import type { Logger } from '../core/util/log';

export const MAX_BODY_BYTES = 1024 * 1024;
const SSE_HEARTBEAT_MS = 15_000;

/** Same policy as renderer/index.html; `connect-src 'self'` keeps the page talking only to us. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "object-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface BrowserServerOptions {
  station: Station;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  logger: Logger;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface BrowserServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** The URL to open: origin plus the token in the fragment. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(`Bearer ${token}`);
  const staticRoot = resolve(options.staticDir);
  const log = options.logger;
  const streams = new Set<ServerResponse>();
  let origin = '';

  const authorized = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const sameHost = (req: IncomingMessage): boolean => {
    const host = req.headers.host ?? '';
    const port = new URL(origin).port;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
    const from = req.headers.origin;
    return from === undefined || from === `http://${host}`;
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      log.error('browser-mode request failed', { url: req.url, error: e });
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      // Parsed as a path only: a request target like `//x` must not become a host.
      url = new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
    } catch {
      return sendJson(res, 400, { error: MALFORMED_PATH });
    }
    if (!sameHost(req)) return sendJson(res, 403, { error: 'Forbidden host or origin' });
    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req)) return sendJson(res, 401, { error: 'Unauthorized: open the URL printed by the station, with its #token.' });
      if (req.method === 'POST' && url.pathname.startsWith('/api/call/')) {
        const channel = decodePath(url.pathname.slice('/api/call/'.length));
        if (channel === null) return sendJson(res, 400, { error: MALFORMED_PATH });
        return handleCall(req, res, channel);
      }
      if (req.method === 'GET' && url.pathname === '/api/events') return handleEvents(req, res);
      return sendJson(res, 404, { error: 'No such endpoint' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method not allowed' });
    return serveStatic(url.pathname, res);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (!isJsonContentType(req.headers['content-type'])) {
      return sendJson(res, 415, { error: 'Send JSON (Content-Type: application/json)' });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return sendJson(res, 413, { error: `Request body over ${MAX_BODY_BYTES} bytes` });
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'Request body is not valid JSON' });
    }
    const args = parsed !== null && typeof parsed === 'object' && 'args' in parsed ? (parsed as { args: unknown }).args : undefined;
    const result = await invoke(options.station.handlers, channel, args, log);
    sendJson(res, 200, result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.station.events.subscribe((event) => {
      res.write(`event: station\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const decoded = decodePath(pathname);
    if (decoded === null) return sendJson(res, 400, { error: MALFORMED_PATH });
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = resolve(join(staticRoot, relative));
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return sendJson(res, 404, { error: 'Not found' });
    const info = await stat(file).catch(() => null);
    // Unknown paths fall back to the app (client-side routes); missing assets stay 404.
    if (!info?.isFile()) {
      if (extname(relative) !== '') return sendJson(res, 404, { error: 'Not found' });
      file = join(staticRoot, 'index.html');
    }
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) return sendJson(res, 404, { error: 'The renderer is not built: run `npm run build:renderer`.' });
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': extname(file) === '.html' ? 'no-store' : 'public, max-age=3600',
    });
    res.end(bytes);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  log.info('browser mode listening', { origin });

  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    async close() {
      for (const res of streams) res.end();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}

const MALFORMED_PATH = 'Malformed address: a % in the path must be followed by two hex digits (e.g. %3A).';

/** Percent-decodes a path, or null when it is malformed (a client mistake: 400, not a server error). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * The media type must be exactly application/json (any case, parameters
 * allowed, charset only UTF-8): `application/jsonp` or
 * `application/json-seq` is not JSON a caller meant for us.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
