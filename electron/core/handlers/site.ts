/**
 * Warehouse mode's admin entry (Settings' connection and "Test connection"
 * are in ./warehouse-settings.ts): the site view (the stations
 * on the warehouse database, who polls, the database's reachability and lag).
 */
import type { SiteView } from '../../../shared/domain/warehouse';
import type { Handlers } from '../invoke';
import { listSiteStations } from '../db/queries/site_stations';
import type { ReadableDb } from '../db/types';
import { STATION_GONE_AFTER_MS, type SiteHealth } from '../site/membership';

/** A station that polled within this long takes part in the site's polling now. */
const POLLING_WITHIN_MS = 60_000;

export interface SiteHandlerDeps {
  db: ReadableDb;
  stationId: string;
  location: string;
  /** Warehouse mode: the membership's health; null on SQLite. */
  health: () => SiteHealth | null;
}

export function siteHandlers(deps: SiteHandlerDeps): Pick<Handlers, 'site:view'> {
  return {
    'site:view': async (): Promise<SiteView> => {
      const health = deps.health();
      const base = {
        location: deps.location,
        thisStationId: deps.stationId,
        clockOffsetMs: health?.clockOffsetMs ?? null,
        lagMs: health?.lagMs ?? null,
      };
      if (!health) return { ...base, mode: 'sqlite', reachable: true, message: null, stations: [] };
      if (!health.reachable) return { ...base, mode: 'warehouse', reachable: false, message: health.message, stations: [] };
      const { now, stations } = await listSiteStations(deps.db);
      const iso = (ms: number) => new Date(ms).toISOString();
      return {
        ...base,
        mode: 'warehouse',
        reachable: true,
        message: null,
        stations: stations.map((s) => ({
          id: s.id,
          name: s.name,
          version: s.version,
          startedAt: iso(s.startedAt),
          lastSeenAt: iso(s.lastSeenAt),
          connected: now - s.lastSeenAt <= STATION_GONE_AFTER_MS,
          polls: s.polls,
          lastPollAt: s.lastPollAt === null ? null : iso(s.lastPollAt),
          polling: now - s.lastSeenAt <= STATION_GONE_AFTER_MS && s.lastPollAt !== null && now - s.lastPollAt <= POLLING_WITHIN_MS,
        })),
      };
    },
  };
}
