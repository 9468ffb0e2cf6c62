import type { ReadableDb, WritableDb } from '../types';

/** The station's defaults as saved (JSON, validated again by whoever reads it), or undefined before the first save. */
export async function getStationDefaultsJson(db: ReadableDb, station: string): Promise<string | undefined> {
  const r = await db.selectFrom('station_defaults').select('defaults_json as json').where('station', '=', station).executeTakeFirst();
  return r?.json;
}

export async function saveStationDefaultsJson(db: WritableDb, station: string, json: string, at: number): Promise<void> {
  await db
    .insertInto('station_defaults')
    .values({ station, defaults_json: json, updated_at: at })
    .onConflict((oc) => oc.column('station').doUpdateSet({ defaults_json: json, updated_at: at }))
    .execute();
}
