/**
 * Where waves are kept, and what they look like to the packer: which ready
 * orders a filter finds (with the courier each would ship with), a new wave
 * saved with its orders in sequence, and a wave's progress read back from
 * storage alone (so it survives leaving the screen, and a restart).
 */
import { randomUUID } from 'node:crypto';
import { shippableLines } from '../../../shared/domain/orders';
import type { Language } from '../../../shared/domain/settings';
import {
  WAVE_MAX_ORDERS,
  WAVE_PREVIEW_ROWS,
  WaveFilterSchema,
  type WaveFilter,
  type WaveItem,
  type WavePreview,
  type WaveSequence,
  type WaveSummary,
  type WaveView,
} from '../../../shared/domain/waves';
import { translate } from '../../../shared/i18n';
import { StationFailure, type ErrorCode } from '../../../shared/result';
import { getOrder, listReadyOrders, type OrderRow } from '../db/queries/orders';
import {
  getWave,
  insertWave,
  listOrdersInOpenWaves,
  listWaves,
  readWaveProgress,
  type WaveItemRow,
  type WaveRow,
} from '../db/queries/waves';
import { inTransaction, type WritableDb } from '../db/types';
import type { OrderBook } from '../orders/order-book';
import type { Clock } from '../util/clock';
import { selectWaveOrders, type WaveCandidate } from './selection';

/** The pace for time left is taken from this many of the last labels. */
export const PACE_WINDOW_ITEMS = 20;
/** Failures a wave lists (every failure of the largest wave). */
const FAILURES_LISTED = WAVE_MAX_ORDERS;
/** Ready orders read to choose from: more than a wave takes, so a filter can still find its orders among them. */
const CANDIDATES_READ = 20_000;

export interface WaveStoreDeps {
  db: WritableDb;
  book: Pick<OrderBook, 'plans' | 'order'>;
  clock: Clock;
  language: () => Language;
  station: string;
  newId?: () => string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class WaveStore {
  readonly #d: WaveStoreDeps & { newId: () => string };

  constructor(deps: WaveStoreDeps) {
    this.#d = { newId: randomUUID, ...deps };
  }

  get db(): WritableDb {
    return this.#d.db;
  }

  #say(key: string, params: Record<string, string | number> = {}): string {
    return translate(this.#d.language(), `waves.messages.${key}`, params);
  }

  notFound(): StationFailure {
    return new StationFailure('NOT_FOUND', this.#say('notFound'));
  }

  failure(code: ErrorCode, key: string, params: Record<string, string | number> = {}): StationFailure {
    return new StationFailure(code, this.#say(key, params));
  }

  // -- Choosing orders ---------------------------------------------------------

  /** Every ready order a wave may take now (not in another open wave), with its courier, product, country and first SKU. */
  async candidates(filter: WaveFilter, db: WritableDb = this.#d.db): Promise<{ matching: WaveCandidate[]; all: WaveCandidate[] }> {
    const rows = await listReadyOrders(db, {
      sku: filter.sku,
      importedFrom: filter.importedFrom ? Date.parse(filter.importedFrom) : undefined,
      importedTo: filter.importedTo ? Date.parse(filter.importedTo) : undefined,
      limit: CANDIDATES_READ,
    });
    const taken = new Set(await listOrdersInOpenWaves(db));
    const free = rows.filter((r) => !taken.has(r.id));
    const plans = await this.#d.book.plans(free, db);
    const all: WaveCandidate[] = [];
    for (const row of free) {
      const request = plans.get(row.id)?.request;
      // The catalogue or set-up changed since the order was marked ready: the re-check will say what it lacks.
      if (!request) continue;
      all.push(this.#candidate(row, request.courier, request.service.productCode));
    }
    return { matching: all, all };
  }

  #candidate(row: OrderRow, courier: string, productCode: string): WaveCandidate {
    const order = this.#d.book.order(row);
    return {
      orderId: row.id,
      orderNumber: row.orderNumber,
      recipientName: row.recipientName,
      destination: row.destination,
      country: order.shipTo.address.countryCode.trim().toUpperCase(),
      courier,
      productCode,
      sku: shippableLines(order)[0]?.sku ?? '',
      importedAt: iso(row.importedAt),
      importedAtMs: row.importedAt,
    };
  }

  async preview(filter: WaveFilter, sequence: WaveSequence): Promise<WavePreview> {
    const { all } = await this.candidates({ ...filter, courier: undefined, country: undefined });
    const chosen = selectWaveOrders(all, filter, sequence);
    return {
      orders: chosen.slice(0, WAVE_PREVIEW_ROWS).map(({ importedAtMs: _, ...o }) => o),
      total: chosen.length,
      capped: chosen.length > WAVE_MAX_ORDERS,
      couriers: [...new Set(all.map((c) => c.courier))].sort(),
      countries: [...new Set(all.map((c) => c.country))].sort(),
    };
  }

  /** Saves a wave of the orders the filter finds now, in sequence (the first WAVE_MAX_ORDERS), less those excluded. */
  async create(args: { filter: WaveFilter; sequence: WaveSequence; exclude: readonly string[]; start: boolean }): Promise<string> {
    const id = this.#d.newId();
    const excluded = new Set(args.exclude);
    await inTransaction(this.#d.db, async (tx) => {
      const { all } = await this.candidates({ ...args.filter, courier: undefined, country: undefined }, tx);
      const chosen = selectWaveOrders(all, args.filter, args.sequence)
        .filter((c) => !excluded.has(c.orderId))
        .slice(0, WAVE_MAX_ORDERS);
      if (chosen.length === 0) throw this.failure('NOT_FOUND', 'empty');
      await insertWave(
        tx,
        {
          id,
          station: this.#d.station,
          state: args.start ? 'running' : 'paused',
          pauseReason: args.start ? null : 'created',
          sequence: args.sequence,
          filterJson: JSON.stringify(args.filter),
          at: this.#d.clock.now(),
        },
        chosen.map((c) => ({ orderId: c.orderId, orderNumber: c.orderNumber })),
      );
    });
    return id;
  }

  // -- Reading -----------------------------------------------------------------

  async wave(id: string, db: WritableDb = this.#d.db): Promise<WaveRow> {
    const row = await getWave(db, id);
    if (!row) throw this.notFound();
    return row;
  }

  async summary(id: string): Promise<WaveSummary> {
    const { failures: _, current: __, ...summary } = await this.#view(await this.wave(id), false);
    return summary;
  }

  async view(id: string): Promise<WaveView> {
    return this.#view(await this.wave(id), true);
  }

  async list(limit: number): Promise<WaveSummary[]> {
    const rows = await listWaves(this.#d.db, limit);
    const out: WaveSummary[] = [];
    for (const row of rows) {
      const { failures: _, current: __, ...summary } = await this.#view(row, false);
      out.push(summary);
    }
    return out;
  }

  async #view(row: WaveRow, withFailures: boolean): Promise<WaveView> {
    const progress = await readWaveProgress(this.#d.db, row.id, {
      recent: PACE_WINDOW_ITEMS,
      failures: withFailures ? FAILURES_LISTED : 0,
    });
    const c = progress.counts;
    const total = c.pending + c.buying + c.done + c.failed + c.skipped;
    const remaining = c.pending + c.buying;
    // Pace: the mean gap between the last labels that finished (a pause between them counts, a fair guess after one).
    const recent = progress.recent;
    const gapMs = recent.length >= 2 ? (recent[0]! - recent.at(-1)!) / (recent.length - 1) : null;
    const perLabelMs = gapMs !== null && gapMs > 0 ? gapMs : null;
    const failures: WaveItem[] = [];
    for (const item of progress.failures) failures.push(await this.#item(item));
    const current = progress.buying[0];
    return {
      id: row.id,
      state: row.state,
      pause: row.state === 'paused' && row.pauseReason ? { reason: row.pauseReason, message: row.pauseMessage } : null,
      sequence: row.sequence,
      filter: WaveFilterSchema.parse(JSON.parse(row.filterJson)),
      counts: { total, done: c.done, failed: c.failed, skipped: c.skipped, remaining, inFlight: c.buying },
      secondsLeft:
        perLabelMs !== null && remaining > 0 && (row.state === 'running' || row.state === 'paused')
          ? Math.round((remaining * perLabelMs) / 1000)
          : null,
      labelsPerMinute: perLabelMs !== null ? Math.round((60_000 / perLabelMs) * 10) / 10 : null,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      finishedAt: row.finishedAt === null ? null : iso(row.finishedAt),
      failures,
      current: current ? { position: current.position, orderNumber: current.orderNumber } : null,
    };
  }

  async #item(item: WaveItemRow): Promise<WaveItem> {
    const row = await getOrder(this.#d.db, item.orderId);
    let shipTo: WaveItem['shipTo'] = null;
    if (row) {
      const o = this.#d.book.order(row).shipTo;
      shipTo = {
        firstName: o.contact.firstName,
        lastName: o.contact.lastName,
        phone: o.contact.phone ?? '',
        streetLines: o.address.streetLines,
        city: o.address.city,
        state: o.address.state ?? '',
        postalCode: o.address.postalCode,
        countryCode: o.address.countryCode,
      };
    }
    return {
      position: item.position,
      orderId: item.orderId,
      orderNumber: item.orderNumber,
      state: item.state,
      failure: item.failure,
      shipmentId: item.shipmentId,
      trackingNumber: item.trackingNumber,
      error: item.errorCode ? { code: item.errorCode as ErrorCode, message: item.errorMessage ?? '', fields: item.fieldErrors } : null,
      shipTo,
      tries: item.tries,
    };
  }
}
