/**
 * Waves and their items (migration 0070). An item's tracking number and label
 * state are read from its shipment's current label, so the wave never
 * disagrees with the label itself.
 */
import { sql } from 'kysely';
import type { FieldError } from '../../../../shared/result';
import type { WaveFailure, WaveItemState, WavePauseReason, WaveSequence, WaveState } from '../../../../shared/domain/waves';
import type { LabelState } from '../../../../shared/domain/shipment';
import { withSnapshot, type ReadableDb, type WritableDb } from '../types';

/** Items written per statement (PostgreSQL takes at most 65,535 bound values in one). */
const INSERT_CHUNK = 500;

export interface WaveRow {
  id: string;
  station: string;
  state: WaveState;
  pauseReason: WavePauseReason | null;
  pauseMessage: string | null;
  sequence: WaveSequence;
  filterJson: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface WaveItemRow {
  waveId: string;
  position: number;
  orderId: string;
  orderNumber: string;
  state: WaveItemState;
  failure: WaveFailure | null;
  shipmentId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  fieldErrors: FieldError[];
  tries: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** From the shipment's current label. */
  labelState: LabelState | null;
  trackingNumber: string | null;
}

const WAVE_COLUMNS = [
  'id',
  'station',
  'state',
  'pause_reason as pauseReason',
  'pause_message as pauseMessage',
  'sequence',
  'filter_json as filterJson',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'finished_at as finishedAt',
] as const;

function toWave(r: WaveRow): WaveRow {
  return { ...r, createdAt: Number(r.createdAt), updatedAt: Number(r.updatedAt), finishedAt: r.finishedAt === null ? null : Number(r.finishedAt) };
}

export async function insertWave(
  db: WritableDb,
  w: { id: string; station: string; state: WaveState; pauseReason: WavePauseReason | null; sequence: WaveSequence; filterJson: string; at: number },
  items: readonly { orderId: string; orderNumber: string }[],
): Promise<void> {
  await db
    .insertInto('waves')
    .values({
      id: w.id,
      station: w.station,
      state: w.state,
      pause_reason: w.pauseReason,
      pause_message: null,
      sequence: w.sequence,
      filter_json: w.filterJson,
      created_at: w.at,
      updated_at: w.at,
      finished_at: null,
    })
    .execute();
  for (let i = 0; i < items.length; i += INSERT_CHUNK) {
    await db
      .insertInto('wave_items')
      .values(
        items.slice(i, i + INSERT_CHUNK).map((item, j) => ({
          wave_id: w.id,
          position: i + j,
          order_id: item.orderId,
          order_number: item.orderNumber,
          state: 'pending' as const,
          failure: null,
          shipment_id: null,
          error_code: null,
          error_message: null,
          field_errors_json: null,
          started_at: null,
          finished_at: null,
        })),
      )
      .execute();
  }
}

export async function getWave(db: ReadableDb, id: string): Promise<WaveRow | undefined> {
  const r = await db.selectFrom('waves').select(WAVE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toWave(r) : undefined;
}

/** The newest waves first. */
export async function listWaves(db: ReadableDb, limit: number): Promise<WaveRow[]> {
  const rows = await db.selectFrom('waves').select(WAVE_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toWave);
}

/** Waves in this state (`running` at start-up: the ones a crash or a quit cut off). */
export async function listWavesInState(db: ReadableDb, state: WaveState): Promise<WaveRow[]> {
  const rows = await db.selectFrom('waves').select(WAVE_COLUMNS).where('state', '=', state).orderBy('created_at').orderBy('id').execute();
  return rows.map(toWave);
}

export async function setWaveState(
  db: WritableDb,
  id: string,
  s: { state: WaveState; pauseReason: WavePauseReason | null; pauseMessage: string | null; at: number },
): Promise<void> {
  await db
    .updateTable('waves')
    .set({
      state: s.state,
      pause_reason: s.pauseReason,
      pause_message: s.pauseMessage,
      updated_at: s.at,
      ...(s.state === 'finished' || s.state === 'cancelled' ? { finished_at: s.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}

const ITEM_SELECT = sql`wi.wave_id AS "waveId", wi.position, wi.order_id AS "orderId", wi.order_number AS "orderNumber", wi.state,
  wi.failure, wi.shipment_id AS "shipmentId", wi.error_code AS "errorCode", wi.error_message AS "errorMessage",
  wi.field_errors_json AS "fieldErrorsJson", wi.tries, wi.started_at AS "startedAt", wi.finished_at AS "finishedAt",
  l.state AS "labelState", s.tracking_number AS "trackingNumber"
  FROM wave_items wi
  LEFT JOIN shipments s ON s.id = wi.shipment_id
  LEFT JOIN labels l ON l.shipment_id = s.id AND l.attempt = s.current_attempt`;

type RawItem = Omit<WaveItemRow, 'fieldErrors'> & { fieldErrorsJson: string | null };

function toItem(r: RawItem): WaveItemRow {
  const { fieldErrorsJson, ...rest } = r;
  return {
    ...rest,
    position: Number(r.position),
    tries: Number(r.tries),
    startedAt: r.startedAt === null ? null : Number(r.startedAt),
    finishedAt: r.finishedAt === null ? null : Number(r.finishedAt),
    fieldErrors: fieldErrorsJson ? (JSON.parse(fieldErrorsJson) as FieldError[]) : [],
  };
}

export async function getWaveItem(db: ReadableDb, waveId: string, position: number): Promise<WaveItemRow | undefined> {
  const { rows } = await sql<RawItem>`SELECT ${ITEM_SELECT} WHERE wi.wave_id = ${waveId} AND wi.position = ${position}`.execute(db);
  return rows[0] ? toItem(rows[0]) : undefined;
}

/** Items of a wave in some states, in sequence, from a position on. */
export async function listWaveItems(
  db: ReadableDb,
  waveId: string,
  q: { states: readonly WaveItemState[]; fromPosition?: number; limit: number },
): Promise<WaveItemRow[]> {
  if (q.states.length === 0) return [];
  const { rows } = await sql<RawItem>`SELECT ${ITEM_SELECT}
    WHERE wi.wave_id = ${waveId} AND wi.state IN (${sql.join(q.states)}) AND wi.position >= ${q.fromPosition ?? 0}
    ORDER BY wi.position LIMIT ${q.limit}`.execute(db);
  return rows.map(toItem);
}

/** Items being bought in any wave (start-up: each is either not begun, or has its shipment and key saved). */
export async function listBuyingItems(db: ReadableDb): Promise<WaveItemRow[]> {
  const { rows } = await sql<RawItem>`SELECT ${ITEM_SELECT} WHERE wi.state = 'buying' ORDER BY wi.wave_id, wi.position`.execute(db);
  return rows.map(toItem);
}

export type WaveItemCounts = Record<WaveItemState, number>;

export async function countWaveItems(db: ReadableDb, waveId: string): Promise<WaveItemCounts> {
  const rows = await db
    .selectFrom('wave_items')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('wave_id', '=', waveId)
    .groupBy('state')
    .execute();
  const counts: WaveItemCounts = { pending: 0, buying: 0, done: 0, failed: 0, skipped: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

/** When the last `limit` items of a wave finished (done or failed), newest first: the pace for time left. */
export async function recentFinishes(db: ReadableDb, waveId: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('wave_items')
    .select('finished_at as at')
    .where('wave_id', '=', waveId)
    .where('finished_at', 'is not', null)
    .where('state', 'in', ['done', 'failed'])
    .orderBy('finished_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.at));
}

/** Counts, the failures and the item in flight, at one instant. */
export async function readWaveProgress(
  db: ReadableDb,
  waveId: string,
  q: { recent: number; failures: number },
): Promise<{ counts: WaveItemCounts; recent: number[]; failures: WaveItemRow[]; buying: WaveItemRow[] }> {
  return withSnapshot(db, async (c) => ({
    counts: await countWaveItems(c, waveId),
    recent: await recentFinishes(c, waveId, q.recent),
    failures: await listWaveItems(c, waveId, { states: ['failed', 'skipped'], limit: q.failures }),
    buying: await listWaveItems(c, waveId, { states: ['buying'], limit: 50 }),
  }));
}

/** The orders of waves not yet over (running or paused) that still wait for or lack a label: no second wave takes them. */
export async function listOrdersInOpenWaves(db: ReadableDb): Promise<string[]> {
  const rows = await db
    .selectFrom('wave_items as wi')
    .innerJoin('waves as w', 'w.id', 'wi.wave_id')
    .select('wi.order_id as orderId')
    .where('w.state', 'in', ['running', 'paused'])
    .where('wi.state', 'in', ['pending', 'buying', 'failed'])
    .execute();
  return rows.map((r) => r.orderId);
}

/** `keepShipment`: the item's label exists (a reprint, a label to finish); otherwise a new one will be saved. */
export async function markItemBuying(db: WritableDb, waveId: string, position: number, at: number, keepShipment = false): Promise<void> {
  await db
    .updateTable('wave_items')
    .set((eb) => ({
      state: 'buying',
      failure: null,
      error_code: null,
      error_message: null,
      field_errors_json: null,
      ...(keepShipment ? {} : { shipment_id: null }),
      tries: eb('tries', '+', 1),
      started_at: at,
      finished_at: null,
    }))
    .where('wave_id', '=', waveId)
    .where('position', '=', position)
    .execute();
}

/** In the transaction that saves the item's shipment and its key, before any request. */
export async function setItemShipment(db: WritableDb, waveId: string, position: number, shipmentId: string): Promise<void> {
  await db.updateTable('wave_items').set({ shipment_id: shipmentId }).where('wave_id', '=', waveId).where('position', '=', position).execute();
}

export async function finishItem(
  db: WritableDb,
  waveId: string,
  position: number,
  f: {
    state: 'done' | 'failed' | 'skipped' | 'pending';
    failure: WaveFailure | null;
    shipmentId?: string | null;
    error: { code: string; message: string; fields?: FieldError[] | undefined } | null;
    at: number;
  },
): Promise<void> {
  await db
    .updateTable('wave_items')
    .set({
      state: f.state,
      failure: f.failure,
      ...(f.shipmentId !== undefined ? { shipment_id: f.shipmentId } : {}),
      error_code: f.error?.code ?? null,
      error_message: f.error?.message ?? null,
      field_errors_json: f.error?.fields && f.error.fields.length > 0 ? JSON.stringify(f.error.fields) : null,
      finished_at: f.state === 'pending' ? null : f.at,
    })
    .where('wave_id', '=', waveId)
    .where('position', '=', position)
    .execute();
}

/** Start-up: an item marked buying whose shipment was never saved bought nothing; it waits again. */
export async function resetUnsavedBuying(db: WritableDb): Promise<number> {
  const r = await db
    .updateTable('wave_items')
    .set({ state: 'pending', started_at: null })
    .where('state', '=', 'buying')
    .where('shipment_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
