/**
 * Raw ZPL over TCP against real sockets: a printer that takes the connection
 * but stops reading (jam, open lid) is cut off after the write timeout, a
 * closed port is refused, and bytes are never lost at the close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sendRawTcp } from '../../electron/core/printing/network';
import { ByteListener } from '../helpers/cups';

const STALL_TIMEOUT_MS = 300;
/** More than the kernel buffers on both ends hold, so a printer that reads nothing stalls the write. */
const LARGE_JOB_BYTES = 64 * 1024 * 1024;

describe('raw TCP printing', () => {
  const listeners: ByteListener[] = [];
  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((l) => l.close()));
  });

  it('delivers every byte and reports the count', async () => {
    const printer = await ByteListener.start();
    listeners.push(printer);
    const data = Buffer.alloc(3 * 1024 * 1024, 0x5e);
    expect(await sendRawTcp('127.0.0.1', printer.port, data)).toBe(data.length);
    expect(Buffer.compare(await printer.waitForDelivery(0), data)).toBe(0);
  });

  it('a printer that stops reading: timed-out after the write timeout, with what to check', async () => {
    const printer = await ByteListener.start();
    listeners.push(printer);
    printer.stall = true;
    const failure = sendRawTcp('127.0.0.1', printer.port, Buffer.alloc(LARGE_JOB_BYTES), { writeTimeoutMs: STALL_TIMEOUT_MS });
    await expect(failure).rejects.toMatchObject({ code: 'PRINTER', reason: 'timed-out' });
    await expect(failure).rejects.toThrow(/paper jam or an open lid/);
  });

  it('nothing listening: connection-refused', async () => {
    const closed = await ByteListener.start();
    const port = closed.port;
    await closed.close();
    await expect(sendRawTcp('127.0.0.1', port, Buffer.from('^XA^XZ'))).rejects.toMatchObject({ reason: 'connection-refused' });
  });

  it('a host name that does not resolve: unreachable', async () => {
    await expect(sendRawTcp('printer.invalid', 9100, Buffer.from('^XA^XZ'))).rejects.toMatchObject({ reason: 'unreachable' });
  });
});
