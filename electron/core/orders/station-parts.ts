/**
 * The orders capability assembled (design rule 17: one assembly function per
 * capability): set-up, order book, the order-aware label printer the
 * workflow prints through, ship service, scan resolution, uploads, the
 * watched folder that follows the station defaults, and the handlers.
 *
 * Two steps, because the label workflow needs this printer and the ship
 * service needs the workflow: `createOrderParts` before the workflow,
 * `parts.connect(...)` after it.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { formatStoredImport, type StoredImport } from '../../../shared/domain/order-desk';
import { formatImportReport } from '../../../shared/domain/order-import';
import { shippableLines } from '../../../shared/domain/orders';
import type { Language } from '../../../shared/domain/settings';
import type { ShipmentSummary } from '../../../shared/domain/shipment';
import type { Tag } from '../../../shared/domain/tags';
import type { PackingSlip } from '../documents/types';
import { findOrderByShipment } from '../db/queries/orders';
import type { WritableDb } from '../db/types';
import type { EventBus } from '../events';
import { ordersHandlers } from '../handlers/orders';
import type { LabelPrinter } from '../labels/ports';
import type { SettingsStore } from '../settings/types';
import type { Clock } from '../util/clock';
import type { LoggerFactory } from '../util/log';
import { OrderBook } from './order-book';
import type { AuditRecorder } from '../audit/audit-log';
import { OrderLabelPrinter, type SlipPrinter } from './order-label-printer';
import { PackSetup } from './pack-setup';
import { ScanResolver } from './scan-resolver';
import { ShipService, type ShipWorkflow } from './ship-service';
import { UploadStore } from './uploads';
import { nodeFolderFs, nodeWatchFolder, PROCESSING_DIR, WatchedFolder, type FolderFs, type WatchFolder } from './watched-folder';

/** The station's key in `station_defaults` until warehouse mode gives each station an id of its own. */
export const LOCAL_STATION = 'local';
export const UPLOADS_DIR_NAME = 'uploads';

export interface OrderPartsOptions {
  db: WritableDb;
  dataDir: string;
  clock: Clock;
  logger: LoggerFactory;
  settings: SettingsStore;
  events: EventBus;
  station?: string;
  /** Prints a label and its packing slip where the print set-up routes them; null: slips are not set up. */
  slipPrinter?: () => SlipPrinter | null;
  /** The audit log: imports and cancellations (issue 13). */
  audit?: AuditRecorder;
  /** Tests use a fake file system for the watched folder. */
  folder?: { fs: FolderFs; watch: WatchFolder };
}

export interface OrderParts {
  setup: PackSetup;
  book: OrderBook;
  /** Wraps the workflow's printer: an order's label prints with its slip. */
  labelPrinter(base: LabelPrinter): OrderLabelPrinter;
  connect(options: {
    workflow: ShipWorkflow;
    searchShipments: (search: string, limit: number) => Promise<ShipmentSummary[]>;
    shipmentById: (id: string) => Promise<{ id: string; tag: Tag } | null>;
  }): { handlers: ReturnType<typeof ordersHandlers>; ship: ShipService };
  /** A shipment changed (its label moved on): the list hears about the order it was made for, if any. */
  shipmentChanged(shipmentId: string): void;
  /** Adopts Settings' ship-from address once, re-checks readiness, starts the watched folder if set. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The packer's language for messages core writes itself (reports, refusals): the setting, else the system's. */
export function stationLanguage(setting: Language | null): Language {
  if (setting) return setting;
  const locale = Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase();
  if (!locale.startsWith('zh')) return 'en';
  return /hant|tw|hk|mo/.test(locale) ? 'zh-TW' : 'zh-CN';
}

export function createOrderParts(o: OrderPartsOptions): OrderParts {
  const log = o.logger('orders');
  const language = (): Language => stationLanguage(o.settings.get().language);
  let recheck: Promise<void> = Promise.resolve();
  let recheckWanted = false;
  let stopped = false;
  /** Readiness follows the catalogue and set-up: one re-check at a time, changes meanwhile folded into the next. */
  const scheduleRecheck = (): void => {
    if (stopped) return;
    if (recheckWanted) return;
    recheckWanted = true;
    recheck = recheck.then(async () => {
      recheckWanted = false;
      try {
        await book.recheck();
      } catch (e) {
        log.error('re-checking orders failed', { error: e });
      }
    });
  };
  const setup = new PackSetup({ db: o.db, clock: o.clock, logger: log, station: o.station ?? LOCAL_STATION, onChanged: scheduleRecheck });
  const book = new OrderBook({
    db: o.db,
    clock: o.clock,
    logger: log,
    setup,
    language,
    onChanged: (ids) => o.events.emit('orders:changed', { ids }),
    ...(o.audit ? { audit: o.audit } : {}),
  });
  const uploads = new UploadStore({ dir: join(o.dataDir, UPLOADS_DIR_NAME), clock: o.clock });
  let printer: OrderLabelPrinter | null = null;

  /** The slip for the order a shipment was made for. */
  const slipFor = async (shipmentId: string): Promise<PackingSlip | null> => {
    const row = await findOrderByShipment(o.db, shipmentId);
    if (!row) return null;
    const order = book.order(row);
    const context = await setup.context();
    const address = (party: {
      contact: { firstName: string; lastName: string; phone?: string | undefined };
      address: { streetLines: string[]; city: string; state?: string | undefined; postalCode: string; countryCode: string };
    }) => ({
      name: `${party.contact.firstName} ${party.contact.lastName}`.trim(),
      lines: party.address.streetLines,
      city: party.address.city,
      state: party.address.state ?? null,
      postalCode: party.address.postalCode,
      countryCode: party.address.countryCode,
      phone: party.contact.phone ?? null,
    });
    return {
      orderNumber: order.orderNumber,
      shipTo: { ...address({ contact: order.shipTo.contact, address: order.shipTo.address }), company: order.shipTo.company || null },
      shipFrom: context.shipFrom ? address(context.shipFrom.party) : null,
      lines: shippableLines(order).map((l) => {
        const entry = context.catalogue.get(l.sku);
        return {
          sku: l.sku,
          description: entry?.descriptionLocal || entry?.descriptionEn || l.name,
          hsCode: entry?.hsCode || null,
          quantity: l.quantity,
        };
      }),
      notes: order.notes || null,
    };
  };

  // The watched folder, following the station defaults (folder and mapping).
  let watched: { dir: string; folder: WatchedFolder } | null = null;
  let lastStored: StoredImport | null = null;
  const refreshWatchedFolder = async (): Promise<void> => {
    // Stopping needs no defaults (the folder stops whatever they say): a stop while the warehouse database is down must not fail.
    const dir = stopped ? null : (await setup.defaults()).watchedFolder;
    if (watched?.dir === dir) return;
    if (watched) {
      await watched.folder.stop();
      log.info('watched folder stopped', { dir: watched.dir });
      watched = null;
    }
    if (!dir) return;
    const folder = new WatchedFolder({
      dir,
      fs: o.folder?.fs ?? nodeFolderFs,
      watch: o.folder?.watch ?? nodeWatchFolder,
      clock: o.clock,
      logger: o.logger('watched-folder'),
      importFile: async (path, file) => {
        const current = await setup.defaults();
        const preset = current.watchedFolderPreset ? await setup.preset(current.watchedFolderPreset) : undefined;
        const stream = createReadStream(path);
        try {
          const outcome = await book.importFile(file, stream, { preset, policy: current.importPolicy });
          lastStored = outcome.stored;
          return outcome.report;
        } finally {
          stream.destroy();
        }
      },
      // The folder imports one file at a time, so the stored half of the report is the last one's.
      formatReport: (report) => {
        const text = formatImportReport(language(), report);
        const stored = lastStored;
        lastStored = null;
        return stored && report.accepted ? `${text}\n${formatStoredImport(language(), stored)}` : text;
      },
      onFileDone: (outcome) =>
        o.events.emit('orders:fileImported', {
          file: outcome.file,
          result: outcome.result,
          path: outcome.path,
          imported: outcome.report?.imported ?? 0,
          summary: outcome.report ? formatImportReport(language(), outcome.report).split('\n')[0]! : '',
        }),
    });
    try {
      await folder.start();
      watched = { dir, folder };
      log.info('watched folder started', { dir });
    } catch (e) {
      log.error('watched folder could not start', { dir, error: e });
    }
  };

  /** The folder must exist (a typo must not create a folder nobody drops files in) and take the station's sub-folders. */
  const checkWatchedFolder = async (dir: string): Promise<string | null> => {
    const fs = o.folder?.fs ?? nodeFolderFs;
    const facts = await fs.stat(dir).catch(() => null);
    if (facts === null) return 'it does not exist. Create it first, or check the path.';
    if (facts.isFile) return 'it is a file, not a folder.';
    try {
      await fs.mkdir(join(dir, PROCESSING_DIR));
      return null;
    } catch (e) {
      return `the station may not write there (${(e as NodeJS.ErrnoException).code ?? 'error'}). Give it write access.`;
    }
  };

  return {
    setup,
    book,
    labelPrinter(base) {
      printer = new OrderLabelPrinter({ base, slipFor, slips: () => o.slipPrinter?.() ?? null, language });
      return printer;
    },
    connect({ workflow, searchShipments, shipmentById }) {
      if (!printer) throw new Error('createOrderParts: labelPrinter() must be wired into the workflow before connect()');
      const ship = new ShipService({ db: o.db, book, workflow, printer, clock: o.clock, logger: log, language });
      const scan = new ScanResolver({ db: o.db, book, setup, searchShipments, shipmentById });
      return {
        ship,
        handlers: ordersHandlers({
          book,
          setup,
          ship,
          scan,
          uploads,
          language,
          onDefaultsChanged: refreshWatchedFolder,
          checkWatchedFolder,
        }),
      };
    },
    shipmentChanged(shipmentId) {
      if (stopped) return;
      void findOrderByShipment(o.db, shipmentId).then(
        (row) => {
          if (row) o.events.emit('orders:changed', { ids: [row.id] });
        },
        (e: unknown) => log.warn('could not find the order of a changed shipment', { shipmentId, error: e }),
      );
    },
    async start() {
      await setup.adoptSettingsShipFrom(o.settings.get().shipFrom);
      scheduleRecheck();
      await uploads.sweep();
      await refreshWatchedFolder();
    },
    async stop() {
      stopped = true;
      await refreshWatchedFolder();
      await recheck;
    },
  };
}
