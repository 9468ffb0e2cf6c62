import { describe, expect, it } from 'vitest';
import { CHANNELS, methodName } from '../../shared/contract';
import { connectStation, createHttpStation, takeBrowserToken } from '../../renderer/src/lib/station';

describe('the renderer picks its transport in one place', () => {
  it('uses the preload bridge when there is one', () => {
    const bridge = { marker: true };
    const win = { station: bridge } as unknown as Window;
    expect(connectStation(win)).toBe(bridge);
  });

  it('takes the token from the fragment, keeps it for the tab and clears it from the address bar', () => {
    window.history.replaceState(null, '', '/#token=abc123');
    expect(takeBrowserToken(window.location, window.sessionStorage, window.history)).toBe('abc123');
    expect(window.location.hash).toBe('');
    expect(takeBrowserToken(window.location, window.sessionStorage, window.history)).toBe('abc123');
  });

  it('speaks HTTP with the bearer token, one method per contract entry', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { items: [], total: 0, offset: 0 } }), { status: 200 });
    }) as unknown as typeof fetch;
    const api = createHttpStation('http://127.0.0.1:5000', 'tok', fakeFetch);
    for (const c of CHANNELS) expect(typeof (api as unknown as Record<string, unknown>)[methodName(c)]).toBe('function');
    const r = await api.shipmentsList({ search: 'YT1' });
    expect(r.ok).toBe(true);
    expect(seen[0]!.url).toBe('http://127.0.0.1:5000/api/call/shipments%3Alist');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual({ args: { search: 'YT1' } });
  });

  it('turns 401 and a dead station into errors a person can act on', async () => {
    const unauthorized = createHttpStation('http://x', 't', (async () => new Response('{}', { status: 401 })) as unknown as typeof fetch);
    expect(await unauthorized.appStatus()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const dead = createHttpStation('http://x', 't', (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch);
    expect(await dead.appStatus()).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });
});
