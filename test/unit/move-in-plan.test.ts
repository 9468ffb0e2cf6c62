/**
 * Moving a station in copies every table of the schema, or says why not: a
 * table added by a later step that the plan forgets would be history left
 * behind in the station's file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openShipmentDb } from '../../electron/core/db/open';
import { COPY_PLAN, NOT_COPIED } from '../../electron/core/warehouse/move-in';

describe('move-in plan', () => {
  it('names every table of a migrated station file, parents before children', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-plan-'));
    const station = await openShipmentDb(dir);
    try {
      const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'
        AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'shipments_search%' ORDER BY name`.execute(station.db);
      const planned = [...COPY_PLAN.map((p) => p.table), ...Object.keys(NOT_COPIED)].sort();
      expect(planned).toEqual(rows.map((r) => r.name));
      // Each table's foreign keys point at tables copied before it (so the rows they name are there).
      const seen = new Set<string>();
      for (const plan of COPY_PLAN) {
        const { rows: fks } = await sql<{
          table: string;
          from: string;
        }>`SELECT "table", "from" FROM pragma_foreign_key_list(${plan.table})`.execute(station.db);
        for (const fk of fks) {
          expect(seen.has(fk.table), `${plan.table}.${fk.from} → ${fk.table}`).toBe(true);
          expect(
            plan.parents?.some((p) => p.column === fk.from && p.table === fk.table),
            `${plan.table}.${fk.from} listed as a parent`,
          ).toBe(true);
        }
        seen.add(plan.table);
      }
    } finally {
      await station.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
