/** The in-process IPP queue check: where it connects, and that it answers only when sure. */
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest, schedulerAddress } from '../../electron/core/printing/ipp';

describe('scheduler address', () => {
  const none = (): boolean => false;
  it('follows CUPS_SERVER: host:port, bare host, [IPv6]:port, socket path', () => {
    expect(schedulerAddress({ CUPS_SERVER: '127.0.0.1:8631' }, 'linux', none)).toEqual({ host: '127.0.0.1', port: 8631 });
    expect(schedulerAddress({ CUPS_SERVER: 'printserver' }, 'linux', none)).toEqual({ host: 'printserver', port: 631 });
    expect(schedulerAddress({ CUPS_SERVER: '[::1]:631' }, 'linux', none)).toEqual({ host: '::1', port: 631 });
    expect(schedulerAddress({ CUPS_SERVER: '/run/cups/cups.sock' }, 'linux', none)).toEqual({ socketPath: '/run/cups/cups.sock' });
  });
  it('uses the platform’s scheduler socket when it exists, else leaves the question to lpstat', () => {
    expect(schedulerAddress({}, 'linux', (p) => p === '/run/cups/cups.sock')).toEqual({ socketPath: '/run/cups/cups.sock' });
    expect(schedulerAddress({}, 'darwin', (p) => p === '/private/var/run/cupsd')).toEqual({ socketPath: '/private/var/run/cupsd' });
    expect(schedulerAddress({}, 'linux', none)).toBeNull();
  });
});

/** An IPP response: version, status, request id, a printer group, end. */
function response(status: number, attrs: Array<[number, string, Buffer]>): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0200, 0);
  head.writeUInt16BE(status, 2);
  head.writeUInt32BE(1, 4);
  const parts: Buffer[] = [head, Buffer.from([0x04])];
  for (const [tag, name, value] of attrs) {
    const h = Buffer.alloc(3);
    h.writeUInt8(tag, 0);
    h.writeUInt16BE(name.length, 1);
    const l = Buffer.alloc(2);
    l.writeUInt16BE(value.length, 0);
    parts.push(h, Buffer.from(name), l, value);
  }
  parts.push(Buffer.from([0x03]));
  return Buffer.concat(parts);
}
const int = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
};

describe('IPP messages', () => {
  it('asks for the printer by URI with the attributes the check and the status need', () => {
    const req = encodeRequest(0x000b, 'ipp://localhost/printers/Zebra%201').toString('latin1');
    expect(req.slice(0, 4)).toBe('\x02\x00\x00\x0b');
    expect(req).toContain('ipp://localhost/printers/Zebra%201');
    expect(req).toContain('printer-state-message');
    expect(req).toContain('printer-state-reasons');
    expect(req).toContain('printer-is-accepting-jobs');
  });
  it('reads a stopped printer with its reason', () => {
    const body = response(0, [
      [0x42, 'printer-name', Buffer.from('Zebra')],
      [0x23, 'printer-state', int(5)],
      [0x41, 'printer-state-message', Buffer.from('Ribbon out')],
    ]);
    expect(decodeResponse(body)).toEqual({ name: 'Zebra', state: 'paused', message: 'Ribbon out', reasons: [], accepting: null });
  });
  it('reads every printer-state-reasons keyword (one attribute, several values) and whether jobs are accepted', () => {
    const body = response(0, [
      [0x42, 'printer-name', Buffer.from('Zebra')],
      [0x23, 'printer-state', int(3)],
      [0x44, 'printer-state-reasons', Buffer.from('media-empty-error')],
      [0x44, '', Buffer.from('media-low-report')],
      [0x22, 'printer-is-accepting-jobs', Buffer.from([0])],
    ]);
    expect(decodeResponse(body)).toMatchObject({ reasons: ['media-empty-error', 'media-low-report'], accepting: false });
    const clean = response(0, [
      [0x42, 'printer-name', Buffer.from('Zebra')],
      [0x23, 'printer-state', int(3)],
      [0x44, 'printer-state-reasons', Buffer.from('none')],
      [0x22, 'printer-is-accepting-jobs', Buffer.from([1])],
    ]);
    expect(decodeResponse(clean)).toMatchObject({ reasons: [], accepting: true });
  });
  it('is not sure (null) on an error status or a cut-off answer', () => {
    expect(decodeResponse(response(0x0406, []))).toBeNull();
    const good = response(0, [
      [0x42, 'printer-name', Buffer.from('Zebra')],
      [0x23, 'printer-state', int(3)],
    ]);
    expect(decodeResponse(good)).toEqual({ name: 'Zebra', state: 'idle', message: null, reasons: [], accepting: null });
    expect(decodeResponse(good.subarray(0, 20))).toBeNull();
  });
});
