import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Waves (issue 13): a persisted list of orders in a chosen sequence, each
 * labelled through the one label workflow.
 *
 * - `waves`: one row per wave, its state (running, paused with a reason,
 *   cancelled, finished), the sequence and filter it was made from.
 * - `wave_items`: the orders in sequence (`position`). `shipment_id` is
 *   written in the transaction that saves the item's shipment and its
 *   idempotency key, before any request: a wave killed mid-label finds the
 *   item in flight at the next start and finishes that same label (same key).
 *   The failure reason (code, message, the fields the API named) stays with
 *   the item until it is retried.
 *
 * PostgreSQL: the same tables; ids in the C collation, as in 0050.
 */
export const migration0070: Migration = {
  version: 70,
  name: 'waves',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE waves (
        id TEXT PRIMARY KEY,
        station TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'cancelled', 'finished')),
        pause_reason TEXT CHECK (pause_reason IN ('packer', 'printer', 'restart', 'created')),
        pause_message TEXT,
        sequence TEXT NOT NULL CHECK (sequence IN ('order-number', 'sku', 'courier', 'import')),
        filter_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX waves_created ON waves (created_at, id);

      CREATE TABLE wave_items (
        wave_id TEXT NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        order_id TEXT NOT NULL REFERENCES orders (id),
        order_number TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'buying', 'done', 'failed', 'skipped')),
        failure TEXT CHECK (failure IN ('label', 'not-ready', 'print', 'skipped', 'error')),
        shipment_id TEXT REFERENCES shipments (id),
        error_code TEXT,
        error_message TEXT,
        field_errors_json TEXT,
        tries INTEGER NOT NULL DEFAULT 0,
        started_at INTEGER,
        finished_at INTEGER,
        PRIMARY KEY (wave_id, position),
        UNIQUE (wave_id, order_id)
      ) STRICT;
      CREATE INDEX wave_items_state ON wave_items (wave_id, state, position);
      CREATE INDEX wave_items_order ON wave_items (order_id);
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE waves (
        id TEXT COLLATE "C" PRIMARY KEY,
        station TEXT COLLATE "C" NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'cancelled', 'finished')),
        pause_reason TEXT CHECK (pause_reason IN ('packer', 'printer', 'restart', 'created')),
        pause_message TEXT,
        sequence TEXT NOT NULL CHECK (sequence IN ('order-number', 'sku', 'courier', 'import')),
        filter_json TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        finished_at BIGINT
      );
      CREATE INDEX waves_created ON waves (created_at, id);

      CREATE TABLE wave_items (
        wave_id TEXT COLLATE "C" NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        order_id TEXT COLLATE "C" NOT NULL REFERENCES orders (id),
        order_number TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'buying', 'done', 'failed', 'skipped')),
        failure TEXT CHECK (failure IN ('label', 'not-ready', 'print', 'skipped', 'error')),
        shipment_id TEXT COLLATE "C" REFERENCES shipments (id),
        error_code TEXT,
        error_message TEXT,
        field_errors_json TEXT,
        tries INTEGER NOT NULL DEFAULT 0,
        started_at BIGINT,
        finished_at BIGINT,
        PRIMARY KEY (wave_id, position),
        UNIQUE (wave_id, order_id)
      );
      CREATE INDEX wave_items_state ON wave_items (wave_id, state, position);
      CREATE INDEX wave_items_order ON wave_items (order_id);
    `,
      ),
  },
};
