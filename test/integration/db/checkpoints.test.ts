import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCheckpoints, listCheckpoints, type CheckpointRow } from '../../../electron/core/db/queries/checkpoints';
import { testDialects } from '../../helpers/dialects';
import { seedShipment, tempDb, type TempDb } from '../tracking/seed';

const checkpoint = (i: number): CheckpointRow => ({
  checkpointAt: 1_000 + i,
  tag: 'InTransit',
  subtag: null,
  message: `scan ${i}`,
  location: null,
  city: 'Los Angeles',
  state: null,
  country: 'US',
});

describe.each(await testDialects())('checkpoints (%s)', (dialect) => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb(dialect);
    await seedShipment(t.db, { id: 'a', at: 1, nextPollAt: 2 });
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('stores a history longer than one statement takes, and counts only what is new when it comes again', async () => {
    const history = Array.from({ length: 1_201 }, (_, i) => checkpoint(i));
    expect(await insertCheckpoints(t.db, 'a', history.slice(0, 1_200))).toBe(1_200);
    // The API repeats the whole history on every poll: one new event, counted once.
    expect(await insertCheckpoints(t.db, 'a', history)).toBe(1);
    const stored = await listCheckpoints(t.db, 'a');
    expect(stored).toHaveLength(1_201);
    expect(stored[0]).toMatchObject({ message: 'scan 1200', checkpointAt: 2_200 });
  });
});
