import type { ImportFile } from '../../../shared/domain/order-desk';
import type { OrderCsvPreset } from '../../../shared/domain/order-csv-presets';
import type { Language } from '../../../shared/domain/settings';
import type { Handlers } from '../invoke';
import { StationFailure } from '../../../shared/result';
import { renderCommandSheet } from '../documents/command-sheet';
import type { OrderBook } from '../orders/order-book';
import type { PackSetup } from '../orders/pack-setup';
import type { ScanResolver } from '../orders/scan-resolver';
import type { ShipService } from '../orders/ship-service';
import type { ByteSource } from '../orders/text-input';
import type { UploadStore } from '../orders/uploads';

export interface OrdersHandlerDeps {
  book: OrderBook;
  setup: PackSetup;
  ship: ShipService;
  scan: ScanResolver;
  uploads: UploadStore;
  language: () => Language;
  /** The watched folder follows the station defaults: told after each change. */
  onDefaultsChanged: () => Promise<void>;
  /** Why this folder cannot be watched (missing, not writable), or null: checked before the defaults are saved. */
  checkWatchedFolder: (dir: string) => Promise<string | null>;
}

type OrderChannels =
  | 'imports:upload'
  | 'orders:import'
  | 'orders:preview'
  | 'orders:list'
  | 'orders:get'
  | 'orders:update'
  | 'orders:ship'
  | 'orders:commandSheet'
  | 'scan:resolve'
  | 'orderPresets:list'
  | 'orderPresets:save'
  | 'orderPresets:delete'
  | 'skus:import'
  | 'skus:list'
  | 'skus:save'
  | 'skus:delete'
  | 'boxes:list'
  | 'boxes:save'
  | 'boxes:delete'
  | 'shipFrom:list'
  | 'shipFrom:save'
  | 'shipFrom:delete'
  | 'stationDefaults:get'
  | 'stationDefaults:update';

export function ordersHandlers(deps: OrdersHandlerDeps): Pick<Handlers, OrderChannels> {
  const { book, setup, uploads } = deps;

  /** The file's bytes, streamed; an upload is removed once read (a second import sends it again). */
  const withFile = async <T>(file: ImportFile, use: (bytes: ByteSource) => Promise<T>): Promise<T> => {
    if ('base64' in file) {
      const bytes = Buffer.from(file.base64, 'base64');
      return use(
        (async function* () {
          yield new Uint8Array(bytes);
        })(),
      );
    }
    const stream = await uploads.open(file.uploadId);
    try {
      return await use(stream);
    } finally {
      stream.close();
      await uploads.remove(file.uploadId);
    }
  };

  const presetFor = async (args: { preset?: OrderCsvPreset | undefined; presetName?: string | undefined }) =>
    args.preset ?? (args.presetName ? await setup.preset(args.presetName) : undefined);

  const skuView = (r: Awaited<ReturnType<PackSetup['saveSku']>>) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() });

  return {
    'imports:upload': (args) => uploads.put(args),
    'orders:import': async (args) => {
      const preset = await presetFor(args);
      return withFile(args.file, (bytes) => book.importFile(args.file.name, bytes, { preset, policy: args.policy }));
    },
    'orders:preview': async (args) => {
      const preset = await presetFor(args);
      const result = await withFile(args.file, (bytes) =>
        book.preview(args.file.name, bytes, { preset, policy: args.policy, limit: args.limit }),
      );
      return { report: result.report, orders: result.orders.map((o) => ({ order: o.order, row: o.row, attention: o.attention })) };
    },
    'orders:list': (q) => book.list(q),
    'orders:get': ({ id, boxId, weightKg }) =>
      book.detail(id, { boxId, weight: weightKg === undefined ? undefined : { kg: weightKg, from: 'manual' } }),
    'orders:update': (args) => book.update(args),
    'orders:ship': (args) => deps.ship.ship(args),
    'orders:commandSheet': async ({ paper }) => {
      const bytes = await renderCommandSheet({ language: deps.language(), paper });
      return { fileName: `command-barcodes-${paper}.pdf`, base64: Buffer.from(bytes).toString('base64') };
    },
    'scan:resolve': (args) => deps.scan.resolve(args),
    'orderPresets:list': () => setup.listPresets(),
    'orderPresets:save': ({ preset, replace }) => setup.savePreset(preset, replace),
    'orderPresets:delete': ({ name }) => setup.deletePreset(name),
    'skus:import': (args) =>
      withFile(args.file, (bytes) =>
        setup.importCatalogue(args.file.name, bytes, { decimalSeparator: args.decimalSeparator, dryRun: args.dryRun }),
      ),
    'skus:list': async (q) => {
      const page = await setup.listSkus(q);
      return { items: page.items.map(skuView), total: page.total, offset: q.offset };
    },
    'skus:save': async ({ entry, previousSku }) => skuView(await setup.saveSku(entry, previousSku)),
    'skus:delete': async ({ sku }) => ({ deleted: await setup.deleteSku(sku) }),
    'boxes:list': () => setup.listBoxes(),
    'boxes:save': ({ box }) => setup.saveBox(box),
    'boxes:delete': ({ id }) => setup.deleteBox(id),
    'shipFrom:list': () => setup.listShipFrom(),
    'shipFrom:save': ({ address }) => setup.saveShipFrom(address),
    'shipFrom:delete': ({ id }) => setup.deleteShipFrom(id),
    'stationDefaults:get': () => setup.defaults(),
    'stationDefaults:update': async (patch) => {
      if (patch.watchedFolder) {
        const problem = await deps.checkWatchedFolder(patch.watchedFolder);
        if (problem) {
          throw new StationFailure(
            'INVALID_ARGUMENT',
            `The folder ${patch.watchedFolder} cannot be watched: ${problem} Nothing was changed.`,
            [{ field: 'watchedFolder', message: problem }],
          );
        }
      }
      const next = await setup.updateDefaults(patch);
      await deps.onDefaultsChanged();
      return next;
    },
  };
}
