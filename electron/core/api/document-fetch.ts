/**
 * Fetching a label document from the courier's host, which the API names in
 * a URL we do not control. Three guards a plain `fetch(url)` does not give:
 *
 * - Redirects are followed by hand, one hop at a time, and each hop is
 *   checked: a non-http(s) scheme, a loop or too many hops is a DOCUMENT
 *   error at once (fetch reports all three as a network failure, which the
 *   client used to retry as if the network were down).
 * - Server-side request forgery: the address each connection goes to is
 *   checked when the socket connects (the `lookup` hook, so a name that
 *   resolves differently the second time cannot slip through) and for IP
 *   literals before connecting. Loopback, link-local, private and other
 *   non-public addresses are refused unless the host is one the station
 *   trusts (its embedded sandbox, or one an admin listed in Settings).
 * - One deadline for the whole step (all hops and retries), set by the caller.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { DocumentError } from './errors';

/** Real label hosts (S3, CloudFront, courier CDNs) redirect once or twice at most. */
export const MAX_DOCUMENT_REDIRECTS = 5;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Addresses a label document must never come from unless the host is
 * trusted: the station's own machine, its LAN and cloud metadata services.
 * IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are checked against the IPv4
 * rules by BlockList itself.
 */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (shared address space)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** True for an address a document download must not reach by default. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Which hosts may resolve to non-public addresses (read per download: Settings may change). */
export interface DocumentHostPolicy {
  /**
   * Hosts trusted on a local network: `name` (any port) or `name:port`,
   * compared case-insensitively with the URL's host. The embedded sandbox's
   * `127.0.0.1:<port>` is one; an admin adds a warehouse label server.
   */
  privateHosts: readonly string[];
}

export function hostIsTrusted(url: URL, policy: DocumentHostPolicy): boolean {
  const host = url.host.toLowerCase();
  const name = url.hostname.toLowerCase();
  return policy.privateHosts.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === host || e === name;
  });
}

export interface DocumentResponse {
  status: number;
  /** The address that answered (after redirects). */
  url: URL;
  bytes: Uint8Array;
}

export interface FetchDocumentOptions {
  policy: DocumentHostPolicy;
  /** Aborts the whole download (all hops); the caller's deadline. */
  signal: AbortSignal;
  maxBytes: number;
  tooBig: () => Error;
  /** Overridable for tests of the resolver path; defaults to dns.lookup. */
  resolve?: typeof dnsLookup;
}

/** A connection the policy refused; carries the address for the message. */
class RefusedAddress extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}`);
  }
}

function refusedMessage(host: string, address: string): string {
  return (
    `The label document host ${host} is on a local or private network (${address}), so the station did not fetch it. ` +
    'If that host is your own label server, an admin can list it in Settings under document hosts on the local network.'
  );
}

/**
 * Follows the redirects of `start` by hand and returns the first non-redirect
 * answer, with its body read (capped) only when it is a 200.
 */
export async function fetchDocument(start: URL, options: FetchDocumentOptions): Promise<DocumentResponse> {
  const seen = new Set<string>();
  let url = start;
  for (let hop = 0; ; hop++) {
    seen.add(url.href);
    const answer = await requestOnce(url, options);
    if (!REDIRECT_STATUSES.has(answer.status)) return { status: answer.status, url, bytes: answer.bytes };
    const location = answer.location;
    if (!location)
      throw new DocumentError(`The label document host ${url.host} redirected (HTTP ${answer.status}) without saying where to.`);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new DocumentError(`The label document host ${url.host} redirected to an address that is not valid.`);
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new DocumentError(`The label document host ${url.host} redirected to a ${next.protocol} address; only http(s) is allowed.`);
    }
    if (seen.has(next.href)) throw new DocumentError(`The label document address redirects in a loop (${url.host} → ${next.host}).`);
    if (hop + 1 > MAX_DOCUMENT_REDIRECTS) {
      throw new DocumentError(`The label document address redirected more than ${MAX_DOCUMENT_REDIRECTS} times.`);
    }
    url = next;
  }
}

interface RawAnswer {
  status: number;
  location: string | null;
  bytes: Uint8Array;
}

function requestOnce(url: URL, options: FetchDocumentOptions): Promise<RawAnswer> {
  const trusted = hostIsTrusted(url, options.policy);
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // The resolver is not asked for an IP literal: check it here.
  if (!trusted && isNonPublicAddress(literal)) return Promise.reject(new DocumentError(refusedMessage(url.host, literal)));
  const resolve = options.resolve ?? dnsLookup;
  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      // Every address must pass, not just the first: the connection may try any of them.
      const bad = trusted ? undefined : addresses.find((a) => isNonPublicAddress(a.address));
      if (bad) return callback(new RefusedAddress(url.host, bad.address), '', 0);
      if (lookupOptions.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<RawAnswer>((resolvePromise, reject) => {
    const req = send(url, {
      method: 'GET',
      // A fresh connection per request: a pooled socket would skip the connect-time check.
      agent: false,
      lookup: lookup as never,
      signal: options.signal,
      headers: { accept: 'application/pdf, image/png;q=0.9, */*;q=0.1' },
    });
    req.on('error', (e) => reject(toDocumentFailure(e)));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const location = typeof res.headers.location === 'string' ? res.headers.location : null;
      if (status !== 200) {
        res.resume();
        res.on('end', () => resolvePromise({ status, location, bytes: new Uint8Array() }));
        res.on('error', (e) => reject(toDocumentFailure(e)));
        return;
      }
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > options.maxBytes) {
        res.destroy();
        reject(options.tooBig());
        return;
      }
      readCapped(res, options.maxBytes, options.tooBig).then(
        (bytes) => resolvePromise({ status, location, bytes }),
        (e: unknown) => reject(toDocumentFailure(e)),
      );
    });
    req.end();
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

async function readCapped(res: IncomingMessage, max: number, tooBig: () => Error): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > max) {
      res.destroy();
      throw tooBig();
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/** A refused address is final (DOCUMENT); anything else passes through for the caller to classify. */
function toDocumentFailure(e: unknown): unknown {
  if (e instanceof RefusedAddress) return new DocumentError(refusedMessage(e.host, e.address));
  return e;
}
