/**
 * `npm run start:browser`: the station in plain Node, its UI served to a
 * browser on loopback. Options: --port N, --data-dir DIR (default: a
 * `browser-mode` folder in the OS data folder), --token T (tests: the
 * loopback access token, not the API token). Settings live in
 * `<data>/settings.json`; the API token comes from FLEXFORWARD_API_TOKEN or
 * `<data>/api-token` (0600, not encrypted). Flash Americas: the key and webhook
 * secret set in Settings (0600 files beside the token) or, winning over them,
 * FLASHAMERICAS_API_KEY / FLASHAMERICAS_WEBHOOK_SECRET; with --fa-webhook-port N
 * the webhook receiver, on every interface or on --fa-webhook-host ADDRESS.
 */
import { mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createStation } from '../core/station';
import { connectionPassword, startupWarehouse } from '../core/site/connection';
import { StationFailure } from '../../shared/result';
import { FileSecretStore, JsonFileSettingsBackend, TOKEN_ENV_VAR, WAREHOUSE_PASSWORD_FILE } from '../core/settings/file-store';
import { PersistentSettingsStore } from '../core/settings/persistent-store';
import { systemClock } from '../core/util/clock';
import { consoleSink, createLoggerFactory } from '../core/util/log';
import { startBrowserServer } from './server';
import packageJson from '../../package.json' with { type: 'json' };

function defaultDataDir(): string {
  const home = homedir();
  if (platform() === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Shipping Station', 'browser-mode');
  if (platform() === 'darwin') return join(home, 'Library', 'Application Support', 'Shipping Station', 'browser-mode');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'shipping-station', 'browser-mode');
}

const BROWSER_MODE_USAGE = `Shipping Station in a browser: the station runs here and serves its screens on 127.0.0.1.

Usage: npm run start:browser -- [options]

Options:
  --port N              listen on port N (default: any free port)
  --data-dir DIR        keep settings, data and the token file in DIR
                        (default: STATION_DATA_DIR, else the "browser-mode" folder in your data folder)
  --token T             the link's access token (default: a new random one each start)
  --fa-webhook-port N   also receive Flash Americas webhooks on port N (all interfaces)
  --fa-webhook-host A   ...on this address only (e.g. the LAN card's 192.168.1.20, or 127.0.0.1 behind a proxy)
  -h, --help            show this and exit

Environment:
  FLEXFORWARD_API_TOKEN          Flex Forward API token (wins over <data-dir>/api-token)
  FLASHAMERICAS_API_KEY          Flash Americas API key (wins over Settings)
  FLASHAMERICAS_WEBHOOK_SECRET   Flash Americas webhook secret (wins over Settings)
  STATION_WAREHOUSE_URL          warehouse database (postgresql://…; wins over Settings › Warehouse)
  STATION_WAREHOUSE_CA_FILE      its CA certificate (PEM file)

It prints the address to open, with its access token; without an API token it runs in demo mode.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
      // Off unless given: the optional Flash Americas webhook receiver, on all interfaces so a router can forward to it
      // (--fa-webhook-host picks one interface's address instead, e.g. the LAN card, or 127.0.0.1 behind a proxy).
      'fa-webhook-port': { type: 'string' },
      'fa-webhook-host': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(BROWSER_MODE_USAGE);
    return;
  }
  const faWebhookPort = values['fa-webhook-port'] ? Number(values['fa-webhook-port']) : null;
  if (faWebhookPort !== null && (!Number.isInteger(faWebhookPort) || faWebhookPort < 1 || faWebhookPort > 65535))
    throw new Error(`--fa-webhook-port must be a whole number from 1 to 65535, got "${values['fa-webhook-port']}"`);
  const faWebhookHost = values['fa-webhook-host'];
  if (faWebhookHost !== undefined && (faWebhookPort === null || isIP(faWebhookHost) === 0))
    throw new Error(`--fa-webhook-host takes an IP address (e.g. 0.0.0.0, 192.168.1.20 or ::) and needs --fa-webhook-port, got "${faWebhookHost}"`);
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  const dataDir = resolve(values['data-dir'] ?? process.env.STATION_DATA_DIR ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });

  // Browser mode keeps the token in the environment or a 0600 file, not encrypted (see core/settings/file-store.ts).
  const secrets = new FileSecretStore(join(dataDir, 'api-token'));
  // Warehouse mode (STATION_WAREHOUSE_URL, else the connection saved in Settings, read once the settings are): the
  // site's PostgreSQL instead of this folder's SQLite file.
  let warehouse: ReturnType<typeof startupWarehouse> = { connection: null, source: null };
  const logger = createLoggerFactory({
    sink: consoleSink,
    secrets: () => [
      secrets.getApiToken() ?? '',
      secrets.getFlashAmericasKey() ?? '',
      secrets.getFlashAmericasWebhookSecret() ?? '',
      connectionPassword(warehouse.connection) ?? '',
      secrets.getWarehousePassword() ?? '',
    ],
  });
  const settings = new PersistentSettingsStore(new JsonFileSettingsBackend(join(dataDir, 'settings.json')), logger('settings'));
  warehouse = startupWarehouse(process.env, settings.get().warehouse, () => secrets.getWarehousePassword());
  if (warehouse.source === 'settings' && secrets.warehousePasswordProtection() === 'plain-file') {
    console.warn(
      `Note: browser mode keeps the warehouse database password unencrypted in ${join(dataDir, WAREHOUSE_PASSWORD_FILE)} ` +
        `(readable by this user only). On a shared computer set STATION_WAREHOUSE_URL instead, or use the desktop app, which encrypts it.`,
    );
  }
  if (secrets.tokenProtection() === 'plain-file') {
    console.warn(
      `Note: browser mode keeps the API token unencrypted in ${join(dataDir, 'api-token')} (readable by this user only). ` +
        `On a shared computer set ${TOKEN_ENV_VAR} instead, or use the desktop app, which encrypts it.`,
    );
  }
  const station = await createStation({
    shell: 'browser',
    version: packageJson.version,
    platform: process.platform,
    dataDir,
    settings,
    secrets,
    logger,
    clock: systemClock,
    warehouse: warehouse.connection,
    ...(warehouse.source ? { warehouseSource: warehouse.source } : {}),
    flashAmericasWebhook: faWebhookPort === null ? null : { port: faWebhookPort, ...(faWebhookHost ? { host: faWebhookHost } : {}) },
  });
  const server = await startBrowserServer({
    station,
    staticDir: resolve(import.meta.dirname, '../../renderer/dist'),
    logger: logger('browser'),
    port,
    ...(values.token ? { token: values.token } : {}),
  });
  // The line tests and people look for; the token is in the fragment only.
  console.log(`Shipping Station (browser mode) ready: ${server.url}`);
  console.log(`Data folder: ${dataDir}`);
  const webhookUrl = station.flashAmericasWebhookUrl();
  if (webhookUrl) console.log(`Flash Americas webhooks: ${webhookUrl}`);

  const shutdown = async (): Promise<void> => {
    await server.close();
    await station.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  // A fault of the machine (a data folder it may not write) is not a wrong option.
  if (!(e instanceof StationFailure)) console.error('Run with --help to see the options.');
  process.exit(1);
});
