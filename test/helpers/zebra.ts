/**
 * A fake network Zebra on a loopback socket, answering as the ZPL II
 * Programming Guide documents: `~HQES` always (a PRINTER STATUS block with
 * ERRORS/WARNINGS flag groups), `~HS` with its three framed strings except
 * while media or ribbon is out, the head is open or it is too hot (then a
 * real Zebra stays silent), and the SGD label counter
 * `! U1 getvar "odometer.total_label_count"` when `labelCounter` is set.
 * Labels (`^XA…^XZ`, copies from `^PQ`) "print" at `printMsPerLabel` each;
 * while a fault stands they wait in the buffer.
 *
 *   const zebra = await FakeZebra.start();
 *   zebra.errors = HQES.mediaOut;         // paper out
 *   zebra.silent = true;                  // takes connections, never answers
 *   zebra.jobReadDelayMs = 300;           // a job that takes a while to go in
 *   zebra.connections                     // what each connection sent, and when it was open
 *   zebra.openedDuring(jobConnection)     // anything sent to it in the middle of a job (must be nothing)
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Group-1 error bits of `~HQES`. */
export const HQES = {
  mediaOut: 0x1,
  ribbonOut: 0x2,
  headOpen: 0x4,
  cutterFault: 0x8,
  headOverTemperature: 0x10,
  paused: 0x10000,
} as const;
export const HQES_WARNING = { calibrate: 0x1, cleanHead: 0x2, paperNearEnd: 0x8 } as const;

/** States in which a real Zebra does not answer `~HS` at all. */
const HS_SILENT_ERRORS = HQES.mediaOut | HQES.ribbonOut | HQES.headOpen | HQES.headOverTemperature;

export interface ZebraConnection {
  openedAt: number;
  closedAt: number | null;
  text: string;
}

const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');

export class FakeZebra {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly connections: ZebraConnection[] = [];
  /** Each job's ZPL, in the order received. */
  readonly jobs: string[] = [];
  errors = 0;
  warnings = 0;
  /** `~HS` pause flag (the feed-button pause; not an `~HQES` error on most models). */
  paused = false;
  bufferFull = false;
  /** Takes connections and reads, but never answers anything. */
  silent = false;
  /** The SGD label counter; null: the printer has no SGD (older firmware) and ignores the query. */
  labelCounter: number | null = null;
  printMsPerLabel = 40;
  /** Holds a job's connection this long before reading it (a big job going in). */
  jobReadDelayMs = 0;
  /** Formats received and not yet started, as their label counts. */
  readonly #formats: number[] = [];
  #remaining = 0;
  #printing: NodeJS.Timeout | null = null;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeZebra> {
    const holder: { self?: FakeZebra } = {};
    const server = createServer((socket) => holder.self!.#accept(socket));
    const self = new FakeZebra(server);
    holder.self = self;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return self;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** Formats waiting plus labels left: what `~HS` reports as busy. */
  get pending(): number {
    return this.#formats.length + this.#remaining;
  }

  /** Connections opened while `job` was still open: anything sent to the printer in the middle of it. */
  openedDuring(job: ZebraConnection): ZebraConnection[] {
    return this.connections.filter((c) => c !== job && c.openedAt > job.openedAt && c.openedAt < (job.closedAt ?? Infinity));
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    const connection: ZebraConnection = { openedAt: performance.now(), closedAt: null, text: '' };
    this.connections.push(connection);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      connection.closedAt = performance.now();
      this.#sockets.delete(socket);
    });
    let answeredUpTo = 0;
    let delayed = false;
    socket.on('data', (chunk: Buffer) => {
      connection.text += chunk.toString('latin1');
      if (this.jobReadDelayMs > 0 && !delayed && /\^XA|~SD/.test(connection.text)) {
        delayed = true;
        socket.pause();
        setTimeout(() => socket.resume(), this.jobReadDelayMs);
      }
      if (this.silent) return;
      const fresh = connection.text.slice(answeredUpTo);
      answeredUpTo = connection.text.length;
      // One answer per command, in the order they came.
      for (const m of fresh.matchAll(/~HQES|~HS|! U1 getvar "odometer\.total_label_count"/g)) {
        if (m[0] === '~HQES') socket.write(this.#extendedStatus());
        else if (m[0] === '~HS') {
          if ((this.errors & HS_SILENT_ERRORS) === 0) socket.write(this.#hostStatus());
        } else if (this.labelCounter !== null) socket.write(`"${this.labelCounter}"`);
      }
    });
    socket.on('end', () => {
      const labels = [...connection.text.matchAll(/\^XA[\s\S]*?\^PQ(\d+)[\s\S]*?\^XZ|\^XA[\s\S]*?\^XZ/g)].reduce(
        (n, m) => n + (m[1] ? Number(m[1]) : 1),
        0,
      );
      if (labels > 0) {
        this.jobs.push(connection.text);
        this.#formats.push(labels);
        this.#startPrinting();
      }
      socket.end();
    });
  }

  #extendedStatus(): string {
    const e = this.errors;
    const w = this.warnings;
    return `\x02\r\n  PRINTER STATUS\r\n    ERRORS:         ${e ? 1 : 0} 00000000 ${hex8(e)}\r\n    WARNINGS:       ${w ? 1 : 0} 00000000 ${hex8(w)}\r\n\x03\r\n`;
  }

  #hostStatus(): string {
    const flag = (on: boolean) => (on ? '1' : '0');
    const s1 = `030,${flag((this.errors & HQES.mediaOut) !== 0)},${flag(this.paused)},1218,${String(this.#formats.length).padStart(3, '0')},${flag(this.bufferFull)},0,0,000,0,0,0`;
    const s2 = `000,0,${flag((this.errors & HQES.headOpen) !== 0)},${flag((this.errors & HQES.ribbonOut) !== 0)},0,2,6,0,${String(this.#remaining).padStart(8, '0')},1,000`;
    return `\x02${s1}\x03\r\n\x02${s2}\x03\r\n\x021234,0\x03\r\n`;
  }

  /** Each received format becomes labels to print; they print one by one while nothing is wrong. */
  #startPrinting(): void {
    const tick = () => {
      this.#printing = null;
      if (this.errors !== 0 || this.paused) {
        this.#printing = setTimeout(tick, this.printMsPerLabel);
        return;
      }
      if (this.#remaining === 0 && this.#formats.length > 0) {
        this.#remaining = this.#formats.shift()!;
      } else if (this.#remaining > 0) {
        this.#remaining -= 1;
        if (this.labelCounter !== null) this.labelCounter += 1;
      }
      if (this.pending > 0) this.#printing = setTimeout(tick, this.printMsPerLabel);
    };
    if (!this.#printing) this.#printing = setTimeout(tick, this.printMsPerLabel);
  }

  async close(): Promise<void> {
    if (this.#printing) clearTimeout(this.#printing);
    this.#sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
