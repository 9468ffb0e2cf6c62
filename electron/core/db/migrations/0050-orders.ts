import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Scan to ship (issue 12): imported orders and what labels need that orders
 * do not carry.
 *
 * - `orders` is keyed by (source, external id). The file's last word
 *   (`imported_json`) and the packer's corrections (`edits_json`, each with the
 *   file value it replaced) are kept apart, so a re-import can tell a change
 *   in the file from a local edit; `order_json` is the two merged, what ships.
 *   `readiness` (new / needs-attention / ready) is the status before any
 *   label; labelled, printed and cancelled-after-labelling come from the
 *   linked shipment's label, so they can never disagree with it.
 * - `order_lines` repeats each order's lines for search by SKU.
 * - `sku_catalogue`, `boxes`, `ship_from_addresses`, `order_csv_presets`:
 *   per site (warehouse mode shares them); `station_defaults`: one row per
 *   station (courier, product, label format, default box and ship-from,
 *   rules, watched folder).
 *
 * PostgreSQL: the same tables; ids and keys in the C collation (byte order, as
 * SQLite compares), case-insensitive lookups on lower(…) with text_pattern_ops.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'orders',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        external_id TEXT NOT NULL,
        order_number TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        destination TEXT NOT NULL,
        line_count INTEGER NOT NULL,
        units INTEGER NOT NULL,
        imported_json TEXT NOT NULL,
        edits_json TEXT,
        order_json TEXT NOT NULL,
        conflicts_json TEXT,
        readiness TEXT NOT NULL CHECK (readiness IN ('new', 'needs-attention', 'ready')),
        closed_reason TEXT CHECK (closed_reason IN ('cancelled', 'fulfilled', 'restocked')),
        cancelled_at TEXT,
        shipment_id TEXT REFERENCES shipments (id),
        box_id TEXT,
        weight_kg REAL,
        source_file TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (source, external_id)
      ) STRICT;
      CREATE INDEX orders_order_number ON orders (order_number COLLATE NOCASE);
      CREATE INDEX orders_shipment ON orders (shipment_id);
      CREATE INDEX orders_imported ON orders (imported_at, id);

      CREATE TABLE order_lines (
        order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        sku TEXT NOT NULL,
        name TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        PRIMARY KEY (order_id, position)
      ) STRICT;
      CREATE INDEX order_lines_sku ON order_lines (sku COLLATE NOCASE);

      CREATE TABLE sku_catalogue (
        sku TEXT PRIMARY KEY,
        description_en TEXT NOT NULL,
        description_local TEXT NOT NULL,
        unit_weight_kg REAL,
        unit_value_amount REAL,
        unit_value_currency TEXT,
        hs_code TEXT NOT NULL,
        origin_country TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((unit_value_amount IS NULL) = (unit_value_currency IS NULL))
      ) STRICT;

      CREATE TABLE boxes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        length_cm REAL NOT NULL,
        width_cm REAL NOT NULL,
        height_cm REAL NOT NULL,
        tare_kg REAL NOT NULL,
        barcode TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX boxes_barcode ON boxes (barcode) WHERE barcode <> '';

      CREATE TABLE ship_from_addresses (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        party_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE order_csv_presets (
        name TEXT PRIMARY KEY,
        preset_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE station_defaults (
        station TEXT PRIMARY KEY,
        defaults_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE orders (
        id TEXT COLLATE "C" PRIMARY KEY,
        source TEXT COLLATE "C" NOT NULL,
        external_id TEXT COLLATE "C" NOT NULL,
        order_number TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        destination TEXT NOT NULL,
        line_count INTEGER NOT NULL,
        units INTEGER NOT NULL,
        imported_json TEXT NOT NULL,
        edits_json TEXT,
        order_json TEXT NOT NULL,
        conflicts_json TEXT,
        readiness TEXT NOT NULL CHECK (readiness IN ('new', 'needs-attention', 'ready')),
        closed_reason TEXT CHECK (closed_reason IN ('cancelled', 'fulfilled', 'restocked')),
        cancelled_at TEXT,
        shipment_id TEXT COLLATE "C" REFERENCES shipments (id),
        box_id TEXT COLLATE "C",
        weight_kg DOUBLE PRECISION,
        source_file TEXT NOT NULL,
        imported_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (source, external_id)
      );
      CREATE INDEX orders_order_number ON orders (lower(order_number) text_pattern_ops);
      CREATE INDEX orders_shipment ON orders (shipment_id);
      CREATE INDEX orders_imported ON orders (imported_at, id);

      CREATE TABLE order_lines (
        order_id TEXT COLLATE "C" NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        sku TEXT NOT NULL,
        name TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        PRIMARY KEY (order_id, position)
      );
      CREATE INDEX order_lines_sku ON order_lines (lower(sku) text_pattern_ops);

      CREATE TABLE sku_catalogue (
        sku TEXT COLLATE "C" PRIMARY KEY,
        description_en TEXT NOT NULL,
        description_local TEXT NOT NULL,
        unit_weight_kg DOUBLE PRECISION,
        unit_value_amount DOUBLE PRECISION,
        unit_value_currency TEXT,
        hs_code TEXT NOT NULL,
        origin_country TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        CHECK ((unit_value_amount IS NULL) = (unit_value_currency IS NULL))
      );

      CREATE TABLE boxes (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        length_cm DOUBLE PRECISION NOT NULL,
        width_cm DOUBLE PRECISION NOT NULL,
        height_cm DOUBLE PRECISION NOT NULL,
        tare_kg DOUBLE PRECISION NOT NULL,
        barcode TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX boxes_barcode ON boxes (barcode) WHERE barcode <> '';

      CREATE TABLE ship_from_addresses (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        party_json TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE order_csv_presets (
        name TEXT COLLATE "C" PRIMARY KEY,
        preset_json TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE station_defaults (
        station TEXT COLLATE "C" PRIMARY KEY,
        defaults_json TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
      ),
  },
};
