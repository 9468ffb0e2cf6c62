/**
 * What counts as "the warehouse database cannot be reached" (the banner, DATABASE_UNREACHABLE, waiting for it)
 * and what does not: the API's own network failures stay NETWORK, a wrong statement stays a bug, a full disk
 * stays DISK_FULL.
 */
import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable, storageFailure } from '../../electron/core/db/storage-errors';
import { StationFailure } from '../../shared/result';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('the warehouse database unreachable', () => {
  it('is a refused or cut connection, the server shutting down or starting, a pool that could not connect', () => {
    expect(isDatabaseUnreachable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('connection failure', '08006'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    // Wrapped by Kysely or by the station, the cause still says it.
    expect(isDatabaseUnreachable(new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }))).toBe(true);
  });

  it('is not the API unreachable, a wrong statement, or a full disk', () => {
    const api = new StationFailure('NETWORK', 'The API is not reachable.', undefined, { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') });
    expect(isDatabaseUnreachable(api)).toBe(false);
    expect(isDatabaseUnreachable(withCode('relation "nope" does not exist', '42P01'))).toBe(false);
    expect(isDatabaseUnreachable(withCode('could not extend file', '53100'))).toBe(false);
    expect(isDatabaseUnreachable(withCode('database is locked', 'SQLITE_BUSY'))).toBe(false);
  });

  it('answers a handler with DATABASE_UNREACHABLE saying nothing was bought and the station keeps trying', () => {
    const fault = storageFailure(withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'), 'db', undefined, 'Nothing was saved, and no label was bought');
    expect(fault?.code).toBe('DATABASE_UNREACHABLE');
    expect(fault?.message).toMatch(/^Nothing was saved, and no label was bought: the warehouse database cannot be reached \(connect ECONNREFUSED 10\.0\.0\.5:5432\)\. The station keeps trying/);
    expect(storageFailure(withCode('could not extend file', '53100'), 'db')?.code).toBe('DISK_FULL');
  });
});
