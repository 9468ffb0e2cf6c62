import type { ReadableDb, WritableDb } from '../types';

export interface PresetRow {
  name: string;
  presetJson: string;
  updatedAt: number;
}

export async function listPresetRows(db: ReadableDb): Promise<PresetRow[]> {
  const rows = await db
    .selectFrom('order_csv_presets')
    .select(['name', 'preset_json as presetJson', 'updated_at as updatedAt'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...r, updatedAt: Number(r.updatedAt) }));
}

export async function getPresetRow(db: ReadableDb, name: string): Promise<PresetRow | undefined> {
  const r = await db
    .selectFrom('order_csv_presets')
    .select(['name', 'preset_json as presetJson', 'updated_at as updatedAt'])
    .where('name', '=', name)
    .executeTakeFirst();
  return r ? { ...r, updatedAt: Number(r.updatedAt) } : undefined;
}

export async function savePresetRow(db: WritableDb, p: { name: string; presetJson: string; at: number }): Promise<void> {
  await db
    .insertInto('order_csv_presets')
    .values({ name: p.name, preset_json: p.presetJson, updated_at: p.at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ preset_json: p.presetJson, updated_at: p.at }))
    .execute();
}

export async function deletePresetRow(db: WritableDb, name: string): Promise<boolean> {
  const r = await db.deleteFrom('order_csv_presets').where('name', '=', name).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
