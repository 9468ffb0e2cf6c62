/**
 * A queue-state check over IPP, in-process: one small HTTP request to the
 * CUPS scheduler instead of starting `lpstat` (whose start-up costs as much
 * as the print job itself). It only answers when it is sure; anything
 * unusual (no scheduler address, an error, an unknown printer) returns
 * null and the caller asks lpstat, which knows every CUPS configuration.
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PrinterState } from '../../../shared/domain/printing';

/** The local scheduler answers in a millisecond; past this the lpstat path takes over. */
export const IPP_TIMEOUT_MS = 2_000;

const OP_GET_PRINTER_ATTRIBUTES = 0x000b;
const OP_CUPS_GET_DEFAULT = 0x4001;
const TAG_OPERATION = 0x01;
const TAG_END = 0x03;
const TAG_BOOLEAN = 0x22;
const TAG_ENUM = 0x23;
const TAG_TEXT = 0x41;
const TAG_NAME = 0x42;
const TAG_KEYWORD = 0x44;
const TAG_URI = 0x45;
const TAG_CHARSET = 0x47;
const TAG_LANGUAGE = 0x48;
/** printer-state enum values (RFC 8011 §5.4.11). */
const PRINTER_STATE: Record<number, PrinterState> = { 3: 'idle', 4: 'printing', 5: 'paused' };

export type SchedulerAddress = { socketPath: string } | { host: string; port: number };

export interface IppQueueStatus {
  name: string;
  state: PrinterState;
  message: string | null;
  /** `printer-state-reasons` keywords (e.g. `media-empty-error`, `paused`); empty for `none`. */
  reasons: string[];
  /** `printer-is-accepting-jobs`; null when the scheduler did not say. */
  accepting: boolean | null;
}

/**
 * Where libcups would connect: CUPS_SERVER first, then the platform's
 * domain socket. A client.conf naming another server means "ask lpstat".
 */
export function schedulerAddress(
  env: NodeJS.ProcessEnv,
  platform: string,
  fileExists: (p: string) => boolean = existsSync,
): SchedulerAddress | null {
  const server = env.CUPS_SERVER?.trim();
  if (server) {
    if (server.startsWith('/')) return { socketPath: server };
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(server);
    if (!m) return null;
    return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 631 };
  }
  for (const conf of [join(homedir(), '.cups', 'client.conf'), '/etc/cups/client.conf']) {
    if (fileExists(conf) && /^\s*ServerName\s/im.test(readFileSync(conf, 'utf8'))) return null;
  }
  const socket = platform === 'darwin' ? '/private/var/run/cupsd' : '/run/cups/cups.sock';
  return fileExists(socket) ? { socketPath: socket } : null;
}

function attribute(tag: number, name: string, values: string[]): Buffer {
  const parts: Buffer[] = [];
  values.forEach((value, i) => {
    const n = Buffer.from(i === 0 ? name : '', 'utf8');
    const v = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(3);
    head.writeUInt8(tag, 0);
    head.writeUInt16BE(n.length, 1);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(v.length, 0);
    parts.push(head, n, len, v);
  });
  return Buffer.concat(parts);
}

export function encodeRequest(operation: number, printerUri: string | null): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0200, 0); // IPP/2.0
  head.writeUInt16BE(operation, 2);
  head.writeUInt32BE(1, 4);
  return Buffer.concat([
    head,
    Buffer.from([TAG_OPERATION]),
    attribute(TAG_CHARSET, 'attributes-charset', ['utf-8']),
    attribute(TAG_LANGUAGE, 'attributes-natural-language', ['en']),
    ...(printerUri ? [attribute(TAG_URI, 'printer-uri', [printerUri])] : []),
    attribute(TAG_KEYWORD, 'requested-attributes', [
      'printer-name',
      'printer-state',
      'printer-state-message',
      'printer-state-reasons',
      'printer-is-accepting-jobs',
    ]),
    Buffer.from([TAG_END]),
  ]);
}

/** Reads status and the attributes asked for; null when the answer is not a success. */
export function decodeResponse(body: Buffer): IppQueueStatus | null {
  if (body.length < 9 || body.readUInt16BE(2) > 0x00ff) return null;
  let at = 8;
  let name: string | null = null;
  let state: PrinterState | null = null;
  let message: string | null = null;
  const reasons: string[] = [];
  let accepting: boolean | null = null;
  let lastName = '';
  while (at < body.length) {
    const tag = body.readUInt8(at++);
    if (tag === TAG_END) break;
    if (tag < 0x10) continue; // a group delimiter
    if (at + 2 > body.length) return null;
    const nameLength = body.readUInt16BE(at);
    at += 2;
    const attrName = nameLength ? body.toString('utf8', at, at + nameLength) : lastName;
    at += nameLength;
    lastName = attrName;
    if (at + 2 > body.length) return null;
    const valueLength = body.readUInt16BE(at);
    at += 2;
    const value = body.subarray(at, at + valueLength);
    at += valueLength;
    if (attrName === 'printer-name' && tag === TAG_NAME) name = value.toString('utf8');
    else if (attrName === 'printer-state' && tag === TAG_ENUM && valueLength === 4)
      state = PRINTER_STATE[value.readUInt32BE(0)] ?? 'unknown';
    else if (attrName === 'printer-state-message' && tag === TAG_TEXT) message = value.toString('utf8') || null;
    else if (attrName === 'printer-state-reasons' && tag === TAG_KEYWORD) {
      const reason = value.toString('utf8');
      if (reason !== 'none') reasons.push(reason);
    } else if (attrName === 'printer-is-accepting-jobs' && tag === TAG_BOOLEAN && valueLength === 1) accepting = value.readUInt8(0) === 1;
  }
  return name !== null && state !== null ? { name, state, message, reasons, accepting } : null;
}

function post(address: SchedulerAddress, path: string, body: Buffer): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const req = request(
      {
        ...('socketPath' in address ? { socketPath: address.socketPath } : { host: address.host, port: address.port }),
        method: 'POST',
        path,
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost' },
        timeout: IPP_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks) : null));
        res.on('error', () => resolve(null));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

/** The queue's state, or null when IPP cannot say for sure (then ask lpstat). */
export async function ippQueueStatus(address: SchedulerAddress, printer: string | null): Promise<IppQueueStatus | null> {
  if (printer === null) return decodeResponse((await post(address, '/', encodeRequest(OP_CUPS_GET_DEFAULT, null))) ?? Buffer.alloc(0));
  const path = `/printers/${encodeURIComponent(printer)}`;
  const status = decodeResponse(
    (await post(address, path, encodeRequest(OP_GET_PRINTER_ATTRIBUTES, `ipp://localhost${path}`))) ?? Buffer.alloc(0),
  );
  return status && status.name === printer ? status : null;
}
