import { useEffect, useState } from 'react';
import type { StationApi } from '../../../../shared/contract';

export interface CatalogEntry {
  code: string;
  name: string | null;
}

export type Catalog = { state: 'loading' } | { state: 'ready'; entries: CatalogEntry[] } | { state: 'failed'; message: string };

/**
 * GET /couriers, or GET /products for one courier, through the station.
 * When the list cannot be had (no token yet, API down) the form lets the
 * packer type the code instead of blocking the label.
 */
export function useCatalog(station: StationApi, kind: 'couriers' | 'products', courier = ''): Catalog {
  const key = `${kind}:${courier}`;
  const [result, setResult] = useState<{ key: string; catalog: Catalog } | null>(null);
  const skip = kind === 'products' && courier === '';
  useEffect(() => {
    if (skip) return;
    let live = true;
    const call = kind === 'couriers' ? station.catalogCouriers() : station.catalogProducts({ courier });
    void call.then((r) => {
      if (!live) return;
      setResult({
        key,
        catalog: r.ok
          ? { state: 'ready', entries: r.value.map((e) => ({ code: e.code, name: e.name || null })) }
          : { state: 'failed', message: r.error.message },
      });
    });
    return () => {
      live = false;
    };
  }, [station, kind, courier, key, skip]);
  if (skip) return { state: 'ready', entries: [] };
  return result?.key === key ? result.catalog : { state: 'loading' };
}
