/**
 * The station's window, hardened: sandboxed renderer, context isolation, no
 * Node, CSP from the page, no navigation, no new windows, no permissions but
 * one: WebHID for the shipping scale chosen in Settings (./scale-access.ts).
 */
import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import type { HidDeviceInfo, ScaleAccess } from './scale-access';

export const APP_ORIGIN = 'app://station';
/** Links that may open in the system browser: https to these hosts only. */
export const EXTERNAL_HOSTS = [
  'flexforward.com',
  'www.flexforward.com',
  'flexforwardship.com',
  'openapidocs.flexforwardship.com',
  'flashamericas.com',
];

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_HOSTS.includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * No remote content: the page may load our own app:// files (and the dev
 * server while developing), inline data and blobs (label previews), and
 * file: URLs, which the main process's app:// handler reads through
 * net.fetch. Everything on the network is cancelled before it leaves, on top
 * of the page's CSP.
 */
export function isLocalRequest(url: string, startUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (['app:', 'data:', 'blob:', 'file:', 'devtools:'].includes(u.protocol)) return true;
  const start = new URL(startUrl);
  if (start.protocol === 'http:' && (u.protocol === 'http:' || u.protocol === 'ws:')) return u.host === start.host;
  return false;
}

/** `scales` absent: no device at all (WebHID denied like every other permission). */
export function hardenContents(contents: WebContents, startUrl: string, scales?: ScaleAccess): void {
  contents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isLocalRequest(details.url, startUrl) }));
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url === startUrl) return;
    event.preventDefault();
    // A plain link to our documentation opens in the browser, as a target=_blank one does.
    if (isAllowedExternal(url)) void shell.openExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // WebHID never goes through the request handler (it has its own chooser event): nothing is granted here.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    scales ? scales.checkPermission(permission, requestingOrigin, details?.securityOrigin) : false,
  );
  contents.session.setDevicePermissionHandler((details) => (scales ? scales.devicePermission(details) : false));
  contents.session.on('select-hid-device', (event, details, callback) => {
    // Without preventDefault Electron cancels the request itself; with it, we answer (a null id cancels).
    event.preventDefault();
    const origin = details.frame?.origin ?? contents.getURL();
    if (!scales) return callback();
    scales.select(origin, details.deviceList as HidDeviceInfo[]).then(
      (id) => callback(id ?? undefined),
      () => callback(),
    );
  });
  contents.session.on('hid-device-revoked', (_event, details) => scales?.revoked(details.device as HidDeviceInfo));
}

/** `showWhenReady: false` when started at login: the station starts in the tray. */
export function createMainWindow(preloadDir: string, startUrl: string, showWhenReady = true, scales?: ScaleAccess): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Shipping Station',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would try to open a new window (denied anyway); switch the feature off at the source.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenContents(win.webContents, startUrl, scales);
  if (showWhenReady) win.once('ready-to-show', () => win.show());
  void win.loadURL(startUrl);
  return win;
}
