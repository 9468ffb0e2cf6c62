/**
 * A private CUPS scheduler for tests: its own folder, its own port, raw
 * queues whose `socket://` device is a TCP listener owned by the test, so a
 * test sees the exact bytes CUPS delivers to the "printer". The same
 * listener stands in for a network Zebra on port 9100.
 *
 *   const cups = await startCups();
 *   const queue = await cups.addRawQueue('Zebra');      // CUPS_SERVER = cups.server
 *   ... print ...
 *   const bytes = await queue.listener.waitForBytes();
 *   const out = await cups.addStateQueue('Out', ['media-empty-error']);   // a queue whose printer reports a fault
 *   await cups.stop();
 *
 * `socket://` queues never report media states, so state queues use a small
 * test back end (`stationtest:/reason,reason`) in the scheduler's own
 * ServerBin: like a real back end it tells the scheduler what the printer
 * says through the back-end protocol (`STATE: +media-empty-error` on stderr)
 * when a job reaches it.
 *
 * Processes are stopped even when a test fails: call `stop()` in afterAll,
 * and the exit hook below kills a scheduler a crashed run left behind.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chownSync,
} from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CUPSD = '/usr/sbin/cupsd';
const SCHEDULER_START_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 50;
/** A job is delivered when its socket closes; this long without one means it never came. */
const DELIVERY_TIMEOUT_MS = 15_000;
const LP_GID = 7;
const SYSTEM_SERVER_BIN = '/usr/lib/cups';
const TEST_BACKEND = 'stationtest';
/** How long a state queue's first job may take to reach the back end and set its reasons. */
const STATE_TIMEOUT_MS = 15_000;

/**
 * The test back end, as CUPS runs back ends: with no arguments it lists its
 * device; with a job it reads the job, reports each reason named in its URI
 * (`stationtest:/media-empty-error,media-low-report`) with the back-end
 * protocol's STATE message, and exits 0 (the job is done; the reasons stay).
 * With `?hold` it keeps the job instead, as CUPS's back ends do while a
 * printer is unplugged (the scheduler drops `offline-report` when a job ends).
 */
const TEST_BACKEND_SCRIPT = `#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct ${TEST_BACKEND} "Unknown" "Shipping Station test back end"'; exit 0; fi
uri="\${DEVICE_URI#${TEST_BACKEND}:/}"
reasons="\${uri%%\\?*}"
for reason in $(echo "$reasons" | tr ',' ' '); do echo "STATE: +$reason" >&2; done
cat > /dev/null
# "?hold": a printer that never comes back (unplugged): the job stays on it, as CUPS's own back ends keep retrying.
case "$uri" in *\\?hold) exec sleep 3600 ;; esac
exit 0
`;

/** The scheduler's own ServerBin: the system's filters and back ends, plus the test back end. */
function writeServerBin(dir: string): string {
  const bin = join(dir, 'serverbin');
  mkdirSync(join(bin, 'backend'), { recursive: true });
  for (const entry of readdirSync(SYSTEM_SERVER_BIN)) {
    if (entry !== 'backend') symlinkSync(join(SYSTEM_SERVER_BIN, entry), join(bin, entry));
  }
  for (const backend of readdirSync(join(SYSTEM_SERVER_BIN, 'backend'))) {
    symlinkSync(join(SYSTEM_SERVER_BIN, 'backend', backend), join(bin, 'backend', backend));
  }
  // cupsd runs only back ends owned by root and writable by nobody else.
  writeFileSync(join(bin, 'backend', TEST_BACKEND), TEST_BACKEND_SCRIPT, { mode: 0o755 });
  chmodSync(join(bin, 'backend', TEST_BACKEND), 0o755);
  chmodSync(bin, 0o755);
  chmodSync(join(bin, 'backend'), 0o755);
  return bin;
}

/**
 * True when this machine can run a private scheduler: cupsd and the client
 * tools installed, and root (cupsd starts as root and drops to `User lp`).
 */
export function cupsAvailable(): boolean {
  const root = process.getuid?.() === 0;
  return root && existsSync(CUPSD) && existsSync('/usr/bin/lp') && existsSync('/usr/sbin/lpadmin') && existsSync('/usr/bin/lpstat');
}

/** For `needSystem`: what to install when `cupsAvailable()` is false. */
export const CUPS_REQUIREMENT = {
  what: 'CUPS (cupsd, lp, lpstat, lpadmin) run as root',
  install: 'apt-get install cups-daemon cups-client; run the tests as root',
};

/** One connection's worth of bytes (CUPS opens one connection per job copy/file). */
export interface Delivery {
  bytes: Buffer;
}

export class ByteListener {
  readonly deliveries: Delivery[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #waiters: Array<() => void> = [];
  /** When set, accepted connections are held open without reading (a printer that stalls). */
  stall = false;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(port = 0): Promise<ByteListener> {
    const holder: { self?: ByteListener } = {};
    const server = createServer((socket) => holder.self!.#accept(socket));
    const self = new ByteListener(server);
    holder.self = self;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return self;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.stall) {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      socket.end();
      this.deliveries.push({ bytes: Buffer.concat(chunks) });
      const waiters = this.#waiters;
      this.#waiters = [];
      waiters.forEach((w) => w());
    });
  }

  /** Resolves with delivery number `index` (0-based) once its connection has closed. */
  async waitForDelivery(index = this.deliveries.length, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No job arrived at 127.0.0.1:${this.port} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.deliveries[index]!.bytes;
  }

  async close(): Promise<void> {
    this.#sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

export interface RawQueue {
  name: string;
  listener: ByteListener;
}

export interface CupsInstance {
  /** `127.0.0.1:<port>`: pass as CUPS_SERVER to lp/lpstat/lpadmin. */
  server: string;
  /** Environment for CUPS client programs talking to this scheduler. */
  env: Record<string, string>;
  dir: string;
  addRawQueue(name: string, options?: { makeDefault?: boolean }): Promise<RawQueue>;
  /**
   * A queue whose printer reports these printer-state-reasons (e.g. `media-empty-error`, `offline-report`): the
   * test back end reports them when a first job reaches it; resolves once the scheduler shows them.
   */
  addStateQueue(name: string, reasons: string[], options?: { makeDefault?: boolean; hold?: boolean }): Promise<{ name: string }>;
  /** Runs a CUPS client program (lpadmin, cupsdisable, …) against this scheduler. */
  admin(program: string, args: string[]): Promise<string>;
  /** The last lines of the scheduler's error log, for failure messages. */
  errorLog(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((p) => p.kill('SIGKILL')));

function withSbin(path: string | undefined): string {
  const parts = (path ?? '/usr/local/bin:/usr/bin:/bin').split(':');
  for (const dir of ['/usr/local/sbin', '/usr/sbin', '/sbin']) if (!parts.includes(dir)) parts.push(dir);
  return parts.join(':');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function writeConfig(dir: string, port: number): void {
  const serverBin = writeServerBin(dir);
  for (const sub of ['spool', 'spool/tmp', 'cache', 'state', 'log', 'ppd', 'ssl']) mkdirSync(join(dir, sub), { recursive: true });
  // cupsd drops to `User lp` for filters and backends; they must reach the spool and temp folders.
  for (const sub of ['spool', 'spool/tmp', 'cache', 'state', 'log']) {
    chownSync(join(dir, sub), 0, LP_GID);
    chmodSync(join(dir, sub), 0o1770);
  }
  chmodSync(dir, 0o755);
  writeFileSync(
    join(dir, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'LogLevel info',
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      'MaxJobs 0',
      // Keep finished jobs out of the way so each test's queue starts empty.
      'PreserveJobHistory No',
      'PreserveJobFiles No',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [
      'User lp',
      'Group lp',
      'SystemGroup lpadmin',
      `ServerRoot ${dir}`,
      `RequestRoot ${join(dir, 'spool')}`,
      `TempDir ${join(dir, 'spool/tmp')}`,
      `CacheDir ${join(dir, 'cache')}`,
      `StateDir ${join(dir, 'state')}`,
      `ErrorLog ${join(dir, 'log/error_log')}`,
      `AccessLog ${join(dir, 'log/access_log')}`,
      `PageLog ${join(dir, 'log/page_log')}`,
      `ServerBin ${serverBin}`,
      'DataDir /usr/share/cups',
      'FileDevice No',
      '',
    ].join('\n'),
  );
}

export async function startCups(): Promise<CupsInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'station-cups-'));
  const port = await freePort();
  writeConfig(dir, port);
  const server = `127.0.0.1:${port}`;
  // lpadmin and cupsd live in sbin, which a non-login shell's PATH may leave out.
  const env = { CUPS_SERVER: server, LC_ALL: 'C', LANG: 'C', PATH: withSbin(process.env.PATH) };
  const child = spawn(CUPSD, ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const listeners: ByteListener[] = [];

  const errorLog = (): string => {
    const file = join(dir, 'log/error_log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '';
  };
  const admin = async (program: string, args: string[]): Promise<string> => {
    const { stdout } = await run(program, args, { env: { ...process.env, ...env } });
    return stdout;
  };
  const stop = async (): Promise<void> => {
    await Promise.all(listeners.map((l) => l.close()));
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    running.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };

  // Ready when the scheduler answers.
  const deadline = Date.now() + SCHEDULER_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      const log = errorLog();
      await stop();
      throw new Error(`cupsd exited at start (${child.exitCode}): ${stderr}\n${log}`);
    }
    try {
      // `lpstat -r` exits 0 either way; only its words say whether the scheduler answered.
      const { stdout } = await run('lpstat', ['-r'], { env: { ...process.env, ...env } });
      if (!/scheduler is running/.test(stdout)) throw new Error(stdout);
      break;
    } catch {
      if (Date.now() > deadline) {
        const log = errorLog();
        await stop();
        throw new Error(`cupsd did not answer on ${server} within ${SCHEDULER_START_TIMEOUT_MS} ms: ${stderr}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
    }
  }

  return {
    server,
    env,
    dir,
    admin,
    errorLog,
    stop,
    async addRawQueue(name, options = {}) {
      const listener = await ByteListener.start();
      listeners.push(listener);
      // No -m/-P: a queue without a driver is a raw queue; bytes go to the device untouched.
      await admin('lpadmin', ['-p', name, '-E', '-v', `socket://127.0.0.1:${listener.port}`]);
      if (options.makeDefault) await admin('lpadmin', ['-d', name]);
      return { name, listener };
    },
    async addStateQueue(name, reasons, options = {}) {
      await admin('lpadmin', ['-p', name, '-E', '-v', `${TEST_BACKEND}:/${reasons.join(',')}${options.hold ? '?hold' : ''}`]);
      if (options.makeDefault) await admin('lpadmin', ['-d', name]);
      const job = join(dir, `state-job-${name}.txt`);
      writeFileSync(job, 'state set-up\n');
      await admin('lp', ['-d', name, '-t', 'state set-up', job]);
      const deadline = Date.now() + STATE_TIMEOUT_MS;
      for (;;) {
        const out = await admin('lpstat', ['-l', '-p', name]);
        if (reasons.every((r) => new RegExp(`Alerts:.*\\b${r}\\b`).test(out))) return { name };
        if (Date.now() > deadline) throw new Error(`queue ${name} did not report ${reasons.join(', ')} in time:\n${out}\n${errorLog()}`);
        await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
      }
    },
  };
}
