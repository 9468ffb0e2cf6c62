import { useCallback, useEffect, useRef, useState } from 'react';
import type { StationApi } from '../../../../shared/contract';
import type { ShipmentSort, ShipmentSummary } from '../../../../shared/domain/shipment';
import type { Tag } from '../../../../shared/domain/tags';
import type { StationError } from '../../../../shared/result';

/** Rows fetched per call: one screen is ~15 rows, so a page covers a fast fling without a request per frame. */
export const PAGE_SIZE_ROWS = 200;

/** A chip's filter: a tag (active shipments with it), or where a shipment stands (needs action, voided). */
export type ListFilter = Tag | 'needs_action' | 'voided';
export const STANDING_FILTERS = ['needs_action', 'voided'] as const;
const isStanding = (f: ListFilter): f is 'needs_action' | 'voided' => (STANDING_FILTERS as readonly string[]).includes(f);

export interface RowQuery {
  search: string;
  /** The chip chosen (named `tag` as it was before the standing chips). */
  tag: ListFilter | undefined;
  sort: ShipmentSort;
}

export interface ShipmentRows {
  /** Rows matching the query; null until the first page answered. */
  total: number | null;
  /** More rows match than `total` (the warehouse database counts a search only so far): the list shows "1,000+". */
  totalIsLowerBound: boolean;
  /** The row at `index`, or undefined while its page is on its way. */
  row(index: number): ShipmentSummary | undefined;
  /** Ask for the pages covering rows first..last (the virtualizer's visible range). */
  want(first: number, last: number): void;
  error: StationError | null;
}

/**
 * The list never holds 100,000 rows: it holds the pages the packer has
 * scrolled past, fetched on demand. A new query or a `shipments:changed` push
 * starts a new generation, so an old answer arriving late is dropped instead
 * of painting stale rows.
 */
export function useShipmentRows(station: StationApi, query: RowQuery): ShipmentRows {
  const pages = useRef(new Map<number, ShipmentSummary[]>());
  /** Pages from before the last change push, shown until their refetch lands. */
  const stale = useRef(new Map<number, ShipmentSummary[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef<[number, number]>([0, 0]);
  // The total belongs to the query that produced it: a new query reads as "not known yet" until its first page answers.
  const queryKey = `${query.search}\u0000${query.tag ?? ''}\u0000${query.sort}`;
  const [counted, setCounted] = useState<{ key: string; total: number; atLeast: boolean } | null>(null);
  const total = counted?.key === queryKey ? counted.total : null;
  const totalIsLowerBound = counted?.key === queryKey && counted.atLeast;
  const [error, setError] = useState<StationError | null>(null);
  const [, setVersion] = useState(0);

  const fetchPage = useCallback(
    (pageIndex: number) => {
      if (pages.current.has(pageIndex) || inFlight.current.has(pageIndex)) return;
      inFlight.current.add(pageIndex);
      const gen = generation.current;
      const key = `${query.search}\u0000${query.tag ?? ''}\u0000${query.sort}`;
      void station
        .shipmentsList({
          ...(query.search ? { search: query.search } : {}),
          ...(query.tag ? (isStanding(query.tag) ? { standing: query.tag } : { tag: query.tag }) : {}),
          sort: query.sort,
          offset: pageIndex * PAGE_SIZE_ROWS,
          limit: PAGE_SIZE_ROWS,
        })
        .then((r) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(pageIndex);
          if (!r.ok) {
            setError(r.error);
            return;
          }
          setError(null);
          pages.current.set(pageIndex, r.value.items);
          stale.current.delete(pageIndex);
          const total = r.value.total;
          const atLeast = r.value.totalIsLowerBound === true;
          setCounted((c) => (c?.key === key && c.total === total && c.atLeast === atLeast ? c : { key, total, atLeast }));
          setVersion((v) => v + 1);
        });
    },
    [station, query.search, query.tag, query.sort],
  );

  const want = useCallback(
    (first: number, last: number) => {
      lastRange.current = [first, last];
      const from = Math.floor(Math.max(0, first) / PAGE_SIZE_ROWS);
      // Past the middle of a page the next one is fetched ahead, so a steady scroll never meets "Loading…" rows.
      const ahead = Math.floor((Math.max(0, last) + PAGE_SIZE_ROWS / 2) / PAGE_SIZE_ROWS);
      for (let p = from; p <= ahead; p++) fetchPage(p);
    },
    [fetchPage],
  );

  // A new query starts from the top with nothing cached.
  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    stale.current = new Map();
    inFlight.current = new Set();
    lastRange.current = [0, 0];
    fetchPage(0);
  }, [fetchPage]);

  // Changed rows may move (the sort is by activity), so every page is fetched
  // again when next on screen; until then the old rows stay visible rather than blank.
  useEffect(
    () =>
      station.subscribe((e) => {
        if (e.type !== 'shipments:changed') return;
        generation.current++;
        for (const [k, v] of pages.current) stale.current.set(k, v);
        pages.current = new Map();
        inFlight.current = new Set();
        const [first, last] = lastRange.current;
        want(first, last);
      }),
    [station, want],
  );

  const row = (index: number) => {
    const page = Math.floor(index / PAGE_SIZE_ROWS);
    return (pages.current.get(page) ?? stale.current.get(page))?.[index % PAGE_SIZE_ROWS];
  };
  return { total, totalIsLowerBound, row, want, error };
}
