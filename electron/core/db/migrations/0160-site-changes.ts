import { execScript } from '../types';
import type { Migration } from './types';

/**
 * PostgreSQL: the site's stations learn of each other's changes (issue 15).
 *
 * - `site_changed_at` on shipments and orders: stamped by a row trigger with
 *   the database's clock_timestamp() on every insert and update, whoever
 *   writes (a station, the move-in command, an admin's SQL), so a station
 *   whose listening connection was cut catches up with "rows changed since
 *   my mark" on one clock, not on the writers' disagreeing station clocks
 *   (updated_at/activity_at stay the station's own, as the list shows them).
 * - A statement trigger on shipments, orders and status_history sends one
 *   NOTIFY per statement on the channel `shipping_station_changes`:
 *   {"k": kind, "by": application_name, "at": db ms, "ids": [...] or null}.
 *   Triggers rather than the writing code: every writer is covered, and the
 *   NOTIFY is sent on commit only (a rolled-back change is never announced),
 *   inside the same transaction as the change. More than SITE_NOTIFY_MAX_IDS
 *   rows in one statement (a bulk load) send ids null: listeners catch up by
 *   `site_changed_at` instead (a NOTIFY payload must stay under 8,000 bytes).
 *   INSERT and UPDATE are separate triggers: a transition table belongs to a
 *   trigger of one event.
 *
 * SQLite: nothing; a station on its own file has no one to tell.
 */
const SITE_NOTIFY_MAX_IDS = 100;

export const migration0160: Migration = {
  version: 160,
  name: 'site-changes',
  up: {
    sqlite: async () => {},
    postgres: (tx) =>
      execScript(
        tx,
        `
      ALTER TABLE shipments ADD COLUMN site_changed_at BIGINT;
      ALTER TABLE orders ADD COLUMN site_changed_at BIGINT;
      CREATE INDEX shipments_site_changed ON shipments (site_changed_at);
      CREATE INDEX orders_site_changed ON orders (site_changed_at);

      CREATE FUNCTION site_stamp_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.site_changed_at := (extract(epoch from clock_timestamp()) * 1000)::bigint;
        RETURN NEW;
      END
      $$;
      CREATE TRIGGER shipments_site_stamp BEFORE INSERT OR UPDATE ON shipments
        FOR EACH ROW EXECUTE FUNCTION site_stamp_changed();
      CREATE TRIGGER orders_site_stamp BEFORE INSERT OR UPDATE ON orders
        FOR EACH ROW EXECUTE FUNCTION site_stamp_changed();

      -- TG_ARGV[0]: the kind of rows (shipments, orders, tags). The transition table is named site_rows on every trigger.
      CREATE FUNCTION site_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        n integer;
        ids jsonb;
      BEGIN
        SELECT count(*), jsonb_agg(id) INTO n, ids FROM (SELECT id FROM site_rows LIMIT ${SITE_NOTIFY_MAX_IDS + 1}) r;
        IF n = 0 THEN
          RETURN NULL;
        END IF;
        PERFORM pg_notify('shipping_station_changes', json_build_object(
          'k', TG_ARGV[0],
          'by', current_setting('application_name'),
          'at', (extract(epoch from clock_timestamp()) * 1000)::bigint,
          'ids', CASE WHEN n > ${SITE_NOTIFY_MAX_IDS} THEN NULL ELSE ids END)::text);
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER shipments_site_notify_insert AFTER INSERT ON shipments REFERENCING NEW TABLE AS site_rows
        FOR EACH STATEMENT EXECUTE FUNCTION site_notify_changed('shipments');
      CREATE TRIGGER shipments_site_notify_update AFTER UPDATE ON shipments REFERENCING NEW TABLE AS site_rows
        FOR EACH STATEMENT EXECUTE FUNCTION site_notify_changed('shipments');
      CREATE TRIGGER orders_site_notify_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS site_rows
        FOR EACH STATEMENT EXECUTE FUNCTION site_notify_changed('orders');
      CREATE TRIGGER orders_site_notify_update AFTER UPDATE ON orders REFERENCING NEW TABLE AS site_rows
        FOR EACH STATEMENT EXECUTE FUNCTION site_notify_changed('orders');
      CREATE TRIGGER status_history_site_notify AFTER INSERT ON status_history REFERENCING NEW TABLE AS site_rows
        FOR EACH STATEMENT EXECUTE FUNCTION site_notify_changed('tags');
    `,
      ),
  },
};
