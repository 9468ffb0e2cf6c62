import { execScript } from '../types';
import type { Migration } from './types';

/**
 * SQLite: the list filtered by a tag chip reads active shipments only (0140 added `standing = 'active'` to it),
 * so the (tag, activity_at, id) index no longer answers it alone: every row under the tag was fetched from the
 * table to check its standing, for the total and for each row skipped by the offset (p95 29 ms at 100,000
 * shipments in test/bench/engine.bench.ts, goal 10 ms). A partial index of the active rows answers both from the
 * index; the list's query names `standing = 'active'` literally, which is what lets SQLite use it.
 *
 * PostgreSQL: nothing to change. Its total comes from the per-tag counts and its page from the sort index
 * (test/bench/warehouse.bench.ts: 4 ms at 1,000,000).
 */
export const migration0180: Migration = {
  version: 180,
  name: 'active-tag-index',
  up: {
    sqlite: (tx) =>
      execScript(tx, `CREATE INDEX shipments_active_tag_activity ON shipments (tag, activity_at, id) WHERE standing = 'active';`),
    postgres: async () => {},
  },
};
