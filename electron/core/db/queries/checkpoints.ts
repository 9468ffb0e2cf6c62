import { prepared, type ReadableDb, type WritableDb } from '../types';

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
export function insertCheckpoints(db: WritableDb, shipmentId: string, checkpoints: readonly CheckpointRow[]): number {
  const insert = prepared<object>(
    db,
    `INSERT INTO checkpoints (shipment_id, checkpoint_at, tag, subtag, message, location, city, state, country)
     VALUES (@shipmentId, @checkpointAt, @tag, @subtag, @message, @location, @city, @state, @country)
     ON CONFLICT (shipment_id, checkpoint_at, tag, message) DO NOTHING`,
  );
  let added = 0;
  for (const c of checkpoints) added += insert.run({ shipmentId, ...c }).changes;
  return added;
}

/**
 * Newest first, as the detail view shows them. Sorted here by time rather
 * than kept in arrival order: the guides say the API sends newest first, the
 * Japanese spec only says "time-ordered" (gap 10), so we rely on neither.
 */
export function listCheckpoints(db: ReadableDb, shipmentId: string): CheckpointRow[] {
  return prepared<object, CheckpointRow>(
    db,
    `SELECT checkpoint_at AS checkpointAt, tag, subtag, message, location, city, state, country
     FROM checkpoints WHERE shipment_id = @shipmentId ORDER BY checkpoint_at DESC, id DESC`,
  ).all({ shipmentId });
}
