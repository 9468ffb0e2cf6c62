/**
 * End of day (issue 13): the labels created in a range, as the courier
 * handover list a driver signs (one per courier, voided labels left out) and
 * the per-packer count, on screen, as PDF or CSV, or printed on the printer
 * that takes reports (DocumentRouter, document type `report`).
 *
 * "Created in the range" and "who was on duty" come from the audit log's
 * `label-created` entries (one per label bought, written in the transaction
 * that saved it); a label is voided when its shipment is marked void (or the
 * log holds a `void` for it). Parcels, weight and courier come from the label's request.
 */
import type { EndOfDayView } from '../../../shared/domain/end-of-day';
import type { LabelRequest } from '../../../shared/domain/label-request';
import type { Language } from '../../../shared/domain/settings';
import { handoverCsv, buildHandoverList, renderHandoverPdf } from '../documents/handover';
import { buildPackerReport, packerReportCsv, renderPackerReportPdf } from '../documents/packer-report';
import { defaultTimeZone, sumKg } from '../documents/format';
import type { HandoverLabelRecord, PaperSize, TimeRange } from '../documents/types';
import type { ReadableDb } from '../db/types';
import type { DocumentRouter } from '../printing/document-router';
import { slipPaper } from '../printing/document-router';
import type { Clock } from '../util/clock';

/** Shipments read per query (bound parameters stay far below SQLite's limit). */
const CHUNK = 500;

export interface EndOfDayDeps {
  db: ReadableDb;
  clock: Clock;
  station: () => string;
  language: () => Language;
  router: Pick<DocumentRouter, 'print' | 'route'>;
  timeZone?: string;
  /** Couriers' names for the list, read once per list (the code stands in for one not known). */
  courierNames?: () => Promise<(code: string) => string>;
}

export type EndOfDayDocument = 'handover' | 'packers';

export class EndOfDay {
  readonly #d: EndOfDayDeps;

  constructor(deps: EndOfDayDeps) {
    this.#d = deps;
  }

  /** Every label created in [from, to): voided ones marked, each with who was on duty. */
  async records(range: TimeRange): Promise<HandoverLabelRecord[]> {
    const db = this.#d.db;
    const created = await db
      .selectFrom('audit_log')
      .select(['shipment_id as shipmentId', 'at', 'packer_name as packer', 'tracking_number as trackingNumber'])
      .where('action', '=', 'label-created')
      .where('at', '>=', range.from.getTime())
      .where('at', '<', range.to.getTime())
      .where('shipment_id', 'is not', null)
      .orderBy('id')
      .execute();
    // A shipment retried into a new label counts once, as its latest label.
    const latest = new Map<string, (typeof created)[number]>();
    for (const row of created) latest.set(row.shipmentId!, row);
    const ids = [...latest.keys()];
    const courierName = ids.length > 0 && this.#d.courierNames ? await this.#d.courierNames() : (code: string) => code;
    const out: HandoverLabelRecord[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = await db
        .selectFrom('shipments as s')
        .innerJoin('labels as l', (j) => j.onRef('l.shipment_id', '=', 's.id').onRef('l.attempt', '=', 's.current_attempt'))
        .select([
          's.id as id',
          's.tracking_number as trackingNumber',
          's.order_number as orderNumber',
          's.voided_at as voidedAt',
          'l.request_json as requestJson',
        ])
        .where('s.id', 'in', chunk)
        .execute();
      const voided = new Set(
        (
          await db
            .selectFrom('audit_log')
            .select('shipment_id as shipmentId')
            .where('action', '=', 'void')
            .where('shipment_id', 'in', chunk)
            .execute()
        ).map((r) => r.shipmentId),
      );
      for (const row of rows) {
        const entry = latest.get(row.id)!;
        const tracking = row.trackingNumber ?? entry.trackingNumber;
        if (!tracking) continue;
        const request = JSON.parse(row.requestJson) as Pick<LabelRequest, 'courier' | 'shipment'>;
        const parcels = request.shipment.parcels;
        out.push({
          courierCode: request.courier,
          courierName: courierName(request.courier),
          trackingNumber: tracking,
          orderNumber: row.orderNumber,
          parcels: parcels.length,
          weightKg: sumKg(parcels.map((p) => p.weight)),
          createdAt: new Date(Number(entry.at)),
          voided: voided.has(row.id) || row.voidedAt !== null,
          packer: entry.packer,
        });
      }
    }
    return out;
  }

  async view(range: TimeRange): Promise<EndOfDayView> {
    const records = await this.records(range);
    const query = { station: this.#d.station(), range };
    const handover = buildHandoverList(records, query);
    const packers = buildPackerReport(records, query);
    return {
      station: handover.station,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      couriers: handover.couriers.map((c) => ({
        ...c,
        labels: c.labels.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
      })),
      packers: packers.packers.map((p) => ({ ...p, firstAt: p.firstAt.toISOString(), lastAt: p.lastAt.toISOString() })),
      totals: {
        labels: handover.couriers.reduce((n, c) => n + c.totals.labels, 0),
        parcels: handover.couriers.reduce((n, c) => n + c.totals.parcels, 0),
        weightKg: sumKg(handover.couriers.map((c) => c.totals.weightKg)),
        voided: packers.totals.voided,
      },
    };
  }

  /** The handover list or the packer count as a PDF (on `paper`) or CSV. */
  async file(
    range: TimeRange,
    document: EndOfDayDocument,
    format: 'pdf' | 'csv',
    paper: PaperSize,
  ): Promise<{ fileName: string; mimeType: string; bytes: Uint8Array }> {
    const records = await this.records(range);
    const query = { station: this.#d.station(), range };
    const options = {
      language: this.#d.language(),
      paper,
      timeZone: this.#d.timeZone ?? defaultTimeZone(),
      now: new Date(this.#d.clock.now()),
    };
    const day = range.from.toISOString().slice(0, 10);
    const base = document === 'handover' ? `courier-handover-${day}` : `labels-per-packer-${day}`;
    if (format === 'csv') {
      const text =
        document === 'handover'
          ? handoverCsv(buildHandoverList(records, query), options)
          : packerReportCsv(buildPackerReport(records, query), options);
      return { fileName: `${base}.csv`, mimeType: 'text/csv', bytes: new TextEncoder().encode(text) };
    }
    const bytes =
      document === 'handover'
        ? await renderHandoverPdf(buildHandoverList(records, query), options)
        : await renderPackerReportPdf(buildPackerReport(records, query), options);
    return { fileName: `${base}-${paper}.pdf`, mimeType: 'application/pdf', bytes };
  }

  /** Prints the document on the profile that takes reports, on that profile's paper. */
  async print(
    range: TimeRange,
    document: EndOfDayDocument,
  ): Promise<{ profileName: string; fallback: boolean; printed: boolean; message: string | null }> {
    const route = this.#d.router.route('report');
    const { bytes } = await this.file(range, document, 'pdf', slipPaper(route.profile));
    const [job] = await this.#d.router.print(
      'report',
      { bytes, format: 'pdf' },
      {
        title: document === 'handover' ? 'Courier handover' : 'Labels per packer',
      },
    );
    const outcome = job!.outcome;
    return {
      profileName: job!.profileName,
      fallback: job!.fallback,
      printed: outcome.status === 'sent',
      message: outcome.status === 'failed' ? outcome.message : null,
    };
  }
}
