/**
 * The renderer's one way to reach the main process. In Electron the preload
 * put `window.station` on the page; in a browser (browser mode) we speak the
 * same contract over HTTP with the token from the URL fragment.
 */
import { CHANNELS, methodName, StationEventSchema, type StationApi, type StationEvent } from '../../../shared/contract';
import { err, type Result } from '../../../shared/result';

declare global {
  interface Window {
    station?: StationApi;
  }
}

const TOKEN_KEY = 'station.browserToken';

/** Reads `#token=…` once, keeps it for this tab, and removes it from the address bar. */
export function takeBrowserToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return storage.getItem(TOKEN_KEY);
}

export function createHttpStation(origin: string, token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): StationApi {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = async (channel: string, args: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetchImpl(`${origin}/api/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ args }),
      });
      if (res.status === 401) return err('UNAUTHORIZED', 'This page is not connected to the station: open the link the station printed.');
      if (!res.ok) return err('INTERNAL', `The station answered HTTP ${res.status}.`);
      return (await res.json()) as Result<unknown>;
    } catch {
      return err('NETWORK', 'The station is not reachable. Is it still running?');
    }
  };
  const methods: Record<string, unknown> = {};
  for (const channel of CHANNELS) methods[methodName(channel)] = (args?: unknown) => call(channel, args);
  const events = createEventHub((deliver) => streamEvents(origin, token, deliver, fetchImpl));
  methods.subscribe = (listener: (event: StationEvent) => void) => events.subscribe(listener);
  return methods as StationApi;
}

const SSE_RETRY_MS = 2_000;
/**
 * The stream stays open this long after its last listener leaves, so a
 * screen that unsubscribes and subscribes again (React effects do) keeps it.
 */
export const EVENT_STREAM_IDLE_MS = 5_000;

/** Starts a stream that calls `deliver` per event; returns how to stop it. */
export type EventStreamOpener = (deliver: (event: StationEvent) => void) => () => void;

/**
 * One event stream per page, shared by every subscriber. Browsers allow 6
 * connections per host and each open stream holds one for as long as it is
 * open: one stream per `subscribe()` (4–5 per screen) left a second tab no
 * connection for its calls, and both tabs hung.
 */
export function createEventHub(open: EventStreamOpener, idleMs = EVENT_STREAM_IDLE_MS) {
  const listeners = new Set<(event: StationEvent) => void>();
  let stop: (() => void) | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  const deliver = (event: StationEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One screen's mistake must not keep the event from the others.
      }
    }
  };
  return {
    subscribe(listener: (event: StationEvent) => void): () => void {
      listeners.add(listener);
      if (idle) clearTimeout(idle);
      idle = null;
      stop ??= open(deliver);
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        idle = setTimeout(() => {
          idle = null;
          stop?.();
          stop = null;
        }, idleMs);
      };
    },
  };
}

function streamEvents(origin: string, token: string, listener: (event: StationEvent) => void, fetchImpl: typeof fetch): () => void {
  const abort = new AbortController();
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const res = await fetchImpl(`${origin}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
        if (!res.body) throw new Error('no stream');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (!data) continue;
            const parsed = StationEventSchema.safeParse(JSON.parse(data));
            if (parsed.success) listener(parsed.data as StationEvent);
          }
        }
      } catch {
        // Reconnect below unless we were asked to stop.
      }
      if (!abort.signal.aborted) await new Promise((r) => setTimeout(r, SSE_RETRY_MS));
    }
  };
  void run();
  return () => abort.abort();
}

/** Picks the transport once, for the whole renderer. */
export function connectStation(win: Window = window): StationApi | null {
  if (win.station) return win.station;
  const token = takeBrowserToken(win.location, win.sessionStorage, win.history);
  return token ? createHttpStation(win.location.origin, token) : null;
}
