import type { Tag } from '../../../../shared/domain/tags';
import { prepared, type ReadableDb, type WritableDb } from '../types';

export interface StatusChangeRow {
  fromTag: Tag | null;
  toTag: Tag;
  subtagMessage: string | null;
  changedAt: number;
}

export function insertStatusChange(db: WritableDb, shipmentId: string, c: StatusChangeRow): void {
  prepared<object>(
    db,
    `INSERT INTO status_history (shipment_id, from_tag, to_tag, subtag_message, changed_at)
     VALUES (@shipmentId, @fromTag, @toTag, @subtagMessage, @changedAt)`,
  ).run({ shipmentId, ...c });
}

/** Oldest first: the story of the shipment. */
export function listStatusHistory(db: ReadableDb, shipmentId: string): StatusChangeRow[] {
  return prepared<object, StatusChangeRow>(
    db,
    `SELECT from_tag AS fromTag, to_tag AS toTag, subtag_message AS subtagMessage, changed_at AS changedAt
     FROM status_history WHERE shipment_id = @shipmentId ORDER BY changed_at, id`,
  ).all({ shipmentId });
}
