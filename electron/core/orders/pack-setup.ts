/**
 * What the station keeps for labels made from orders, besides the orders:
 * the station's defaults and rules, the boxes, the ship-from addresses, the
 * CSV mapping presets and the SKU catalogue. Every change that can turn an
 * order ready or not calls `onChanged`, and the order book re-checks the
 * open orders.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  OrderCsvPresetSchema,
  SHOPIFY_PRESET,
  TEMPLATE_PRESETS,
  type OrderCsvPreset,
  type OrderCsvPresetInput,
} from '../../../shared/domain/order-csv-presets';
import { PartySchema } from '../../../shared/domain/label-request';
import {
  BoxDraftSchema,
  ShipFromDraftSchema,
  DEFAULT_STATION_DEFAULTS,
  MAX_SHIP_FROM_ADDRESSES,
  StationDefaultsSchema,
  type SavedBox,
  type ShipFromAddress,
  type StationDefaults,
  type StationDefaultsPatch,
} from '../../../shared/domain/packing';
import { SkuEntrySchema, type SkuEntry } from '../../../shared/domain/sku-catalogue';
import { SKU_PREVIEW_MAX, type SkuImportOutcome } from '../../../shared/domain/order-desk';
import { StationFailure } from '../../../shared/result';
import { clearOrderBox } from '../db/queries/orders';
import { deleteBox, findBoxClash, getBox, listBoxes, saveBox } from '../db/queries/boxes';
import { deletePresetRow, getPresetRow, listPresetRows, savePresetRow } from '../db/queries/order_csv_presets';
import { deleteShipFromAddress, listShipFromAddresses, saveShipFromAddress } from '../db/queries/ship_from_addresses';
import { deleteSku, getSku, listSkus, loadSkuCatalogue, upsertSkus, type SkuRow } from '../db/queries/sku_catalogue';
import { getStationDefaultsJson, saveStationDefaultsJson } from '../db/queries/station_defaults';
import { inTransaction, type WritableDb } from '../db/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import type { ByteSource } from './text-input';
import { readSkuCatalogue } from './sku-catalogue-csv';

export interface PackSetupDeps {
  db: WritableDb;
  clock: Clock;
  logger: Logger;
  /** This station's key in `station_defaults` (one row per station when a site shares the database). */
  station: string;
  newId?: () => string;
  /** Something an order's readiness depends on changed. */
  onChanged?: () => void;
}

/** What the ship plan needs besides the order, read once per batch. */
export interface PackContext {
  catalogue: ReadonlyMap<string, SkuEntry>;
  defaults: StationDefaults;
  boxes: ReadonlyMap<string, SavedBox>;
  shipFrom: ShipFromAddress | null;
}

export interface SavedPreset {
  preset: OrderCsvPreset;
  builtIn: boolean;
  updatedAt: string | null;
}

const BUILT_IN: readonly OrderCsvPreset[] = [SHOPIFY_PRESET, ...TEMPLATE_PRESETS];

export class PackSetup {
  readonly #d: PackSetupDeps & { newId: () => string };

  constructor(deps: PackSetupDeps) {
    this.#d = { newId: randomUUID, ...deps };
  }

  #changed(): void {
    this.#d.onChanged?.();
  }

  // -- Defaults --------------------------------------------------------------

  async defaults(db: WritableDb = this.#d.db): Promise<StationDefaults> {
    const json = await getStationDefaultsJson(db, this.#d.station);
    if (json === undefined) return { ...DEFAULT_STATION_DEFAULTS };
    // Re-validated when read back: a value a newer app wrote, or a damaged row, falls back field by field.
    const raw = safeJson(json);
    const out: Record<string, unknown> = { ...DEFAULT_STATION_DEFAULTS };
    for (const [key, schema] of Object.entries(StationDefaultsSchema.shape)) {
      const parsed = (schema as z.ZodType).safeParse((raw as Record<string, unknown>)[key]);
      if (parsed.success) out[key] = parsed.data;
      else this.#d.logger.warn('station defaults: a stored value is not valid; using the default', { field: key });
    }
    return out as StationDefaults;
  }

  async updateDefaults(patch: StationDefaultsPatch): Promise<StationDefaults> {
    const next = await inTransaction(this.#d.db, async (tx) => {
      const current = await this.defaults(tx);
      const merged = StationDefaultsSchema.parse({ ...current, ...patch });
      if (merged.boxId !== null && !(await getBox(tx, merged.boxId))) {
        throw new StationFailure('NOT_FOUND', 'That box is not on the shelf any more. Choose another default box.', [
          { field: 'boxId', message: 'Choose a box from the list.' },
        ]);
      }
      if (merged.shipFromId !== null && !(await listShipFromAddresses(tx)).some((a) => a.id === merged.shipFromId)) {
        throw new StationFailure('NOT_FOUND', 'That ship-from address was deleted. Choose another one.', [
          { field: 'shipFromId', message: 'Choose an address from the list.' },
        ]);
      }
      await saveStationDefaultsJson(tx, this.#d.station, JSON.stringify(merged), this.#d.clock.now());
      return merged;
    });
    this.#changed();
    return next;
  }

  // -- Boxes -----------------------------------------------------------------

  listBoxes(): Promise<SavedBox[]> {
    return listBoxes(this.#d.db);
  }

  async saveBox(input: z.input<typeof BoxDraftSchema>): Promise<SavedBox[]> {
    const draft = BoxDraftSchema.parse(input);
    const box: SavedBox = { ...draft, id: draft.id ?? this.#d.newId() };
    await inTransaction(this.#d.db, async (tx) => {
      if (draft.id && !(await getBox(tx, draft.id))) throw new StationFailure('NOT_FOUND', 'That box was deleted meanwhile. Add it again.');
      const clash = await findBoxClash(tx, box);
      if (clash) {
        const sameName = clash.name.toLowerCase() === box.name.toLowerCase();
        throw new StationFailure(
          'CONFLICT',
          sameName
            ? `A box named "${clash.name}" is already on the shelf. Use another name.`
            : `The box "${clash.name}" already has the barcode ${box.barcode}. Give this box another one.`,
          [{ field: sameName ? 'name' : 'barcode', message: sameName ? 'Use another name.' : 'Use another barcode.' }],
        );
      }
      await saveBox(tx, box, this.#d.clock.now());
    });
    this.#changed();
    return this.listBoxes();
  }

  async deleteBox(id: string): Promise<SavedBox[]> {
    await inTransaction(this.#d.db, async (tx) => {
      if (!(await deleteBox(tx, id))) throw new StationFailure('NOT_FOUND', 'That box is not on the shelf.');
      await clearOrderBox(tx, id);
      const defaults = await this.defaults(tx);
      if (defaults.boxId === id)
        await saveStationDefaultsJson(tx, this.#d.station, JSON.stringify({ ...defaults, boxId: null }), this.#d.clock.now());
    });
    this.#changed();
    return this.listBoxes();
  }

  // -- Ship-from addresses -----------------------------------------------------

  /** Every address, this station's default marked (its choice, else the oldest). */
  async listShipFrom(db: WritableDb = this.#d.db): Promise<ShipFromAddress[]> {
    const rows = await listShipFromAddresses(db);
    const chosen = (await this.defaults(db)).shipFromId;
    const defaultId = rows.some((r) => r.id === chosen) ? chosen : (rows[0]?.id ?? null);
    const out: ShipFromAddress[] = [];
    for (const r of rows) {
      const party = PartySchema.safeParse(safeJson(r.partyJson));
      if (!party.success) {
        this.#d.logger.warn('ship-from address is not valid any more; left out until it is saved again', { id: r.id });
        continue;
      }
      out.push({ id: r.id, name: r.name, party: party.data, isDefault: r.id === defaultId });
    }
    return out;
  }

  async saveShipFrom(input: z.input<typeof ShipFromDraftSchema>): Promise<ShipFromAddress[]> {
    const draft = ShipFromDraftSchema.parse(input);
    const id = draft.id ?? this.#d.newId();
    await inTransaction(this.#d.db, async (tx) => {
      const rows = await listShipFromAddresses(tx);
      if (draft.id && !rows.some((r) => r.id === draft.id))
        throw new StationFailure('NOT_FOUND', 'That address was deleted meanwhile. Add it again.');
      if (!draft.id && rows.length >= MAX_SHIP_FROM_ADDRESSES) {
        throw new StationFailure('CONFLICT', `Keep at most ${MAX_SHIP_FROM_ADDRESSES} ship-from addresses: delete one first.`);
      }
      await saveShipFromAddress(tx, { id, name: draft.name, partyJson: JSON.stringify(draft.party), at: this.#d.clock.now() });
      if (draft.makeDefault) {
        const defaults = await this.defaults(tx);
        await saveStationDefaultsJson(tx, this.#d.station, JSON.stringify({ ...defaults, shipFromId: id }), this.#d.clock.now());
      }
    });
    this.#changed();
    return this.listShipFrom();
  }

  async deleteShipFrom(id: string): Promise<ShipFromAddress[]> {
    await inTransaction(this.#d.db, async (tx) => {
      if (!(await deleteShipFromAddress(tx, id))) throw new StationFailure('NOT_FOUND', 'That address is not in the list.');
    });
    this.#changed();
    return this.listShipFrom();
  }

  /**
   * Ship-from addresses moved from the settings file into the database (so
   * a site can share them): the first time the list is empty, the address
   * Settings had becomes the first, default one. Settings keeps its copy for
   * the create-label form.
   */
  async adoptSettingsShipFrom(party: unknown): Promise<boolean> {
    const parsed = PartySchema.safeParse(party);
    if (!parsed.success) return false;
    const adopted = await inTransaction(this.#d.db, async (tx) => {
      if ((await listShipFromAddresses(tx)).length > 0) return false;
      await saveShipFromAddress(tx, {
        id: this.#d.newId(),
        name: 'Warehouse',
        partyJson: JSON.stringify(parsed.data),
        at: this.#d.clock.now(),
      });
      return true;
    });
    if (adopted) this.#changed();
    return adopted;
  }

  // -- Presets ---------------------------------------------------------------

  async listPresets(): Promise<SavedPreset[]> {
    const saved: SavedPreset[] = [];
    for (const row of await listPresetRows(this.#d.db)) {
      const parsed = OrderCsvPresetSchema.safeParse(safeJson(row.presetJson));
      if (parsed.success) saved.push({ preset: parsed.data, builtIn: false, updatedAt: new Date(row.updatedAt).toISOString() });
      else this.#d.logger.warn('a saved mapping preset is not valid any more; left out', { name: row.name });
    }
    return [...BUILT_IN.map((preset) => ({ preset, builtIn: true, updatedAt: null })), ...saved];
  }

  /** The preset of this name (built in or saved), or NOT_FOUND saying so. */
  async preset(name: string): Promise<OrderCsvPreset> {
    const builtIn = BUILT_IN.find((p) => p.name.toLowerCase() === name.toLowerCase() || (name === 'shopify' && p === SHOPIFY_PRESET));
    if (builtIn) return builtIn;
    const row = await getPresetRow(this.#d.db, name);
    const parsed = row ? OrderCsvPresetSchema.safeParse(safeJson(row.presetJson)) : null;
    if (!parsed?.success)
      throw new StationFailure('NOT_FOUND', `There is no column mapping named "${name}". Choose one from the list or save it first.`);
    return parsed.data;
  }

  async savePreset(input: OrderCsvPresetInput, replace?: string): Promise<SavedPreset[]> {
    const preset = OrderCsvPresetSchema.parse(input);
    if (BUILT_IN.some((p) => p.name.toLowerCase() === preset.name.toLowerCase())) {
      throw new StationFailure('CONFLICT', `"${preset.name}" is a built-in mapping. Save your copy under another name.`, [
        { field: 'preset.name', message: 'Use another name.' },
      ]);
    }
    await inTransaction(this.#d.db, async (tx) => {
      if (replace && replace !== preset.name) await deletePresetRow(tx, replace);
      await savePresetRow(tx, { name: preset.name, presetJson: JSON.stringify(preset), at: this.#d.clock.now() });
    });
    return this.listPresets();
  }

  async deletePreset(name: string): Promise<SavedPreset[]> {
    if (!(await deletePresetRow(this.#d.db, name))) throw new StationFailure('NOT_FOUND', `There is no saved mapping named "${name}".`);
    return this.listPresets();
  }

  // -- SKU catalogue ---------------------------------------------------------

  /** Adds or updates the file's SKUs (nothing is removed); `dryRun` only says what it would do. */
  async importCatalogue(
    file: string,
    bytes: ByteSource,
    options: { decimalSeparator: '.' | ','; dryRun?: boolean },
  ): Promise<SkuImportOutcome> {
    const read = await readSkuCatalogue(file, bytes, options);
    const outcome = { file, accepted: read.accepted, rows: read.rows, problems: read.problems };
    if (!read.accepted) return { ...outcome, added: 0, updated: 0, unchanged: 0, preview: [] };
    const compare = async (db: WritableDb) => {
      const existing = await loadSkuCatalogue(db);
      const changes = read.entries.map((entry) => {
        const before = existing.get(entry.sku);
        return !before ? ('new' as const) : sameEntry(before, entry) ? ('same' as const) : ('changed' as const);
      });
      const preview = read.entries.slice(0, SKU_PREVIEW_MAX).map((entry, i) => ({ row: read.entryRows[i]!, change: changes[i]!, entry }));
      const count = (c: 'new' | 'changed' | 'same') => changes.filter((x) => x === c).length;
      return {
        counts: { added: count('new'), updated: count('changed'), unchanged: count('same') },
        changed: read.entries.filter((_, i) => changes[i] !== 'same'),
        preview,
      };
    };
    if (options.dryRun) {
      const { counts, preview } = await compare(this.#d.db);
      return { ...outcome, ...counts, preview };
    }
    const { counts, preview } = await inTransaction(this.#d.db, async (tx) => {
      const result = await compare(tx);
      await upsertSkus(tx, result.changed, this.#d.clock.now());
      return result;
    });
    this.#d.logger.info('SKU catalogue imported', { file, ...counts });
    if (counts.added + counts.updated > 0) this.#changed();
    return { ...outcome, ...counts, preview };
  }

  listSkus(q: { search?: string | undefined; offset: number; limit: number }): Promise<{ items: SkuRow[]; total: number }> {
    return listSkus(this.#d.db, q);
  }

  async saveSku(input: z.input<typeof SkuEntrySchema>, previousSku?: string): Promise<SkuRow> {
    const entry = SkuEntrySchema.parse(input);
    const row = await inTransaction(this.#d.db, async (tx) => {
      if (previousSku !== undefined && previousSku !== entry.sku) {
        if (await getSku(tx, entry.sku)) {
          throw new StationFailure('CONFLICT', `The SKU ${entry.sku} is already in the catalogue. Edit that one instead.`, [
            { field: 'entry.sku', message: 'Use another SKU.' },
          ]);
        }
        await deleteSku(tx, previousSku);
      }
      await upsertSkus(tx, [{ ...entry, originCountry: entry.originCountry.toUpperCase() }], this.#d.clock.now());
      return (await getSku(tx, entry.sku))!;
    });
    this.#changed();
    return row;
  }

  async deleteSku(sku: string): Promise<boolean> {
    const deleted = await deleteSku(this.#d.db, sku);
    if (!deleted) throw new StationFailure('NOT_FOUND', `The SKU ${sku} is not in the catalogue.`);
    this.#changed();
    return true;
  }

  // -- All of it, for the ship plan ------------------------------------------

  async context(db: WritableDb = this.#d.db): Promise<PackContext> {
    const [catalogue, defaults, boxes, shipFrom] = [
      await loadSkuCatalogue(db),
      await this.defaults(db),
      await listBoxes(db),
      await this.listShipFrom(db),
    ];
    return {
      catalogue,
      defaults,
      boxes: new Map(boxes.map((b) => [b.id, b])),
      shipFrom: shipFrom.find((a) => a.isDefault) ?? null,
    };
  }
}

function sameEntry(a: SkuEntry, b: SkuEntry): boolean {
  return (
    a.descriptionEn === b.descriptionEn &&
    a.descriptionLocal === b.descriptionLocal &&
    a.unitWeightKg === b.unitWeightKg &&
    a.unitValue?.amount === b.unitValue?.amount &&
    a.unitValue?.currency === b.unitValue?.currency &&
    a.hsCode === b.hsCode &&
    a.originCountry === b.originCountry
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
