import { useEffect, useState } from 'react';
import type { StationApi } from '../../../../shared/contract';
import { TAGS, type Tag } from '../../../../shared/domain/tags';

export type TagCounts = Record<Tag, number>;

/** Shipments per tag, reloaded whenever the station says shipments changed. */
export function useTagCounts(station: StationApi): TagCounts | null {
  const [counts, setCounts] = useState<TagCounts | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void station.shipmentsCounts().then((r) => {
        if (!live || !r.ok) return;
        // A tag the station has no rows for may be missing from the record.
        setCounts(Object.fromEntries(TAGS.map((tag) => [tag, r.value.byTag[tag] ?? 0])) as TagCounts);
      });
    load();
    const stop = station.subscribe((e) => {
      if (e.type === 'shipments:changed') load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [station]);
  return counts;
}
