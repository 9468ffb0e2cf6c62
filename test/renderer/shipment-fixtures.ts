import type { ShipmentQuery, ShipmentPage, ShipmentSummary } from '../../shared/domain/shipment';
import { TAGS, type Tag } from '../../shared/domain/tags';
import type { ShipmentCounts, ShipmentDetail } from '../../shared/domain/shipment-detail';

/** A deterministic shipment; `i` picks its numbers, tag and times. */
export function shipment(i: number, over: Partial<ShipmentSummary> = {}): ShipmentSummary {
  const at = new Date(Date.UTC(2026, 10, 1, 0, 0, 0) + i * 60_000).toISOString();
  return {
    id: `lbl-${i}`,
    provider: 'flexforward',
    labelState: 'printed',
    trackingNumber: `YT${String(i).padStart(8, '0')}`,
    orderNumber: `ORD-${i}`,
    recipientName: `Recipient ${i}`,
    destination: 'Los Angeles, US',
    tag: TAGS[i % TAGS.length]!,
    subtagMessage: null,
    stale: false,
    createdAt: at,
    activityAt: at,
    ...over,
  };
}

/**
 * `shipments:list` over an in-memory table with the main process's semantics
 * (substring search on tracking/order/recipient, tag filter, sort, paging),
 * recording every query so tests can see what the screen asked for.
 */
export function memoryShipments(rows: ShipmentSummary[]) {
  const queries: ShipmentQuery[] = [];
  const list = async (q: ShipmentQuery = {}): Promise<{ ok: true; value: ShipmentPage }> => {
    queries.push(q);
    const needle = q.search?.trim().toLowerCase();
    let hits = rows.filter(
      (s) =>
        (!q.tag || s.tag === q.tag) &&
        (!needle || [s.trackingNumber, s.orderNumber, s.recipientName].some((v) => v?.toLowerCase().includes(needle))),
    );
    const sort = q.sort ?? 'activity_desc';
    const column = { tracking: 'trackingNumber', order: 'orderNumber', recipient: 'recipientName', destination: 'destination', status: 'tag' } as const;
    const [name, dir] = sort.split('_') as [string, 'asc' | 'desc'];
    const key = column[name as keyof typeof column];
    hits = [...hits].sort((a, b) =>
      key
        ? (dir === 'asc' ? 1 : -1) * ((a[key] ?? '').toLowerCase().localeCompare((b[key] ?? '').toLowerCase()) || a.id.localeCompare(b.id))
        : sort === 'activity_asc'
          ? a.activityAt.localeCompare(b.activityAt)
          : sort === 'created_desc'
            ? b.createdAt.localeCompare(a.createdAt)
            : b.activityAt.localeCompare(a.activityAt),
    );
    const offset = q.offset ?? 0;
    return { ok: true, value: { items: hits.slice(offset, offset + (q.limit ?? 100)), total: hits.length, offset } };
  };
  return { list, queries, counts: countsOf(rows) };
}

/** The detail view of a summary row, with no history yet. */
export function detailOf(s: ShipmentSummary, over: Partial<ShipmentDetail> = {}): ShipmentDetail {
  return {
    id: s.id,
    provider: s.provider,
    trackingNumber: s.trackingNumber,
    orderNumber: s.orderNumber,
    recipientName: s.recipientName,
    destination: s.destination,
    createdAt: s.createdAt,
    activityAt: s.activityAt,
    label: null,
    attempts: [],
    request: null,
    tracking: {
      tag: s.tag,
      subtag: null,
      subtagMessage: s.subtagMessage,
      lastCheckpointAt: null,
      lastPolledAt: null,
      nextPollAt: null,
      stoppedReason: null,
      failureCount: 0,
      lastError: null,
    },
    checkpoints: [],
    history: [],
    printJobs: [],
    document: null,
    ...over,
  };
}

/** `shipments:counts` over the same table. */
export function countsOf(rows: ShipmentSummary[]): () => Promise<{ ok: true; value: ShipmentCounts }> {
  return async () => ({
    ok: true,
    value: {
      total: rows.length,
      byTag: Object.fromEntries(TAGS.map((t) => [t, rows.filter((s) => s.tag === t).length])) as Record<Tag, number>,
    },
  });
}
