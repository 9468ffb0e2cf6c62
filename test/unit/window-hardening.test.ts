import { describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({ BrowserWindow: class {}, shell: { openExternal } }));

const { hardenContents, isAllowedExternal } = await import('../../electron/main/window');

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  let permission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
  let check: (() => boolean) | undefined;
  const contents = {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    on: (name: string, l: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, l),
    session: {
      setPermissionRequestHandler: (h: typeof permission) => (permission = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    },
  };
  return { contents, listeners, open: (url: string) => openHandler!({ url }), permission: () => permission!, check: () => check! };
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
});
