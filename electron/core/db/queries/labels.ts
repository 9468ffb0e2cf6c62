import type { LabelState } from '../../../../shared/domain/shipment';
import type { FieldError } from '../../../../shared/result';
import { dialectOf, type ReadableDb, type WritableDb } from '../types';

/** States the workflow still has work to do in; everything else is at rest. */
export const UNFINISHED_LABEL_STATES = ['submitting', 'created', 'document_ready'] as const satisfies readonly LabelState[];

export interface LabelRow {
  shipmentId: string;
  attempt: number;
  idempotencyKey: string;
  requestJson: string;
  state: LabelState;
  labelId: string | null;
  courierOrderNumber: string | null;
  courierTrackingNumber: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  fieldErrors: FieldError[] | null;
  createdAt: number;
  updatedAt: number;
  /** The station that started this attempt; null for one from before warehouse mode. */
  stationId: string | null;
}

interface RawLabelRow extends Omit<LabelRow, 'fieldErrors'> {
  fieldErrorsJson: string | null;
}

const COLUMNS = [
  'shipment_id as shipmentId',
  'attempt',
  'idempotency_key as idempotencyKey',
  'request_json as requestJson',
  'state',
  'label_id as labelId',
  'courier_order_number as courierOrderNumber',
  'courier_tracking_number as courierTrackingNumber',
  'error_code as errorCode',
  'error_message as errorMessage',
  'field_errors_json as fieldErrorsJson',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'station_id as stationId',
] as const;

function fromRaw(r: RawLabelRow): LabelRow {
  const { fieldErrorsJson, ...rest } = r;
  return { ...rest, fieldErrors: fieldErrorsJson ? (JSON.parse(fieldErrorsJson) as FieldError[]) : null };
}

export async function insertLabel(
  db: WritableDb,
  l: { shipmentId: string; attempt: number; idempotencyKey: string; requestJson: string; at: number; stationId?: string | null },
): Promise<void> {
  await db
    .insertInto('labels')
    .values({
      shipment_id: l.shipmentId,
      attempt: l.attempt,
      idempotency_key: l.idempotencyKey,
      request_json: l.requestJson,
      state: 'submitting',
      created_at: l.at,
      updated_at: l.at,
      station_id: l.stationId ?? null,
    })
    .execute();
}

export async function getLabel(db: ReadableDb, shipmentId: string, attempt: number): Promise<LabelRow | undefined> {
  const r = await db
    .selectFrom('labels')
    .select(COLUMNS)
    .where('shipment_id', '=', shipmentId)
    .where('attempt', '=', attempt)
    .executeTakeFirst();
  return r ? fromRaw(r) : undefined;
}

/** Every attempt for a shipment, oldest first (the detail view shows the history of retries). */
export async function listLabelAttempts(db: ReadableDb, shipmentId: string): Promise<LabelRow[]> {
  const rows = await db.selectFrom('labels').select(COLUMNS).where('shipment_id', '=', shipmentId).orderBy('attempt').execute();
  return rows.map(fromRaw);
}

/**
 * Unfinished label attempts, oldest first. With `stationId`, only that
 * station's (and, with `unowned`, those no station has claimed: a SQLite
 * station's history from before warehouse mode); without, every station's.
 */
export async function listUnfinishedLabels(db: ReadableDb, owner?: { stationId: string; unowned: boolean }): Promise<LabelRow[]> {
  let q = db.selectFrom('labels').select(COLUMNS).where('state', 'in', UNFINISHED_LABEL_STATES);
  if (owner) {
    q = q.where((eb) =>
      owner.unowned ? eb.or([eb('station_id', '=', owner.stationId), eb('station_id', 'is', null)]) : eb('station_id', '=', owner.stationId),
    );
  }
  const rows = await q
    .orderBy('created_at')
    .orderBy('shipment_id')
    .orderBy('attempt')
    .execute();
  return rows.map(fromRaw);
}

export interface LabelUpdate {
  state: LabelState;
  labelId?: string | null;
  courierOrderNumber?: string | null;
  courierTrackingNumber?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  fieldErrors?: FieldError[] | null;
  at: number;
}

/**
 * Moves a label to a new state. Fields left out keep their value; the error
 * fields are cleared unless given, so a step that succeeds wipes the last failure.
 */
export async function updateLabel(db: WritableDb, shipmentId: string, attempt: number, u: LabelUpdate): Promise<void> {
  await db
    .updateTable('labels')
    .set({
      state: u.state,
      ...(u.labelId !== undefined ? { label_id: u.labelId } : {}),
      ...(u.courierOrderNumber !== undefined ? { courier_order_number: u.courierOrderNumber } : {}),
      ...(u.courierTrackingNumber !== undefined ? { courier_tracking_number: u.courierTrackingNumber } : {}),
      error_code: u.errorCode ?? null,
      error_message: u.errorMessage ?? null,
      field_errors_json: u.fieldErrors ? JSON.stringify(u.fieldErrors) : null,
      updated_at: u.at,
    })
    .where('shipment_id', '=', shipmentId)
    .where('attempt', '=', attempt)
    .execute();
}

/**
 * An admin's take-over: the unfinished attempt `attempt` of a shipment moves
 * to `stationId`, which then resumes and prints it. Returns the station it
 * belonged to, or undefined when there was no such unfinished attempt (it
 * finished meanwhile, or does not exist).
 */
export async function takeOverLabel(
  db: WritableDb,
  p: { shipmentId: string; attempt: number; stationId: string; at: number },
): Promise<{ from: string | null } | undefined> {
  const q = db
    .selectFrom('labels')
    .select('station_id as stationId')
    .where('shipment_id', '=', p.shipmentId)
    .where('attempt', '=', p.attempt)
    .where('state', 'in', UNFINISHED_LABEL_STATES);
  // PostgreSQL: the row is locked, so a concurrent take-over waits and then sees the new owner.
  const before = await (dialectOf(db) === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
  if (!before) return undefined;
  await db
    .updateTable('labels')
    .set({ station_id: p.stationId, updated_at: p.at })
    .where('shipment_id', '=', p.shipmentId)
    .where('attempt', '=', p.attempt)
    .execute();
  return { from: before.stationId };
}
