import { execScript } from '../types';
import type { Migration } from './types';

/**
 * PostgreSQL: the text-column sort indexes of 0130 carry their column
 * (INCLUDE), so a page of the list is found from the index alone.
 *
 * Why: PostgreSQL reads an index without the table only when every column the
 * query names is in it; an index on an expression (the ASCII-folded text) does
 * not count as holding the column, so a later page (offset 5,000–10,000)
 * fetched every skipped row from the table: 70–140 ms at 1,000,000 shipments
 * (test/bench/warehouse.bench.ts), against 10–25 ms for the activity sorts.
 * Same keys, same order: the query is unchanged.
 *
 * SQLite: nothing to change (its sort indexes are on the columns themselves).
 */
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const rebuilt = (index: string, column: string) => `
      DROP INDEX ${index};
      CREATE INDEX ${index} ON shipments ((translate(${column}, '${UPPER}', '${LOWER}') COLLATE "C") NULLS FIRST, id) INCLUDE (${column});`;

export const migration0150: Migration = {
  version: 150,
  name: 'sort-index-only',
  up: {
    sqlite: async () => {},
    postgres: (tx) =>
      execScript(
        tx,
        [
          rebuilt('shipments_tracking_sort', 'tracking_number'),
          rebuilt('shipments_order_sort', 'order_number'),
          rebuilt('shipments_recipient_sort', 'recipient_name'),
          rebuilt('shipments_destination_sort', 'destination'),
        ].join('\n'),
      ),
  },
};
