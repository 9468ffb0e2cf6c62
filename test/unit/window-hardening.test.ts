import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({ BrowserWindow: class {}, shell: { openExternal } }));

const { hardenContents, isAllowedExternal, isLocalRequest } = await import('../../electron/main/window');

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  let permission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
  let check: (() => boolean) | undefined;
  let request: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
  const contents = {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    on: (name: string, l: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, l),
    session: {
      webRequest: { onBeforeRequest: (l: typeof request) => (request = l) },
      setPermissionRequestHandler: (h: typeof permission) => (permission = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    },
  };
  const requestAllowed = (url: string): boolean => {
    let cancelled = true;
    request!({ url }, (r) => (cancelled = r.cancel));
    return !cancelled;
  };
  return {
    contents,
    listeners,
    open: (url: string) => openHandler!({ url }),
    permission: () => permission!,
    check: () => check!,
    requestAllowed,
  };
}

describe('the window cannot be turned into a browser', () => {
  it('denies every new window, opening only allow-listed https links outside', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    expect(f.open('https://flexforward.com/docs')).toEqual({ action: 'deny' });
    expect(f.open('http://flexforward.com/docs')).toEqual({ action: 'deny' });
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://flexforward.com/docs');
  });

  it('stops navigation away from the app and every redirect', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    const prevent = vi.fn();
    f.listeners.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example/');
    f.listeners.get('will-redirect')!({ preventDefault: prevent }, 'https://evil.example/');
    f.listeners.get('will-attach-webview')!({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalledTimes(3);
    expect(openExternal).not.toHaveBeenCalledWith('https://evil.example/');
    const docs = vi.fn();
    f.listeners.get('will-navigate')!({ preventDefault: docs }, 'https://openapidocs.flexforwardship.com/');
    expect(docs).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://openapidocs.flexforwardship.com/');
    const stay = vi.fn();
    f.listeners.get('will-navigate')!({ preventDefault: stay }, 'app://station/index.html');
    expect(stay).not.toHaveBeenCalled();
  });

  it('grants no permission (camera, notifications from the page, …)', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    const answers: boolean[] = [];
    f.permission()(null, 'media', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect(f.check()()).toBe(false);
  });

  it('allows only https links to known hosts', () => {
    expect(isAllowedExternal('https://www.flexforward.com/')).toBe(true);
    expect(isAllowedExternal('https://flexforward.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });

  it('loads no remote content: network requests are cancelled before they leave', () => {
    const f = fakeContents();
    hardenContents(f.contents as never, 'app://station/index.html');
    expect(f.requestAllowed('app://station/assets/index.js')).toBe(true);
    expect(f.requestAllowed('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(f.requestAllowed('blob:app://station/6f1c')).toBe(true);
    expect(f.requestAllowed('https://cdn.example.com/lib.js')).toBe(false);
    expect(f.requestAllowed('http://127.0.0.1:5173/')).toBe(false);
    expect(f.requestAllowed('wss://evil.example/socket')).toBe(false);
  });

  it('allows the dev server, and only it, while developing', () => {
    expect(isLocalRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173/')).toBe(true);
    expect(isLocalRequest('ws://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isLocalRequest('http://localhost:8080/', 'http://localhost:5173/')).toBe(false);
    expect(isLocalRequest('not a url', 'app://station/index.html')).toBe(false);
  });
});
