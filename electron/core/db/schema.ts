/**
 * The tables as the query builder sees them: one interface per table, keyed
 * by the real (snake_case) column names, so a typo in a column or a value of
 * the wrong type is a compile error in every query module.
 *
 * Conventions that keep a second dialect (PostgreSQL, warehouse mode) possible
 * without touching the query modules:
 * - Times are epoch milliseconds, `EpochMs` (SQLite INTEGER; PostgreSQL BIGINT,
 *   which node-postgres returns as a string unless its int8 parser is set to
 *   Number: that dialect must set it, and 2^53 ms is far beyond any date we store).
 * - Counters and ids are plain `number` for the same reason (INTEGER / BIGINT).
 * - `Generated<…>` marks a column the database fills when an insert leaves it out
 *   (a default or an INTEGER PRIMARY KEY / identity column).
 * - Booleans are not stored; CHECKed TEXT enums are typed as their unions.
 * - The search index (SQLite: the FTS5 table `shipments_search`; PostgreSQL:
 *   pg_trgm indexes) is dialect-specific and reached only through `sql`
 *   fragments, so it is not part of this interface.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DocumentType } from '../../../shared/domain/printing';
import type { LabelState, Provider, ShipmentStanding } from '../../../shared/domain/shipment';

/** Milliseconds since the epoch (UTC). */
export type EpochMs = number;

export interface ShipmentsTable {
  id: string;
  provider: Provider;
  remote_id: string | null;
  tracking_number: string | null;
  order_number: string | null;
  recipient_name: string | null;
  destination: string | null;
  /** A tag name; read back through `toTag` (a newer app may write one this one does not know). */
  tag: Generated<string>;
  current_attempt: number | null;
  created_at: EpochMs;
  activity_at: EpochMs;
  /** The station that made the shipment (0100); NULL: from before warehouse mode. */
  station_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where it stands in the list (0140): kept by triggers from the current label, except `voided`. */
  standing: Generated<ShipmentStanding>;
  /** A label voided here (0140): when, why (a short reason and the packer's words) and who. */
  voided_at: ColumnType<EpochMs | null, EpochMs | null | undefined, EpochMs | null>;
  void_reason: ColumnType<string | null, string | null | undefined, string | null>;
  void_note: ColumnType<string | null, string | null | undefined, string | null>;
  voided_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** PostgreSQL only (0160): the database's time of the last write, stamped by a trigger (catch-up after a reconnect). */
  site_changed_at?: ColumnType<EpochMs | null, never, never>;
}

export interface LabelsTable {
  shipment_id: string;
  attempt: number;
  idempotency_key: string;
  request_json: string;
  state: LabelState;
  label_id: string | null;
  courier_order_number: string | null;
  courier_tracking_number: string | null;
  error_code: string | null;
  error_message: string | null;
  field_errors_json: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  /** The station that started this attempt (0100); only it resumes the label. NULL: from before warehouse mode. */
  station_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DocumentsTable {
  shipment_id: string;
  attempt: number;
  format: 'pdf' | 'png';
  url: string;
  bytes: Buffer | null;
  file_name: string | null;
  size: number;
  sha256: string;
  fetched_at: EpochMs;
}

export interface TrackingTable {
  shipment_id: string;
  provider: Provider;
  tag: string;
  subtag: string | null;
  subtag_message: string | null;
  last_checkpoint_at: EpochMs | null;
  last_news_at: EpochMs;
  last_polled_at: EpochMs | null;
  next_poll_at: EpochMs | null;
  failure_count: Generated<number>;
  last_error: string | null;
  stopped_reason: 'terminal' | 'stale' | 'not_found' | null;
}

export interface CheckpointsTable {
  id: Generated<number>;
  shipment_id: string;
  checkpoint_at: EpochMs;
  tag: string;
  subtag: string | null;
  message: string;
  location: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
}

export interface StatusHistoryTable {
  id: Generated<number>;
  shipment_id: string;
  from_tag: string | null;
  to_tag: string;
  subtag_message: string | null;
  changed_at: EpochMs;
}

export interface PrintJobsTable {
  id: Generated<number>;
  shipment_id: string;
  attempt: number;
  reason: 'auto' | 'reprint';
  outcome: 'pending' | 'printed' | 'failed' | 'interrupted';
  printer: string | null;
  error: string | null;
  requested_at: EpochMs;
  finished_at: EpochMs | null;
  /** What the job printed (0050); jobs from before are labels. */
  document: Generated<DocumentType>;
  /** The print profile it went to (0050); null for jobs from before, which did not keep it. */
  profile_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface FaDetailsTable {
  shipment_id: string;
  fa_shipment_id: string | null;
  carrier: string | null;
  service: string | null;
  estimated_delivery_at: EpochMs | null;
  delivered_at: EpochMs | null;
  recipient: string | null;
  proof_of_delivery_url: string | null;
  updated_at: EpochMs;
}

export interface FaEventsTable {
  shipment_id: string;
  event_id: string;
  event_at: EpochMs;
  provider_status: string;
  event_type: string | null;
  facility_type: string | null;
  /** REAL / DOUBLE PRECISION. */
  latitude: number | null;
  longitude: number | null;
  exception_code: string | null;
  exception_reason: string | null;
  recipient: string | null;
  proof_of_delivery_url: string | null;
}

/** Per-tag shipment counts, kept by triggers (migration 0040). */
export interface ShipmentTagCountsTable {
  tag: string;
  n: number;
}

export interface OrdersTable {
  id: string;
  source: string;
  external_id: string;
  order_number: string;
  recipient_name: string;
  destination: string;
  line_count: number;
  units: number;
  imported_json: string;
  edits_json: string | null;
  order_json: string;
  conflicts_json: string | null;
  readiness: 'new' | 'needs-attention' | 'ready';
  closed_reason: 'cancelled' | 'fulfilled' | 'restocked' | null;
  cancelled_at: string | null;
  shipment_id: string | null;
  box_id: string | null;
  /** REAL / DOUBLE PRECISION. */
  weight_kg: number | null;
  source_file: string;
  imported_at: EpochMs;
  updated_at: EpochMs;
  /** PostgreSQL only (0160): the database's time of the last write, stamped by a trigger (catch-up after a reconnect). */
  site_changed_at?: ColumnType<EpochMs | null, never, never>;
}

export interface OrderLinesTable {
  order_id: string;
  position: number;
  sku: string;
  name: string;
  quantity: number;
}

export interface SkuCatalogueTable {
  sku: string;
  description_en: string;
  description_local: string;
  unit_weight_kg: number | null;
  unit_value_amount: number | null;
  unit_value_currency: string | null;
  hs_code: string;
  origin_country: string;
  updated_at: EpochMs;
}

export interface BoxesTable {
  id: string;
  name: string;
  length_cm: number;
  width_cm: number;
  height_cm: number;
  tare_kg: number;
  /** '' when the box has none. */
  barcode: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface ShipFromAddressesTable {
  id: string;
  name: string;
  party_json: string;
  created_at: EpochMs;
  updated_at: EpochMs;
}

export interface OrderCsvPresetsTable {
  name: string;
  preset_json: string;
  updated_at: EpochMs;
}

export interface StationDefaultsTable {
  station: string;
  defaults_json: string;
  updated_at: EpochMs;
}

export interface WavesTable {
  id: string;
  station: string;
  state: 'running' | 'paused' | 'cancelled' | 'finished';
  pause_reason: 'packer' | 'printer' | 'restart' | 'created' | null;
  pause_message: string | null;
  sequence: 'order-number' | 'sku' | 'courier' | 'import';
  filter_json: string;
  created_at: EpochMs;
  updated_at: EpochMs;
  finished_at: EpochMs | null;
}

export interface WaveItemsTable {
  wave_id: string;
  position: number;
  order_id: string;
  order_number: string;
  state: 'pending' | 'buying' | 'done' | 'failed' | 'skipped';
  failure: 'label' | 'not-ready' | 'print' | 'skipped' | 'error' | null;
  shipment_id: string | null;
  error_code: string | null;
  error_message: string | null;
  field_errors_json: string | null;
  tries: Generated<number>;
  started_at: EpochMs | null;
  finished_at: EpochMs | null;
}

/** A station of the site and its heartbeat (0100; times on the database's clock). */
export interface SiteStationsTable {
  id: string;
  name: string;
  version: string;
  started_at: EpochMs;
  last_seen_at: EpochMs;
  last_poll_at: EpochMs | null;
  polls: Generated<number>;
}

/** A request holding a slot of the site's limiter (0100; ms on the database's clock, fractional). */
export interface ApiSlotsTable {
  id: Generated<number>;
  account: string;
  station_id: string;
  priority: string;
  started_at: number;
  done_at: number | null;
}

/** The packers of the site (0090); never deleted, retired instead. */
export interface PackersTable {
  id: string;
  name: string;
  /** Upper case, unique. */
  badge: string;
  retired_at: EpochMs | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** The audit log (0110): append-only, the database refuses UPDATE and DELETE. */
export interface AuditLogTable {
  id: Generated<number>;
  at: EpochMs;
  /** The station's name when it happened. */
  station: string;
  packer_id: string | null;
  /** The packer's name when it happened. */
  packer_name: string | null;
  action: string;
  order_id: string | null;
  order_number: string | null;
  shipment_id: string | null;
  tracking_number: string | null;
  reason: string | null;
  detail: string | null;
}

export interface Schema {
  shipments: ShipmentsTable;
  labels: LabelsTable;
  documents: DocumentsTable;
  tracking: TrackingTable;
  checkpoints: CheckpointsTable;
  status_history: StatusHistoryTable;
  print_jobs: PrintJobsTable;
  fa_details: FaDetailsTable;
  fa_events: FaEventsTable;
  shipment_tag_counts: ShipmentTagCountsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  sku_catalogue: SkuCatalogueTable;
  boxes: BoxesTable;
  ship_from_addresses: ShipFromAddressesTable;
  order_csv_presets: OrderCsvPresetsTable;
  station_defaults: StationDefaultsTable;
  waves: WavesTable;
  wave_items: WaveItemsTable;
  site_stations: SiteStationsTable;
  api_slots: ApiSlotsTable;
  packers: PackersTable;
  audit_log: AuditLogTable;
}
