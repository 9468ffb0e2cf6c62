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
 *
 * PostgreSQL: the same indexes, the short prefix search on lower(…) with
 * text_pattern_ops (a left-anchored LIKE uses it whatever the locale), and the
 * per-tag counts kept by one trigger function. A tag change locks both count
 * rows in one UPDATE, in key order, so two stations moving shipments between
 * the same two tags in opposite directions never deadlock.
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
    postgres: (tx) =>
      execScript(
        tx,
        `
      DROP INDEX shipments_activity;
      DROP INDEX shipments_tag_activity;
      CREATE INDEX shipments_activity ON shipments (activity_at, id);
      CREATE INDEX shipments_tag_activity ON shipments (tag, activity_at, id);
      CREATE INDEX shipments_created ON shipments (created_at, id);
      CREATE INDEX shipments_tracking_number ON shipments (lower(tracking_number) text_pattern_ops);
      CREATE INDEX shipments_order_number ON shipments (lower(order_number) text_pattern_ops);

      CREATE TABLE shipment_tag_counts (tag TEXT PRIMARY KEY, n BIGINT NOT NULL CHECK (n >= 0));
      INSERT INTO shipment_tag_counts (tag, n) SELECT tag, COUNT(*) FROM shipments GROUP BY tag;
      CREATE FUNCTION shipment_tag_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO shipment_tag_counts (tag, n) VALUES (NEW.tag, 1)
            ON CONFLICT (tag) DO UPDATE SET n = shipment_tag_counts.n + 1;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE shipment_tag_counts SET n = n - 1 WHERE tag = OLD.tag;
        ELSE
          INSERT INTO shipment_tag_counts (tag, n) VALUES (NEW.tag, 0) ON CONFLICT (tag) DO NOTHING;
          UPDATE shipment_tag_counts SET n = n + CASE WHEN tag = NEW.tag THEN 1 ELSE -1 END
            WHERE tag IN (OLD.tag, NEW.tag);
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER shipment_tag_counts_insert_delete AFTER INSERT OR DELETE ON shipments
        FOR EACH ROW EXECUTE FUNCTION shipment_tag_counts_follow();
      CREATE TRIGGER shipment_tag_counts_update AFTER UPDATE OF tag ON shipments
        FOR EACH ROW WHEN (OLD.tag IS DISTINCT FROM NEW.tag) EXECUTE FUNCTION shipment_tag_counts_follow();
    `,
      ),
  },
};
