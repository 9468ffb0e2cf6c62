/**
 * Composition root of the Electron app: wiring only. Everything with logic
 * lives in electron/core (plain Node) or in the small modules beside this one.
 */
import { app, ipcMain, net, protocol } from 'electron';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createStation, type Station } from '../core/station';
import { MemorySettingsStore } from '../core/settings/types';
import { systemClock } from '../core/util/clock';
import { consoleSink, createLoggerFactory } from '../core/util/log';
import { forwardEvents, registerHandlers } from './ipc';
import { APP_ORIGIN, createMainWindow } from './window';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = resolve(import.meta.dirname, '../renderer');
const preloadDir = resolve(import.meta.dirname, '../preload');

async function start(): Promise<void> {
  const store = new MemorySettingsStore();
  const logger = createLoggerFactory({ sink: consoleSink, secrets: () => [store.getApiToken() ?? ''] });
  const log = logger('main');

  protocol.handle('app', (request) => {
    const { pathname } = new URL(request.url);
    const file = resolve(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });

  const station: Station = await createStation({
    shell: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    dataDir: app.getPath('userData'),
    settings: store,
    secrets: store,
    logger,
    clock: systemClock,
  });

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const startUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
  const trusted = devUrl ? [APP_ORIGIN, new URL(devUrl).origin] : [APP_ORIGIN];
  registerHandlers(ipcMain, station.handlers, trusted, logger('ipc'));

  const win = createMainWindow(preloadDir, startUrl);
  const stopForwarding = forwardEvents((l) => station.events.subscribe(l), win.webContents);
  win.on('closed', stopForwarding);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void station.stop());
  log.info('window opened', { startUrl });
}

void app.whenReady().then(start);
