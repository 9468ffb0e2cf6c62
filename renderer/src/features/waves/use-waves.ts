/**
 * The waves the station holds and the one on screen, kept current from the
 * station itself: `waves:list` and `waves:get` when the screen opens (so a
 * wave started before leaving the screen, or before a restart, is shown as it
 * is now), then every `waves:progress` event. The failures come with
 * `waves:get`, asked again shortly after progress (at most every REFRESH_MS).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WaveSummary, WaveView } from '../../../../shared/domain/waves';
import { useStation } from '../../lib/station-context';

/** At most one `waves:get` per this many ms while progress events stream in. */
export const WAVE_REFRESH_MS = 400;

export interface WavesState {
  /** Newest first. */
  waves: WaveSummary[] | null;
  /** The wave on screen, with its failures. */
  current: WaveView | null;
  /** Why the list or the wave could not be read. */
  error: string | null;
  select(id: string): void;
  /** Shows a wave the packer just acted on (its answer is the wave as it is now). */
  show(view: WaveView): void;
}

/** The wave to show when the screen opens: one that runs or waits for the packer, else the newest. */
export function waveToShow(waves: readonly WaveSummary[]): WaveSummary | null {
  return waves.find((w) => w.state === 'running') ?? waves.find((w) => w.state === 'paused') ?? waves[0] ?? null;
}

export function useWaves(): WavesState {
  const station = useStation();
  const [waves, setWaves] = useState<WaveSummary[] | null>(null);
  const [current, setCurrent] = useState<WaveView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const currentId = useRef<string | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useRef(true);

  const fetchView = useCallback(
    async (id: string) => {
      const r = await station.wavesGet({ id });
      if (!live.current || currentId.current !== id) return;
      if (r.ok) {
        setCurrent(r.value);
        setError(null);
      } else setError(r.error.message);
    },
    [station],
  );

  const select = useCallback(
    (id: string) => {
      currentId.current = id;
      void fetchView(id);
    },
    [fetchView],
  );

  const show = useCallback((view: WaveView) => {
    currentId.current = view.id;
    setCurrent(view);
    setWaves((list) => upsert(list ?? [], view));
  }, []);

  useEffect(() => {
    live.current = true;
    void station.wavesList().then((r) => {
      if (!live.current) return;
      if (!r.ok) return setError(r.error.message);
      setWaves((list) => mergeLists(r.value, list));
      const pick = currentId.current === null ? waveToShow(r.value) : null;
      if (pick) select(pick.id);
    });
    const stop = station.subscribe((e) => {
      if (e.type !== 'waves:progress') return;
      const summary = e.payload;
      setWaves((list) => upsert(list ?? [], summary));
      if (currentId.current === null && (summary.state === 'running' || summary.state === 'paused')) currentId.current = summary.id;
      if (summary.id !== currentId.current) return;
      // Counts and state at once; the failure list and the item in flight with the next read.
      setCurrent((view) => (view && view.id === summary.id ? { ...view, ...summary } : view));
      if (refreshTimer.current === null) {
        refreshTimer.current = setTimeout(() => {
          refreshTimer.current = null;
          if (currentId.current) void fetchView(currentId.current);
        }, WAVE_REFRESH_MS);
      }
    });
    return () => {
      live.current = false;
      stop();
      if (refreshTimer.current !== null) clearTimeout(refreshTimer.current);
      refreshTimer.current = null;
    };
  }, [station, select, fetchView]);

  return { waves, current, error, select, show };
}

function upsert(list: WaveSummary[], wave: WaveSummary): WaveSummary[] {
  const summary = toSummary(wave);
  const at = list.findIndex((w) => w.id === wave.id);
  if (at < 0) return [summary, ...list];
  const next = [...list];
  next[at] = summary;
  return next;
}

/** The list as read, keeping waves an event brought in meanwhile. */
function mergeLists(read: WaveSummary[], seen: WaveSummary[] | null): WaveSummary[] {
  const extra = (seen ?? []).filter((w) => !read.some((r) => r.id === w.id));
  return [...extra, ...read];
}

function toSummary(w: WaveSummary): WaveSummary {
  const { id, state, pause, sequence, filter, counts, secondsLeft, labelsPerMinute, createdAt, updatedAt, finishedAt } = w;
  return { id, state, pause, sequence, filter, counts, secondsLeft, labelsPerMinute, createdAt, updatedAt, finishedAt };
}
