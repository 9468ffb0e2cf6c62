/**
 * Asks a network Zebra (TCP 9100) for its status: `~HQES` first (answered in
 * every state), then `~HS` when `~HQES` shows no error (a Zebra stays silent
 * to `~HS` while media or ribbon is out or the head is open). One short
 * connection per question; callers run it on the printer's line so it never
 * interleaves with a label being sent.
 */
import { Socket } from 'node:net';
import { ETX, parseExtendedStatus, parseHostStatus, type ExtendedStatus, type HostStatus } from './zebra';

/** A Zebra on the LAN answers `~HQES` within tens of milliseconds; past this it is "not responding". */
export const ZEBRA_STATUS_TIMEOUT_MS = 1_500;
/** After a clean `~HQES`, how long `~HS` may take before the station goes on with `~HQES` alone. */
export const ZEBRA_HOST_STATUS_TIMEOUT_MS = 500;

export type ZebraAnswer =
  | { kind: 'answered'; extended: ExtendedStatus; host: HostStatus | null }
  /** Took the connection, said nothing readable in time. */
  | { kind: 'not-responding' }
  /** Nothing took the connection: refused, no route, unknown host. */
  | { kind: 'unreachable'; code: string };

export interface ZebraQueryOptions {
  timeoutMs?: number;
  hostStatusTimeoutMs?: number;
}

/** Reads from the socket until `done(text)` or the deadline; resolves with what arrived (null on timeout). */
function readUntil(socket: Socket, buffer: { text: string }, done: (text: string) => boolean, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const finish = (value: string | null) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      buffer.text += chunk.toString('latin1');
      if (done(buffer.text)) finish(buffer.text);
    };
    const onClose = () => finish(done(buffer.text) ? buffer.text : null);
    const timer = setTimeout(() => finish(null), Math.max(0, timeoutMs));
    socket.on('data', onData);
    socket.once('close', onClose);
    if (done(buffer.text)) finish(buffer.text);
  });
}

const count = (text: string, ch: string) => text.split(ch).length - 1;

export function queryZebra(host: string, port: number, options: ZebraQueryOptions = {}): Promise<ZebraAnswer> {
  const timeoutMs = options.timeoutMs ?? ZEBRA_STATUS_TIMEOUT_MS;
  const hostStatusTimeoutMs = options.hostStatusTimeoutMs ?? ZEBRA_HOST_STATUS_TIMEOUT_MS;
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    let connected = false;
    const settle = (answer: ZebraAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      socket.destroy();
      resolve(answer);
    };
    const connectTimer = setTimeout(() => settle({ kind: 'not-responding' }), timeoutMs);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ERROR';
      // A reset after connecting is a printer that hung up on us, not a wrong address.
      settle(connected ? { kind: 'not-responding' } : { kind: 'unreachable', code });
    });
    socket.connect(port, host, () => {
      connected = true;
      clearTimeout(connectTimer);
      void (async () => {
        const buffer = { text: '' };
        socket.write('~HQES');
        const left = timeoutMs - (Date.now() - started);
        const hqes = await readUntil(socket, buffer, (t) => t.includes('WARNINGS:') && t.indexOf(ETX, t.indexOf('WARNINGS:')) >= 0, left);
        const extended = hqes === null ? null : parseExtendedStatus(hqes);
        if (!extended) return settle({ kind: 'not-responding' });
        if (extended.errorFlag) return settle({ kind: 'answered', extended, host: null });
        const rest = { text: '' };
        socket.write('~HS');
        const hs = await readUntil(socket, rest, (t) => count(t, ETX) >= 3, hostStatusTimeoutMs);
        settle({ kind: 'answered', extended, host: hs === null ? null : parseHostStatus(hs) });
      })();
    });
  });
}
