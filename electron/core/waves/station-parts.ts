/**
 * The waves capability assembled (design rule 17). Two steps, like orders:
 * `createWaveParts` before the label workflow (its print turns sit in the
 * workflow's printer chain, and the workflow asks it for each label's
 * limiter priority), `parts.connect(...)` once the ship service exists.
 */
import type { Language } from '../../../shared/domain/settings';
import type { LabelCreateResult } from '../../../shared/domain/shipment-detail';
import { StationFailure } from '../../../shared/result';
import { getLabel } from '../db/queries/labels';
import { getShipment } from '../db/queries/shipments';
import type { WritableDb } from '../db/types';
import type { EventBus } from '../events';
import { wavesHandlers } from '../handlers/waves';
import type { LabelPrinter } from '../labels/ports';
import type { LabelWorkflow } from '../labels/workflow';
import type { OrderBook } from '../orders/order-book';
import type { ShipService } from '../orders/ship-service';
import type { Clock } from '../util/clock';
import type { LoggerFactory } from '../util/log';
import { WavePrintTurns } from './print-turns';
import { WaveRunner, type WavePreflight } from './wave-runner';
import { WaveStore } from './wave-store';

export interface WavePartsOptions {
  db: WritableDb;
  clock: Clock;
  logger: LoggerFactory;
  events?: EventBus;
  language: () => Language;
  autoPrint: () => boolean;
  station: string;
  /** Labels bought at once (tests and benches may change it). */
  concurrency?: number;
  /** Warehouse mode: waits until the site's database answers again (false: the station stops first). */
  untilDatabaseBack?: () => Promise<boolean>;
}

export interface WaveParts {
  /** Wraps the workflow's printer: a wave's labels print in its sequence. */
  labelPrinter(inner: LabelPrinter): LabelPrinter;
  /** For the label workflow: a wave's labels wait behind the packer's own requests. */
  priorityOf(shipmentId: string): 'user' | 'wave';
  connect(o: {
    book: OrderBook;
    ship: Pick<ShipService, 'ship'>;
    workflow: Pick<LabelWorkflow, 'retry' | 'reprint'>;
    printer: WavePreflight;
  }): { store: WaveStore; runner: WaveRunner; handlers: ReturnType<typeof wavesHandlers> };
  start(): Promise<void>;
  stop(): Promise<void>;
}

const UNFINISHED = new Set(['submitting', 'created', 'document_ready']);

export function createWaveParts(o: WavePartsOptions): WaveParts {
  let turns: WavePrintTurns | null = null;
  let runner: WaveRunner | null = null;

  /** Where a shipment's current label rests, as the workflow would report it. */
  const labelNow = async (shipmentId: string): Promise<LabelCreateResult> => {
    const shipment = await getShipment(o.db, shipmentId);
    const label = shipment?.currentAttempt ? await getLabel(o.db, shipmentId, shipment.currentAttempt) : undefined;
    if (!label) throw new StationFailure('NOT_FOUND', 'No label for this shipment.');
    const error = label.errorCode
      ? {
          code: label.errorCode as NonNullable<LabelCreateResult['error']>['code'],
          message: label.errorMessage ?? '',
          ...(label.fieldErrors ? { fields: label.fieldErrors } : {}),
        }
      : null;
    return { shipmentId, state: label.state, trackingNumber: label.courierTrackingNumber, error };
  };

  return {
    labelPrinter(inner) {
      turns = new WavePrintTurns(inner);
      return turns;
    },
    priorityOf: (shipmentId) => runner?.priorityOf(shipmentId) ?? 'user',
    connect({ book, ship, workflow, printer }) {
      if (!turns) throw new Error('createWaveParts: labelPrinter() must be wired into the workflow before connect()');
      const store = new WaveStore({ db: o.db, book, clock: o.clock, language: o.language, station: o.station });
      runner = new WaveRunner({
        store,
        turns,
        printer,
        clock: o.clock,
        logger: o.logger('waves'),
        autoPrint: o.autoPrint,
        ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
        ...(o.untilDatabaseBack ? { untilDatabaseBack: o.untilDatabaseBack } : {}),
        onProgress: (summary) => o.events?.emit('waves:progress', summary),
        onOrdersChanged: (ids) => o.events?.emit('orders:changed', { ids }),
        ship: {
          ship: (orderId, onSaved) => ship.ship({ id: orderId, weightFrom: 'manual' }, { onSaved }),
          finish: async (shipmentId) => {
            const now = await labelNow(shipmentId);
            // A document not yet printed is finished too (printed, or found cut off mid-print): the workflow's run,
            // shared with its start-up resume, so it is never printed twice.
            if (!UNFINISHED.has(now.state)) return now;
            try {
              return await workflow.retry(shipmentId);
            } catch (e) {
              // The start-up resume finished it meanwhile: read where it rests.
              if (e instanceof StationFailure && e.code === 'CONFLICT') return labelNow(shipmentId);
              throw e;
            }
          },
          reprint: async (shipmentId) => {
            const job = await workflow.reprint(shipmentId, 'held');
            return { ok: job.outcome === 'printed', message: job.error };
          },
          fix: async (orderId, edits) => {
            await book.update({ id: orderId, edits, revert: [] });
          },
        },
      });
      return { store, runner, handlers: wavesHandlers({ store, runner }) };
    },
    async start() {
      await runner?.start();
    },
    async stop() {
      await runner?.stop();
    },
  };
}
