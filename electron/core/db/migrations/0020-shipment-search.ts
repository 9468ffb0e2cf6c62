import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Substring search over tracking number, order number and recipient name.
 * A LIKE '%…%' scan reads every row; a trigram FTS5 index answers any query of
 * three or more characters from the index, kept in step by triggers.
 * Existing rows are indexed here, so an upgraded station finds old shipments.
 *
 * PostgreSQL: pg_trgm GIN indexes, one per column (an OR of the three is a
 * BitmapOr of three index scans; one index over the columns joined would
 * match text spanning two of them). ILIKE uses them, case-insensitively.
 * pg_trgm ships with PostgreSQL itself (Debian's postgresql-15 package) and
 * is a trusted extension from PostgreSQL 13: the database's owner may create
 * it without being a superuser. If the station's role does not own the
 * database, an admin runs `CREATE EXTENSION pg_trgm` in it once; then this
 * step only finds it there (README, warehouse database).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'shipment-search',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      CREATE VIRTUAL TABLE shipments_search USING fts5 (
        tracking_number, order_number, recipient_name,
        content = 'shipments', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 0'
      );
      CREATE TRIGGER shipments_search_insert AFTER INSERT ON shipments BEGIN
        INSERT INTO shipments_search (rowid, tracking_number, order_number, recipient_name)
        VALUES (new.rowid, new.tracking_number, new.order_number, new.recipient_name);
      END;
      CREATE TRIGGER shipments_search_delete AFTER DELETE ON shipments BEGIN
        INSERT INTO shipments_search (shipments_search, rowid, tracking_number, order_number, recipient_name)
        VALUES ('delete', old.rowid, old.tracking_number, old.order_number, old.recipient_name);
      END;
      CREATE TRIGGER shipments_search_update AFTER UPDATE OF tracking_number, order_number, recipient_name ON shipments BEGIN
        INSERT INTO shipments_search (shipments_search, rowid, tracking_number, order_number, recipient_name)
        VALUES ('delete', old.rowid, old.tracking_number, old.order_number, old.recipient_name);
        INSERT INTO shipments_search (rowid, tracking_number, order_number, recipient_name)
        VALUES (new.rowid, new.tracking_number, new.order_number, new.recipient_name);
      END;
      INSERT INTO shipments_search (shipments_search) VALUES ('rebuild');
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX shipments_search_tracking ON shipments USING gin (tracking_number gin_trgm_ops);
      CREATE INDEX shipments_search_order ON shipments USING gin (order_number gin_trgm_ops);
      CREATE INDEX shipments_search_recipient ON shipments USING gin (recipient_name gin_trgm_ops);
    `,
      ),
  },
};
