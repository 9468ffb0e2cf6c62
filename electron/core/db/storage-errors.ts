/**
 * Storage faults a packer or an admin can fix (a full disk, a folder the
 * station may not write), told apart from bugs: each becomes a coded
 * StationFailure naming where the data is and what to do, instead of
 * INTERNAL with "details in the log". Nothing is lost in either case: a write
 * that fails rolls back its whole transaction, and the step it belonged to
 * stays where it was, ready to run again.
 */
import { StationFailure } from '../../../shared/result';

/** SQLite's, Node's and PostgreSQL's words for "no space left". */
const DISK_FULL_CODES: ReadonlySet<string> = new Set([
  'SQLITE_FULL',
  'SQLITE_IOERR_WRITE', // a write() that failed with ENOSPC under SQLite
  'ENOSPC',
  'EDQUOT', // a disk quota: full for this user
  '53100', // PostgreSQL disk_full
]);

/** Codes meaning "this file or folder may not be written" (permissions, a read-only mount, a read-only open). */
const READ_ONLY_CODES: ReadonlySet<string> = new Set([
  'SQLITE_READONLY',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_DBMOVED',
  'SQLITE_READONLY_CANTINIT',
  'SQLITE_READONLY_CANTLOCK',
  'SQLITE_READONLY_RECOVERY',
  'SQLITE_READONLY_ROLLBACK',
  'SQLITE_CANTOPEN',
  'EROFS',
  'EACCES',
  'EPERM',
]);

function codeOf(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** The error, or the one it wraps (Kysely and our own failures keep the original as `cause`). */
function codesOf(e: unknown): string[] {
  const codes: string[] = [];
  for (let at: unknown = e, depth = 0; at !== undefined && at !== null && depth < 5; depth += 1) {
    const code = codeOf(at);
    if (code) codes.push(code);
    at = (at as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * Network codes and SQLSTATEs that mean "the warehouse database is not there
 * right now" (stopped, restarting, the network cut), not "this statement is
 * wrong": 08xxx connection exceptions, 57P01-57P03 (the server shutting down,
 * crashed, or still starting).
 */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
]);
/** node-postgres says these in words only (no code): a connection the server or the network ended, a pool that could not connect. */
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection lost|server closed the connection unexpectedly/i;

/**
 * The warehouse database could not be reached (what the red banner says); the statement itself was fine. A
 * StationFailure is taken at its word: the API's own network failures are NETWORK, not this.
 */
export function isDatabaseUnreachable(e: unknown): boolean {
  for (let at: unknown = e, depth = 0; at !== undefined && at !== null && depth < 5; depth += 1) {
    // Already said as something else (the API not reachable is NETWORK, with ECONNREFUSED inside): not the database.
    if (at instanceof StationFailure) return at.code === 'DATABASE_UNREACHABLE';
    const code = codeOf(at);
    if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (at instanceof Error && UNREACHABLE_MESSAGES.test(at.message)) return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
}

/** Why the database could not be reached, in the words of the first error that says so (never a password: pg does not put one in a message). */
export function unreachableCause(e: unknown): string {
  for (let at: unknown = e, depth = 0; at !== undefined && at !== null && depth < 5; depth += 1) {
    if (at instanceof StationFailure && at.code === 'DATABASE_UNREACHABLE') return at.message;
    at = (at as { cause?: unknown }).cause;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The sentence a packer reads while the warehouse database is down: nothing is lost, the station keeps trying. */
export function unreachableAdvice(e: unknown): string {
  return (
    `the warehouse database cannot be reached (${unreachableCause(e)}). ` +
    'The station keeps trying by itself; the red banner goes away when the database is back'
  );
}

export function isDiskFull(e: unknown): boolean {
  if (e instanceof StationFailure && e.code === 'DISK_FULL') return true;
  return codesOf(e).some((c) => DISK_FULL_CODES.has(c));
}

export function isReadOnly(e: unknown): boolean {
  if (e instanceof StationFailure && e.code === 'READ_ONLY') return true;
  return codesOf(e).some((c) => READ_ONLY_CODES.has(c));
}

/** The sentence that says where the data is and what to do about a full disk. */
export function diskFullAdvice(dataLocation: string): string {
  return (
    `the disk holding the station's data (${dataLocation}) is full. ` +
    'Free some space on that disk (empty the trash, move or delete old files)'
  );
}

export function readOnlyAdvice(dataLocation: string): string {
  return (
    `the station may not write its data folder (${dataLocation}). ` +
    'Make that folder writable for the user running the station (or choose another data folder)'
  );
}

/**
 * The coded failure for a storage fault, or null for anything else (left to
 * the caller: usually a bug, reported as INTERNAL). `doing` says what could
 * not be saved, so the message reads "The label could not be saved: …".
 */
export function storageFailure(
  e: unknown,
  dataLocation: string,
  doing = 'The change could not be saved',
  doingWhenUnreachable = doing,
): StationFailure | null {
  if (e instanceof StationFailure) return e.code === 'DISK_FULL' || e.code === 'READ_ONLY' || e.code === 'DATABASE_UNREACHABLE' ? e : null;
  if (isDatabaseUnreachable(e))
    return new StationFailure('DATABASE_UNREACHABLE', `${doingWhenUnreachable}: ${unreachableAdvice(e)}; then try again.`, undefined, {
      cause: e,
    });
  if (isDiskFull(e))
    return new StationFailure('DISK_FULL', `${doing}: ${diskFullAdvice(dataLocation)}, then try again.`, undefined, { cause: e });
  if (isReadOnly(e))
    return new StationFailure('READ_ONLY', `${doing}: ${readOnlyAdvice(dataLocation)}, then try again.`, undefined, { cause: e });
  return null;
}

/**
 * Every handler, with a full or read-only disk answered as its coded failure
 * (DISK_FULL, READ_ONLY) naming the data folder, and a warehouse database
 * that cannot be reached as DATABASE_UNREACHABLE (nothing was saved or
 * bought by that call), instead of INTERNAL.
 */
export function withStorageFaults<H extends Record<string, (args: never) => Promise<unknown>>>(
  handlers: H,
  dataLocation: string,
  /** Told when a call met the warehouse database unreachable (the banner then shows it at once, not at the next heartbeat). */
  onUnreachable?: () => void,
): H {
  const wrapped: Record<string, (args: never) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers)) {
    wrapped[channel] = async (args: never) => {
      try {
        return await handler(args);
      } catch (e) {
        const fault = storageFailure(e, dataLocation, undefined, 'Nothing was saved, and no label was bought');
        if (fault?.code === 'DATABASE_UNREACHABLE') onUnreachable?.();
        throw fault ?? e;
      }
    };
  }
  return wrapped as H;
}
