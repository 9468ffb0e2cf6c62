import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName, type EventName } from '../../shared/contract';
import { connectStation, createHttpStation, EVENT_STREAM_IDLE_MS, takeBrowserToken } from '../../renderer/src/lib/station';

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

describe('browser mode: one event stream per page', () => {
  afterEach(() => vi.useRealTimers());

  /** A fetch whose /api/events answers an open stream the test writes into. */
  function streamingFetch() {
    const streams: Array<{ write(text: string): void; signal: AbortSignal }> = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      if (!url.endsWith('/api/events')) return new Response(JSON.stringify({ ok: true, value: {} }), { status: 200 });
      const signal = init.signal!;
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
      streams.push({ write: (text) => controller.enqueue(new TextEncoder().encode(text)), signal });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }) as unknown as typeof fetch;
    return { streams, fetchImpl };
  }

  it('every screen that subscribes shares one stream; it closes once the last one has left', async () => {
    const { streams, fetchImpl } = streamingFetch();
    const api = createHttpStation('http://127.0.0.1:5000', 'tok', fetchImpl);
    const seen: EventName[][] = [[], [], [], [], []];
    const stops = seen.map((list) => api.subscribe((e) => list.push(e.type)));
    await waitFor(() => expect(streams).toHaveLength(1));

    streams[0]!.write('event: station\ndata: {"type":"settings:changed","payload":{"fields":["scanner"]}}\n\n');
    await waitFor(() => expect(seen.every((list) => list.length === 1)).toBe(true));
    expect(seen[4]).toEqual(['settings:changed']);

    // A screen that leaves and comes back (React effects do) keeps the stream.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    stops[0]!();
    stops[0] = api.subscribe((e) => seen[0]!.push(e.type));
    for (const stop of stops) stop();
    vi.advanceTimersByTime(EVENT_STREAM_IDLE_MS - 1);
    expect(streams[0]!.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(streams[0]!.signal.aborted).toBe(true);

    // The next subscriber opens a new one.
    vi.useRealTimers();
    const stop = api.subscribe(() => undefined);
    await waitFor(() => expect(streams).toHaveLength(2));
    stop();
  });

  it('one listener that throws does not keep the event from the others', async () => {
    const { streams, fetchImpl } = streamingFetch();
    const api = createHttpStation('http://127.0.0.1:5000', 'tok', fetchImpl);
    const seen: string[] = [];
    const stopA = api.subscribe(() => {
      throw new Error('broken screen');
    });
    const stopB = api.subscribe((e) => seen.push(e.type));
    await waitFor(() => expect(streams).toHaveLength(1));
    streams[0]!.write('data: {"type":"app:statusChanged","payload":{}}\n\n');
    await waitFor(() => expect(seen).toEqual(['app:statusChanged']));
    stopA();
    stopB();
  });
});
