/**
 * The one contract between the renderer and the main process. Preload (IPC),
 * the main process's handlers and browser mode (HTTP) are all typed from and
 * validated against this file. Channels are named `domain:verb`.
 *
 * To add an entry: add it to `contract`, implement it in
 * electron/core/handlers/<domain>.ts, and add the method to the preload.
 * The type checker refuses a missing handler or preload method, and
 * test/unit/contract.test.ts refuses an extra one.
 */
import { z } from 'zod';
import { MoveInReportSchema } from './domain/move-in';
import type { Result } from './result';
import { strictDeep } from './strict-schema';
import { AppStatusSchema } from './domain/app';
import { FittedDocumentSchema, PrinterSchema, PrintProfileDraftSchema, PrintProfilesViewSchema, PrintSentSchema } from './domain/printing';
import {
  DiagnosticsSchema,
  LogsFolderSchema,
  SetApiTokenArgsSchema,
  SetFlashAmericasCredentialsArgsSchema,
  SettingsPatchSchema,
  SettingsViewSchema,
} from './domain/settings';
import { ShipmentPageSchema, ShipmentQuerySchema, ShipmentSummarySchema, VoidArgsSchema, VoidRecordSchema } from './domain/shipment';
import { TrackShipmentArgsSchema } from './domain/track';
import { LabelCreateArgsSchema, LabelRequestSchema } from './domain/label-request';
import { PrinterStatusViewSchema } from './domain/printer-status';
import {
  LabelCreateResultSchema,
  LabelDocumentSchema,
  LabelProgressSchema,
  PrintJobViewSchema,
  ShipmentCountsSchema,
  ShipmentDetailSchema,
  TrackingRefreshResultSchema,
  TrackingStatusSchema,
} from './domain/shipment-detail';
import { TagSchema } from './domain/tags';
import { NotificationFactsSchema } from './domain/notification-facts';
import { CourierOptionSchema, ProductOptionSchema, ProductQuerySchema } from './domain/catalog';
import {
  ImportArgsSchema,
  ImportOutcomeSchema,
  OrderDetailSchema,
  OrderPageSchema,
  OrderQuerySchema,
  OrderUpdateArgsSchema,
  PresetListSchema,
  PreviewArgsSchema,
  PreviewOutcomeSchema,
  ScanArgsSchema,
  ScanResolutionSchema,
  ShipArgsSchema,
  ShipResultSchema,
  SkuEntryViewSchema,
  SkuImportArgsSchema,
  SkuImportOutcomeSchema,
  SkuPageSchema,
  SkuQuerySchema,
  UploadArgsSchema,
} from './domain/order-desk';
import { OrderCsvPresetSchema } from './domain/order-csv-presets';
import {
  BoxDraftSchema,
  SavedBoxSchema,
  ShipFromAddressSchema,
  ShipFromDraftSchema,
  StationDefaultsPatchSchema,
  StationDefaultsSchema,
} from './domain/packing';
import { SkuEntrySchema } from './domain/sku-catalogue';
import {
  WaveCreateArgsSchema,
  WaveIdArgsSchema,
  WavePreviewArgsSchema,
  WavePreviewSchema,
  WaveRetryArgsSchema,
  WaveSummarySchema,
  WaveViewSchema,
} from './domain/waves';
import { PackerDraftSchema, PackersViewSchema } from './domain/packers';
import {
  EndOfDayDocumentArgsSchema,
  EndOfDayFileSchema,
  EndOfDayPrintArgsSchema,
  EndOfDayPrintedSchema,
  EndOfDayRangeSchema,
  EndOfDayViewSchema,
} from './domain/end-of-day';
import {
  SaveWarehouseSettingsArgsSchema,
  SiteViewSchema,
  WarehouseConnectionArgsSchema,
  WarehouseConnectionTestSchema,
  WarehouseSettingsViewSchema,
} from './domain/warehouse';
import { AuditExportArgsSchema, AuditExportSchema, AuditPageSchema, AuditQuerySchema, ReprintReasonSchema } from './domain/audit';

export interface ContractEntry {
  args: z.ZodType;
  result: z.ZodType;
}

const NoArgs = z.void();

/**
 * Every entry's arguments strict at every nesting level (see ./strict-schema):
 * the domain schemas stay tolerant for stored settings, the contract refuses
 * an unknown key wherever it appears.
 */
function withStrictArgs<C extends Record<string, ContractEntry>>(entries: C): C {
  return Object.fromEntries(Object.entries(entries).map(([channel, entry]) => [channel, { ...entry, args: strictDeep(entry.args) }])) as C;
}

export const contract = withStrictArgs({
  'app:status': { args: NoArgs, result: AppStatusSchema },
  'settings:get': { args: NoArgs, result: SettingsViewSchema },
  /** Any subset of the settings, each field validated; switching environment emits `app:statusChanged`. */
  'settings:update': { args: SettingsPatchSchema, result: SettingsViewSchema },
  /** Write-only: the token is stored encrypted where the OS allows and never comes back. `null` removes it. */
  'settings:setApiToken': { args: SetApiTokenArgsSchema, result: SettingsViewSchema },
  /**
   * Write-only Flash Americas API key and webhook secret, stored like the API token; `null` removes one, an absent field
   * is left as it is. UNAVAILABLE while the matching FLASHAMERICAS_* environment variable is set (it wins).
   */
  'settings:setFlashAmericasCredentials': { args: SetFlashAmericasCredentialsArgsSchema, result: SettingsViewSchema },
  /** Opens the log folder in the file manager (desktop only; UNAVAILABLE in browser mode). */
  'app:openLogsFolder': { args: NoArgs, result: LogsFolderSchema },
  /** Support text without secrets; the desktop app also puts it on the clipboard. */
  'app:copyDiagnostics': { args: NoArgs, result: DiagnosticsSchema },
  'shipments:list': { args: ShipmentQuerySchema, result: ShipmentPageSchema },
  /** One shipment with its label attempts, tracking, checkpoints (newest first), history, print jobs and document facts. */
  'shipments:get': { args: z.object({ id: z.string().min(1) }).strict(), result: ShipmentDetailSchema },
  /** Shipments per tag, for the filter chips. */
  'shipments:counts': { args: NoArgs, result: ShipmentCountsSchema },
  /** Tracks a shipment booked elsewhere (Flash Americas) by its number; it joins the list. Tracking it again returns the same row. */
  'shipments:track': { args: TrackShipmentArgsSchema, result: ShipmentSummarySchema },
  /**
   * Validates with the form's schema, saves the shipment before any network call, then creates, fetches and prints.
   * With auto-print on, the label printer is checked first: a printer reporting a fault is PRINTER_NOT_READY and
   * nothing is bought, unless `confirm.printLater` (then the label is bought and left unprinted for a reprint).
   */
  'labels:create': { args: LabelCreateArgsSchema, result: LabelCreateResultSchema },
  /**
   * A refused label (courier rejection `failed`, or the API's 400 `invalid`): a new attempt with a new idempotency
   * key on the same shipment, made from `request` (the corrected form, validated with the form's schema) when
   * given, else from the stored request; the refused attempt is kept. An unfinished one: resumes it (CONFLICT
   * with a `request`: its key was already sent with the old one).
   */
  'labels:retry': {
    args: z.object({ shipmentId: z.string().min(1), request: LabelRequestSchema.optional() }).strict(),
    result: LabelCreateResultSchema,
  },
  /**
   * Prints the label again. `reason` goes to the audit log: the packer's pick from REPRINT_REASONS when reprinting
   * from a button, `rescan` for a scan or the REPRINT command barcode (nobody is asked then).
   */
  'labels:reprint': {
    args: z.object({ shipmentId: z.string().min(1), reason: ReprintReasonSchema.optional() }).strict(),
    result: PrintJobViewSchema,
  },
  /**
   * "Mark as void" for a label made by mistake. Recorded here only, with who (the packer on duty, else the
   * station's name), why and when: Flex Forward has no cancel, so the courier is NOT told and the packer must
   * void it with the courier too. Polling stops; the shipment leaves the active counts. CONFLICT when there is no
   * bought label or it is already voided.
   */
  'labels:void': { args: VoidArgsSchema, result: VoidRecordSchema },
  /**
   * Admin (warehouse mode): another station's unfinished label moves to this station, which finishes it with the
   * same idempotency key (no second label is bought) and prints it here.
   */
  'labels:takeOver': { args: z.object({ shipmentId: z.string().min(1) }).strict(), result: LabelCreateResultSchema },
  /** Settings, warehouse database: tries the given connection (nothing written) and says what it found or what to fix. */
  'warehouse:testConnection': { args: WarehouseConnectionArgsSchema, result: WarehouseConnectionTestSchema },
  /** Settings › Warehouse: the saved connection (never the password: only whether one is kept), this run's database, restart needed. */
  'warehouse:settings': { args: NoArgs, result: WarehouseSettingsViewSchema },
  /** Saves the connection for the next start; the password is write-only, kept like the API token (absent: keep it). */
  'warehouse:saveSettings': { args: SaveWarehouseSettingsArgsSchema, result: WarehouseSettingsViewSchema },
  /** Admin: the site's stations (connected, polling), the warehouse database's reachability and lag as this station sees it. */
  'site:view': { args: NoArgs, result: SiteViewSchema },
  /** The stored label document, for the preview. */
  'labels:document': { args: z.object({ shipmentId: z.string().min(1) }).strict(), result: LabelDocumentSchema },
  /** The stored label fitted for a print profile (the default one when none is named): what will print, page by page. */
  'labels:fitted': {
    args: z.object({ shipmentId: z.string().min(1), profileId: z.string().min(1).optional() }).strict(),
    result: FittedDocumentSchema,
  },
  /** Polls one shipment now (ahead of background polls); within 15 min of the last poll only when `force`. */
  'tracking:refresh': {
    args: z.object({ id: z.string().min(1), force: z.boolean().default(false) }).strict(),
    result: TrackingRefreshResultSchema,
  },
  'tracking:pause': { args: NoArgs, result: TrackingStatusSchema },
  'tracking:resume': { args: NoArgs, result: TrackingStatusSchema },
  'tracking:status': { args: NoArgs, result: TrackingStatusSchema },
  /** Printers the platform reports (CUPS on macOS/Linux, the Windows spooler), with default and state. */
  'printers:list': { args: NoArgs, result: z.array(PrinterSchema) },
  /**
   * What the printer behind a profile (the default one when none is named) says now: ready, busy, or its faults
   * (paper out, head open, queue stopped, not responding…). A network printer busy with a job is not asked; its last
   * answer comes back marked busy.
   */
  'printers:status': {
    args: z
      .object({ profileId: z.string().min(1).optional() })
      .strict()
      .optional(),
    result: PrinterStatusViewSchema,
  },
  /** Prints the test page (ruler, barcode, printer name) through a profile; a failure is a PRINTER error. */
  'printers:testPrint': { args: z.object({ profileId: z.string().min(1) }), result: PrintSentSchema },
  'printProfiles:list': { args: NoArgs, result: PrintProfilesViewSchema },
  /** Creates (no id) or replaces a profile; `makeDefault` also makes it the default. */
  'printProfiles:save': {
    args: z.object({ profile: PrintProfileDraftSchema, makeDefault: z.boolean().default(false) }),
    result: PrintProfilesViewSchema,
  },
  'printProfiles:delete': { args: z.object({ profileId: z.string().min(1) }), result: PrintProfilesViewSchema },
  /** Couriers enabled for the account (GET /couriers), for the form's courier select. */
  'catalog:couriers': { args: NoArgs, result: z.array(CourierOptionSchema) },
  /** Shipping products (GET /products) of one courier, or of all when none is given. */
  'catalog:products': { args: ProductQuerySchema, result: z.array(ProductOptionSchema) },
  // -- Scan to ship (issue 12) -------------------------------------------------
  /**
   * A piece of a file too large for one call (browser mode takes 1 MB per call): pieces append in order, a piece
   * sent again is taken once; the upload id then names the file in `orders:import`, `orders:preview` or `skus:import`.
   */
  'imports:upload': { args: UploadArgsSchema, result: z.object({ uploadId: z.string(), size: z.number().int() }) },
  /** Reads an order file (Shopify export, mapped CSV, JSON) and stores its orders idempotently; nothing goes to the API. */
  'orders:import': { args: ImportArgsSchema, result: ImportOutcomeSchema },
  /** The first orders as they will be read, and the report so far; nothing is stored. */
  'orders:preview': { args: PreviewArgsSchema, result: PreviewOutcomeSchema },
  /** Orders by status (new, needs attention, ready, labelled, printed, cancelled after labelling, closed), search, paging; with per-status counts. */
  'orders:list': { args: OrderQuerySchema, result: OrderPageSchema },
  /** One order with what its label would be made from and what is missing; `boxId`/`weightKg` preview the bench's choice. */
  'orders:get': {
    args: z.object({ id: z.string().min(1), boxId: z.string().min(1).optional(), weightKg: z.number().positive().max(1000).optional() }).strict(),
    result: OrderDetailSchema,
  },
  /** The packer's corrections (kept apart from the file's values), fields given back to the file, box and typed weight. */
  'orders:update': { args: OrderUpdateArgsSchema, result: OrderDetailSchema },
  /**
   * Creates and prints the order's label through the label workflow (with its packing slip where set up). NOT_READY
   * with `fields` when something is missing; CONFLICT when it already has a label ("scan REPRINT") or must not ship.
   */
  'orders:ship': { args: ShipArgsSchema, result: ShipResultSchema },
  /** The command barcodes sheet (%SHIP, %NEXT, %CANCEL, %REPRINT) as a PDF, in the packer's language. */
  'orders:commandSheet': {
    args: z.object({ paper: z.enum(['A4', 'Letter', '4x6in']).default('A4') }).strict().default({ paper: 'A4' }),
    result: z.object({ fileName: z.string(), base64: z.string() }),
  },
  /** What a scan means: a command, a box, an imported order (and what to do with it), a shipment, or nothing. */
  'scan:resolve': { args: ScanArgsSchema, result: ScanResolutionSchema },
  /** Column mappings: the built-in ones (Shopify's export, two spreadsheet templates) and the saved ones. */
  'orderPresets:list': { args: NoArgs, result: PresetListSchema },
  /** Saves a mapping under its name (`replace`: the name it had, when renamed). */
  'orderPresets:save': {
    args: z.object({ preset: OrderCsvPresetSchema, replace: z.string().trim().min(1).max(60).optional() }).strict(),
    result: PresetListSchema,
  },
  'orderPresets:delete': { args: z.object({ name: z.string().min(1) }).strict(), result: PresetListSchema },
  /** Reads a SKU catalogue CSV and adds or updates its SKUs (nothing is removed). */
  'skus:import': { args: SkuImportArgsSchema, result: SkuImportOutcomeSchema },
  'skus:list': { args: SkuQuerySchema, result: SkuPageSchema },
  /** Adds or changes one SKU (`previousSku` when the SKU itself was renamed). */
  'skus:save': {
    args: z.object({ entry: SkuEntrySchema, previousSku: z.string().min(1).optional() }).strict(),
    result: SkuEntryViewSchema,
  },
  'skus:delete': { args: z.object({ sku: z.string().min(1) }).strict(), result: z.object({ deleted: z.boolean() }) },
  'boxes:list': { args: NoArgs, result: z.array(SavedBoxSchema) },
  /** Creates (no id) or replaces a box; names and barcodes are unique. */
  'boxes:save': { args: z.object({ box: BoxDraftSchema }).strict(), result: z.array(SavedBoxSchema) },
  'boxes:delete': { args: z.object({ id: z.string().min(1) }).strict(), result: z.array(SavedBoxSchema) },
  /** Ship-from addresses, this station's default marked. */
  'shipFrom:list': { args: NoArgs, result: z.array(ShipFromAddressSchema) },
  'shipFrom:save': { args: z.object({ address: ShipFromDraftSchema }).strict(), result: z.array(ShipFromAddressSchema) },
  'shipFrom:delete': { args: z.object({ id: z.string().min(1) }).strict(), result: z.array(ShipFromAddressSchema) },
  /** This station's courier, product, label format, default box, ship on scan, rules and watched folder. */
  'stationDefaults:get': { args: NoArgs, result: StationDefaultsSchema },
  'stationDefaults:update': { args: StationDefaultsPatchSchema, result: StationDefaultsSchema },
  // -- Waves (issue 13) ----------------------------------------------------------
  /** The ready orders a wave of this filter would take, in this sequence, and the couriers and countries to filter by. */
  'waves:preview': { args: WavePreviewArgsSchema, result: WavePreviewSchema },
  /** Saves a wave of the ready orders the filter finds (less `exclude`) in sequence, and starts it unless `start: false`. */
  'waves:create': { args: WaveCreateArgsSchema, result: WaveViewSchema },
  /** The newest waves first, with their counts. */
  'waves:list': { args: NoArgs, result: z.array(WaveSummarySchema) },
  /** One wave: counts, time left, why it is paused, and its failures with their reasons and fields. */
  'waves:get': { args: WaveIdArgsSchema, result: WaveViewSchema },
  /** Stops before the next label (labels in flight finish). */
  'waves:pause': { args: WaveIdArgsSchema, result: WaveViewSchema },
  /** Runs again from where it stopped (a print held for the printer is printed again first). */
  'waves:resume': { args: WaveIdArgsSchema, result: WaveViewSchema },
  /** Stops before the next label for good; labels already bought stay. */
  'waves:cancel': { args: WaveIdArgsSchema, result: WaveViewSchema },
  /** Failed items (all, or `positions`) tried again together, each order first corrected with `fixes`. */
  'waves:retry': { args: WaveRetryArgsSchema, result: WaveViewSchema },
  // -- Who packed what (issue 13) --------------------------------------------------
  /** Every packer (active first) and the one on duty at this station. */
  'packers:list': { args: NoArgs, result: PackersViewSchema },
  /** Adds a packer (no id; a badge code is made up when none is given) or renames one / changes their badge. */
  'packers:save': { args: z.object({ packer: PackerDraftSchema }).strict(), result: PackersViewSchema },
  /** Retires a packer (kept in the history, their badge refused, off duty) or brings one back. */
  'packers:retire': { args: z.object({ id: z.string().min(1), retired: z.boolean() }).strict(), result: PackersViewSchema },
  /** Starts a shift at this station with a packer from the list, or ends it (`null`). A badge scan does the same through `scan:resolve`. */
  'packers:setOnDuty': { args: z.object({ id: z.string().min(1).nullable() }).strict(), result: PackersViewSchema },
  /** The badge sheet (each active packer's name and badge barcode, or those in `ids`) as a PDF, in the packer's language. */
  'packers:badgeSheet': {
    args: z
      .object({ paper: z.enum(['A4', 'Letter', '4x6in']).default('A4'), ids: z.array(z.string().min(1)).max(500).optional() })
      .strict()
      .default({ paper: 'A4' }),
    result: z.object({ fileName: z.string(), base64: z.string() }),
  },
  /**
   * The audit log, newest first: imports, labels created, prints and reprints (with why), voids, retries,
   * cancellations, setting changes and shifts, each with time, station and packer. `orderId` gives an order's
   * entries and its shipment's; `shipmentId` a shipment's and its order's.
   */
  'audit:list': { args: AuditQuerySchema.default({ limit: 100 }), result: AuditPageSchema },
  /** Every audit entry of a range, oldest first, as CSV (UTF-8 with BOM, times with the station's UTC offset). */
  'audit:export': { args: AuditExportArgsSchema, result: AuditExportSchema },
  /**
   * End of day for a range (a day, a shift): labels created per courier (voided ones left out) with parcels, weight
   * and tracking numbers, and labels per packer.
   */
  'endOfDay:view': { args: EndOfDayRangeSchema, result: EndOfDayViewSchema },
  /** The courier handover list (for the driver to sign) or the per-packer count, as PDF (on `paper`) or CSV. */
  'endOfDay:file': { args: EndOfDayDocumentArgsSchema, result: EndOfDayFileSchema },
  /** Prints the handover list or the per-packer count on the profile that takes reports (else the label profile). */
  'endOfDay:print': { args: EndOfDayPrintArgsSchema, result: EndOfDayPrintedSchema },
  /**
   * Moves this station's SQLite history into the warehouse database (Settings): its unfinished labels first
   * (finished, or left for a reprint once bought and fetched; one that cannot be finished stops it and nothing is
   * copied), then every table, matched by key: running it again copies nothing new. UNAVAILABLE without a warehouse
   * database set.
   */
  'warehouse:moveIn': { args: NoArgs, result: MoveInReportSchema },
} as const satisfies Record<`${string}:${string}`, ContractEntry>);

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller passes (defaults still optional). */
export type Args<C extends Channel> = z.input<Contract[C]['args']>;
/** What a handler receives once the schema has parsed and filled defaults. */
export type ParsedArgs<C extends Channel> = z.output<Contract[C]['args']>;
export type Value<C extends Channel> = z.output<Contract[C]['result']>;

export const CHANNELS = Object.keys(contract) as Channel[];

/** Pushes from the main process to the renderer. */
export const events = {
  /** Shipments were created or changed; the list should refresh the rows it shows. */
  'shipments:changed': z.object({ ids: z.array(z.string()) }),
  /** Each step of a label's workflow (creating, fetching document, printing, done/failed), for the form's progress. */
  'labels:progress': LabelProgressSchema,
  /** The poller's state changed (paused, resumed, breaker opened or closed). */
  'tracking:statusChanged': TrackingStatusSchema,
  /** A tag change the notification rules chose to tell the packer about. */
  'tracking:notified': z.object({
    title: z.string(),
    body: z.string(),
    facts: NotificationFactsSchema,
    shipmentId: z.string().nullable(),
    tag: TagSchema.nullable(),
  }),
  /** The desktop shell asks the window to show a screen (a clicked notification or tray item). */
  'app:navigate': z.discriminatedUnion('view', [
    z.object({ view: z.literal('shipment'), id: z.string() }),
    z.object({ view: z.literal('shipments') }),
    z.object({ view: z.literal('settings') }),
  ]),
  /** Settings were changed (by this or another window); `fields` names them. */
  'settings:changed': z.object({ fields: z.array(z.string()) }),
  /** A fresh answer from a label printer (a status check, the check before a label, a job it reported on). */
  'printers:status': PrinterStatusViewSchema,
  /** Something in the app status (environment, poller, printer) changed. */
  'app:statusChanged': z.object({}),
  /** Orders were imported, edited, labelled or re-checked; the list should refresh the rows it shows. */
  'orders:changed': z.object({ ids: z.array(z.string()) }),
  /** The packers list or the packer on duty at this station changed (a badge scan, the list, Settings). */
  'packers:changed': PackersViewSchema,
  /** A wave's progress or state changed (a label done or failed, paused, resumed, finished). */
  'waves:progress': WaveSummarySchema,
  /** The watched folder took a file: where it went and what it held. */
  'orders:fileImported': z.object({
    file: z.string(),
    result: z.enum(['processed', 'failed']),
    path: z.string(),
    imported: z.number().int(),
    summary: z.string(),
  }),
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type StationEvent = { [E in EventName]: { type: E; payload: EventPayload<E> } }[EventName];
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const StationEventSchema = z.object({ type: z.enum(EVENT_NAMES as [EventName, ...EventName[]]), payload: z.unknown() });

/** `shipments:list` → `shipmentsList`: the name of a contract entry's method on the bridge. */
export type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never;
export function methodName<C extends Channel>(channel: C): MethodName<C> {
  const [domain, verb] = channel.split(':') as [string, string];
  return `${domain}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}

export type StationMethods = {
  [C in Channel as MethodName<C>]: (...args: undefined extends Args<C> ? [args?: Args<C>] : [args: Args<C>]) => Promise<Result<Value<C>>>;
};

/** The renderer's whole view of the main process: one method per entry, plus the event subscription. */
export type StationApi = StationMethods & {
  /** Listen for pushes; returns the function that stops listening. */
  subscribe(listener: (event: StationEvent) => void): () => void;
};
