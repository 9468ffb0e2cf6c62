/**
 * Composition root of the Electron app: wiring only. Decisions live in the
 * small modules beside this one (lifecycle, tray, notifier, settings,
 * secrets, logging, updater) and in electron/core (plain Node).
 */
import { app, clipboard, dialog, ipcMain, Menu, nativeImage, net, Notification, protocol, safeStorage, shell, Tray } from 'electron';
import log from 'electron-log/main';
import Store from 'electron-store';
import electronUpdater from 'electron-updater';
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow } from 'electron';
import type { EventPayload } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { invoke } from '../core/invoke';
import { PersistentSettingsStore } from '../core/settings/persistent-store';
import { createStation, type Station } from '../core/station';
import { connectionPassword, startupWarehouse, WAREHOUSE_URL_ENV_VAR } from '../core/site/connection';
import { systemClock } from '../core/util/clock';
import { forwardEvents, registerHandlers } from './ipc';
import {
  applyStartAtLogin,
  decideWindowClose,
  focusExisting,
  shouldQuitWhenAllClosed,
  ShutdownCoordinator,
  startedHidden,
} from './lifecycle';
import { setUpLogging } from './logging';
import { DesktopNotifier } from './notifier';
import { isStoredScale, ScaleAccess, type StoredScale } from './scale-access';
import { SafeStorageSecretStore } from './secrets';
import { ElectronStoreSettingsBackend, SETTINGS_FILE_NAME } from './settings';
import { mainStrings, resolveLanguage } from './strings';
import { TrayController } from './tray';
import { TRAY_ICON_SIZE_PX, trayIconBitmap } from './tray-icon';
import { UpdateScheduler, updatePlan } from './updater';
import { APP_ORIGIN, createMainWindow } from './window';

// Every renderer sandboxed, whatever a future window's options say (security checklist 4).
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Same as electron-builder.yml's appId, which NSIS gives the Start-menu shortcut. */
const APP_USER_MODEL_ID = 'com.shippingstation.desktop';
const rendererDir = resolve(import.meta.dirname, '../renderer');
const preloadDir = resolve(import.meta.dirname, '../preload');

// A second launch hands over to the running station (its `second-instance` handler) and leaves.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      // A station that cannot start (its data folder not writable, a database from a newer version) says why and
      // leaves, rather than running with no window.
      dialog.showErrorBox('Shipping Station cannot start', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  // Windows shows toasts only for an app with an identity; the installer's shortcut carries the same id.
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  const userData = app.getPath('userData');
  let secrets: SafeStorageSecretStore | null = null;
  const logging = setUpLogging(log, () => [...(secrets?.allSecrets() ?? []), connectionPassword({ url: process.env[WAREHOUSE_URL_ENV_VAR] ?? '' }) ?? ''].filter(Boolean));
  const logger = logging.logger;
  const mainLog = logger('main');

  const secretFile = new Store<{ apiToken?: string; faApiKey?: string; faWebhookSecret?: string; warehousePassword?: string }>({
    name: 'secrets',
    cwd: userData,
  });
  /** One encrypted value under its own key of secrets.json. */
  const slot = (key: 'apiToken' | 'faApiKey' | 'faWebhookSecret' | 'warehousePassword') => ({
    get: () => secretFile.get(key) ?? null,
    set: (value: string | null) => (value === null ? secretFile.delete(key) : secretFile.set(key, value)),
  });
  secrets = await SafeStorageSecretStore.open({
    safeStorage,
    persisted: slot('apiToken'),
    persistedFlashAmericas: { apiKey: slot('faApiKey'), webhookSecret: slot('faWebhookSecret') },
    persistedWarehousePassword: slot('warehousePassword'),
    platform: process.platform,
    log: logger('secrets'),
    env: process.env,
  });
  const settings = new PersistentSettingsStore(
    new ElectronStoreSettingsBackend(
      join(userData, `${SETTINGS_FILE_NAME}.json`),
      () => new Store({ name: SETTINGS_FILE_NAME, cwd: userData }),
    ),
    logger('settings'),
  );

  protocol.handle('app', (request) => {
    const { pathname } = new URL(request.url);
    const file = resolve(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });

  // Warehouse mode (STATION_WAREHOUSE_URL, else the connection saved in Settings): the site's PostgreSQL instead of
  // the profile's SQLite file. The saved password is in `secrets` (encrypted), already known to the log redactor.
  const warehouse = startupWarehouse(process.env, settings.get().warehouse, () => secrets.getWarehousePassword());
  const station: Station = await createStation({
    warehouse: warehouse.connection,
    ...(warehouse.source ? { warehouseSource: warehouse.source } : {}),
    shell: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    dataDir: userData,
    settings,
    secrets,
    logger,
    clock: systemClock,
    desktop: {
      logsFolder: logging.logsFolder,
      openFolder: async (path) => (await shell.openPath(path)) === '',
      copyText: (text) => clipboard.writeText(text),
      runtime: () => ({ electron: process.versions.electron, chrome: process.versions.chrome }),
    },
  });

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const startUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
  const trusted = devUrl ? [APP_ORIGIN, new URL(devUrl).origin] : [APP_ORIGIN];
  registerHandlers(ipcMain, station.handlers, trusted, logger('ipc'));

  const strings = () => mainStrings(resolveLanguage(settings.get().language, app.getLocale()));
  // The shipping scale chosen in Settings: its own small file, so choosing it never races a settings save.
  const scaleFile = new Store<{ scale?: unknown }>({ name: 'scale', cwd: userData });
  const scaleAccess = new ScaleAccess(
    [startUrl, ...trusted],
    {
      get: () => (isStoredScale(scaleFile.get('scale')) ? (scaleFile.get('scale') as StoredScale) : null),
      set: (scale) => (scale ? scaleFile.set('scale', scale) : scaleFile.delete('scale')),
    },
    async (candidates) => {
      const language = resolveLanguage(settings.get().language, app.getLocale());
      const cancel = translate(language, 'scale.cancel');
      const options = {
        type: 'question' as const,
        message: translate(language, 'scale.chooseWhich'),
        buttons: [...candidates.map((c) => c.name), cancel],
        cancelId: candidates.length,
        noLink: true,
      };
      const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return candidates[response] ?? null;
    },
  );
  const shutdown = new ShutdownCoordinator({ stop: () => station.stop(), quit: () => app.quit(), clock: systemClock, log: mainLog });

  let win: BrowserWindow | null = null;
  let toldAboutTray = false;
  let tray: Tray | null = null;
  const openWindow = (): void => focusExisting(win, () => (win = buildWindow(true)));
  // A page still loading would drop the event: hold the latest request until it has loaded.
  let pageLoaded = false;
  let pendingNavigation: EventPayload<'app:navigate'> | null = null;
  const navigate = (payload: EventPayload<'app:navigate'>): void => {
    openWindow();
    if (pageLoaded) station.events.emit('app:navigate', payload);
    else pendingNavigation = payload;
  };
  const buildWindow = (show: boolean): BrowserWindow => {
    const w = createMainWindow(preloadDir, startUrl, show, scaleAccess);
    pageLoaded = false;
    w.webContents.once('did-finish-load', () => {
      pageLoaded = true;
      if (pendingNavigation) station.events.emit('app:navigate', pendingNavigation);
      pendingNavigation = null;
    });
    const stopForwarding = forwardEvents((l) => station.events.subscribe(l), w.webContents);
    w.on('close', (event) => {
      const decision = decideWindowClose({
        quitting: shutdown.quitting,
        closeToTray: settings.get().closeToTray,
        trayAvailable: tray !== null,
      });
      if (decision === 'hide-to-tray') {
        event.preventDefault();
        w.hide();
        // Once per run, so nobody thinks closing the window stopped tracking (or wonders why it still prints).
        if (!toldAboutTray && Notification.isSupported()) {
          toldAboutTray = true;
          new Notification({ title: app.getName(), body: strings().keepsRunning }).show();
        }
      }
    });
    w.on('closed', () => {
      stopForwarding();
      if (win === w) win = null;
    });
    return w;
  };

  try {
    tray = new Tray(nativeImage.createFromBitmap(trayIconBitmap('ok'), { width: TRAY_ICON_SIZE_PX, height: TRAY_ICON_SIZE_PX }));
    tray.on('click', openWindow);
  } catch (e) {
    // Some Linux desktops have no status area: the window then behaves like any other (closing it quits).
    mainLog.warn('no tray available', { error: e });
  }
  // The answer is the poller's new state (the contract checked it): the tray shows it at once.
  const trackingCall = (channel: 'tracking:pause' | 'tracking:resume' | 'tracking:status'): void =>
    void invoke(station.handlers, channel, undefined, mainLog).then((r) => {
      if (r.ok) trayController?.handle({ type: 'tracking:statusChanged', payload: r.value as EventPayload<'tracking:statusChanged'> });
    });
  const trayController = tray
    ? new TrayController(
        {
          setImage: (health) =>
            tray?.setImage(nativeImage.createFromBitmap(trayIconBitmap(health), { width: TRAY_ICON_SIZE_PX, height: TRAY_ICON_SIZE_PX })),
          setToolTip: (text) => tray?.setToolTip(text),
          setMenu: (template) => tray?.setContextMenu(Menu.buildFromTemplate(template)),
        },
        strings(),
        {
          open: openWindow,
          openShipment: (id) => navigate({ view: 'shipment', id }),
          pauseTracking: () => trackingCall('tracking:pause'),
          resumeTracking: () => trackingCall('tracking:resume'),
          quit: () => app.quit(),
        },
      )
    : null;

  const notifier = new DesktopNotifier({
    show: ({ title, body, onClick }) => {
      const n = new Notification({ title, body, silent: false, urgency: 'normal' });
      n.on('click', onClick);
      n.show();
    },
    supported: () => Notification.isSupported(),
    notifyTags: () => settings.get().notifyTags,
    strings,
    isQuiet: () => win !== null && win.isVisible() && win.isFocused(),
    openShipment: (id) => navigate({ view: 'shipment', id }),
    openShipments: () => navigate({ view: 'shipments' }),
    clock: systemClock,
    log: logger('notifier'),
  });

  const updates = new UpdateScheduler(electronUpdater.autoUpdater, systemClock, logger('updater'));
  const applySettings = (): void => {
    const s = settings.get();
    applyStartAtLogin(s.startAtLogin, process.platform, app, {
      dir: join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart'),
      exec: process.env.APPIMAGE ?? process.execPath,
    });
    updates.apply(updatePlan(s, app.isPackaged));
    trayController?.setStrings(strings());
  };
  applySettings();

  // The tray starts from the poller's real state, not from "all good".
  trackingCall('tracking:status');
  station.events.subscribe((event) => {
    trayController?.handle(event);
    if (event.type === 'tracking:notified') notifier.notify(event.payload);
    if (event.type === 'settings:changed') applySettings();
  });

  app.on('second-instance', openWindow);
  app.on('activate', openWindow);
  app.on('window-all-closed', () => {
    if (shouldQuitWhenAllClosed({ closeToTray: settings.get().closeToTray, trayAvailable: tray !== null })) app.quit();
  });
  app.on('before-quit', (event) => {
    notifier.flush();
    updates.stop();
    if (shutdown.beforeQuit()) event.preventDefault();
  });

  // Started at login: stay in the tray, unless there is no tray to come back from.
  win = buildWindow(!startedHidden(process.argv) || tray === null);
  const notices = [...settings.notices(), ...secrets.notices()];
  if (notices.length > 0 && Notification.isSupported()) {
    // The Settings screen lists them too; this makes sure someone looks.
    const n = new Notification({ title: strings().settingsRepaired, body: notices[0] ?? '' });
    n.on('click', () => navigate({ view: 'settings' }));
    n.show();
  }
  mainLog.info('station window created', { startUrl, hidden: startedHidden(process.argv) });
}
