import type { ReadableDb, WritableDb } from '../types';

export interface ShipFromRow {
  id: string;
  name: string;
  /** The label request's party, as saved (validated again by whoever reads it). */
  partyJson: string;
  createdAt: number;
}

const COLUMNS = ['id', 'name', 'party_json as partyJson', 'created_at as createdAt'] as const;

/** Oldest first: with no default chosen, the first is the default. */
export async function listShipFromAddresses(db: ReadableDb): Promise<ShipFromRow[]> {
  const rows = await db.selectFrom('ship_from_addresses').select(COLUMNS).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, createdAt: Number(r.createdAt) }));
}

export async function saveShipFromAddress(db: WritableDb, a: { id: string; name: string; partyJson: string; at: number }): Promise<void> {
  await db
    .insertInto('ship_from_addresses')
    .values({ id: a.id, name: a.name, party_json: a.partyJson, created_at: a.at, updated_at: a.at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: a.name, party_json: a.partyJson, updated_at: a.at }))
    .execute();
}

export async function deleteShipFromAddress(db: WritableDb, id: string): Promise<boolean> {
  const r = await db.deleteFrom('ship_from_addresses').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
