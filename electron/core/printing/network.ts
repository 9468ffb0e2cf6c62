/**
 * Raw ZPL straight to a network label printer (JetDirect / port 9100): open,
 * write, close. Both the connect and the write are bounded, so a printer that
 * is off or wedged gives a clear error in seconds instead of a hung bench.
 */
import { Socket } from 'node:net';
import { PrintFailure } from './errors';

/** A printer on the same LAN answers a SYN in milliseconds; this long means it is off or the address is wrong. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** A Zebra drains a label's worth of ZPL in well under a second; this long without progress means it has stalled. */
export const WRITE_TIMEOUT_MS = 15_000;

/** After all bytes are sent, how long to wait for the printer to hang up before we do. */
export const CLOSE_GRACE_MS = 2_000;

export interface RawSendOptions {
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
}

export function sendRawTcp(host: string, port: number, data: Uint8Array, options: RawSendOptions = {}): Promise<number> {
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const writeTimeoutMs = options.writeTimeoutMs ?? WRITE_TIMEOUT_MS;
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let connected = false;
    let settled = false;
    const fail = (failure: PrintFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(failure);
    };
    let timer = setTimeout(
      () =>
        fail(
          new PrintFailure(
            'timed-out',
            `The printer at ${where} did not answer within ${connectTimeoutMs / 1000} s. Check that it is on and the address is right, then reprint.`,
          ),
        ),
      connectTimeoutMs,
    );
    socket.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') {
        fail(
          new PrintFailure(
            'connection-refused',
            `The printer at ${where} refused the connection. Check the address and port (usually 9100) and that raw printing is on, then reprint.`,
            e,
          ),
        );
      } else if (e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH' || e.code === 'EAI_AGAIN') {
        fail(
          new PrintFailure(
            'unreachable',
            `The printer at ${where} cannot be reached. Check its address and the network cable, then reprint.`,
            e,
          ),
        );
      } else {
        fail(
          new PrintFailure(
            connected ? 'spooler-error' : 'unreachable',
            `The connection to the printer at ${where} failed (${e.code ?? e.message}). Reprint.`,
            e,
          ),
        );
      }
    });
    socket.connect(port, host, () => {
      connected = true;
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          fail(
            new PrintFailure(
              'timed-out',
              `The printer at ${where} stopped taking data for ${writeTimeoutMs / 1000} s. Check it for a paper jam or an open lid, then reprint.`,
            ),
          ),
        writeTimeoutMs,
      );
      socket.resume(); // read (and drop) any status bytes so the close below stays graceful
      socket.end(data, () => {
        // Every byte is with the OS and our FIN is queued. Wait for the printer to close its side so nothing
        // unsent is cut off; a printer that keeps the socket open gets a short grace, then we close.
        clearTimeout(timer);
        const finish = (): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          socket.destroy();
          resolve(data.length);
        };
        socket.once('close', finish);
        timer = setTimeout(finish, CLOSE_GRACE_MS);
      });
    });
  });
}
