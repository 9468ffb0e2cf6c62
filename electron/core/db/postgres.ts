/**
 * Kysely's PostgreSQL dialect over node-postgres (`pg`), as the station needs it:
 * - a pool sized for one station (see POOL_MAX_CONNECTIONS);
 * - BIGINT (epoch-ms times, identity ids, COUNT(*)) and NUMERIC read back as
 *   JS numbers, on this pool only (`types`, never pg's global parsers, which
 *   other code in the process may rely on), so the row types in schema.ts
 *   hold on both dialects; a value beyond 2^53 is an error, not a rounding;
 * - the scope guard of `inTransaction`/`withConnection` (scope-guard.ts):
 *   here a query on the outer handle inside a transaction would otherwise
 *   run silently on another pooled connection.
 *
 * Connection settings (`WarehouseConnection`) are validated here with
 * messages a person can act on; the password never reaches a message or a
 * log (`describeConnection` names user, host, port and database only).
 */
import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from 'kysely';
import type { ConnectReason, ConnectReasonKey } from '../../../shared/domain/warehouse';
import { translate } from '../../../shared/i18n';
import { warehouseEn } from '../../../shared/i18n/warehouse';
import { StationFailure, type ErrorCode } from '../../../shared/result';
import type { Schema } from './schema';
import { registerGuard, ScopeGuard } from './scope-guard';

/**
 * A station's connections: the poller, the label workflow and the list
 * refresh rarely need more than two at once. Idle ones close. Each station
 * also holds one listening connection (site/change-listener.ts): README asks
 * for max_connections ≥ 5 × stations + an admin reserve.
 */
export const POOL_MAX_CONNECTIONS = 4;
const POOL_IDLE_CLOSE_MS = 30_000;
/** A database that does not answer in this time is unreachable (the banner says so). */
export const CONNECT_TIMEOUT_MS = 10_000;
/** TCP keep-alive, so a connection cut by a switch or a server restart is noticed. */
const KEEPALIVE_DELAY_MS = 10_000;
/**
 * The server ends a session left idle inside a transaction this long: a
 * station hung mid-transaction must not hold other stations' row locks.
 * No station transaction waits on the network (the crash-safety rule).
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
const DEFAULT_PORT = 5432;
/** PostgreSQL 13 is the first where pg_trgm is a trusted extension (the station's role may create it). */
export const MIN_SERVER_VERSION_NUM = 130_000;

export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';
export const SSL_MODES: readonly SslMode[] = ['disable', 'require', 'verify-ca', 'verify-full'];

/**
 * Where the warehouse database is. Either a connection URL
 * (`postgresql://user:password@host:5432/database?sslmode=verify-full`) or the
 * parts; parts given beside a URL override the URL's (a password kept apart
 * from the URL, say).
 */
export interface WarehouseConnection {
  url?: string;
  /** Host name or address; a path starting with '/' is the directory of a Unix socket. */
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  /**
   * - disable: no TLS (only on a trusted network; the password itself is still
   *   not sent in clear with SCRAM authentication, but the data is);
   * - require: TLS, certificate not checked (protects against listening, not
   *   against a machine posing as the server);
   * - verify-ca: TLS, certificate signed by `ca` (or a system CA);
   * - verify-full: as verify-ca, and the certificate names the host.
   * Default: verify-full, except disable for a Unix socket or a loopback address.
   */
  sslmode?: SslMode;
  /** PEM text of the CA certificate(s) the server's certificate must chain to (verify-ca, verify-full). */
  ca?: string;
  /** Shown in the server's pg_stat_activity: which station a session is. */
  applicationName?: string;
}

export interface ResolvedConnection {
  poolConfig: pg.PoolConfig;
  /** user@host:port/database, for logs and messages (never the password). */
  location: string;
}

/**
 * A connection problem with its reason as a catalogue key: the message is English (logs, the command line,
 * field errors), and "Test connection" hands the reason to the screen, which says it in its own language.
 */
export class ConnectionProblem extends StationFailure {
  readonly reason: ConnectReason;
  constructor(code: ErrorCode, reason: ConnectReason, cause?: unknown) {
    super(code, connectMessage(reason), undefined, cause === undefined ? undefined : { cause });
    this.reason = reason;
  }
}

// Every reason has its sentence in the catalogue (the other languages follow from its type).
warehouseEn.connect satisfies Record<ConnectReasonKey, string>;

/** The reason's sentence in English. */
export function connectMessage(reason: ConnectReason): string {
  return translate('en', `warehouse.connect.${reason.key}`, reason.params);
}

const invalid = (key: ConnectReasonKey, params: ConnectReason['params'] = {}): ConnectionProblem =>
  new ConnectionProblem('INVALID_ARGUMENT', { key, params });

/** Checks the settings and turns them into the pool's; throws a StationFailure saying what to fix. */
export function resolveConnection(c: WarehouseConnection): ResolvedConnection {
  let fromUrl: Partial<WarehouseConnection> = {};
  if (c.url !== undefined && c.url.trim() !== '') fromUrl = parseConnectionUrl(c.url.trim());
  const host = c.host ?? fromUrl.host;
  const port = c.port ?? fromUrl.port ?? DEFAULT_PORT;
  const database = c.database ?? fromUrl.database;
  const user = c.user ?? fromUrl.user;
  const password = c.password ?? fromUrl.password;
  if (!host) throw invalid('needHost');
  if (!database) throw invalid('needDatabase');
  if (!user) throw invalid('needUser');
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw invalid('badPort', { port: String(port) });
  const socket = host.startsWith('/');
  const sslmode = c.sslmode ?? fromUrl.sslmode ?? (socket || isLoopback(host) ? 'disable' : 'verify-full');
  if (!SSL_MODES.includes(sslmode)) throw invalid('badSslmode', { modes: SSL_MODES.join(', '), value: String(sslmode) });
  if (socket && sslmode !== 'disable') throw invalid('socketNoTls');
  const ca = c.ca ?? fromUrl.ca;
  if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw invalid('caNotPem');
  }
  return {
    poolConfig: {
      host,
      port,
      database,
      user,
      ...(password !== undefined ? { password } : {}),
      ssl: tlsOptions(sslmode, ca),
      application_name: c.applicationName ?? 'Shipping Station',
      max: POOL_MAX_CONNECTIONS,
      idleTimeoutMillis: POOL_IDLE_CLOSE_MS,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      options: `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
      types: STATION_TYPES,
    },
    location: `${user}@${socket ? `[${host}]` : host}:${port}/${database}`,
  };
}

function tlsOptions(mode: SslMode, ca: string | undefined): false | ConnectionOptions {
  switch (mode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // Signed by the CA, whatever name the certificate carries.
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** postgres:// or postgresql:// URL, libpq style: `?sslmode=`, `?host=/socket/dir`. */
function parseConnectionUrl(text: string): Partial<WarehouseConnection> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('badUrl');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw invalid('urlScheme', { scheme: `${url.protocol}//` });
  }
  const out: Partial<WarehouseConnection> = {};
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw invalid('urlEscape');
    }
  };
  if (url.hostname) out.host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (url.port) out.port = Number(url.port);
  if (url.username) out.user = decode(url.username);
  if (url.password) out.password = decode(url.password);
  const database = decode(url.pathname.replace(/^\//, ''));
  if (database) out.database = database;
  for (const [key, value] of url.searchParams) {
    if (key === 'sslmode') out.sslmode = value as SslMode;
    else if (key === 'host') out.host = value;
    else if (key === 'port') out.port = Number(value);
    else if (key === 'user') out.user = value;
    else if (key === 'dbname') out.database = value;
    else if (key === 'application_name') out.applicationName = value;
    else throw invalid('urlSetting', { key });
  }
  return out;
}

/** node-postgres type ids (pg_type.oid). */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

function toSafeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new Error(`A BIGINT from the warehouse database is beyond what the station can count exactly: ${text}`);
  return n;
}

/** The pool's own type parsers: int8 and numeric as numbers, everything else as pg reads it. */
const STATION_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === INT8_OID) return toSafeNumber;
    if (format !== 'binary' && oid === NUMERIC_OID) return Number;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Shut while a station waits for its warehouse database at start (open-warehouse.ts): every query fails at once,
 * saying why (DATABASE_UNREACHABLE), instead of running on a schema not yet checked and migrated.
 */
export interface ConnectionGate {
  assertOpen(): void;
}

class GuardedPostgresDriver extends PostgresDriver {
  readonly #guard: ScopeGuard;
  readonly #gate: ConnectionGate | null;
  constructor(config: ConstructorParameters<typeof PostgresDriver>[0], guard: ScopeGuard, gate: ConnectionGate | null) {
    super(config);
    this.#guard = guard;
    this.#gate = gate;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    // Only a query on the outer handle asks the pool for a connection (see scope-guard.ts).
    this.#guard.assertOutside();
    this.#gate?.assertOpen();
    return super.acquireConnection();
  }
}

export class StationPostgresAdapter extends PostgresAdapter {}

class StationPostgresDialect extends PostgresDialect {
  readonly #pool: pg.Pool;
  readonly #guard = new ScopeGuard();
  readonly #gate: ConnectionGate | null;
  constructor(pool: pg.Pool, gate: ConnectionGate | null) {
    super({ pool });
    this.#pool = pool;
    this.#gate = gate;
  }

  override createDriver(): Driver {
    return new GuardedPostgresDriver({ pool: this.#pool }, this.#guard, this.#gate);
  }

  override createAdapter(): DialectAdapter {
    const adapter = new StationPostgresAdapter();
    registerGuard(adapter, this.#guard);
    return adapter;
  }
}

/** A Kysely handle over a pool (queries pass `gate` first, when given); destroying it ends the pool. */
export function kyselyOverPostgres(pool: pg.Pool, gate: ConnectionGate | null = null): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new StationPostgresDialect(pool, gate) });
}

/**
 * A pool for the resolved settings whose dropped connections are reported
 * instead of ending the process: node-postgres emits 'error' on the pool for
 * an idle connection the server or the network drops, and on the connection
 * itself for one in use between two queries (a transaction's callback
 * awaiting something else); unhandled, either event would crash the station.
 * The query in flight fails on its own; the next one takes a fresh connection.
 */
export function createPool(resolved: ResolvedConnection, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool(resolved.poolConfig);
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  return pool;
}

/** SQLSTATEs and network codes turned into what a person can do about them. */
export function explainConnectError(e: unknown, location: string): ConnectionProblem {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  const say = (key: ConnectReasonKey, errorCode: ErrorCode = 'NETWORK', params: ConnectReason['params'] = {}) =>
    new ConnectionProblem(errorCode, { key, params: { location, ...params } }, e);
  switch (code) {
    case 'ECONNREFUSED':
      return say('refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return say('hostNotFound');
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return say('unreachable', 'TIMEOUT', { detail: String(code) });
    case '28P01':
    case '28000':
      return say('auth', 'UNAUTHORIZED');
    case '3D000':
      return say('noDatabase', 'NOT_FOUND');
  }
  if (/does not support SSL/i.test(message)) return say('noTls');
  if (/self[- ]signed|unable to verify|certificate/i.test(message)) return say('certificate', 'NETWORK', { detail: message });
  if (/timeout/i.test(message)) return say('timeout', 'TIMEOUT', { seconds: CONNECT_TIMEOUT_MS / 1000 });
  return say('other', 'NETWORK', { detail: message });
}
