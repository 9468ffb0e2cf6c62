import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Warehouse mode (issue 15): several stations on one database.
 *
 * - `labels.station_id`, `shipments.station_id`: the station that started the
 *   label attempt / made the shipment. Only that station resumes and prints an
 *   unfinished label after a restart (an admin's take-over moves it); a
 *   station's notifications are about its own shipments. NULL: a row from
 *   before this step (a SQLite station's own history, which it resumes).
 * - `site_stations`: one row per station, its heartbeat (`last_seen_at`, on the
 *   database's clock), for the site view and for knowing who is alive.
 * - `api_slots`: the site's rate limiter per API account (api/site-limiter.ts):
 *   one row per request held in the window, stamped on the database's clock
 *   (station clocks disagree). Times are ms since the epoch with sub-ms
 *   precision (DOUBLE PRECISION / REAL), as the limiter's proof needs.
 *
 * Both dialects get every table (the SQLite station never writes the last two).
 */
export const migration0100: Migration = {
  version: 100,
  name: 'warehouse-stations',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      ALTER TABLE labels ADD COLUMN station_id TEXT;
      ALTER TABLE shipments ADD COLUMN station_id TEXT;
      CREATE TABLE site_stations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        last_poll_at INTEGER,
        polls INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE api_slots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account TEXT NOT NULL,
        station_id TEXT NOT NULL,
        priority TEXT NOT NULL,
        started_at REAL NOT NULL,
        done_at REAL
      ) STRICT;
      CREATE INDEX api_slots_account ON api_slots (account, started_at);
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      ALTER TABLE labels ADD COLUMN station_id TEXT COLLATE "C";
      ALTER TABLE shipments ADD COLUMN station_id TEXT COLLATE "C";
      CREATE TABLE site_stations (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        last_poll_at BIGINT,
        polls BIGINT NOT NULL DEFAULT 0
      );
      CREATE TABLE api_slots (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account TEXT COLLATE "C" NOT NULL,
        station_id TEXT COLLATE "C" NOT NULL,
        priority TEXT NOT NULL,
        started_at DOUBLE PRECISION NOT NULL,
        done_at DOUBLE PRECISION
      );
      CREATE INDEX api_slots_account ON api_slots (account, started_at);
    `,
      ),
  },
};
