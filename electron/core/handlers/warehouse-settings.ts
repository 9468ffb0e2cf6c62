/**
 * Settings › Warehouse (issue 15): the connection to the site's PostgreSQL
 * database kept by this station (URL or parts, TLS mode, CA file path), its
 * password kept like the API token (SecretStore, write-only), and "Test
 * connection". The saved connection is used at the next start; the
 * environment variable (STATION_WAREHOUSE_URL) wins when set.
 */
import type {
  SaveWarehouseSettingsArgs,
  WarehouseConnectionArgs,
  WarehouseConnectionTest,
  WarehouseSettings,
  WarehouseSettingsView,
} from '../../../shared/domain/warehouse';
import { StationFailure } from '../../../shared/result';
import type { AuditRecorder } from '../audit/audit-log';
import { resolveConnection, type WarehouseConnection } from '../db/postgres';
import type { EventBus } from '../events';
import type { Handlers } from '../invoke';
import type { SecretStore, SettingsStore } from '../settings/types';
import { readCaFile, splitUrlPassword, WAREHOUSE_URL_ENV_VAR, type WarehouseSource } from '../site/connection';
import { refusedBeforeConnecting, testWarehouseConnection } from '../site/test-connection';
import type { Logger } from '../util/log';

export interface WarehouseSettingsDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  audit?: AuditRecorder;
  /** This run: where its database came from (null: SQLite) and which one it is (never with the password). */
  running: { source: WarehouseSource | null; location: string };
}

const invalid = (field: string, message: string) => new StationFailure('INVALID_ARGUMENT', message, [{ field, message }]);

/** What the station would open from these settings and password: compared with this run's to say "restart to connect". */
const fingerprint = (saved: WarehouseSettings | null, password: string | null) => JSON.stringify([saved, saved ? password : null]);

/** A saved connection must be one the station can open at its next start: checked here, with the field to fix. */
function checkSaved(c: WarehouseSettings, password: string | null): void {
  if (!c.url) {
    if (!c.host) throw invalid('host', 'Enter the database host (a name or address, e.g. db.warehouse.lan), or a connection URL.');
    if (!c.database) throw invalid('database', 'Enter the database name (e.g. shipping).');
    if (!c.user) throw invalid('user', 'Enter the user name (the database role the station logs in as).');
  }
  if (c.caFile) {
    try {
      readCaFile(c.caFile);
    } catch (e) {
      throw invalid('caFile', (e as Error).message);
    }
  }
  try {
    resolveConnection({ ...partsOf(c), ...(password ? { password } : {}) });
  } catch (e) {
    throw invalid(c.url ? 'url' : 'host', (e as Error).message);
  }
}

function partsOf(c: WarehouseSettings): WarehouseConnection {
  return {
    ...(c.url ? { url: c.url } : {}),
    ...(c.host ? { host: c.host } : {}),
    ...(c.port ? { port: c.port } : {}),
    ...(c.database ? { database: c.database } : {}),
    ...(c.user ? { user: c.user } : {}),
    ...(c.sslmode ? { sslmode: c.sslmode } : {}),
  };
}

export function warehouseSettingsHandlers(
  deps: WarehouseSettingsDeps,
): Pick<Handlers, 'warehouse:settings' | 'warehouse:saveSettings' | 'warehouse:testConnection'> {
  const password = () => deps.secrets.getWarehousePassword?.() ?? null;
  const environmentSet = deps.running.source === 'environment';
  // What this run opened from Settings; anything saved since is for the next start.
  const startedWith = deps.running.source === 'settings' ? fingerprint(deps.settings.get().warehouse, password()) : fingerprint(null, null);

  const view = (): WarehouseSettingsView => {
    const saved = deps.settings.get().warehouse;
    return {
      saved,
      hasPassword: password() !== null,
      passwordProtection: deps.secrets.warehousePasswordProtection?.() ?? (password() === null ? 'none' : 'session-only'),
      environmentVariable: WAREHOUSE_URL_ENV_VAR,
      environmentSet,
      running: {
        mode: deps.running.source === null ? 'sqlite' : 'warehouse',
        source: deps.running.source,
        location: deps.running.location,
      },
      restartNeeded: !environmentSet && fingerprint(saved, password()) !== startedWith,
    };
  };

  const save = async (args: SaveWarehouseSettingsArgs): Promise<WarehouseSettingsView> => {
    if (!deps.secrets.setWarehousePassword) {
      throw new StationFailure(
        'UNAVAILABLE',
        `This station cannot keep a database password; set ${WAREHOUSE_URL_ENV_VAR} in its environment instead.`,
      );
    }
    let connection = args.connection;
    let nextPassword = args.password === undefined ? password() : args.password;
    if (connection?.url) {
      // A URL pasted with its password: the password is kept as a secret, the URL without it.
      const split = splitUrlPassword(connection.url);
      connection = { ...connection, url: split.url };
      if (split.password !== null && args.password === undefined) nextPassword = split.password;
    }
    if (connection) checkSaved(connection, nextPassword);
    const before = deps.settings.get().warehouse;
    const hadPassword = password() !== null;
    deps.settings.update({ warehouse: connection });
    // No connection: nothing to log in to, so no password kept either.
    const storedPassword = connection ? nextPassword : null;
    if (storedPassword !== password()) await deps.secrets.setWarehousePassword(storedPassword);
    const changed =
      JSON.stringify(before) !== JSON.stringify(connection) || hadPassword !== (storedPassword !== null) || args.password != null;
    if (changed) {
      // Never the password: only where the station will connect and whether a password is kept.
      const where = connection ? describe(connection) : 'none (this station’s SQLite file)';
      deps.log.info('warehouse connection saved', { connection: where, password: storedPassword === null ? 'none' : 'kept' });
      deps.events.emit('settings:changed', { fields: ['warehouse'] });
      await deps.audit?.record({ action: 'setting-change', reason: 'settings', detail: `warehouse database: ${where}` });
    }
    return view();
  };

  const test = async (args: WarehouseConnectionArgs): Promise<WarehouseConnectionTest> => {
    const { caFile, useSavedPassword, ...rest } = args;
    let connection: WarehouseConnection = { ...rest };
    if (connection.url) {
      const split = splitUrlPassword(connection.url);
      connection = {
        ...connection,
        url: split.url,
        ...(split.password !== null && connection.password === undefined ? { password: split.password } : {}),
      };
    }
    if (connection.password === undefined && useSavedPassword && password() !== null) connection.password = password()!;
    if (caFile && connection.ca === undefined) {
      try {
        connection.ca = readCaFile(caFile);
      } catch (e) {
        return refusedBeforeConnecting(e);
      }
    }
    return testWarehouseConnection(connection);
  };

  return {
    'warehouse:settings': async () => view(),
    'warehouse:saveSettings': save,
    'warehouse:testConnection': test,
  };
}

/** user@host:port/database (or the URL without its password) for the log and the audit log. */
function describe(c: WarehouseSettings): string {
  try {
    return resolveConnection(partsOf(c)).location;
  } catch {
    return c.url ?? `${c.user ?? ''}@${c.host ?? ''}/${c.database ?? ''}`;
  }
}
