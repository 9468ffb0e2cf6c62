/**
 * What a scan at the bench means, in one place (issue 12), tried in this order:
 * 1. a command barcode (`%SHIP`, `%NEXT`, `%CANCEL`, `%REPRINT`): the reserved
 *    prefix can never be an order number, so it is resolved first; any other
 *    `%…` is reserved and looked up nowhere;
 * 2. a box's shelf barcode (the packer scans the box they used);
 * 3. an imported order, by its number, trying each reading of the scan
 *    (shared/scan/candidates.ts) and Shopify's `#` in front of a bare number;
 * 4. a shipment, as the scan box did before orders existed (tracking number,
 *    order number or label id, exact match only);
 * 5. nothing: "create a label for order X" is offered only when the scan is
 *    a valid order number.
 * A matched order says what the pack screen does next: open it, ship it
 * (ship on scan, or a second scan of the order already open), or say it is
 * already labelled / must not ship.
 */
import type { z } from 'zod';
import type { ScanCandidateSchema, ScanResolution } from '../../../shared/domain/order-desk';
import { isCommandBarcode, isOrderNumber } from '../../../shared/domain/order-number';
import { cleanScan, scanCandidates } from '../../../shared/scan/candidates';
import { parseCommandBarcode } from '../../../shared/scan/commands';
import type { ShipmentSummary } from '../../../shared/domain/shipment';
import type { Tag } from '../../../shared/domain/tags';
import { findBoxByBarcode } from '../db/queries/boxes';
import { findOrdersByNumber, type OrderRow } from '../db/queries/orders';
import type { ReadableDb } from '../db/types';
import type { OrderBook } from './order-book';
import type { PackSetup } from './pack-setup';

type ScanCandidate = z.infer<typeof ScanCandidateSchema>;

/** Enough rows to find the exact hit among partial matches (a search also matches recipient names). */
const SHIPMENT_SEARCH_LIMIT = 50;

export interface ScanResolverDeps {
  db: ReadableDb;
  book: Pick<OrderBook, 'summary'>;
  setup: Pick<PackSetup, 'defaults'>;
  /** The shipments list search (exact matches are picked here). */
  searchShipments: (search: string, limit: number) => Promise<ShipmentSummary[]>;
  /** A shipment by its station id (a scanned label id), with its tag. */
  shipmentById: (id: string) => Promise<{ id: string; tag: Tag } | null>;
}

export class ScanResolver {
  readonly #d: ScanResolverDeps;

  constructor(deps: ScanResolverDeps) {
    this.#d = deps;
  }

  async resolve(args: { code: string; openOrderId?: string | undefined }): Promise<ScanResolution> {
    const code = cleanScan(args.code);
    if (isCommandBarcode(code)) {
      const command = parseCommandBarcode(code);
      return command ? { kind: 'command', command, code } : { kind: 'reserved', code };
    }
    const box = await findBoxByBarcode(this.#d.db, code);
    if (box) return { kind: 'box', box };

    const candidates = scanCandidates(code);
    for (const candidate of candidates) {
      let rows = await findOrdersByNumber(this.#d.db, candidate.value);
      let found: ScanCandidate = candidate;
      if (rows.length === 0 && candidate.kind === 'raw' && !candidate.value.startsWith('#')) {
        // Shopify names orders `#1001`; a slip or a packer may give the number alone.
        rows = await findOrdersByNumber(this.#d.db, `#${candidate.value}`);
        found = { value: `#${candidate.value}`, kind: 'shopify-name' };
      }
      if (rows.length === 1)
        return {
          kind: 'order',
          order: this.#d.book.summary(rows[0]!),
          candidate: found,
          next: await this.#next(rows[0]!, args.openOrderId),
        };
      if (rows.length > 1) return { kind: 'orders', orders: rows.map((r) => this.#d.book.summary(r)), candidate: found };
    }

    for (const candidate of candidates) {
      const wanted = candidate.value.toUpperCase();
      const items = await this.#d.searchShipments(candidate.value, SHIPMENT_SEARCH_LIMIT);
      const hit = items.find(
        (s) => s.trackingNumber?.toUpperCase() === wanted || s.orderNumber?.toUpperCase() === wanted || s.id.toUpperCase() === wanted,
      );
      if (hit) return { kind: 'shipment', shipment: { id: hit.id, tag: hit.tag }, candidate };
    }
    const scanned = candidates[0];
    if (scanned) {
      const byId = await this.#d.shipmentById(scanned.value);
      if (byId) return { kind: 'shipment', shipment: byId, candidate: scanned };
    }
    const asTyped = scanned?.value ?? code;
    return { kind: 'unknown', code: asTyped, orderNumber: isOrderNumber(asTyped) ? asTyped : null };
  }

  async #next(row: OrderRow, openOrderId: string | undefined): Promise<'open' | 'ship' | 'already-labelled' | 'do-not-ship'> {
    switch (row.status) {
      case 'cancelled-after-labelling':
        return 'do-not-ship';
      case 'labelled':
      case 'printed':
        return 'already-labelled';
      case 'closed':
        return 'open';
      default:
        if (openOrderId === row.id) return 'ship';
        return row.status === 'ready' && (await this.#d.setup.defaults()).shipOnScan ? 'ship' : 'open';
    }
  }
}
