import { execScript } from '../types';
import type { Migration } from './types';

/**
 * PostgreSQL: the per-tag counts (0040) follow inserted and deleted shipments
 * once per statement instead of once per row.
 *
 * Why: a row trigger updates the same few count rows once per shipment, and
 * inside one transaction every such update leaves a row version that the
 * next one must walk past (none can be pruned before the commit), so a
 * transaction inserting n shipments costs O(n²): a 250,000-row load did not
 * finish in minutes (test/bench/warehouse.bench.ts), and moving a station of
 * 100,000 shipments in (one transaction, electron/core/warehouse/move-in.ts)
 * would have crawled the same way. A statement trigger with a transition
 * table adds each statement's rows per tag in one upsert, in tag order (the
 * same lock order as 0040's update trigger, so two stations never deadlock on
 * the count rows). A tag change stays a row trigger (0040): it is one row per
 * statement in the station's own writes, and PostgreSQL does not allow a
 * transition table on a trigger limited to one column.
 *
 * SQLite: nothing to change; its triggers update the count rows in place.
 */
export const migration0120: Migration = {
  version: 120,
  name: 'bulk-tag-counts',
  up: {
    sqlite: async () => {},
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE FUNCTION shipment_tag_counts_add_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO shipment_tag_counts (tag, n)
          SELECT tag, COUNT(*) FROM shipment_rows_added GROUP BY tag ORDER BY tag
          ON CONFLICT (tag) DO UPDATE SET n = shipment_tag_counts.n + EXCLUDED.n;
        RETURN NULL;
      END
      $$;
      CREATE FUNCTION shipment_tag_counts_remove_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE shipment_tag_counts c SET n = c.n - gone.k
          FROM (SELECT tag, COUNT(*) AS k FROM shipment_rows_removed GROUP BY tag) gone
          WHERE c.tag = gone.tag;
        RETURN NULL;
      END
      $$;
      DROP TRIGGER shipment_tag_counts_insert_delete ON shipments;
      CREATE TRIGGER shipment_tag_counts_insert AFTER INSERT ON shipments
        REFERENCING NEW TABLE AS shipment_rows_added
        FOR EACH STATEMENT EXECUTE FUNCTION shipment_tag_counts_add_rows();
      CREATE TRIGGER shipment_tag_counts_delete AFTER DELETE ON shipments
        REFERENCING OLD TABLE AS shipment_rows_removed
        FOR EACH STATEMENT EXECUTE FUNCTION shipment_tag_counts_remove_rows();
    `,
      ),
  },
};
