/**
 * The per-tag counts (the list's filter chips and, on PostgreSQL, its total)
 * follow shipments inserted and deleted many rows a statement, in one
 * transaction, as a move-in or a bulk load writes them (migration 0120), and
 * single-row tag changes still move them between tags.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countShipmentsByTag, listShipments, setShipmentTag } from '../../../electron/core/db/queries/shipments';
import { inTransaction } from '../../../electron/core/db/types';
import { TAGS } from '../../../shared/domain/tags';
import { testDialects } from '../../helpers/dialects';
import { tempDb, type TempDb } from '../tracking/seed';

const ROWS = 1_200;
const PER_STATEMENT = 400;

describe.each(await testDialects())('per-tag counts under bulk writes (%s)', (dialect) => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb(dialect);
  });
  afterEach(() => t.dispose());

  it('counts many rows a statement in one transaction, then deletes and tag changes', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: `b${String(i).padStart(5, '0')}`,
      provider: 'flexforward' as const,
      tag: TAGS[i % TAGS.length]!,
      created_at: 1_000 + i,
      activity_at: 1_000 + i,
    }));
    await inTransaction(t.db, async (tx) => {
      for (let i = 0; i < ROWS; i += PER_STATEMENT)
        await tx
          .insertInto('shipments')
          .values(rows.slice(i, i + PER_STATEMENT))
          .execute();
    });
    const expected = (list: typeof rows) => Object.fromEntries(TAGS.map((tag) => [tag, list.filter((r) => r.tag === tag).length]));
    let counts = await countShipmentsByTag(t.db);
    expect(counts.total).toBe(ROWS);
    expect(counts.byTag).toEqual(expected(rows));
    expect((await listShipments(t.db, { sort: 'activity_desc', offset: 0, limit: 10 })).total).toBe(ROWS);

    // One statement deletes a third of them.
    await t.db
      .deleteFrom('shipments')
      .where(sql<boolean>`created_at % 3 = 0`)
      .execute();
    const kept = rows.filter((r) => r.created_at % 3 !== 0);
    counts = await countShipmentsByTag(t.db);
    expect(counts.total).toBe(kept.length);
    expect(counts.byTag).toEqual(expected(kept));

    const moved = kept[0]!;
    await setShipmentTag(t.db, { id: moved.id, tag: 'Delivered', trackingNumber: null, at: 5_000 });
    const after = kept.map((r) => (r.id === moved.id ? { ...r, tag: 'Delivered' as const } : r));
    expect((await countShipmentsByTag(t.db)).byTag).toEqual(expected(after));
    expect((await listShipments(t.db, { sort: 'activity_desc', offset: 0, limit: 10, tag: 'Delivered' })).total).toBe(
      after.filter((r) => r.tag === 'Delivered').length,
    );
  });
});
