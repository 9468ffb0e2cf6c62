import type { Packer } from '../../../../shared/domain/packers';
import type { ReadableDb, WritableDb } from '../types';

const COLUMNS = ['id', 'name', 'badge', 'retired_at as retiredAt'] as const;

function fromRaw(r: { id: string; name: string; badge: string; retiredAt: number | null }): Packer {
  return { id: r.id, name: r.name, badge: r.badge, retired: r.retiredAt !== null };
}

/** Every packer: active ones first, then by name. */
export async function listPackers(db: ReadableDb): Promise<Packer[]> {
  const rows = await db.selectFrom('packers').select(COLUMNS).execute();
  return rows
    .map(fromRaw)
    .sort((a, b) => Number(a.retired) - Number(b.retired) || a.name.localeCompare(b.name) || a.badge.localeCompare(b.badge));
}

export async function getPacker(db: ReadableDb, id: string): Promise<Packer | undefined> {
  const r = await db.selectFrom('packers').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? fromRaw(r) : undefined;
}

/** The packer with this badge code (stored upper case), retired or not. */
export async function findPackerByBadge(db: ReadableDb, badge: string): Promise<Packer | undefined> {
  const r = await db.selectFrom('packers').select(COLUMNS).where('badge', '=', badge.trim().toUpperCase()).executeTakeFirst();
  return r ? fromRaw(r) : undefined;
}

export async function countPackers(db: ReadableDb): Promise<number> {
  const r = await db
    .selectFrom('packers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertPacker(db: WritableDb, p: { id: string; name: string; badge: string }, at: number): Promise<void> {
  await db
    .insertInto('packers')
    .values({ id: p.id, name: p.name, badge: p.badge, retired_at: null, created_at: at, updated_at: at })
    .execute();
}

export async function updatePacker(db: WritableDb, p: { id: string; name: string; badge: string }, at: number): Promise<boolean> {
  const r = await db.updateTable('packers').set({ name: p.name, badge: p.badge, updated_at: at }).where('id', '=', p.id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Retires (`at`) or brings back (null) a packer. */
export async function setPackerRetired(db: WritableDb, id: string, retiredAt: number | null, at: number): Promise<boolean> {
  const r = await db.updateTable('packers').set({ retired_at: retiredAt, updated_at: at }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
