/**
 * Orders as the station answers for them (`orders:list`, `orders:get`), for
 * the order screens' tests: an in-memory order book with the main process's
 * list semantics (status filter, search on number / name / SKU, counts per
 * status, paging) that records what the screen asked for.
 */
import { ORDER_STATUSES, type OrderCounts, type OrderDetail, type OrderSummary, type ShipGap } from '../../shared/domain/order-desk';
import type { Order } from '../../shared/domain/orders';
import type { SavedBox } from '../../shared/domain/packing';
import { ok } from '../../shared/result';
import type { Args } from '../../shared/contract';

export const SMALL_BOX: SavedBox = {
  id: 'box-s',
  name: 'Small',
  innerCm: { length: 30, width: 20, height: 10 },
  tareKg: 0.2,
  barcode: 'BOX-S',
};
export const LARGE_BOX: SavedBox = {
  id: 'box-l',
  name: 'Large',
  innerCm: { length: 60, width: 40, height: 40 },
  tareKg: 0.6,
  barcode: 'BOX-L',
};

export function order(n: number, over: Partial<Order> = {}): Order {
  return {
    source: 'shopify',
    externalId: String(5_000_000 + n),
    orderNumber: `#${1000 + n}`,
    email: `buyer${n}@example.com`,
    shipTo: {
      contact: { firstName: 'Jane', lastName: `Buyer${n}`, phone: '+1-555-0100', email: '' },
      company: '',
      address: { streetLines: ['1 Main St'], city: 'Los Angeles', state: 'CA', postalCode: '90001', countryCode: 'US' },
    },
    currency: 'USD',
    lines: [
      {
        sku: 'PEN-01',
        name: 'Ink pen',
        quantity: 2,
        unitPrice: { amount: 3.5, currency: 'USD' },
        requiresShipping: true,
        fulfillmentStatus: 'unfulfilled',
        unitWeightKg: null,
      },
      {
        sku: 'GIFT',
        name: 'Gift card',
        quantity: 1,
        unitPrice: { amount: 25, currency: 'USD' },
        requiresShipping: false,
        fulfillmentStatus: 'unfulfilled',
        unitWeightKg: null,
      },
    ],
    notes: '',
    cancelledAt: null,
    fulfillmentStatus: 'unfulfilled',
    ...over,
  };
}

export interface StoredOrder {
  detail: OrderDetail;
}

/** One stored order in the detail shape; `missing` makes it not ready. */
export function orderDetail(n: number, over: Partial<OrderDetail> = {}, o: Order = order(n)): OrderDetail {
  const missing: ShipGap[] = over.missing ?? [];
  const labelled = over.shipmentId != null;
  const status =
    over.status ??
    (labelled
      ? 'printed'
      : missing.some((m) => m.fix === 'order' || m.fix === 'catalogue')
        ? 'needs-attention'
        : missing.length > 0
          ? 'new'
          : 'ready');
  return {
    id: `ord-${n}`,
    source: o.source,
    externalId: o.externalId,
    orderNumber: o.orderNumber,
    status,
    recipientName: `${o.shipTo.contact.firstName} ${o.shipTo.contact.lastName}`.trim(),
    destination: [o.shipTo.address.city, o.shipTo.address.countryCode].filter(Boolean).join(', '),
    lineCount: o.lines.length,
    units: o.lines.reduce((s, l) => s + l.quantity, 0),
    shipmentId: null,
    trackingNumber: null,
    hasEdits: false,
    hasConflicts: false,
    importedAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    order: o,
    imported: o,
    editedFields: [],
    conflicts: [],
    attention: [],
    plan: {
      items: [
        {
          sku: 'PEN-01',
          descriptionEn: 'Ink pen',
          quantity: 2,
          unitPrice: { amount: 3.5, currency: 'USD' },
          unitWeightKg: 0.2,
          hsCode: '9608.10',
          originCountry: 'CN',
        },
      ],
      weightKg: 0.6,
      weightFrom: 'catalogue',
      box: SMALL_BOX,
      boxFrom: 'default',
      courier: 'yunexpress',
      productCode: 'YEXP01',
      shipFrom: { id: 'sf-1', name: 'Hong Kong warehouse' },
    },
    missing,
    boxId: null,
    weightKg: null,
    labelState: labelled ? 'printed' : null,
    cancelledAt: null,
    closedReason: null,
    ...over,
    ...(over.status === undefined ? { status } : {}),
  };
}

export function summaryOf(d: OrderDetail): OrderSummary {
  return {
    id: d.id,
    source: d.source,
    externalId: d.externalId,
    orderNumber: d.orderNumber,
    status: d.status,
    recipientName: d.recipientName,
    destination: d.destination,
    lineCount: d.lineCount,
    units: d.units,
    shipmentId: d.shipmentId,
    trackingNumber: d.trackingNumber,
    hasEdits: d.hasEdits,
    hasConflicts: d.hasConflicts,
    importedAt: d.importedAt,
    updatedAt: d.updatedAt,
    ...(d.status === 'needs-attention' ? { missing: d.missing.filter((m) => m.fix === 'order' || m.fix === 'catalogue') } : {}),
  };
}

/** `orders:list` and `orders:get` over these orders, recording every list query. */
export function memoryOrders(details: OrderDetail[]) {
  const queries: Args<'orders:list'>[] = [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const list = async (q: Args<'orders:list'> = {}) => {
    queries.push(q);
    const all = [...byId.values()];
    const needle = q.search?.trim().toLowerCase();
    const matches = all.filter(
      (d) => !needle || [d.orderNumber, d.recipientName, ...d.order.lines.map((l) => l.sku)].some((v) => v.toLowerCase().includes(needle)),
    );
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, matches.filter((d) => d.status === s).length])) as OrderCounts;
    const hits = matches.filter((d) => !q.status || d.status === q.status);
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 100;
    return ok({ items: hits.slice(offset, offset + limit).map(summaryOf), total: hits.length, offset, counts });
  };
  const get = async ({ id }: { id: string }) => {
    const d = byId.get(id);
    return d
      ? ok(d)
      : ({ ok: false, error: { code: 'NOT_FOUND', message: 'This order is not in the station. Import its file first.' } } as const);
  };
  return { list, get, queries, byId, put: (d: OrderDetail) => byId.set(d.id, d) };
}
