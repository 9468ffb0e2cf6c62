import { execScript } from '../types';
import type { Migration } from './types';

/**
 * The list sorts by any column it shows (issue 11): tracking number, order
 * number, recipient, destination and status, each both ways, its first page
 * a walk of one index at 100,000 shipments (test/bench/engine.bench.ts).
 *
 * One order on both dialects: text case-insensitively by its ASCII letters
 * (SQLite's NOCASE), otherwise byte by byte; empty values first going up,
 * last going down (SQLite's NULL order); ties by id. PostgreSQL gets it from
 * an ASCII-only lower case (`translate`, as NOCASE folds) in the C collation,
 * whatever the database's locale, and from NULLS FIRST indexes (read
 * backwards for the descending order). Status sorts by tag in byte order,
 * then last activity.
 *
 * SQLite: the tracking and order number indexes of the short prefix search
 * (0040) take the id as their second column and serve both, so a new
 * shipment pays for two more indexes, not four.
 */
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const folded = (column: string) => `(translate(${column}, '${UPPER}', '${LOWER}') COLLATE "C") NULLS FIRST`;

export const migration0130: Migration = {
  version: 130,
  name: 'list-sorts',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      DROP INDEX shipments_tracking_number;
      DROP INDEX shipments_order_number;
      CREATE INDEX shipments_tracking_number ON shipments (tracking_number COLLATE NOCASE, id);
      CREATE INDEX shipments_order_number ON shipments (order_number COLLATE NOCASE, id);
      CREATE INDEX shipments_recipient_sort ON shipments (recipient_name COLLATE NOCASE, id);
      CREATE INDEX shipments_destination_sort ON shipments (destination COLLATE NOCASE, id);
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE INDEX shipments_tracking_sort ON shipments (${folded('tracking_number')}, id);
      CREATE INDEX shipments_order_sort ON shipments (${folded('order_number')}, id);
      CREATE INDEX shipments_recipient_sort ON shipments (${folded('recipient_name')}, id);
      CREATE INDEX shipments_destination_sort ON shipments (${folded('destination')}, id);
      CREATE INDEX shipments_status_sort ON shipments ((tag COLLATE "C"), activity_at, id);
    `,
      ),
  },
};
