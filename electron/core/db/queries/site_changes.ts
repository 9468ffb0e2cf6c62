/**
 * What the site's stations read to learn of each other's changes
 * (warehouse mode, PostgreSQL only; migration 0160): rows changed since a
 * mark on the database's clock, and the tag changes a NOTIFY named.
 */
import { sql } from 'kysely';
import { toTag, type Tag } from '../../../../shared/domain/tags';
import type { ReadableDb } from '../types';

const DB_NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** The database's time now and the newest tag change's id: a listener's marks when it starts listening. */
export async function siteMarks(db: ReadableDb): Promise<{ now: number; lastTagChangeId: number }> {
  const { rows } = await sql<{ now: number; last: number }>`
    SELECT ${DB_NOW_MS} AS now, COALESCE((SELECT max(id) FROM status_history), 0)::bigint AS last`.execute(db);
  return { now: Number(rows[0]!.now), lastTagChangeId: Number(rows[0]!.last) };
}

/** Ids of shipments written at or after `since` (database ms), newest first, at most `limit`. */
export async function shipmentsChangedSince(db: ReadableDb, since: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('shipments')
    .select('id')
    .where('site_changed_at', '>=', since)
    .orderBy('site_changed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of orders written at or after `since` (database ms), newest first, at most `limit`. */
export async function ordersChangedSince(db: ReadableDb, since: number, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('orders').select('id').where('site_changed_at', '>=', since).orderBy('site_changed_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** A tag change with what a notification says about its shipment, and the station that made the shipment. */
export interface SiteTagChange {
  id: number;
  shipmentId: string;
  from: Tag | null;
  to: Tag;
  subtagMessage: string | null;
  at: number;
  trackingNumber: string | null;
  orderNumber: string | null;
  recipientName: string | null;
  /** Null: a shipment from before warehouse mode (moved in). */
  stationId: string | null;
}

function tagChanges(db: ReadableDb) {
  return db
    .selectFrom('status_history as h')
    .innerJoin('shipments as s', 's.id', 'h.shipment_id')
    .select([
      'h.id',
      'h.shipment_id as shipmentId',
      'h.from_tag as fromTag',
      'h.to_tag as toTag',
      'h.subtag_message as subtagMessage',
      'h.changed_at as at',
      's.tracking_number as trackingNumber',
      's.order_number as orderNumber',
      's.recipient_name as recipientName',
      's.station_id as stationId',
    ]);
}

type TagChangeRow = Omit<SiteTagChange, 'from' | 'to'> & { fromTag: string | null; toTag: string };
const toChange = ({ fromTag, toTag: to, ...r }: TagChangeRow): SiteTagChange => ({
  ...r,
  id: Number(r.id),
  from: fromTag === null ? null : toTag(fromTag),
  to: toTag(to),
});

/** The tag changes of these ids, oldest first. */
export async function tagChangesByIds(db: ReadableDb, ids: readonly number[]): Promise<SiteTagChange[]> {
  if (ids.length === 0) return [];
  return (await tagChanges(db).where('h.id', 'in', [...ids]).orderBy('h.id').execute()).map(toChange);
}

/** Tag changes after id `afterId`, oldest first, at most `limit`. */
export async function tagChangesAfter(db: ReadableDb, afterId: number, limit: number): Promise<SiteTagChange[]> {
  return (await tagChanges(db).where('h.id', '>', afterId).orderBy('h.id').limit(limit).execute()).map(toChange);
}
