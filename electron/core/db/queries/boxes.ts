import type { SavedBox } from '../../../../shared/domain/packing';
import type { ReadableDb, WritableDb } from '../types';

const COLUMNS = ['id', 'name', 'length_cm as length', 'width_cm as width', 'height_cm as height', 'tare_kg as tareKg', 'barcode'] as const;

function fromRaw(r: {
  id: string;
  name: string;
  length: number;
  width: number;
  height: number;
  tareKg: number;
  barcode: string;
}): SavedBox {
  return {
    id: r.id,
    name: r.name,
    innerCm: { length: Number(r.length), width: Number(r.width), height: Number(r.height) },
    tareKg: Number(r.tareKg),
    barcode: r.barcode,
  };
}

export async function listBoxes(db: ReadableDb): Promise<SavedBox[]> {
  const rows = await db.selectFrom('boxes').select(COLUMNS).orderBy('name').execute();
  return rows.map(fromRaw);
}

export async function getBox(db: ReadableDb, id: string): Promise<SavedBox | undefined> {
  const r = await db.selectFrom('boxes').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? fromRaw(r) : undefined;
}

/** The box whose shelf barcode this is (case-insensitive, as scans are), if any. */
export async function findBoxByBarcode(db: ReadableDb, barcode: string): Promise<SavedBox | undefined> {
  if (barcode.trim() === '') return undefined;
  const rows = await db.selectFrom('boxes').select(COLUMNS).where('barcode', '<>', '').execute();
  const wanted = barcode.trim().toUpperCase();
  const hit = rows.find((r) => r.barcode.toUpperCase() === wanted);
  return hit ? fromRaw(hit) : undefined;
}

/** Another box with this name or barcode, if any (names and barcodes are unique on the shelf). */
export async function findBoxClash(db: ReadableDb, box: { id: string; name: string; barcode: string }): Promise<SavedBox | undefined> {
  const rows = await db.selectFrom('boxes').select(COLUMNS).where('id', '<>', box.id).execute();
  const hit = rows.find(
    (r) => r.name.toLowerCase() === box.name.toLowerCase() || (box.barcode !== '' && r.barcode.toUpperCase() === box.barcode.toUpperCase()),
  );
  return hit ? fromRaw(hit) : undefined;
}

export async function saveBox(db: WritableDb, box: SavedBox, at: number): Promise<void> {
  const values = {
    name: box.name,
    length_cm: box.innerCm.length,
    width_cm: box.innerCm.width,
    height_cm: box.innerCm.height,
    tare_kg: box.tareKg,
    barcode: box.barcode,
    updated_at: at,
  };
  await db
    .insertInto('boxes')
    .values({ id: box.id, ...values, created_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function deleteBox(db: WritableDb, id: string): Promise<boolean> {
  const r = await db.deleteFrom('boxes').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
