/**
 * The composition of everything the main process does, without Electron:
 * Electron's main (electron/main) and browser mode (electron/browser) both
 * build one Station and expose its handlers, one over IPC, one over HTTP.
 */
import { EventBus } from './events';
import type { Handlers } from './invoke';
import { appHandlers, type DesktopPort } from './handlers/app';
import { settingsHandlers } from './handlers/settings';
import { shipmentsHandlers } from './handlers/shipments';
import { resolveEndpoint, type ApiEndpoint } from './environment';
import type { SecretStore, SettingsStore } from './settings/types';
import type { Clock } from './util/clock';
import type { LoggerFactory } from './util/log';

export interface StationOptions {
  shell: 'electron' | 'browser';
  version: string;
  platform: string;
  /** Folder for the database and label documents. */
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  logger: LoggerFactory;
  clock: Clock;
  /** Folder opening, clipboard: the Electron shell provides it, browser mode passes null. */
  desktop?: DesktopPort | null;
}

export interface Station {
  readonly handlers: Handlers;
  readonly events: EventBus;
  endpoint(): ApiEndpoint;
  stop(): Promise<void>;
}

export async function createStation(options: StationOptions): Promise<Station> {
  const events = new EventBus();
  const log = options.logger('station');
  let sandboxUrl: string | null = null;
  const endpoint = (): ApiEndpoint => resolveEndpoint(options.settings.get(), options.secrets.getApiToken() !== null, sandboxUrl);

  const handlers: Handlers = {
    ...appHandlers({
      version: options.version,
      shell: options.shell,
      platform: options.platform,
      dataDir: options.dataDir,
      settings: options.settings,
      secrets: options.secrets,
      endpoint,
      desktop: options.desktop ?? null,
      now: () => new Date(options.clock.now()),
    }),
    ...settingsHandlers({ settings: options.settings, secrets: options.secrets, events, log: options.logger('settings') }),
    ...shipmentsHandlers({
      listShipments: (q) => ({ items: [], total: 0, offset: q.offset }),
    }),
  };

  log.info('station started', { shell: options.shell, environment: endpoint().environment });
  return {
    handlers,
    events,
    endpoint,
    async stop() {
      log.info('station stopped');
      sandboxUrl = null;
    },
  };
}
