import { useEffect, useState } from 'react';
import type { StationApi } from '../../../../shared/contract';
import { TAGS, type Tag } from '../../../../shared/domain/tags';

/** Active shipments per tag, and those needing action or voided (not counted under their tag). */
export type TagCounts = Record<Tag, number> & { needs_action: number; voided: number };

/** Shipments per tag, reloaded whenever the station says shipments changed. */
export function useTagCounts(station: StationApi): TagCounts | null {
  const [counts, setCounts] = useState<TagCounts | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void station.shipmentsCounts().then((r) => {
        if (!live || !r.ok) return;
        // A tag the station has no rows for may be missing from the record.
        setCounts({
          ...(Object.fromEntries(TAGS.map((tag) => [tag, r.value.byTag[tag] ?? 0])) as Record<Tag, number>),
          needs_action: r.value.needsAction ?? 0,
          voided: r.value.voided ?? 0,
        });
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
