import type { SkuEntry } from '../../../../shared/domain/sku-catalogue';
import { sql } from 'kysely';
import type { ReadableDb, WritableDb } from '../types';

export interface SkuRow extends SkuEntry {
  updatedAt: number;
}

const COLUMNS = [
  'sku',
  'description_en as descriptionEn',
  'description_local as descriptionLocal',
  'unit_weight_kg as unitWeightKg',
  'unit_value_amount as unitValueAmount',
  'unit_value_currency as unitValueCurrency',
  'hs_code as hsCode',
  'origin_country as originCountry',
  'updated_at as updatedAt',
] as const;

interface RawSku {
  sku: string;
  descriptionEn: string;
  descriptionLocal: string;
  unitWeightKg: number | null;
  unitValueAmount: number | null;
  unitValueCurrency: string | null;
  hsCode: string;
  originCountry: string;
  updatedAt: number;
}

function fromRaw(r: RawSku): SkuRow {
  return {
    sku: r.sku,
    descriptionEn: r.descriptionEn,
    descriptionLocal: r.descriptionLocal,
    unitWeightKg: r.unitWeightKg === null ? null : Number(r.unitWeightKg),
    unitValue:
      r.unitValueAmount === null || r.unitValueCurrency === null
        ? null
        : { amount: Number(r.unitValueAmount), currency: r.unitValueCurrency },
    hsCode: r.hsCode,
    originCountry: r.originCountry,
    updatedAt: Number(r.updatedAt),
  };
}

function values(e: SkuEntry, at: number) {
  return {
    sku: e.sku,
    description_en: e.descriptionEn,
    description_local: e.descriptionLocal,
    unit_weight_kg: e.unitWeightKg,
    unit_value_amount: e.unitValue?.amount ?? null,
    unit_value_currency: e.unitValue?.currency ?? null,
    hs_code: e.hsCode,
    origin_country: e.originCountry,
    updated_at: at,
  };
}

/** The whole catalogue (a bench has thousands of SKUs, not millions): orders are checked against it in memory. */
export async function loadSkuCatalogue(db: ReadableDb): Promise<Map<string, SkuRow>> {
  const rows = await db.selectFrom('sku_catalogue').select(COLUMNS).execute();
  return new Map(rows.map((r) => [r.sku, fromRaw(r)]));
}

export async function getSku(db: ReadableDb, sku: string): Promise<SkuRow | undefined> {
  const r = await db.selectFrom('sku_catalogue').select(COLUMNS).where('sku', '=', sku).executeTakeFirst();
  return r ? fromRaw(r) : undefined;
}

/** Inserts or replaces each entry (keyed by SKU). */
export async function upsertSkus(db: WritableDb, entries: readonly SkuEntry[], at: number): Promise<void> {
  for (let i = 0; i < entries.length; i += 200) {
    const chunk = entries.slice(i, i + 200).map((e) => values(e, at));
    await db
      .insertInto('sku_catalogue')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('sku').doUpdateSet((eb) => ({
          description_en: eb.ref('excluded.description_en'),
          description_local: eb.ref('excluded.description_local'),
          unit_weight_kg: eb.ref('excluded.unit_weight_kg'),
          unit_value_amount: eb.ref('excluded.unit_value_amount'),
          unit_value_currency: eb.ref('excluded.unit_value_currency'),
          hs_code: eb.ref('excluded.hs_code'),
          origin_country: eb.ref('excluded.origin_country'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function deleteSku(db: WritableDb, sku: string): Promise<boolean> {
  const r = await db.deleteFrom('sku_catalogue').where('sku', '=', sku).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** `%`, `_` and `\` match themselves in a LIKE pattern built from packer text. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listSkus(
  db: ReadableDb,
  q: { search?: string | undefined; offset: number; limit: number },
): Promise<{ items: SkuRow[]; total: number }> {
  let query = db.selectFrom('sku_catalogue');
  if (q.search) {
    const pattern = likePattern(q.search);
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(sku)`, 'like', sql`${pattern} ESCAPE '\\'`),
        eb(sql`lower(description_en)`, 'like', sql`${pattern} ESCAPE '\\'`),
        eb(sql`lower(description_local)`, 'like', sql`${pattern} ESCAPE '\\'`),
      ]),
    );
  }
  const rows = await query.select(COLUMNS).orderBy('sku').offset(q.offset).limit(q.limit).execute();
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(fromRaw), total: Number(total.n) };
}
