/**
 * Settings › Warehouse against a real PostgreSQL and the real browser-mode
 * station process: a connection saved from Settings (the password kept as a
 * secret, never in the settings file or the answers) opens warehouse mode at
 * the next start; "Test connection" says what is wrong for a bad password,
 * an unreachable host or a missing database, never echoing the password;
 * the environment variable wins over what is saved.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAREHOUSE_PASSWORD_FILE } from '../../../electron/core/settings/file-store';
import type { MoveInReport } from '../../../shared/domain/move-in';
import type { SiteView, WarehouseSettingsView } from '../../../shared/domain/warehouse';
import type { Result } from '../../../shared/result';
import { startBrowserMode, type BrowserModeProcess } from '../../helpers/browser-mode';
import { testDialects } from '../../helpers/dialects';
import { createTestDatabase, sharedServer, type ServerInfo, type TestDatabase } from '../../helpers/postgres';

const dialects = await testDialects();

async function call<T>(station: BrowserModeProcess, channel: string, args?: unknown): Promise<Result<T>> {
  const res = await fetch(`${station.origin}/api/call/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${station.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
  });
  return (await res.json()) as Result<T>;
}

async function value<T>(station: BrowserModeProcess, channel: string, args?: unknown): Promise<T> {
  const r = await call<T>(station, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

describe.skipIf(!dialects.includes('postgres'))('Settings › Warehouse: a saved connection, the next start, Test connection', () => {
  let server: ServerInfo;
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'station-wh-settings-'));
  const running: BrowserModeProcess[] = [];
  const start = async (env: NodeJS.ProcessEnv = {}) => {
    // No environment connection unless the test gives one (the runner's own must not leak in).
    const station = await startBrowserMode(['--data-dir', dataDir], { STATION_WAREHOUSE_URL: '', ...env });
    running.push(station);
    return station;
  };
  const stop = async (station: BrowserModeProcess) => {
    await station.stop();
    running.splice(running.indexOf(station), 1);
  };

  beforeAll(async () => {
    server = await sharedServer();
    database = await createTestDatabase(server);
  }, 120_000);
  afterAll(async () => {
    for (const s of running) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('saves the parts and the password (as a secret), says "restart", and the next start runs on the warehouse database', async () => {
    const password = server.stationPassword;
    const first = await start();
    const before = await value<WarehouseSettingsView>(first, 'warehouse:settings');
    expect(before).toMatchObject({ saved: null, hasPassword: false, running: { mode: 'sqlite', source: null }, restartNeeded: false });

    const parts = { url: null, host: '127.0.0.1', port: server.port, database: database.name, user: 'station', sslmode: 'disable', caFile: null };
    // Test connection before saving: the typed password is tried, never sent back.
    const tried = await value<{ ok: boolean; message: string }>(first, 'warehouse:testConnection', { ...parts, url: undefined, caFile: undefined, password });
    expect(tried).toMatchObject({ ok: true, message: expect.stringMatching(/Connected to PostgreSQL/) });

    const saved = await call<WarehouseSettingsView>(first, 'warehouse:saveSettings', { connection: parts, password });
    expect(saved).toMatchObject({
      ok: true,
      value: { saved: parts, hasPassword: true, passwordProtection: 'plain-file', running: { mode: 'sqlite' }, restartNeeded: true },
    });
    // The saved connection tested with the station's own copy of the password (the page does not have it).
    const again = await value<{ ok: boolean }>(first, 'warehouse:testConnection', {
      host: '127.0.0.1',
      port: server.port,
      database: database.name,
      user: 'station',
      sslmode: 'disable',
      useSavedPassword: true,
    });
    expect(again.ok).toBe(true);
    for (const r of [saved, tried, again, before]) expect(JSON.stringify(r)).not.toContain(password);

    // At rest: the settings file has the parts and no password; the password has its own owner-only file.
    const settingsFile = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settingsFile)).toMatchObject({ warehouse: parts });
    expect(settingsFile).not.toContain(password);
    expect(readFileSync(join(dataDir, WAREHOUSE_PASSWORD_FILE), 'utf8')).toBe(password);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, WAREHOUSE_PASSWORD_FILE)).mode & 0o777).toBe(0o600);

    // Settings' "Move this station in" works before the restart, into the saved connection; a second run copies nothing new.
    const moved = await value<MoveInReport>(first, 'warehouse:moveIn');
    expect(moved.moved).toBe(true);
    expect(moved.tables.length).toBeGreaterThan(0);
    const movedAgain = await value<MoveInReport>(first, 'warehouse:moveIn');
    expect(movedAgain.moved).toBe(true);
    expect(movedAgain.tables.reduce((n, t) => n + t.copied, 0)).toBe(0);
    await stop(first);

    const second = await start();
    const now = await value<WarehouseSettingsView>(second, 'warehouse:settings');
    expect(now).toMatchObject({ running: { mode: 'warehouse', source: 'settings' }, restartNeeded: false, hasPassword: true });
    expect(now.running.location).toBe(`station@127.0.0.1:${server.port}/${database.name}`);
    const site = await value<SiteView>(second, 'site:view');
    expect(site).toMatchObject({ mode: 'warehouse', reachable: true });
    expect(site.stations).toHaveLength(1);
    const status = await value<{ warehouse: { reachable: boolean } | null }>(second, 'app:status');
    expect(status.warehouse).toMatchObject({ reachable: true });
    expect(second.output()).not.toContain(password);
    expect(second.output()).toContain('keeps the warehouse database password unencrypted');
    await stop(second);

    // The environment variable wins over what is saved, and Settings says so.
    const other = await createTestDatabase(server);
    try {
      const third = await start({ STATION_WAREHOUSE_URL: other.url });
      const view = await value<WarehouseSettingsView>(third, 'warehouse:settings');
      expect(view).toMatchObject({ environmentSet: true, running: { mode: 'warehouse', source: 'environment' }, restartNeeded: false });
      expect(view.running.location).toContain(other.name);
      expect(third.output()).not.toContain(password);
      await stop(third);
    } finally {
      await other.drop();
    }
  }, 240_000);

  it('a URL pasted with its password keeps the password as a secret, not in the URL; removing the connection removes it', async () => {
    const station = await start();
    const saved = await value<WarehouseSettingsView>(station, 'warehouse:saveSettings', {
      connection: { url: database.url, host: null, port: null, database: null, user: null, sslmode: null, caFile: null },
    });
    expect(saved.saved?.url).toBe(`postgresql://station@127.0.0.1:${server.port}/${database.name}?sslmode=disable`);
    expect(saved.hasPassword).toBe(true);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(server.stationPassword);
    expect(readFileSync(join(dataDir, WAREHOUSE_PASSWORD_FILE), 'utf8')).toBe(server.stationPassword);

    const cleared = await value<WarehouseSettingsView>(station, 'warehouse:saveSettings', { connection: null });
    expect(cleared).toMatchObject({ saved: null, hasPassword: false });
    expect(() => readFileSync(join(dataDir, WAREHOUSE_PASSWORD_FILE))).toThrow();
    await stop(station);
  }, 120_000);

  it('Test connection says what is wrong for a bad password, an unreachable host, a missing database; never the password', async () => {
    const station = await start();
    const secret = 'Wr0ng-pa55word-xyz';
    const base = { host: '127.0.0.1', port: server.port, database: database.name, user: 'station', sslmode: 'disable' };
    const wrong = await value<{ ok: boolean; message: string }>(station, 'warehouse:testConnection', { ...base, password: secret });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/wrong user or password/) });
    const unreachable = await value<{ ok: boolean; message: string }>(station, 'warehouse:testConnection', {
      ...base,
      host: 'no-such-host.invalid',
      password: secret,
    });
    expect(unreachable).toMatchObject({ ok: false, message: expect.stringMatching(/was not found: check the host name/) });
    const missing = await value<{ ok: boolean; message: string }>(station, 'warehouse:testConnection', {
      ...base,
      database: 'no_such_database',
      password: server.stationPassword,
    });
    expect(missing).toMatchObject({ ok: false, message: expect.stringMatching(/does not exist: create it first/) });
    const noCa = await value<{ ok: boolean; message: string }>(station, 'warehouse:testConnection', {
      ...base,
      sslmode: 'verify-full',
      caFile: join(dataDir, 'missing-ca.pem'),
      password: secret,
    });
    expect(noCa).toMatchObject({ ok: false, message: expect.stringMatching(/CA certificate file .* does not exist/) });
    const url = await value<{ ok: boolean; message: string }>(station, 'warehouse:testConnection', {
      url: `postgresql://station:${secret}@127.0.0.1:${server.port}/${database.name}?sslmode=disable`,
    });
    expect(url).toMatchObject({ ok: false, message: expect.stringMatching(/wrong user or password/) });
    for (const r of [wrong, unreachable, missing, noCa, url]) expect(JSON.stringify(r)).not.toContain(secret);
    expect(station.output()).not.toContain(secret);

    // A connection the station could not open at its next start is not saved: the field to fix is named.
    const incomplete = await call(station, 'warehouse:saveSettings', {
      connection: { url: null, host: '127.0.0.1', port: server.port, database: null, user: 'station', sslmode: null, caFile: null },
      password: secret,
    });
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ field: 'database' }] } });
    expect(JSON.stringify(incomplete)).not.toContain(secret);
    expect(await value<WarehouseSettingsView>(station, 'warehouse:settings')).toMatchObject({ saved: null, hasPassword: false });
    await stop(station);
  }, 120_000);
});
