import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Makes the list fast at 100,000 shipments (test/bench/engine.bench.ts):
 * - sort indexes whose column directions match the queries (activity DESC,
 *   id DESC is one backward scan of (activity, id); the 0010 indexes mixed
 *   directions and forced a sort step on every page);
 * - NOCASE indexes on tracking and order numbers, for the prefix search of
 *   one- and two-character text (trigram search needs three);
 * - per-tag counts kept by triggers, so the filter chips cost a 7-row read
 *   instead of a 100,000-row index scan on every list refresh.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'list-indexes',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      DROP INDEX shipments_activity;
      DROP INDEX shipments_tag_activity;
      CREATE INDEX shipments_activity ON shipments (activity_at, id);
      CREATE INDEX shipments_tag_activity ON shipments (tag, activity_at, id);
      CREATE INDEX shipments_created ON shipments (created_at, id);
      CREATE INDEX shipments_tracking_number ON shipments (tracking_number COLLATE NOCASE);
      CREATE INDEX shipments_order_number ON shipments (order_number COLLATE NOCASE);

      CREATE TABLE shipment_tag_counts (tag TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0)) STRICT;
      INSERT INTO shipment_tag_counts (tag, n) SELECT tag, COUNT(*) FROM shipments GROUP BY tag;
      CREATE TRIGGER shipment_tag_counts_insert AFTER INSERT ON shipments BEGIN
        INSERT INTO shipment_tag_counts (tag, n) VALUES (new.tag, 1) ON CONFLICT (tag) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER shipment_tag_counts_delete AFTER DELETE ON shipments BEGIN
        UPDATE shipment_tag_counts SET n = n - 1 WHERE tag = old.tag;
      END;
      CREATE TRIGGER shipment_tag_counts_update AFTER UPDATE OF tag ON shipments WHEN old.tag IS NOT new.tag BEGIN
        UPDATE shipment_tag_counts SET n = n - 1 WHERE tag = old.tag;
        INSERT INTO shipment_tag_counts (tag, n) VALUES (new.tag, 1) ON CONFLICT (tag) DO UPDATE SET n = n + 1;
      END;
    `,
      ),
  },
};
