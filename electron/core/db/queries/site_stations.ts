/**
 * The site's stations and their heartbeat (warehouse mode). Times are the
 * database's clock (epoch ms), so the site view compares like with like.
 */
import { sql } from 'kysely';
import type { ReadableDb, WritableDb } from '../types';

const DB_NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export interface SiteStationRow {
  id: string;
  name: string;
  version: string;
  startedAt: number;
  lastSeenAt: number;
  lastPollAt: number | null;
  polls: number;
}

/** A heartbeat: the station is alive; `polls` more polls done since the last beat. Returns the database's time. */
export async function beatStation(
  db: WritableDb,
  s: { id: string; name: string; version: string; starting: boolean; polls: number; lastPollAt: number | null },
): Promise<number> {
  const { rows } = await sql<{ now: number }>`
    INSERT INTO site_stations (id, name, version, started_at, last_seen_at, last_poll_at, polls)
    VALUES (${s.id}, ${s.name}, ${s.version}, ${DB_NOW_MS}, ${DB_NOW_MS}, ${s.lastPollAt}, ${s.polls})
    ON CONFLICT (id) DO UPDATE SET
      name = excluded.name,
      version = excluded.version,
      started_at = CASE WHEN ${s.starting ? 1 : 0} = 1 THEN excluded.started_at ELSE site_stations.started_at END,
      last_seen_at = excluded.last_seen_at,
      last_poll_at = COALESCE(excluded.last_poll_at, site_stations.last_poll_at),
      polls = site_stations.polls + excluded.polls
    RETURNING last_seen_at AS now`.execute(db);
  return Number(rows[0]!.now);
}

export async function listSiteStations(db: ReadableDb): Promise<{ now: number; stations: SiteStationRow[] }> {
  const { rows } = await sql<{ now: number }>`SELECT ${DB_NOW_MS} AS now`.execute(db);
  const stations = await db
    .selectFrom('site_stations')
    .select([
      'id',
      'name',
      'version',
      'started_at as startedAt',
      'last_seen_at as lastSeenAt',
      'last_poll_at as lastPollAt',
      'polls',
    ])
    .orderBy('name')
    .orderBy('id')
    .execute();
  return { now: Number(rows[0]!.now), stations };
}
