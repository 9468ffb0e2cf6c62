import { toTag, type Tag } from '../../../../shared/domain/tags';
import type { ReadableDb, WritableDb } from '../types';

export interface StatusChangeRow {
  fromTag: Tag | null;
  toTag: Tag;
  subtagMessage: string | null;
  changedAt: number;
}

export async function insertStatusChange(db: WritableDb, shipmentId: string, c: StatusChangeRow): Promise<void> {
  await db
    .insertInto('status_history')
    .values({ shipment_id: shipmentId, from_tag: c.fromTag, to_tag: c.toTag, subtag_message: c.subtagMessage, changed_at: c.changedAt })
    .execute();
}

/** Oldest first: the story of the shipment. Tags are re-validated (a newer app may have written one this one does not know). */
export async function listStatusHistory(db: ReadableDb, shipmentId: string): Promise<StatusChangeRow[]> {
  const rows = await db
    .selectFrom('status_history')
    .select(['from_tag as fromTag', 'to_tag as toTag', 'subtag_message as subtagMessage', 'changed_at as changedAt'])
    .where('shipment_id', '=', shipmentId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, fromTag: r.fromTag === null ? null : toTag(r.fromTag), toTag: toTag(r.toTag) }));
}
