import type { ReadableDb, WritableDb } from '../types';

export interface CheckpointRow {
  checkpointAt: number;
  tag: string;
  subtag: string | null;
  message: string;
  location: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
}

/**
 * Stores the checkpoints not seen before and returns how many were new. The
 * API repeats the whole history on every poll; (time, tag, message) identifies
 * an event, so repeats are ignored by the unique index.
 */
export async function insertCheckpoints(db: WritableDb, shipmentId: string, checkpoints: readonly CheckpointRow[]): Promise<number> {
  let added = 0;
  // A statement per chunk, not per row (the count of rows it inserted is what was new); chunks keep
  // a long history under the bound-parameter limits (SQLite 32,766, PostgreSQL 65,535).
  for (let i = 0; i < checkpoints.length; i += CHECKPOINTS_PER_STATEMENT) {
    added += await insertChunk(db, shipmentId, checkpoints.slice(i, i + CHECKPOINTS_PER_STATEMENT));
  }
  return added;
}

const CHECKPOINTS_PER_STATEMENT = 500;

async function insertChunk(db: WritableDb, shipmentId: string, checkpoints: readonly CheckpointRow[]): Promise<number> {
  const r = await db
    .insertInto('checkpoints')
    .values(
      checkpoints.map((c) => ({
        shipment_id: shipmentId,
        checkpoint_at: c.checkpointAt,
        tag: c.tag,
        subtag: c.subtag,
        message: c.message,
        location: c.location,
        city: c.city,
        state: c.state,
        country: c.country,
      })),
    )
    .onConflict((oc) => oc.columns(['shipment_id', 'checkpoint_at', 'tag', 'message']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Newest first, as the detail view shows them. Sorted here by time rather
 * than kept in arrival order: the guides say the API sends newest first, the
 * Japanese spec only says "time-ordered" (gap 10), so we rely on neither.
 */
export async function listCheckpoints(db: ReadableDb, shipmentId: string): Promise<CheckpointRow[]> {
  return db
    .selectFrom('checkpoints')
    .select(['checkpoint_at as checkpointAt', 'tag', 'subtag', 'message', 'location', 'city', 'state', 'country'])
    .where('shipment_id', '=', shipmentId)
    .orderBy('checkpoint_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
