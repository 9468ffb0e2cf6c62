/**
 * Settings' "Test connection" against a real PostgreSQL: a good connection
 * says so with the server's version and the schema state; a wrong password,
 * a closed port or a missing database each say what to fix; the password
 * never appears in any answer; nothing is written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarehouseConnection } from '../../../electron/core/db/postgres';
import { invoke } from '../../../electron/core/invoke';
import type { SiteView } from '../../../shared/domain/warehouse';
import { MemorySettingsStore } from '../../../electron/core/settings/types';
import { createStation, type Station } from '../../../electron/core/station';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { testWarehouseConnection } from '../../../electron/core/site/test-connection';
import { testDialects } from '../../helpers/dialects';
import { createTestDatabase, sharedServer, type TestDatabase } from '../../helpers/postgres';

const dialects = await testDialects();

describe.skipIf(!dialects.includes('postgres'))('warehouse database: test connection', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(await sharedServer());
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('connects, names the server version and finds the schema ready', async () => {
    const result = await testWarehouseConnection(database.connection);
    expect(result).toMatchObject({ ok: true, schemaVersion: MIGRATIONS.at(-1)!.version, message: /the database is ready/ });
    expect(result.serverVersion).toMatch(/^\d+/);
    expect(result.location).toBe(`station@127.0.0.1:${database.connection.port}/${database.name}`);
    expect(result.reason).toEqual({ key: 'ready', params: { version: result.serverVersion, location: result.location } });
  });

  it('says what to fix for a wrong password, a closed port, a missing database or a bad URL, never showing the password', async () => {
    const secret = 'not-the-password-1234';
    const wrong = await testWarehouseConnection({ ...database.connection, password: secret });
    expect(wrong).toMatchObject({ ok: false, message: /wrong user or password/ });
    const closed = await testWarehouseConnection({ ...database.connection, port: 1, password: secret });
    expect(closed).toMatchObject({ ok: false, message: /refused the connection/ });
    const missing = await testWarehouseConnection({ ...database.connection, database: 'no_such_db' });
    expect(missing).toMatchObject({ ok: false, message: /does not exist/ });
    const badUrl = await testWarehouseConnection({ url: `mysql://station:${secret}@db/x` });
    expect(badUrl).toMatchObject({ ok: false, message: /must start with postgresql:\/\// });
    for (const r of [wrong, closed, missing, badUrl]) expect(JSON.stringify(r)).not.toContain(secret);
    // Each with its reason as a catalogue key, so the screen says it in its own language.
    expect([wrong, closed, missing, badUrl].map((r) => r.reason?.key)).toEqual(['auth', 'refused', 'noDatabase', 'urlScheme']);
    expect(missing.reason?.params).toMatchObject({ location: expect.stringContaining('/no_such_db') });
    expect(badUrl.reason?.params).toEqual({ scheme: 'mysql://' });
  });
});

describe.skipIf(!dialects.includes('postgres'))('site view', () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  const stations: Station[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(await sharedServer());
  }, 60_000);
  afterAll(async () => {
    for (const s of stations) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await database?.drop();
  });

  const start = async (name: string, warehouse: WarehouseConnection | null): Promise<Station> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'station-site-view-'));
    dirs.push(dataDir);
    const store = new MemorySettingsStore({ stationName: name });
    const station = await createStation({
      shell: 'browser',
      version: '0.0.0-test',
      platform: process.platform,
      dataDir,
      settings: store,
      secrets: store,
      logger: silentLoggerFactory,
      clock: systemClock,
      warehouse,
    });
    stations.push(station);
    return station;
  };

  it('lists the stations on the warehouse database, connected, and the database as reachable; a SQLite station has no site', async () => {
    const one = await start('Bench 1', database.connection);
    const two = await start('Bench 2', database.connection);
    const view = await invoke(one.handlers, 'site:view', undefined, silentLoggerFactory('t'));
    if (!view.ok) throw new Error(view.error.message);
    const site = view.value as SiteView;
    expect(site).toMatchObject({ mode: 'warehouse', reachable: true, thisStationId: one.stationId, message: null });
    expect(site.location).toContain(database.name);
    expect(site.stations.map((s) => [s.name, s.id, s.connected]).sort()).toEqual(
      [
        ['Bench 1', one.stationId, true],
        ['Bench 2', two.stationId, true],
      ].sort(),
    );
    expect(one.site()).toMatchObject({ health: { reachable: true } });
    // The banner's source: app:status names the database (never the password) and says it is reachable.
    const status = await invoke(one.handlers, 'app:status', undefined, silentLoggerFactory('t'));
    expect(status).toMatchObject({ ok: true, value: { warehouse: { reachable: true, location: expect.stringContaining(database.name) } } });
    expect(JSON.stringify(status)).not.toContain(String(database.connection.password));
    const lone = await start('Alone', null);
    const alone = await invoke(lone.handlers, 'site:view', undefined, silentLoggerFactory('t'));
    expect(alone).toMatchObject({ ok: true, value: { mode: 'sqlite', stations: [] } });
    expect(lone.site()).toBeNull();
    expect(await invoke(lone.handlers, 'app:status', undefined, silentLoggerFactory('t'))).toMatchObject({
      ok: true,
      value: { warehouse: null },
    });
  }, 60_000);
});
