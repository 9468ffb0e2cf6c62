/**
 * The station's window, hardened: sandboxed renderer, context isolation, no
 * Node, CSP from the page, no navigation, no new windows, no permissions.
 */
import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';

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

export function hardenContents(contents: WebContents, startUrl: string): void {
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
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** `showWhenReady: false` when started at login: the station starts in the tray. */
export function createMainWindow(preloadDir: string, startUrl: string, showWhenReady = true): BrowserWindow {
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
  hardenContents(win.webContents, startUrl);
  if (showWhenReady) win.once('ready-to-show', () => win.show());
  void win.loadURL(startUrl);
  return win;
}
