/**
 * A real PostgreSQL for tests: Debian's `postgresql` package, one private
 * server per test run, one database per test store.
 *
 * - The server lives in a run folder of its own (`<tmp>/station-pg-<pid>-…`,
 *   made by the node project's global setup, postgres-global-setup.ts): data
 *   folder, Unix socket folder and log inside it, TCP on 127.0.0.1 at a free
 *   port (picked again if another process takes it first).
 * - It starts lazily, in the first test file that asks for it (a run of
 *   unrelated files pays nothing); the files running beside it wait for it
 *   through a lock folder in the run folder. The global setup's teardown stops
 *   it; a run that crashed leaves a folder whose owner is gone, and the next
 *   run's setup stops that server and removes it.
 * - As root, initdb and the server run as the `postgres` user (`runuser`),
 *   with the run folder handed to it; otherwise as the current user.
 * - Settings for a shared 2-core test machine: small shared memory, dynamic
 *   shared memory in files (a container's /dev/shm may be 64 MB), no parallel
 *   workers, no fsync (a crash loses a test database, nothing else).
 * - The tests log in as `station`, a role that is no superuser and owns its
 *   database (what the README asks of a warehouse), over TCP with a password.
 *   A migrated template database makes each test database a cheap copy.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openWarehouseDb } from '../../electron/core/db/open-warehouse';
import type { WarehouseConnection } from '../../electron/core/db/postgres';

export const RUN_DIR_PREFIX = 'station-pg-';
const SUPERUSER = 'postgres';
/** The role the station logs in as in tests: owns its database, nothing more. */
export const STATION_ROLE = 'station';
const TEMPLATE_DB = 'station_template';
const PORT_ATTEMPTS = 5;
const START_TIMEOUT_S = 60;
const WAIT_FOR_OTHER_STARTER_MS = 180_000;
const POLL_MS = 100;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run folder of this test run's PostgreSQL (postgres-global-setup.ts). */
    stationPostgresRunDir: string;
  }
}

/** The newest PostgreSQL installed from Debian's packages, or STATION_PG_BIN. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.STATION_PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'postgres')) ? fromEnv : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export const POSTGRES_INSTALL_HINT = 'apt-get install postgresql';

const asRoot = (): boolean => process.getuid?.() === 0;

interface OsUser {
  uid: number;
  gid: number;
}

function postgresOsUser(): OsUser {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${SUPERUSER}:`));
  if (!line)
    throw new Error('Running as root, but there is no `postgres` user to run the server as (it comes with the postgresql package).');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function runPg(bin: string, program: string, args: readonly string[]): { status: number | null; output: string } {
  const path = join(bin, program);
  const r = asRoot()
    ? spawnSync('runuser', ['-u', SUPERUSER, '--', path, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    : spawnSync(path, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function handOver(path: string, owner: OsUser | null): void {
  if (owner) chownSync(path, owner.uid, owner.gid);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface ServerInfo {
  bin: string;
  dataDir: string;
  socketDir: string;
  port: number;
  superuserPassword: string;
  stationPassword: string;
  template: string;
}

export interface PostgresServer extends ServerInfo {
  stop(): void;
}

const randomSecret = (): string => Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64url');

/**
 * Starts a private server in `dir` (created if needed, must be empty): initdb,
 * settings, start on a free port, the `station` role and a migrated template.
 * For the bench and other callers outside vitest; tests use `testPostgres()`.
 * `settings`: postgresql.conf lines added after the test settings (they win).
 */
export async function startPostgresServer(dir: string, options: { settings?: readonly string[] } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(`PostgreSQL is not installed (${POSTGRES_INSTALL_HINT}).`);
  const owner = asRoot() ? postgresOsUser() : null;
  mkdirSync(dir, { recursive: true });
  handOver(dir, owner);
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  const log = join(dir, 'server.log');
  mkdirSync(socketDir, { recursive: true });
  handOver(socketDir, owner);
  const superuserPassword = randomSecret();
  const stationPassword = randomSecret();
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${superuserPassword}\n`, { mode: 0o600 });
  handOver(pwfile, owner);

  const initArgs = [
    '-D',
    dataDir,
    '-U',
    SUPERUSER,
    '-E',
    'UTF8',
    '--no-sync',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
  ];
  let init = runPg(bin, 'initdb', [...initArgs, '--locale=C.UTF-8']);
  // A system without the C.UTF-8 locale: the plain C locale (byte order, ASCII case folding) is enough for the tests.
  if (init.status !== 0 && /locale/i.test(init.output)) {
    rmSync(dataDir, { recursive: true, force: true });
    init = runPg(bin, 'initdb', [...initArgs, '--no-locale']);
  }
  rmSync(pwfile, { force: true });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir}'`,
    'shared_buffers = 16MB',
    'dynamic_shared_memory_type = mmap',
    'max_parallel_workers_per_gather = 0',
    'max_connections = 100',
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    "log_min_messages = 'warning'",
    // The caller's own (the bench: a server sized like a default installation), later lines win.
    ...(options.settings ?? []),
  ];
  writeFileSync(
    join(dataDir, 'postgresql.conf'),
    `${readFileSync(join(dataDir, 'postgresql.conf'), 'utf8')}\n# Shipping Station tests\n${settings.join('\n')}\n`,
  );

  let port: number;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const started = runPg(bin, 'pg_ctl', ['start', '-w', '-t', String(START_TIMEOUT_S), '-D', dataDir, '-l', log, '-o', `-p ${port}`]);
    if (started.status === 0) break;
    const why = tail(log);
    // Another process took the port between our probe and the server's bind: try another.
    if (attempt < PORT_ATTEMPTS && /could not bind|address already in use|could not create any TCP\/IP sockets/i.test(why)) continue;
    stopServer(bin, dataDir);
    throw new Error(`PostgreSQL did not start (pg_ctl: ${started.output.trim()}):\n${why}`);
  }

  const info: ServerInfo = { bin, dataDir, socketDir, port, superuserPassword, stationPassword, template: TEMPLATE_DB };
  try {
    await asSuperuser(info, async (c) => {
      await c.query(`CREATE ROLE ${STATION_ROLE} LOGIN PASSWORD '${stationPassword}'`);
      await c.query(`CREATE DATABASE ${TEMPLATE_DB} OWNER ${STATION_ROLE}`);
    });
    // The template is migrated by the station's role itself: the least-privilege path, pg_trgm included.
    const template = await openWarehouseDb(stationConnection(info, TEMPLATE_DB));
    await template.close();
    await asSuperuser(info, (c) => c.query(`ALTER DATABASE ${TEMPLATE_DB} WITH ALLOW_CONNECTIONS false`));
  } catch (e) {
    stopServer(bin, dataDir);
    throw e;
  }
  return { ...info, stop: () => stopServer(bin, dataDir) };
}

/**
 * A server of a test's own, which the test stops and starts again on the same
 * port (the warehouse database down at start, restarted mid-shift) without
 * touching the run's shared server. About as slow to make as the shared one
 * (initdb and a migrated template): one per test file.
 */
export interface OwnPostgresServer extends ServerInfo {
  /** Stops it (`pg_ctl stop -m fast`: sessions are cut), without blocking this process: a station in it keeps running. */
  stop(): Promise<void>;
  /** Starts it again after stop(), on the same port; resolves when it takes connections. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): void;
}

/** pg_ctl, as the postgres user when we are root, in the background (the test's event loop, and a station in it, go on). */
function pgCtlAsync(bin: string, args: readonly string[]): Promise<void> {
  const path = join(bin, 'pg_ctl');
  const [command, argv] = asRoot() ? ['runuser', ['-u', SUPERUSER, '--', path, ...args]] : [path, [...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${args[0]} failed (${code}): ${output.trim()}`))));
  });
}

/**
 * A server of a test's own, which the test stops and starts again on the same
 * port (the warehouse database down at start, restarted mid-shift) without
 * touching the run's shared server. About as slow to make as the shared one
 * (initdb and a migrated template): one per test file.
 */
export async function startOwnPostgres(): Promise<OwnPostgresServer> {
  const dir = mkdtempSync(join(existsSync('/tmp') ? '/tmp' : tmpdir(), 'station-own-pg-'));
  let server: PostgresServer;
  try {
    server = await startPostgresServer(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { stop: stopNow, ...info } = server;
  const log = join(dir, 'server.log');
  return {
    ...info,
    stop: () => pgCtlAsync(info.bin, ['stop', '-m', 'fast', '-w', '-t', '30', '-D', info.dataDir]),
    start: () =>
      pgCtlAsync(info.bin, ['start', '-w', '-t', String(START_TIMEOUT_S), '-D', info.dataDir, '-l', log, '-o', `-p ${info.port}`]).catch(
        (e: unknown) => {
          throw new Error(`${e instanceof Error ? e.message : String(e)}\n${tail(log)}`);
        },
      ),
    remove: () => {
      stopNow();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops the server of `dataDir` if one runs there (fast, then immediate). */
export function stopServer(bin: string, dataDir: string): void {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  const fast = runPg(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '20']);
  if (fast.status !== 0) runPg(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '20']);
}

export function stationConnection(info: ServerInfo, database: string): WarehouseConnection {
  return { host: '127.0.0.1', port: info.port, database, user: STATION_ROLE, password: info.stationPassword, sslmode: 'disable' };
}

export function stationUrl(info: ServerInfo, database: string): string {
  return `postgresql://${STATION_ROLE}:${encodeURIComponent(info.stationPassword)}@127.0.0.1:${info.port}/${database}?sslmode=disable`;
}

export async function asSuperuser<T>(info: ServerInfo, fn: (c: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ host: '127.0.0.1', port: info.port, user: SUPERUSER, password: info.superuserPassword, database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// --- one server per test run, shared by the test files through the run folder ---

const READY_FILE = 'server.json';
const FAILED_FILE = 'failed.txt';
const LOCK_DIR = 'starting';
const OWNER_FILE = 'owner.pid';
const SERVER_SUBDIR = 'server';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A new run folder owned by this process (the global setup calls it). */
export function createRunDir(): string {
  const base = existsSync('/tmp') ? '/tmp' : tmpdir();
  const dir = join(base, `${RUN_DIR_PREFIX}${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

/** Stops the run's server (if it was started) and removes the folder. */
export function removeRunDir(dir: string): void {
  const bin = findPostgresBin();
  if (bin) stopServer(bin, join(dir, SERVER_SUBDIR, 'data'));
  rmSync(dir, { recursive: true, force: true });
}

/** Servers and folders left by runs whose process is gone (a crash, a kill): stopped and removed. */
export function removeLeftoverRunDirs(): string[] {
  const removed: string[] = [];
  for (const base of new Set(['/tmp', tmpdir()])) {
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      if (!name.startsWith(RUN_DIR_PREFIX)) continue;
      const dir = join(base, name);
      try {
        if (!statSync(dir).isDirectory()) continue;
        const owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
        if (Number.isInteger(owner) && owner > 0 && alive(owner)) continue;
      } catch {
        // No owner file: a folder too young to have one yet is left alone.
        if (Date.now() - statSync(dir).mtimeMs < 60_000) continue;
      }
      removeRunDir(dir);
      removed.push(dir);
    }
  }
  return removed;
}

let shared: Promise<ServerInfo> | null = null;

/** This run's server, started by whichever test file asks first. */
export function sharedServer(): Promise<ServerInfo> {
  return (shared ??= startOrJoin(inject('stationPostgresRunDir')));
}

async function startOrJoin(runDir: string | undefined): Promise<ServerInfo> {
  if (!runDir) throw new Error('No PostgreSQL run folder: run the tests through the node project (test/helpers/postgres-global-setup.ts).');
  const ready = join(runDir, READY_FILE);
  const failed = join(runDir, FAILED_FILE);
  const lock = join(runDir, LOCK_DIR);
  const deadline = Date.now() + WAIT_FOR_OTHER_STARTER_MS;
  for (;;) {
    if (existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8')) as ServerInfo;
    // One failed start is the run's answer: every file fails (CI) or skips (elsewhere) with it.
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (mine) {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      try {
        const { stop: _stop, ...info } = await startPostgresServer(join(runDir, SERVER_SUBDIR));
        writeFileSync(`${ready}.tmp`, JSON.stringify(info));
        renameSync(`${ready}.tmp`, ready);
        return info;
      } catch (e) {
        writeFileSync(failed, e instanceof Error ? e.message : String(e));
        throw e;
      }
    }
    // Another file is starting it. If that process died half-way, take over from a clean folder.
    const starter = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
    if (starter > 0 && !alive(starter) && !existsSync(ready)) {
      const bin = findPostgresBin();
      if (bin) stopServer(bin, join(runDir, SERVER_SUBDIR, 'data'));
      rmSync(join(runDir, SERVER_SUBDIR), { recursive: true, force: true });
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`Waited ${WAIT_FOR_OTHER_STARTER_MS / 1000} s for another test file to start PostgreSQL in ${runDir}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export interface TestDatabase {
  name: string;
  connection: WarehouseConnection;
  url: string;
  /** Drops it, closing any session still in it. */
  drop(): Promise<void>;
}

let databases = 0;

/**
 * A database of its own, owned by the `station` role: a copy of the migrated
 * template, or (`migrated: false`) an empty one for migration tests.
 */
export async function createTestDatabase(info: ServerInfo, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const template = options.migrated === false ? 'template0' : info.template;
  await asSuperuser(info, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${STATION_ROLE}`));
  return {
    name,
    connection: stationConnection(info, name),
    url: stationUrl(info, name),
    drop: async () => {
      await asSuperuser(info, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** For `pg_ctl` and friends outside the helpers (a test that restarts the server, say). */
export function pgProgram(info: ServerInfo, program: string, args: readonly string[]): string {
  return asRoot()
    ? execFileSync('runuser', ['-u', SUPERUSER, '--', join(info.bin, program), ...args], { encoding: 'utf8' })
    : execFileSync(join(info.bin, program), args, { encoding: 'utf8' });
}
